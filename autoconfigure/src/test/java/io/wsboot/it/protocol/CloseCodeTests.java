package io.wsboot.it.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import io.wsboot.WsConnection;
import io.wsboot.it.app.Events;
import io.wsboot.it.app.ItApplication;
import io.wsboot.testfixture.RawWebSocket;
import io.wsboot.testfixture.RawWebSocket.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * RFC 6455 sections 5.5.1 and 7.4 (Autobahn case 7): a close frame with a code a peer may
 * send is answered with the same code, and its code and reason reach the close callback;
 * a code that may not be sent, a payload of one byte, or a reason that is not UTF-8 fails
 * the connection.
 */
@SpringBootTest(classes = ItApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class CloseCodeTests extends AbstractProtocolTests {

	@ParameterizedTest(name = "code {0}")
	@ValueSource(ints = { 1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999 })
	void validCloseCodeIsEchoedAndReachesTheCloseCallback(int code) throws Exception {
		RawWebSocket client = openRaw("/echo");
		WsConnection connection = serverSide(client);
		Optional<Frame> reply = client.closeHandshake(code, "bye " + code);
		assertThat(reply).as("close reply").isPresent();
		assertThat(reply.get().closeCode()).isEqualTo(code);
		await().untilAsserted(() -> assertThat(this.events.closesOf(connection.id()))
			.containsExactly(new Events.Closed("echo", code, "bye " + code)));
		awaitCount("echo", 0);
	}

	@Test
	void closeWithoutACodeIsAnsweredWith1000() throws Exception {
		RawWebSocket client = openRaw("/echo");
		WsConnection connection = serverSide(client);
		client.send(Frame.of(RawWebSocket.CLOSE, new byte[0]));
		Optional<Frame> reply = client.readUntilClose();
		assertThat(reply).as("close reply").isPresent();
		// RFC 6455 leaves the answer's code open; Autobahn (7.3.1) takes none or 1000
		assertThat(reply.get().closeCode()).isEqualTo(1000);
		await().untilAsserted(() -> assertThat(this.events.closesOf(connection.id())).hasSize(1));
		awaitCount("echo", 0);
	}

	@Test
	void closeWithoutACodeReachesTheCloseCallbackAs1005() throws Exception {
		RawWebSocket client = openRaw("/echo");
		WsConnection connection = serverSide(client);
		client.send(Frame.of(RawWebSocket.CLOSE, new byte[0]));
		assertThat(client.readUntilClose()).isPresent();
		assertClosedOnceWith(connection, 1005);
	}

	@Test
	void closeWithTheLongestReasonIsEchoed() throws Exception {
		RawWebSocket client = openRaw("/echo");
		WsConnection connection = serverSide(client);
		// 2 bytes of code and 123 of reason: the most a control frame holds
		String reason = "r".repeat(123);
		Optional<Frame> reply = client.closeHandshake(1000, reason);
		assertThat(reply).isPresent();
		assertThat(reply.get().closeCode()).isEqualTo(1000);
		await().untilAsserted(() -> assertThat(this.events.closesOf(connection.id()))
			.containsExactly(new Events.Closed("echo", 1000, reason)));
	}

	@ParameterizedTest(name = "code {0}")
	@ValueSource(ints = { 0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535 })
	void invalidCloseCodeFailsWith1002(int code) throws Exception {
		assertFailsWith(1002, Frame.close(code, ""));
	}

	@ParameterizedTest(name = "code {0}")
	@ValueSource(ints = { 1012, 1013, 1014 })
	void codeRegisteredAfterRfc6455FailsWith1002(int code) throws Exception {
		// service restart, try again later, bad gateway: in the IANA registry but not in
		// RFC 6455, whose reserved range Tomcat enforces (ws would accept them)
		assertFailsWith(1002, Frame.close(code, ""));
	}

	@Test
	void closePayloadOfOneByteFailsWith1002() throws Exception {
		assertFailsWith(1002, Frame.of(RawWebSocket.CLOSE, new byte[] { 0x03 }));
	}

	@Test
	void closePayloadOf126BytesFailsWith1002() throws Exception {
		assertFailsWith(1002, Frame.close(1000, "r".repeat(124)));
	}

	@Test
	void closeReasonThatIsNotUtf8FailsTheConnection() throws Exception {
		// "κόσμε" and U+D800, a surrogate, which UTF-8 may not encode. Autobahn (7.5.1)
		// invalid UTF-8 data: 1007 (RFC 6455 section 7.4.1), as Autobahn expects
		byte[] reason = { (byte) 0xCE, (byte) 0xBA, (byte) 0xE1, (byte) 0xBD, (byte) 0xB9, (byte) 0xCF, (byte) 0x83,
				(byte) 0xCE, (byte) 0xBC, (byte) 0xCE, (byte) 0xB5, (byte) 0xED, (byte) 0xA0, (byte) 0x80 };
		byte[] payload = new byte[2 + reason.length];
		payload[0] = (byte) (1000 >> 8);
		payload[1] = (byte) (1000 & 0xFF);
		System.arraycopy(reason, 0, payload, 2, reason.length);
		assertFailsWith(1007, Frame.of(RawWebSocket.CLOSE, payload));
	}

	@Test
	void closeReasonInUtf8ReachesTheCloseCallback() throws Exception {
		RawWebSocket client = openRaw("/echo");
		WsConnection connection = serverSide(client);
		String reason = "κόσμε 日本 🎉";
		assertThat(reason.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(123);
		client.closeHandshake(4000, reason);
		await().untilAsserted(() -> assertThat(this.events.closesOf(connection.id()))
			.containsExactly(new Events.Closed("echo", 4000, reason)));
	}

}
