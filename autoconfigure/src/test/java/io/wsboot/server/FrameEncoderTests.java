package io.wsboot.server;

import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link FrameEncoder}.
 */
class FrameEncoderTests {

	@Test
	void payloadLengthsUseTheShortestHeader() {
		assertHeader(0, 2, new int[] { 0x82, 0 });
		assertHeader(125, 2, new int[] { 0x82, 125 });
		assertHeader(126, 4, new int[] { 0x82, 126, 0, 126 });
		assertHeader(65535, 4, new int[] { 0x82, 126, 0xFF, 0xFF });
		assertHeader(65536, 10, new int[] { 0x82, 127, 0, 0, 0, 0, 0, 1, 0, 0 });
	}

	private void assertHeader(int length, int headerLength, int[] header) {
		byte[] payload = new byte[length];
		Arrays.fill(payload, (byte) 7);
		byte[] frame = FrameEncoder.binary(payload, 0, length, false);
		assertThat(frame).hasSize(headerLength + length);
		for (int i = 0; i < header.length; i++) {
			assertThat(frame[i] & 0xFF).as("header byte %d", i).isEqualTo(header[i]);
		}
		Decoded decoded = Decoded.of(frame);
		assertThat(decoded.payload).isEqualTo(payload);
	}

	@Test
	void textOfEveryUtf8LengthRoundTripsThroughTheJdkDecoder() throws Exception {
		for (String text : new String[] { "", "hello", "h\u00e9llo", "\u20ac uro", "\ud83d\ude00 smile",
				"mixed a\u00e9\u20ac\ud83d\ude00\udbff\udfff".repeat(20), "x".repeat(70000) }) {
			byte[] frame = FrameEncoder.text(text);
			Decoded decoded = Decoded.of(frame);
			assertThat(decoded.opcode).isEqualTo(1);
			assertThat(decoded.fin).isTrue();
			assertThat(decoded.rsv1).isFalse();
			String back = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(decoded.payload))
				.toString();
			assertThat(back).isEqualTo(text);
			assertThat(FrameEncoder.utf8Length(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
		}
	}

	@Test
	void unpairedSurrogateIsEncodedAsTheJdkDoes() {
		String text = "a\ud800b\udc00";
		assertThat(Decoded.of(FrameEncoder.text(text)).payload).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
		assertThat(FrameEncoder.utf8Length(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
	}

	@Test
	void binaryFromByteBufferLeavesItsPositionAlone() {
		ByteBuffer buffer = ByteBuffer.wrap(new byte[] { 1, 2, 3, 4, 5 });
		buffer.position(1).limit(4);
		Decoded decoded = Decoded.of(FrameEncoder.binary(buffer));
		assertThat(decoded.opcode).isEqualTo(2);
		assertThat(decoded.payload).containsExactly(2, 3, 4);
		assertThat(buffer.position()).isEqualTo(1);
		assertThat(buffer.limit()).isEqualTo(4);
	}

	@Test
	void rsv1AndOpcodeAreSetAsAsked() {
		Decoded decoded = Decoded.of(FrameEncoder.frame(1, true, new byte[] { 9, 9, 9 }, 1, 2));
		assertThat(decoded.opcode).isEqualTo(1);
		assertThat(decoded.rsv1).isTrue();
		assertThat(decoded.payload).containsExactly(9, 9);
	}

	@Test
	void closeCarriesTheCodeAndReason() {
		Decoded decoded = Decoded.of(FrameEncoder.close(1001, "bye \u00e9"));
		assertThat(decoded.opcode).isEqualTo(8);
		assertThat(decoded.payload).startsWith(0x03, 0xE9);
		assertThat(new String(decoded.payload, 2, decoded.payload.length - 2, StandardCharsets.UTF_8))
			.isEqualTo("bye \u00e9");
	}

	@Test
	void closeWithNoStatusCodeHasAnEmptyPayload() {
		assertThat(FrameEncoder.close(1005, "ignored")).containsExactly(0x88, 0);
		assertThat(FrameEncoder.close(1006, "")).containsExactly(0x88, 0);
	}

	@Test
	void closeReasonLongerThan123BytesIsRefused() {
		assertThat(Decoded.of(FrameEncoder.close(1000, "x".repeat(123))).payload).hasSize(125);
		assertThatIllegalArgumentException().isThrownBy(() -> FrameEncoder.close(1000, "x".repeat(124)));
	}

	@Test
	void pingAndPongCarryTheirPayload() {
		Decoded ping = Decoded.of(FrameEncoder.ping(new byte[] { 1, 2 }));
		assertThat(ping.opcode).isEqualTo(9);
		assertThat(ping.payload).containsExactly(1, 2);
		Decoded pong = Decoded.of(FrameEncoder.pong(new byte[] { 1, 2, 3 }, 1, 2));
		assertThat(pong.opcode).isEqualTo(10);
		assertThat(pong.payload).containsExactly(2, 3);
		assertThatIllegalArgumentException().isThrownBy(() -> FrameEncoder.ping(new byte[126]));
	}

	/**
	 * A tiny decoder of one whole unmasked frame, for these tests only.
	 */
	static final class Decoded {

		int opcode;

		boolean fin;

		boolean rsv1;

		byte[] payload;

		static Decoded of(byte[] frame) {
			Decoded decoded = new Decoded();
			decoded.fin = (frame[0] & 0x80) != 0;
			decoded.rsv1 = (frame[0] & 0x40) != 0;
			decoded.opcode = frame[0] & 0x0F;
			assertThat(frame[0] & 0x30).isZero();
			assertThat(frame[1] & 0x80).as("a server frame is not masked").isZero();
			long length = frame[1] & 0x7F;
			int at = 2;
			if (length == 126) {
				length = ((frame[2] & 0xFF) << 8) | (frame[3] & 0xFF);
				assertThat(length).as("minimal encoding").isGreaterThan(125);
				at = 4;
			}
			else if (length == 127) {
				length = 0;
				for (int i = 2; i < 10; i++) {
					length = (length << 8) | (frame[i] & 0xFF);
				}
				assertThat(length).as("minimal encoding").isGreaterThan(65535);
				at = 10;
			}
			assertThat(frame.length - at).as("frame holds exactly its payload").isEqualTo(length);
			decoded.payload = Arrays.copyOfRange(frame, at, frame.length);
			return decoded;
		}

	}

}
