package io.wsboot.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.web.socket.CloseStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Frame}.
 */
class FrameTests {

	@ParameterizedTest
	@ValueSource(strings = { "", "hello", "h\u00e9llo", "\u00ff\u07ff", "\u0800\u20ac\uffff", "\ud83d\ude00",
			"a\ud83d\ude00b\u00e9\u4e2d" })
	void utf8LengthMatchesTheEncodedLength(String text) {
		assertThat(Frame.utf8Length(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
	}

	@Test
	void utf8LengthMatchesTheEncodedLengthOfRandomText() {
		Random random = new Random(20250101);
		// ASCII, two-byte, three-byte (both sides of the surrogates) and four-byte code
		// points, the last written as surrogate pairs
		int[][] ranges = { { 0x00, 0x7f }, { 0x80, 0x7ff }, { 0x800, 0xd7ff }, { 0xe000, 0xffff },
				{ 0x10000, 0x10ffff } };
		for (int round = 0; round < 5000; round++) {
			StringBuilder text = new StringBuilder();
			int length = random.nextInt(40);
			for (int i = 0; i < length; i++) {
				int[] range = ranges[random.nextInt(ranges.length)];
				text.appendCodePoint(range[0] + random.nextInt(range[1] - range[0] + 1));
			}
			String value = text.toString();
			assertThat(Frame.utf8Length(value)).as("length of %s", value.codePoints().boxed().toList())
				.isEqualTo(value.getBytes(StandardCharsets.UTF_8).length);
		}
	}

	@Test
	void textFrameSizeIsItsUtf8Length() {
		Frame frame = Frame.text("\u20ac1");
		assertThat(frame.type()).isEqualTo(Frame.Type.TEXT);
		assertThat(frame.size()).isEqualTo(4);
		assertThat(frame.text()).isEqualTo("\u20ac1");
	}

	@Test
	void binaryFrameGivesEachReaderItsOwnPosition() {
		Frame frame = Frame.binary(ByteBuffer.wrap(new byte[] { 1, 2, 3 }));
		assertThat(frame.size()).isEqualTo(3);
		ByteBuffer first = frame.data();
		first.get();
		first.get();
		assertThat(frame.data().remaining()).isEqualTo(3);
	}

	@Test
	void pingAndCloseFrames() {
		assertThat(Frame.ping(ByteBuffer.allocate(5)).size()).isEqualTo(5);
		Frame close = Frame.close(new CloseStatus(4000, "bye"));
		assertThat(close.type()).isEqualTo(Frame.Type.CLOSE);
		assertThat(close.size()).isZero();
		assertThat(close.closeStatus().getCode()).isEqualTo(4000);
	}

}
