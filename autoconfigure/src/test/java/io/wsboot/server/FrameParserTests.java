package io.wsboot.server;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FrameParser}.
 */
class FrameParserTests {

	private static final byte[] MASK = { 0x37, (byte) 0xFA, 0x21, 0x3D };

	@Test
	void maskedPayloadIsUnmasked() {
		// RFC 6455 5.7: a masked "Hello"
		byte[] frame = HexFormat.of().parseHex("818537fa213d7f9f4d5158");
		Recorder recorder = parse(frame);
		assertThat(recorder.events).containsExactly("start 1 fin=true rsv1=false 5", "data Hello", "end true");
	}

	@Test
	void everySplitOfAStreamGivesTheSameEventsAsOneFeed() {
		byte[] stream = sampleStream();
		List<String> whole = parse(stream).merged();
		Recorder byteByByte = new Recorder();
		FrameParser parser = new FrameParser(byteByByte, Long.MAX_VALUE, true);
		byte[] copy = stream.clone();
		for (int i = 0; i < copy.length; i++) {
			parser.feed(copy, i, 1);
		}
		assertThat(byteByByte.merged()).isEqualTo(whole);
		for (long seed = 1; seed <= 20; seed++) {
			Random random = new Random(seed);
			Recorder recorder = new Recorder();
			parser = new FrameParser(recorder, Long.MAX_VALUE, true);
			copy = stream.clone();
			int pos = 0;
			while (pos < copy.length) {
				int n = Math.min(copy.length - pos, random.nextInt(300));
				parser.feed(copy, pos, n);
				pos += n;
			}
			assertThat(recorder.merged()).as("seed %d", seed).isEqualTo(whole);
		}
		assertThat(whole).hasSize(17).noneMatch((event) -> event.startsWith("error"));
	}

