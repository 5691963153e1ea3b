package io.wsboot.server;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import org.junit.jupiter.api.Test;

import io.wsboot.server.PerMessageDeflate.InflateException;
import io.wsboot.server.PerMessageDeflate.Negotiated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link PerMessageDeflate}.
 */
class PerMessageDeflateTests {

	private static final byte[] TRAILER = { 0, 0, (byte) 0xFF, (byte) 0xFF };

	@Test
	void plainOfferIsAnsweredWithServerNoContextTakeover() {
		Negotiated negotiated = PerMessageDeflate.negotiate(List.of("permessage-deflate"));
		assertThat(negotiated).isEqualTo(
				new Negotiated(false, 15, 15, "permessage-deflate; server_no_context_takeover"));
	}

	@Test
	void autobahnOffersAreAccepted() {
		assertThat(response("permessage-deflate; client_no_context_takeover"))
			.isEqualTo("permessage-deflate; server_no_context_takeover; client_no_context_takeover");
		assertThat(response("permessage-deflate; server_max_window_bits=9"))
			.isEqualTo("permessage-deflate; server_no_context_takeover; server_max_window_bits=9");
		assertThat(response("permessage-deflate; server_max_window_bits=8"))
			.isEqualTo("permessage-deflate; server_no_context_takeover; server_max_window_bits=8");
		assertThat(response("permessage-deflate; client_max_window_bits"))
			.isEqualTo("permessage-deflate; server_no_context_takeover");
		assertThat(response("permessage-deflate; client_max_window_bits=9"))
			.isEqualTo("permessage-deflate; server_no_context_takeover; client_max_window_bits=9");
		assertThat(response("permessage-deflate; server_no_context_takeover"))
			.isEqualTo("permessage-deflate; server_no_context_takeover");
		assertThat(response(
				"permessage-deflate;client_no_context_takeover; server_max_window_bits=\"12\";client_max_window_bits=10"))
			.isEqualTo("permessage-deflate; server_no_context_takeover; client_no_context_takeover;"
					+ " server_max_window_bits=12; client_max_window_bits=10");
		Negotiated negotiated = PerMessageDeflate
			.negotiate(List.of("permessage-deflate; client_no_context_takeover; server_max_window_bits=10"));
		assertThat(negotiated.clientNoContextTakeover()).isTrue();
		assertThat(negotiated.serverMaxWindowBits()).isEqualTo(10);
		assertThat(negotiated.clientMaxWindowBits()).isEqualTo(15);
	}

	@Test
	void invalidOffersAreDeclined() {
		for (String offer : new String[] { "permessage-deflate; unknown_param",
				"permessage-deflate; client_no_context_takeover; client_no_context_takeover",
				"permessage-deflate; server_max_window_bits=9; server_max_window_bits=9",
				"permessage-deflate; server_max_window_bits", "permessage-deflate; server_max_window_bits=7",
				"permessage-deflate; server_max_window_bits=16", "permessage-deflate; server_max_window_bits=09",
				"permessage-deflate; server_max_window_bits=abc", "permessage-deflate; client_max_window_bits=0",
				"permessage-deflate; client_max_window_bits=x", "permessage-deflate; client_no_context_takeover=1",
				"permessage-deflate; server_no_context_takeover=true", "x-webkit-deflate-frame", "" }) {
			assertThat(PerMessageDeflate.negotiate(List.of(offer))).as(offer).isNull();
		}
		assertThat(PerMessageDeflate.negotiate(List.of())).isNull();
	}

	@Test
	void firstAcceptableOfSeveralOffersWins() {
		assertThat(response("permessage-deflate; server_max_window_bits=20, foo,"
				+ " permessage-deflate; client_max_window_bits=11, permessage-deflate"))
			.isEqualTo("permessage-deflate; server_no_context_takeover; client_max_window_bits=11");
		assertThat(PerMessageDeflate
			.negotiate(List.of("foo, permessage-deflate; bad", "permessage-deflate; server_max_window_bits=13"))
			.serverMaxWindowBits()).isEqualTo(13);
	}

	private static String response(String offer) {
		Negotiated negotiated = PerMessageDeflate.negotiate(List.of(offer));
		assertThat(negotiated).as(offer).isNotNull();
		return negotiated.responseHeader();
	}

