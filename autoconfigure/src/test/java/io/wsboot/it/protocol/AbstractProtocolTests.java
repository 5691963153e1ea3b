package io.wsboot.it.protocol;

import java.util.List;
import java.util.Optional;

import io.wsboot.WsConnection;
import io.wsboot.it.AbstractEndToEndTests;
import io.wsboot.testfixture.RawWebSocket;
import io.wsboot.testfixture.RawWebSocket.Frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Base of the protocol tests: sends frames from a raw client to the echo endpoint and
 * checks how the server fails the connection.
 */
abstract class AbstractProtocolTests extends AbstractEndToEndTests {

	/**
	 * Send frames to a fresh echo connection and expect the server to fail it: a close
	 * frame with the code, the close callback run once with it, no message given to the
	 * handler, the connection out of the registry, and the server still serving.
	 * @param code the close code expected
	 * @param frames the frames to send, in one write
	 */
	protected void assertFailsWith(int code, Frame... frames) throws Exception {
		int handledBefore = this.events.messages("echo");
		RawWebSocket client = openRaw("/echo");
		WsConnection connection = serverSide(client);
		client.sendAll(List.of(frames));
		assertThat(closeCode(client)).as("close code answering %s", List.of(frames)).isEqualTo(code);
		assertClosedOnceWith(connection, code);
		assertThat(this.events.messages("echo")).as("messages given to the handler").isEqualTo(handledBefore);
		assertStillServing();
	}

	/**
	 * Read until the server's close frame and return its code.
	 * @param client the client
	 * @return the code
	 */
	protected static int closeCode(RawWebSocket client) throws Exception {
		Optional<Frame> close = client.readUntilClose();
		assertThat(close).as("close frame from the server").isPresent();
		return close.get().closeCode();
	}

	/**
	 * Wait for the close callback of a connection, expect it to have run once with a
	 * code, and the connection to have left the registry.
	 * @param connection the server-side connection
	 * @param code the code the close callback must have been given
	 */
	protected void assertClosedOnceWith(WsConnection connection, int code) {
		await().untilAsserted(() -> assertThat(this.events.closesOf(connection.id())).singleElement()
			.satisfies((closed) -> assertThat(closed.code()).as("code given to the close callback").isEqualTo(code)));
		await().untilAsserted(() -> assertThat(this.registry.find(connection.id())).isEmpty());
	}

	/**
	 * Expect a new client to be echoed.
	 */
	protected void assertStillServing() throws Exception {
		try (RawWebSocket client = raw("/echo").open()) {
			client.sendText("still serving");
			assertThat(client.readText()).isEqualTo("still serving");
		}
	}

}
