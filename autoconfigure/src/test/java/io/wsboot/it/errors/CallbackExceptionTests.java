package io.wsboot.it.errors;

import io.wsboot.WsConnection;
import io.wsboot.it.AbstractEndToEndTests;
import io.wsboot.it.app.Events;
import io.wsboot.it.app.ItApplication;
import io.wsboot.testfixture.RecordingClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A callback that throws closes its own connection with 1011 and no other: the other
 * connections of the same endpoint keep working.
 */
@SpringBootTest(classes = ItApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class CallbackExceptionTests extends AbstractEndToEndTests {

	@Test
	void throwingTextCallbackClosesThatConnectionWith1011AndAnotherKeepsWorking(CapturedOutput output) {
		RecordingClient failing = connect("/failing", "failing");
		RecordingClient other = connect("/failing", "other");
		WsConnection failingConnection = serverSide("failing");
		WsConnection otherConnection = serverSide("other");

		failing.sendText("fine");
		assertThat(failing.nextText()).isEqualTo("fine");
		failing.sendText("boom");

		assertThat(failing.closeStatus().join()).isEqualTo(new RecordingClient.CloseStatus(1011, "Internal error"));
		await().untilAsserted(() -> assertThat(this.events.closesOf(failingConnection.id()))
			.containsExactly(new Events.Closed("failing", 1011, "Internal error")));
		assertThat(this.registry.find(failingConnection.id())).isEmpty();

		for (int i = 0; i < 3; i++) {
			other.sendText("still fine " + i);
			assertThat(other.nextText()).isEqualTo("still fine " + i);
		}
		assertThat(otherConnection.isOpen()).isTrue();
		assertThat(this.registry.count("failing")).isEqualTo(1);
		// without an error callback the starter logs the failure, naming the connection
		assertThat(output).contains("Endpoint 'failing' failed handling message on connection '"
				+ failingConnection.id() + "'; closing it with 1011", "Handler failed on purpose");
	}

	@Test
	void throwingOpenCallbackClosesThatConnectionWith1011() {
		RecordingClient failing = connect("/failing?fail=open", "failing-open");
		RecordingClient other = connect("/failing", "other-open");

		assertThat(failing.closeStatus().join().code()).isEqualTo(1011);
		other.sendText("unaffected");
		assertThat(other.nextText()).isEqualTo("unaffected");
		awaitCount("failing", 1);
	}

	@Test
	void errorCallbackIsGivenWhatTheTextCallbackThrew(CapturedOutput output) {
		RecordingClient guarded = connect("/guarded", "guarded");
		RecordingClient other = connect("/guarded", "guarded-other");
		WsConnection connection = serverSide("guarded");

		guarded.sendText("boom");

		assertThat(guarded.closeStatus().join().code()).isEqualTo(1011);
		assertThat(this.events.errorsOf(connection.id())).singleElement()
			.satisfies((error) -> assertThat(error).isInstanceOf(IllegalStateException.class)
				.hasMessage("Handler failed on purpose"));
		other.sendText("unaffected");
		assertThat(other.nextText()).isEqualTo("unaffected");
		// the error callback took it: nothing logged
		assertThat(output).doesNotContain("failed handling message");
	}

}