	@Test
	void compressedFramesInflateToTheOriginal() throws Exception {
		for (byte[] data : samples()) {
			for (int windowBits : new int[] { 8, 9, 12, 15 }) {
				byte[] frame = PerMessageDeflate.compressFrame(2, data, 0, data.length, windowBits);
				assertThat(frame[0] & 0xFF).isEqualTo(0xC2);
				byte[] payload = FrameEncoderTests.Decoded.of(frame).payload;
				assertThat(jdkInflate(payload, data.length)).as("%d bytes, %d bits", data.length, windowBits)
					.isEqualTo(data);
				assertThat(new DistanceCheckingInflater(concat(payload, TRAILER)).inflate()).isEqualTo(data);
			}
		}
	}

	@Test
	void emptyMessageCompressesToTheSingleByte00() {
		byte[] frame = PerMessageDeflate.compressFrame(1, new byte[0], 0, 0, 15);
		assertThat(frame).containsExactly(0xC1, 1, 0);
		assertThat(PerMessageDeflate.compressFrame(1, new byte[0], 0, 0, 9)).containsExactly(0xC1, 1, 0);
	}

	@Test
	void smallWindowKeepsEveryBackReferenceWithinIt() {
		// a random block repeated: a 15-bit window would refer 1000 bytes back
		byte[] block = new byte[1000];
		new Random(3).nextBytes(block);
		byte[] data = new byte[50_000];
		for (int i = 0; i < data.length; i++) {
			data[i] = block[i % block.length];
		}
		for (int windowBits = 8; windowBits < 15; windowBits++) {
			byte[] payload = FrameEncoderTests.Decoded
				.of(PerMessageDeflate.compressFrame(2, data, 0, data.length, windowBits)).payload;
			DistanceCheckingInflater inflater = new DistanceCheckingInflater(concat(payload, TRAILER));
			assertThat(inflater.inflate()).isEqualTo(data);
			assertThat(inflater.maxDistance).as("%d bits", windowBits).isLessThan(1 << windowBits);
		}
		// the check itself can fail: the full window does reach further back
		byte[] payload = FrameEncoderTests.Decoded
			.of(PerMessageDeflate.compressFrame(2, data, 0, data.length, 15)).payload;
		DistanceCheckingInflater inflater = new DistanceCheckingInflater(concat(payload, TRAILER));
		assertThat(inflater.inflate()).isEqualTo(data);
		assertThat(inflater.maxDistance).isGreaterThanOrEqualTo(1000);
	}

	@Test
	void compressFrameIfSmallerDeclinesRandomData() {
		byte[] random = new byte[4096];
		new Random(5).nextBytes(random);
		assertThat(PerMessageDeflate.compressFrameIfSmaller(2, random, 0, random.length, 15)).isNull();
		byte[] text = "hello hello hello hello hello hello".getBytes();
		assertThat(PerMessageDeflate.compressFrameIfSmaller(1, text, 0, text.length, 15)).isNotNull();
	}

	@Test
	void inflatesCompressedMessagesFedInRandomChunks() throws Exception {
		PerMessageDeflate deflate = new PerMessageDeflate(new Negotiated(false, 15, 15, ""));
		Random random = new Random(11);
		for (byte[] data : samples()) {
			byte[] payload = FrameEncoderTests.Decoded
				.of(PerMessageDeflate.compressFrame(2, data, 0, data.length, 15)).payload;
			Collector sink = new Collector(Long.MAX_VALUE);
			int pos = 0;
			while (pos < payload.length) {
				int n = Math.min(payload.length - pos, 1 + random.nextInt(5000));
				// the caller's buffer is reused: the inflater must not rely on it afterwards
				byte[] chunk = Arrays.copyOfRange(payload, pos, pos + n);
				deflate.inflate(chunk, 0, n, sink);
				Arrays.fill(chunk, (byte) 0x55);
				pos += n;
			}
			deflate.finishMessage(sink);
			assertThat(sink.out.toByteArray()).as("%d bytes", data.length).isEqualTo(data);
		}
		deflate.release();
	}

