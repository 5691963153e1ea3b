package io.wsboot.it.close;

import java.util.Optional;

import io.wsboot.ReadyState;
import io.wsboot.WsConnection;
import io.wsboot.it.AbstractEndToEndTests;
import io.wsboot.it.app.Events;
import io.wsboot.it.app.ItApplication;
import io.wsboot.testfixture.RawWebSocket;
import io.wsboot.testfixture.RawWebSocket.Frame;
import io.wsboot.testfixture.RecordingClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Closing from the server: {@code close} comes after the messages already queued,
 * {@code terminate} drops the connection at once; either way the close callback runs
 * once and nothing more is sent.
 */
@SpringBootTest(classes = ItApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class ServerCloseTests extends AbstractEndToEndTests {

	@Test
	void closeComesAfterTheMessagesAlreadyQueued() {
		RecordingClient client = connect("/feed", "queued");
		WsConnection connection = serverSide("queued");
		String padding = "p".repeat(1000);
		for (int i = 0; i < 500; i++) {
			assertThat(connection.send(i + ":" + padding)).isTrue();
		}
		connection.close(4001, "done for today");
		assertThat(connection.readyState()).isIn(ReadyState.CLOSING, ReadyState.CLOSED);

		assertThat(client.closeStatus().join()).isEqualTo(new RecordingClient.CloseStatus(4001, "done for today"));
		assertThat(client.receivedCount()).isEqualTo(500);
		for (int i = 0; i < 500; i++) {
			assertThat(client.nextText()).isEqualTo(i + ":" + padding);
		}
		await().untilAsserted(() -> assertThat(this.events.closesOf(connection.id()))
			.containsExactly(new Events.Closed("feed", 4001, "done for today")));
		assertThat(connection.readyState()).isEqualTo(ReadyState.CLOSED);
	}

	@Test
	void nothingIsSentOnceCloseWasCalled() throws Exception {
		RawWebSocket client = openRaw("/feed");
		WsConnection connection = serverSide(client);
		assertThat(connection.send("before")).isTrue();
		connection.close();
		assertThat(connection.send("after")).isFalse();
		assertThat(connection.send(new byte[] { 1 })).isFalse();
		connection.close(4002, "second close is ignored");

		assertThat(client.readText()).isEqualTo("before");
		Frame close = client.readFrame();
		assertThat(close.opcode()).isEqualTo(RawWebSocket.CLOSE);
		assertThat(close.closeCode()).isEqualTo(1000);
		client.sendClose(1000, "");
		assertThat(client.readUntilClose()).isEmpty();
		await().untilAsserted(() -> assertThat(this.events.closesOf(connection.id())).singleElement()
			.satisfies((closed) -> assertThat(closed.code()).isEqualTo(1000)));
	}

	@Test
	void terminateDropsTheConnectionAndTheCloseCallbackSees1006() throws Exception {
		RawWebSocket client = openRaw("/feed");
		WsConnection connection = serverSide(client);
		connection.terminate();

		// at best a close frame for peers that still read, then the end of the stream
		Optional<Frame> close = client.readUntilClose();
		close.ifPresent((frame) -> assertThat(frame.closeCode()).isEqualTo(1001));
		await().untilAsserted(() -> assertThat(this.events.closesOf(connection.id())).singleElement()
			.satisfies((closed) -> assertThat(closed.code()).isEqualTo(1006)));
		assertThat(connection.readyState()).isEqualTo(ReadyState.CLOSED);
		assertThat(connection.send("too late")).isFalse();
		connection.terminate();
		assertThat(this.events.closesOf(connection.id())).hasSize(1);
	}

	@Test
	void closeCodesThatMayNotBeSentAreRejected() {
		connect("/feed", "codes");
		WsConnection connection = serverSide("codes");
		for (int code : new int[] { 999, 1004, 1005, 1006, 1015, 2000, 5000 }) {
			assertThatIllegalArgumentException().as("code %d", code).isThrownBy(() -> connection.close(code, ""));
		}
		assertThatIllegalArgumentException().isThrownBy(() -> connection.close(1000, "x".repeat(124)));
		assertThat(connection.isOpen()).isTrue();
	}

	@Test
	void clientCloseCodeAndReasonReachTheCloseCallback() throws Exception {
		RawWebSocket client = openRaw("/feed");
		WsConnection connection = serverSide(client);
		Optional<Frame> reply = client.closeHandshake(4321, "client leaves");
		assertThat(reply).isPresent();
		assertThat(reply.get().closeCode()).isEqualTo(4321);
		await().untilAsserted(() -> assertThat(this.events.closesOf(connection.id()))
			.containsExactly(new Events.Closed("feed", 4321, "client leaves")));
	}

}
