package io.wsboot.it.errors;

import io.wsboot.WsConnection;
import io.wsboot.it.AbstractEndToEndTests;
import io.wsboot.it.app.ItApplication;
import io.wsboot.testfixture.RecordingClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code ws.endpoints.failing.close-on-error=false}, a callback that throws is
 * logged and the connection stays open.
 */
@SpringBootTest(classes = ItApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "ws.endpoints.failing.close-on-error=false")
@ExtendWith(OutputCaptureExtension.class)
class CloseOnErrorDisabledTests extends AbstractEndToEndTests {

	@Test
	void throwingCallbackLeavesTheConnectionOpen(CapturedOutput output) {
		RecordingClient client = connect("/failing", "survivor");
		WsConnection connection = serverSide("survivor");
		client.sendText("boom");
		client.sendText("after the failure");
		assertThat(client.nextText()).isEqualTo("after the failure");
		assertThat(connection.isOpen()).isTrue();
		assertThat(client.closeStatus()).isNotDone();
		assertThat(output).contains("Endpoint 'failing' failed handling message on connection '" + connection.id()
				+ "'", "Handler failed on purpose")
			.doesNotContain("closing it with 1011");
	}

}