	@Test
	void emptyMessagesInflateToNothing() throws Exception {
		PerMessageDeflate deflate = new PerMessageDeflate(new Negotiated(false, 15, 15, ""));
		Collector sink = new Collector(Long.MAX_VALUE);
		deflate.inflate(new byte[] { 0 }, 0, 1, sink);
		deflate.finishMessage(sink);
		// an empty payload with RSV1 is taken as an empty message too
		deflate.finishMessage(sink);
		byte[] hello = "hello".getBytes();
		byte[] payload = FrameEncoderTests.Decoded.of(PerMessageDeflate.compressFrame(1, hello, 0, 5, 15)).payload;
		deflate.inflate(payload, 0, payload.length, sink);
		deflate.finishMessage(sink);
		assertThat(sink.out.toByteArray()).isEqualTo(hello);
		deflate.release();
	}

	@Test
	void zipBombStopsWhereTheSinkSaysStop() throws Exception {
		byte[] bomb = compressedZeros(100 * 1024 * 1024);
		assertThat(bomb.length).isLessThan(200 * 1024);
		PerMessageDeflate deflate = new PerMessageDeflate(new Negotiated(false, 15, 15, ""));
		int limit = 1024 * 1024;
		Collector sink = new Collector(limit);
		long start = System.nanoTime();
		for (int pos = 0; pos < bomb.length; pos += 4096) {
			deflate.inflate(bomb, pos, Math.min(4096, bomb.length - pos), sink);
		}
		deflate.finishMessage(sink);
		long millis = (System.nanoTime() - start) / 1_000_000;
		assertThat(sink.total).isGreaterThan(limit).isLessThanOrEqualTo(limit + 8192);
		assertThat(sink.callsAfterStop).isZero();
		assertThat(millis).isLessThan(2000);
		deflate.release();
		deflate.release();
	}

