package io.wsboot.it.protocol;

import java.nio.charset.StandardCharsets;

import io.wsboot.WsConnection;
import io.wsboot.it.app.ItApplication;
import io.wsboot.testfixture.RawWebSocket;
import io.wsboot.testfixture.RawWebSocket.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 6455 section 5.2 (Autobahn cases 3 and 4): a frame with a reserved bit that no
 * negotiated extension defines, a reserved opcode, or a client frame without a mask fails
 * the connection with 1002 (protocol error) before anything reaches the handler.
 */
@SpringBootTest(classes = ItApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class ReservedBitsAndOpcodesTests extends AbstractProtocolTests {

	private static final byte[] HELLO = "hello".getBytes(StandardCharsets.UTF_8);

	@ParameterizedTest(name = "RSV bits {0}")
	@ValueSource(ints = { 1, 2, 3, 4, 5, 6, 7 })
	void textFrameWithReservedBitsFailsWith1002(int rsv) throws Exception {
		// RSV1 (4) would mean compressed: permessage-deflate is not negotiated here
		assertFailsWith(1002, Frame.text("hello").withRsv(rsv));
	}

	@ParameterizedTest(name = "RSV bits {0}")
	@ValueSource(ints = { 1, 2, 4 })
	void binaryFrameWithReservedBitsFailsWith1002(int rsv) throws Exception {
		assertFailsWith(1002, Frame.binary(HELLO).withRsv(rsv));
	}

	@ParameterizedTest(name = "RSV bits {0}")
	@ValueSource(ints = { 1, 2, 4 })
	void pingWithReservedBitsFailsWith1002(int rsv) throws Exception {
		assertFailsWith(1002, Frame.ping(HELLO).withRsv(rsv));
	}

	@Test
	void reservedBitsAfterAValidMessageFailWith1002AndTheValidOneIsEchoed() throws Exception {
		RawWebSocket client = openRaw("/echo");
		client.sendText("valid");
		client.send(Frame.text("invalid").withRsv(1));
		assertThat(client.readText()).isEqualTo("valid");
		assertThat(closeCode(client)).isEqualTo(1002);
	}

	@ParameterizedTest(name = "opcode {0}")
	@ValueSource(ints = { 3, 4, 5, 6, 7 })
	void reservedDataOpcodeFailsWith1002(int opcode) throws Exception {
		assertFailsWith(1002, Frame.of(opcode, HELLO));
	}

	@ParameterizedTest(name = "opcode {0}")
	@ValueSource(ints = { 11, 12, 13, 14, 15 })
	void reservedControlOpcodeFailsWith1002(int opcode) throws Exception {
		assertFailsWith(1002, Frame.of(opcode, HELLO));
	}

	@Test
	void reservedOpcodeWithAnEmptyPayloadFailsWith1002() throws Exception {
		assertFailsWith(1002, Frame.of(3, new byte[0]));
	}

	@Test
	void unmaskedTextFrameFailsWith1002() throws Exception {
		assertUnmaskedFailsWith1002(Frame.text("hello"));
	}

	@Test
	void unmaskedBinaryFrameFailsWith1002() throws Exception {
		assertUnmaskedFailsWith1002(Frame.binary(HELLO));
	}

	@Test
	void unmaskedPingFailsWith1002() throws Exception {
		assertUnmaskedFailsWith1002(Frame.ping(HELLO));
	}

	@Test
	void unmaskedCloseFailsWith1002() throws Exception {
		assertUnmaskedFailsWith1002(Frame.close(1000, ""));
	}

	private void assertUnmaskedFailsWith1002(Frame frame) throws Exception {
		int handledBefore = this.events.messages("echo");
		RawWebSocket client = openRaw("/echo");
		WsConnection connection = serverSide(client);
		client.sendUnmasked(frame);
		assertThat(closeCode(client)).isEqualTo(1002);
		assertClosedOnceWith(connection, 1002);
		assertThat(this.events.messages("echo")).isEqualTo(handledBefore);
		assertStillServing();
	}

}