	private static byte[] sampleStream() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		write(out, 0x81, payload(0));
		write(out, 0x82, payload(125));
		write(out, 0xC1, payload(126));
		// a fragmented message with a ping between its fragments
		write(out, 0x01, payload(3));
		write(out, 0x89, payload(4));
		write(out, 0x80, payload(65536));
		write(out, 0x8A, payload(0));
		write(out, 0x88, HexFormat.of().parseHex("03e8"));
		return out.toByteArray();
	}

	@Test
	void lengthsOf7And16And64BitsAreRead() {
		for (int length : new int[] { 0, 1, 125, 126, 65535, 65536, 70000 }) {
			Recorder recorder = parse(frame(0x82, payload(length)));
			if (length == 0) {
				assertThat(recorder.merged()).containsExactly("start 2 fin=true rsv1=false 0", "end true");
			}
			else {
				assertThat(recorder.merged()).containsExactly("start 2 fin=true rsv1=false " + length,
						"data " + hex(payload(length)), "end true");
			}
		}
	}

	@Test
	void controlFrameBetweenFragmentsIsDelivered() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		write(out, 0x01, "Hel".getBytes());
		write(out, 0x89, "p".getBytes());
		write(out, 0x80, "lo".getBytes());
		Recorder recorder = parse(out.toByteArray());
		assertThat(recorder.events).containsExactly("start 1 fin=false rsv1=false 3", "data Hel", "end false",
				"control 9 70", "start 0 fin=true rsv1=false 2", "data lo", "end true");
	}

	@Test
	void protocolErrorsAreReportedWith1002() {
		assertError(frameUnmasked(0x81, "hi".getBytes()), "Unmasked client frame");
		assertError(frame(0xA1, payload(1)), "RSV2 or RSV3 set");
		assertError(frame(0x91, payload(1)), "RSV2 or RSV3 set");
		assertError(frame(0xC1, payload(1)), false, "RSV1 set without permessage-deflate");
		assertError(concat(frame(0x41, payload(1)), frame(0xC0, payload(1))), "RSV1 set on a continuation frame");
		assertError(frame(0xC9, payload(1)), "RSV1 set on a control frame");
		for (int opcode : new int[] { 3, 4, 5, 6, 7, 11, 12, 13, 14, 15 }) {
			assertError(frame(0x80 | opcode, payload(1)), "Unknown opcode " + opcode);
		}
		assertError(frame(0x09, payload(1)), "Fragmented control frame");
		assertError(frame(0x89, payload(126)), "Control frame payload longer than 125 bytes");
		assertError(HexFormat.of().parseHex("82ff8000000000000000" + "00000000"),
				"64-bit payload length with the most significant bit set");
		assertError(frame(0x80, payload(1)), "Continuation frame without a message");
		assertError(concat(frame(0x01, payload(1)), frame(0x81, payload(1))),
				"New data frame while a fragmented message is open");
		assertError(frame(0x88, payload(1)), "Close frame with a 1-byte payload");
	}

	@Test
	void frameLongerThanTheMaxMessageSizeGives1009AtItsHeader() {
		byte[] frame = frame(0x82, payload(1001));
		Recorder recorder = new Recorder();
		FrameParser parser = new FrameParser(recorder, 1000, false);
		// only the header: no payload has arrived yet
		parser.feed(frame, 0, 8);
		assertThat(recorder.events).containsExactly("error 1009 Message too big");
		assertThat(parser.isFailed()).isTrue();
		Recorder atLimit = parse(frame(0x82, payload(1000)), 1000);
		assertThat(atLimit.merged()).doesNotContain("error 1009 Message too big");
	}

	@Test
	void inputAfterAnErrorIsIgnored() {
		Recorder recorder = new Recorder();
		FrameParser parser = new FrameParser(recorder, Long.MAX_VALUE, false);
		byte[] bad = frame(0x83, payload(1));
		parser.feed(bad, 0, bad.length);
		byte[] good = frame(0x81, "ok".getBytes());
		parser.feed(good, 0, good.length);
		assertThat(recorder.events).containsExactly("error 1002 Unknown opcode 3");
		assertThat(parser.isFailed()).isTrue();
	}

	@Test
	void stopDuringACallbackEndsTheFeed() {
		Recorder recorder = new Recorder();
		FrameParser[] holder = new FrameParser[1];
		FrameParser parser = new FrameParser(new Recorder() {
			@Override
			public void onDataFrameStart(int opcode, boolean fin, boolean rsv1, long length) {
				recorder.onDataFrameStart(opcode, fin, rsv1, length);
				holder[0].stop();
			}
		}, Long.MAX_VALUE, false);
		holder[0] = parser;
		byte[] frames = concat(frame(0x81, "a".getBytes()), frame(0x81, "b".getBytes()));
		parser.feed(frames, 0, frames.length);
		assertThat(recorder.events).containsExactly("start 1 fin=true rsv1=false 1");
		assertThat(parser.isFailed()).isTrue();
	}

	private static void assertError(byte[] input, String reason) {
		assertError(input, true, reason);
	}

	private static void assertError(byte[] input, boolean deflate, String reason) {
		Recorder recorder = new Recorder();
		FrameParser parser = new FrameParser(recorder, Long.MAX_VALUE, deflate);
		parser.feed(input, 0, input.length);
		assertThat(recorder.events).last().isEqualTo("error 1002 " + reason);
		assertThat(recorder.events.stream().filter((event) -> event.startsWith("error"))).hasSize(1);
		assertThat(parser.isFailed()).isTrue();
	}

	private static Recorder parse(byte[] input) {
		return parse(input, Long.MAX_VALUE);
	}

	private static Recorder parse(byte[] input, long max) {
		Recorder recorder = new Recorder();
		new FrameParser(recorder, max, true).feed(input.clone(), 0, input.length);
		return recorder;
	}

	private static byte[] payload(int length) {
		byte[] payload = new byte[length];
		new Random(length).nextBytes(payload);
		return payload;
	}

	private static byte[] frame(int first, byte[] payload) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		write(out, first, payload);
		return out.toByteArray();
	}

	private static void write(ByteArrayOutputStream out, int first, byte[] payload) {
		out.write(first);
		writeLength(out, 0x80, payload.length);
		out.writeBytes(MASK);
		for (int i = 0; i < payload.length; i++) {
			out.write(payload[i] ^ MASK[i & 3]);
		}
	}

	private static byte[] frameUnmasked(int first, byte[] payload) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(first);
		writeLength(out, 0, payload.length);
		out.writeBytes(payload);
		return out.toByteArray();
	}

	private static void writeLength(ByteArrayOutputStream out, int maskBit, int length) {
		if (length <= 125) {
			out.write(maskBit | length);
		}
		else if (length <= 65535) {
			out.write(maskBit | 126);
			out.write(length >>> 8);
			out.write(length);
		}
		else {
			out.write(maskBit | 127);
			for (int i = 7; i >= 0; i--) {
				out.write((int) ((long) length >>> (8 * i)));
			}
		}
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] both = new byte[a.length + b.length];
		System.arraycopy(a, 0, both, 0, a.length);
		System.arraycopy(b, 0, both, a.length, b.length);
		return both;
	}

	private static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}

	/**
	 * Records the events as strings; payload text is ASCII in {@link #events}.
	 */
	static class Recorder implements FrameParser.Listener {

		final List<String> events = new ArrayList<>();

		@Override
		public void onDataFrameStart(int opcode, boolean fin, boolean rsv1, long length) {
			this.events.add("start " + opcode + " fin=" + fin + " rsv1=" + rsv1 + " " + length);
		}

		@Override
		public void onDataPayload(byte[] buf, int off, int len) {
			assertThat(len).isPositive();
			this.events.add("data " + new String(buf, off, len, java.nio.charset.StandardCharsets.ISO_8859_1));
		}

		@Override
		public void onDataFrameEnd(boolean fin) {
			this.events.add("end " + fin);
		}

		@Override
		public void onControlFrame(int opcode, byte[] payload, int off, int len) {
			this.events.add("control " + opcode + " " + HexFormat.of().formatHex(payload, off, off + len));
		}

		@Override
		public void onProtocolError(int code, String reason) {
			this.events.add("error " + code + " " + reason);
		}

		/**
		 * The events with the data chunks of each frame joined into one, in hex.
		 */
		List<String> merged() {
			List<String> merged = new ArrayList<>();
			StringBuilder data = null;
			for (String event : this.events) {
				if (event.startsWith("data ")) {
					if (data == null) {
						data = new StringBuilder();
					}
					data.append(HexFormat.of()
						.formatHex(event.substring(5).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
					continue;
				}
				if (data != null) {
					merged.add("data " + data);
					data = null;
				}
				merged.add(event);
			}
			if (data != null) {
				merged.add("data " + data);
			}
			return merged;
		}

	}

}