	private static byte[] compressedZeros(int size) {
		Deflater deflater = new Deflater(9, true);
		byte[] zeros = new byte[1024 * 1024];
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[64 * 1024];
		for (int i = 0; i < size / zeros.length; i++) {
			deflater.setInput(zeros);
			while (!deflater.needsInput()) {
				out.write(buffer, 0, deflater.deflate(buffer));
			}
		}
		int n;
		while ((n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH)) > 0) {
			out.write(buffer, 0, n);
		}
		deflater.end();
		byte[] all = out.toByteArray();
		return Arrays.copyOf(all, all.length - 4);
	}

	@Test
	void contextIsKeptAcrossMessagesUnlessTheClientSaidNoContextTakeover() throws Exception {
		byte[] first = "The quick brown fox jumps over the lazy dog, again and again.".getBytes();
		byte[] second = "The quick brown fox jumps over the lazy dog, again and again!".getBytes();
		Deflater deflater = new Deflater(6, true);
		byte[] one = syncFlushed(deflater, first);
		byte[] two = syncFlushed(deflater, second);
		deflater.end();
		// the second message refers back into the first, so it is shorter than it
		assertThat(two.length).isLessThan(second.length / 2);

		PerMessageDeflate takeover = new PerMessageDeflate(new Negotiated(false, 15, 15, ""));
		Collector sink1 = new Collector(Long.MAX_VALUE);
		takeover.inflate(one, 0, one.length, sink1);
		takeover.finishMessage(sink1);
		Collector sink2 = new Collector(Long.MAX_VALUE);
		takeover.inflate(two, 0, two.length, sink2);
		takeover.finishMessage(sink2);
		assertThat(sink1.out.toByteArray()).isEqualTo(first);
		assertThat(sink2.out.toByteArray()).isEqualTo(second);
		takeover.release();

		PerMessageDeflate noTakeover = new PerMessageDeflate(new Negotiated(true, 15, 15, ""));
		Collector sink3 = new Collector(Long.MAX_VALUE);
		noTakeover.inflate(one, 0, one.length, sink3);
		noTakeover.finishMessage(sink3);
		assertThat(sink3.out.toByteArray()).isEqualTo(first);
		assertThatExceptionOfType(InflateException.class).isThrownBy(() -> {
			Collector sink4 = new Collector(Long.MAX_VALUE);
			noTakeover.inflate(two, 0, two.length, sink4);
			noTakeover.finishMessage(sink4);
		});
		noTakeover.release();
	}

	@Test
	void invalidDeflateDataIsAnInflateException() {
		PerMessageDeflate deflate = new PerMessageDeflate(new Negotiated(false, 15, 15, ""));
		// BFINAL=1 with the reserved block type 11
		assertThatExceptionOfType(InflateException.class)
			.isThrownBy(() -> deflate.inflate(new byte[] { 0x07, 0x00 }, 0, 2, new Collector(Long.MAX_VALUE)));
		deflate.release();
	}

	private static byte[] syncFlushed(Deflater deflater, byte[] data) {
		deflater.setInput(data);
		byte[] buffer = new byte[1024];
		int n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
		assertThat(Arrays.copyOfRange(buffer, n - 4, n)).isEqualTo(TRAILER);
		return Arrays.copyOf(buffer, n - 4);
	}

	private static List<byte[]> samples() {
		Random random = new Random(7);
		byte[] random1000 = new byte[1000];
		random.nextBytes(random1000);
		byte[] randomMiB = new byte[1024 * 1024];
		random.nextBytes(randomMiB);
		byte[] repetitiveMiB = new byte[1024 * 1024];
		for (int i = 0; i < repetitiveMiB.length; i++) {
			repetitiveMiB[i] = (byte) ("abcdefghij".charAt(i % 10) + ((i / 4096) % 3));
		}
		return List.of(new byte[0], new byte[] { 42 }, random1000, "hello, hello, hello".getBytes(), randomMiB,
				repetitiveMiB);
	}

	private static byte[] jdkInflate(byte[] payload, int expectedLength) throws Exception {
		Inflater inflater = new Inflater(true);
		inflater.setInput(concat(payload, TRAILER));
		byte[] out = new byte[expectedLength + 16];
		int n = 0;
		while (!inflater.needsInput()) {
			n += inflater.inflate(out, n, out.length - n);
		}
		inflater.end();
		return Arrays.copyOf(out, n);
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] both = Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, both, a.length, b.length);
		return both;
	}

	/**
	 * A sink that collects up to a limit, then says stop and counts calls made after.
	 */
	static final class Collector implements PerMessageDeflate.Sink {

		final ByteArrayOutputStream out = new ByteArrayOutputStream();

		private final long limit;

		long total;

		boolean stopped;

		int callsAfterStop;

		Collector(long limit) {
			this.limit = limit;
		}

		@Override
		public boolean accept(byte[] buf, int off, int len) {
			if (this.stopped) {
				this.callsAfterStop++;
			}
			this.total += len;
			if (this.limit == Long.MAX_VALUE) {
				this.out.write(buf, off, len);
			}
			this.stopped = this.total > this.limit;
			return !this.stopped;
		}

	}

	/**
	 * A minimal raw-deflate decoder (after Mark Adler's puff) that records the longest
	 * back-reference distance, because the JDK's zlib does not check distances against the
	 * window a zlib header declares.
	 */
	static final class DistanceCheckingInflater {

		private static final int[] LENGTH_BASE = { 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43,
				51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258 };

		private static final int[] LENGTH_EXTRA = { 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4,
				4, 4, 4, 5, 5, 5, 5, 0 };

		private static final int[] DIST_BASE = { 1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385,
				513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577 };

		private static final int[] DIST_EXTRA = { 0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9,
				10, 10, 11, 11, 12, 12, 13, 13 };

		private static final int[] ORDER = { 16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15 };

		private final byte[] in;

		private int pos;

		private int bitBuffer;

		private int bitCount;

		private byte[] out = new byte[1024];

		private int outLength;

		int maxDistance;

		DistanceCheckingInflater(byte[] in) {
			this.in = in;
		}

		byte[] inflate() {
			boolean last = false;
			while (!last && this.pos < this.in.length) {
				last = bits(1) == 1;
				int type = bits(2);
				if (type == 0) {
					stored();
				}
				else if (type == 1) {
					int[] lengths = new int[288 + 30];
					Arrays.fill(lengths, 0, 144, 8);
					Arrays.fill(lengths, 144, 256, 9);
					Arrays.fill(lengths, 256, 280, 7);
					Arrays.fill(lengths, 280, 288, 8);
					Arrays.fill(lengths, 288, 318, 5);
					codes(new Huffman(lengths, 0, 288), new Huffman(lengths, 288, 30));
				}
				else if (type == 2) {
					dynamic();
				}
				else {
					throw new IllegalStateException("Invalid block type");
				}
			}
			return Arrays.copyOf(this.out, this.outLength);
		}

		private int bits(int n) {
			while (this.bitCount < n) {
				if (this.pos >= this.in.length) {
					throw new IllegalStateException("Out of input");
				}
				this.bitBuffer |= (this.in[this.pos++] & 0xFF) << this.bitCount;
				this.bitCount += 8;
			}
			int value = this.bitBuffer & ((1 << n) - 1);
			this.bitBuffer >>>= n;
			this.bitCount -= n;
			return value;
		}

		private void stored() {
			this.bitBuffer = 0;
			this.bitCount = 0;
			int length = (this.in[this.pos] & 0xFF) | ((this.in[this.pos + 1] & 0xFF) << 8);
			int complement = (this.in[this.pos + 2] & 0xFF) | ((this.in[this.pos + 3] & 0xFF) << 8);
			assertThat(length ^ 0xFFFF).isEqualTo(complement);
			this.pos += 4;
			for (int i = 0; i < length; i++) {
				write(this.in[this.pos++]);
			}
		}

		private void dynamic() {
			int literals = bits(5) + 257;
			int distances = bits(5) + 1;
			int codeLengthCodes = bits(4) + 4;
			int[] codeLengths = new int[19];
			for (int i = 0; i < codeLengthCodes; i++) {
				codeLengths[ORDER[i]] = bits(3);
			}
			Huffman codeLengthCode = new Huffman(codeLengths, 0, 19);
			int[] lengths = new int[literals + distances];
			int i = 0;
			while (i < literals + distances) {
				int symbol = codeLengthCode.decode(this);
				if (symbol < 16) {
					lengths[i++] = symbol;
				}
				else {
					int value = 0;
					int repeat;
					if (symbol == 16) {
						value = lengths[i - 1];
						repeat = 3 + bits(2);
					}
					else if (symbol == 17) {
						repeat = 3 + bits(3);
					}
					else {
						repeat = 11 + bits(7);
					}
					for (int r = 0; r < repeat; r++) {
						lengths[i++] = value;
					}
				}
			}
			codes(new Huffman(lengths, 0, literals), new Huffman(lengths, literals, distances));
		}

		private void codes(Huffman literalCode, Huffman distanceCode) {
			while (true) {
				int symbol = literalCode.decode(this);
				if (symbol < 256) {
					write((byte) symbol);
				}
				else if (symbol == 256) {
					return;
				}
				else {
					symbol -= 257;
					int length = LENGTH_BASE[symbol] + bits(LENGTH_EXTRA[symbol]);
					int d = distanceCode.decode(this);
					int distance = DIST_BASE[d] + bits(DIST_EXTRA[d]);
					assertThat(distance).as("distance within the output").isLessThanOrEqualTo(this.outLength);
					this.maxDistance = Math.max(this.maxDistance, distance);
					for (int k = 0; k < length; k++) {
						write(this.out[this.outLength - distance]);
					}
				}
			}
		}

		private void write(byte b) {
			if (this.outLength == this.out.length) {
				this.out = Arrays.copyOf(this.out, this.out.length * 2);
			}
			this.out[this.outLength++] = b;
		}

		/**
		 * A canonical Huffman code, decoded bit by bit.
		 */
		static final class Huffman {

			private final int[] count = new int[16];

			private final int[] symbol;

			Huffman(int[] lengths, int from, int n) {
				this.symbol = new int[n];
				for (int i = 0; i < n; i++) {
					this.count[lengths[from + i]]++;
				}
				int[] offsets = new int[16];
				for (int len = 1; len < 15; len++) {
					offsets[len + 1] = offsets[len] + this.count[len];
				}
				for (int i = 0; i < n; i++) {
					if (lengths[from + i] != 0) {
						this.symbol[offsets[lengths[from + i]]++] = i;
					}
				}
			}

			int decode(DistanceCheckingInflater inflater) {
				int code = 0;
				int first = 0;
				int index = 0;
				for (int len = 1; len <= 15; len++) {
					code |= inflater.bits(1);
					int count = this.count[len];
					if (code - count < first) {
						return this.symbol[index + (code - first)];
					}
					index += count;
					first += count;
					first <<= 1;
					code <<= 1;
				}
				throw new IllegalStateException("Invalid Huffman code");
			}

		}

	}

}
