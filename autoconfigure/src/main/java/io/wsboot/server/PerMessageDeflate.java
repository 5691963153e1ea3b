package io.wsboot.server;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import org.jspecify.annotations.Nullable;

/**
 * The permessage-deflate extension (RFC 7692): its negotiation in the handshake, the
 * inflating of one connection's compressed client messages, and the compressing of server
 * messages. The server always answers {@code server_no_context_takeover}: each server
 * message is compressed on its own, so one compressed frame can be written to every
 * recipient of a broadcast, and no connection keeps a {@link Deflater} and its 256 KiB or
 * so of state. An instance inflates for one connection, one thread at a time.
 */
final class PerMessageDeflate {

	static final String EXTENSION = "permessage-deflate";

	// What a receiver appends to a message's payload before inflating (RFC 7692 7.2.2).
	private static final byte[] TRAILER = { 0, 0, (byte) 0xFF, (byte) 0xFF };

	private static final int OUTPUT_BUFFER_SIZE = 8192;

	private static final int POOL_SIZE = 8;

	// Scratch buffers larger than this are not kept in the pool, so that one big message
	// does not pin its size of memory for good.
	private static final int MAX_POOLED_SCRATCH = 256 * 1024;

	// The one piece of static state: a small bounded pool of compressors, so that
	// compressing a message takes no Deflater of its own; guarded by itself.
	private static final ArrayDeque<Compressor> pool = new ArrayDeque<>(POOL_SIZE);

	private final boolean clientNoContextTakeover;

	private final Inflater inflater = new Inflater(true);

	private byte @Nullable [] output;

	// Whether the current message has had compressed bytes: an empty payload is taken for
	// an empty message, and must not feed the inflater a lone trailer.
	private boolean messageStarted;

	// Whether the sink said stop during the current message: the rest is skipped.
	private boolean stopped;

	private boolean released;

	/**
	 * Create the inflating side of the extension for one connection.
	 * @param negotiated what the handshake agreed on
	 */
	PerMessageDeflate(Negotiated negotiated) {
		this.clientNoContextTakeover = negotiated.clientNoContextTakeover();
	}

	/**
	 * Inflate the next compressed payload bytes of the current message, unmasked, in order.
	 * Nothing of {@code buf} is kept after the call returns.
	 * @param buf the bytes
	 * @param off where they start
	 * @param len how many
	 * @param sink where the inflated bytes go
	 * @throws InflateException if the bytes are not valid deflate data
	 */
	void inflate(byte[] buf, int off, int len, Sink sink) throws InflateException {
		if (len == 0 || this.stopped) {
			return;
		}
		this.messageStarted = true;
		this.inflater.setInput(buf, off, len);
		drain(sink);
		// the inflater must not keep a reference to a buffer the caller reuses
		this.inflater.setInput(TRAILER, 0, 0);
	}

	/**
	 * End the current message: inflate the rest, then forget the window if the client
	 * negotiated {@code client_no_context_takeover}.
	 * @param sink where the inflated bytes go
	 * @throws InflateException if the message is not valid deflate data
	 */
	void finishMessage(Sink sink) throws InflateException {
		try {
			if (this.messageStarted && !this.stopped && !this.inflater.finished()) {
				this.inflater.setInput(TRAILER, 0, TRAILER.length);
				drain(sink);
			}
		}
		finally {
			// after a stop or a final block the window is no use for the next message
			if (this.clientNoContextTakeover || this.stopped || this.inflater.finished()) {
				this.inflater.reset();
			}
			this.messageStarted = false;
			this.stopped = false;
		}
	}

	private void drain(Sink sink) throws InflateException {
		byte[] output = this.output;
		if (output == null) {
			output = new byte[OUTPUT_BUFFER_SIZE];
			this.output = output;
		}
		Inflater inflater = this.inflater;
		try {
			while (true) {
				int n = inflater.inflate(output, 0, output.length);
				if (n > 0) {
					if (!sink.accept(output, 0, n)) {
						this.stopped = true;
						return;
					}
				}
				else if (inflater.needsInput() || inflater.finished() || inflater.needsDictionary()) {
					// a final block ends the stream: what follows it in the message is ignored
					return;
				}
			}
		}
		catch (DataFormatException ex) {
			this.stopped = true;
			throw new InflateException(ex);
		}
	}

	/**
	 * Free the inflater's native memory; later calls do nothing.
	 */
	void release() {
		if (!this.released) {
			this.released = true;
			this.inflater.end();
		}
	}

	/**
	 * Build a whole compressed frame (FIN and RSV1 set) of one message, compressed on its
	 * own (no context takeover), so the same bytes serve every recipient.
	 * @param opcode 1 (text) or 2 (binary)
	 * @param payload the uncompressed message
	 * @param off where it starts
	 * @param len its length
	 * @param windowBits the negotiated {@code server_max_window_bits}, 8 to 15
	 * @return the frame
	 */
	static byte[] compressFrame(int opcode, byte[] payload, int off, int len, int windowBits) {
		byte[] frame = compress(opcode, payload, off, len, windowBits, false);
		if (frame == null) {
			throw new IllegalStateException("No frame");
		}
		return frame;
	}

	/**
	 * Build a compressed frame as {@link #compressFrame} does if it is smaller than the
	 * uncompressed payload, else return {@code null}, in which case the caller sends the
	 * plain frame: random or already compressed data does not shrink.
	 * @param opcode 1 (text) or 2 (binary)
	 * @param payload the uncompressed message
	 * @param off where it starts
	 * @param len its length
	 * @param windowBits the negotiated {@code server_max_window_bits}, 8 to 15
	 * @return the frame, or {@code null} if compressing does not make the payload smaller
	 */
	static byte @Nullable [] compressFrameIfSmaller(int opcode, byte[] payload, int off, int len, int windowBits) {
		return compress(opcode, payload, off, len, windowBits, true);
	}

	private static byte @Nullable [] compress(int opcode, byte[] payload, int off, int len, int windowBits,
			boolean onlyIfSmaller) {
		if (windowBits < 8 || windowBits > 15) {
			throw new IllegalArgumentException("Window bits must be from 8 to 15 but was " + windowBits);
		}
		Compressor compressor = takeCompressor();
		try {
			int compressed = compressor.compress(payload, off, len, windowBits);
			if (onlyIfSmaller && compressed >= len) {
				return null;
			}
			int headerLength = FrameEncoder.headerLength(compressed);
			byte[] frame = new byte[headerLength + compressed];
			FrameEncoder.writeHeader(frame, opcode, true, true, compressed);
			System.arraycopy(compressor.scratch, 0, frame, headerLength, compressed);
			return frame;
		}
		finally {
			giveBack(compressor);
		}
	}

	private static Compressor takeCompressor() {
		synchronized (pool) {
			Compressor compressor = pool.pollFirst();
			if (compressor != null) {
				return compressor;
			}
		}
		return new Compressor();
	}

	private static void giveBack(Compressor compressor) {
		if (compressor.scratch.length > MAX_POOLED_SCRATCH) {
			compressor.scratch = new byte[OUTPUT_BUFFER_SIZE];
		}
		synchronized (pool) {
			if (pool.size() < POOL_SIZE) {
				pool.addFirst(compressor);
				return;
			}
		}
		// the pool is full: this one's native memory goes now rather than at GC
		compressor.deflater.end();
	}

	/**
	 * Choose the first acceptable permessage-deflate offer of a handshake request.
	 * @param offers the values of the request's {@code Sec-WebSocket-Extensions} headers,
	 * each a comma-separated list of extensions with their {@code ;}-separated parameters
	 * @return what was agreed on, with the response header value, or {@code null} if no
	 * offer is acceptable
	 */
	static @Nullable Negotiated negotiate(List<String> offers) {
		for (String header : offers) {
			for (String extension : header.split(",")) {
				Negotiated negotiated = negotiateOffer(extension);
				if (negotiated != null) {
					return negotiated;
				}
			}
		}
		return null;
	}

	private static @Nullable Negotiated negotiateOffer(String extension) {
		String[] parts = extension.split(";");
		if (!parts[0].trim().equalsIgnoreCase(EXTENSION)) {
			return null;
		}
		boolean serverNoContextTakeover = false;
		boolean clientNoContextTakeover = false;
		int serverMaxWindowBits = 0;
		// -1: not offered; 0: offered without a value
		int clientMaxWindowBits = -1;
		for (int i = 1; i < parts.length; i++) {
			String part = parts[i].trim();
			int eq = part.indexOf('=');
			String name = ((eq < 0) ? part : part.substring(0, eq)).trim();
			String value = (eq < 0) ? null : unquote(part.substring(eq + 1).trim());
			switch (name) {
				case "server_no_context_takeover":
					if (serverNoContextTakeover || value != null) {
						return null;
					}
					serverNoContextTakeover = true;
					break;
				case "client_no_context_takeover":
					if (clientNoContextTakeover || value != null) {
						return null;
					}
					clientNoContextTakeover = true;
					break;
				case "server_max_window_bits":
					if (serverMaxWindowBits != 0 || value == null) {
						return null;
					}
					serverMaxWindowBits = windowBits(value);
					if (serverMaxWindowBits == 0) {
						return null;
					}
					break;
				case "client_max_window_bits":
					if (clientMaxWindowBits != -1) {
						return null;
					}
					clientMaxWindowBits = (value != null) ? windowBits(value) : 0;
					if (value != null && clientMaxWindowBits == 0) {
						return null;
					}
					break;
				default:
					return null;
			}
		}
		StringBuilder response = new StringBuilder(EXTENSION).append("; server_no_context_takeover");
		if (clientNoContextTakeover) {
			response.append("; client_no_context_takeover");
		}
		if (serverMaxWindowBits != 0) {
			// Echoed as offered, 8 too: RFC 7692 7.1.2.1 allows no larger answer, and
			// zlib's deflate, which would turn 8 into 9, does not set the window here:
			// compressFrame bounds the distances with full flushes instead.
			response.append("; server_max_window_bits=").append(serverMaxWindowBits);
		}
		if (clientMaxWindowBits > 0) {
			// We inflate with a 15-bit window, which inflates streams made with any
			// smaller one; a bare client_max_window_bits needs no answer (the client then
			// uses 15).
			response.append("; client_max_window_bits=").append(clientMaxWindowBits);
		}
		return new Negotiated(clientNoContextTakeover, (serverMaxWindowBits != 0) ? serverMaxWindowBits : 15,
				(clientMaxWindowBits > 0) ? clientMaxWindowBits : 15, response.toString());
	}

	private static String unquote(String value) {
		// RFC 6455 9.1 allows a parameter value as a quoted string
		if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
			return value.substring(1, value.length() - 1);
		}
		return value;
	}

	/**
	 * Parse a window bits value as RFC 7692 7.1.2.1 writes it: 8 to 15, no leading zero,
	 * no sign.
	 * @return the value, or 0 if invalid
	 */
	private static int windowBits(String value) {
		switch (value) {
			case "8":
				return 8;
			case "9":
				return 9;
			case "10":
				return 10;
			case "11":
				return 11;
			case "12":
				return 12;
			case "13":
				return 13;
			case "14":
				return 14;
			case "15":
				return 15;
			default:
				return 0;
		}
	}

	/**
	 * What a handshake agreed on.
	 * @param clientNoContextTakeover whether the client resets its compressor after each
	 * message, so that we reset our inflater too
	 * @param serverMaxWindowBits the largest window our compressed messages may use, 8 to
	 * 15
	 * @param clientMaxWindowBits the largest window the client said it uses, 8 to 15
	 * @param responseHeader the value of the response's {@code Sec-WebSocket-Extensions}
	 * header
	 */
	record Negotiated(boolean clientNoContextTakeover, int serverMaxWindowBits, int clientMaxWindowBits,
			String responseHeader) {
	}

	/**
	 * Where inflated bytes go.
	 */
	interface Sink {

		/**
		 * Take the next inflated bytes.
		 * @param buf the bytes, valid only during the call
		 * @param off where they start
		 * @param len how many
		 * @return {@code false} to stop inflating the current message, for instance at the
		 * max message size
		 */
		boolean accept(byte[] buf, int off, int len);

	}

	/**
	 * A client message that is not valid deflate data, to be closed with 1007 (invalid
	 * frame payload data).
	 */
	static final class InflateException extends Exception {

		InflateException(DataFormatException cause) {
			super("Invalid deflate data: " + cause.getMessage(), cause);
		}

	}

	/**
	 * A pooled raw {@link Deflater} with the scratch buffer its output goes to.
	 */
	private static final class Compressor {

		private static final int LEVEL = Deflater.DEFAULT_COMPRESSION;

		final Deflater deflater = new Deflater(LEVEL, true);

		byte[] scratch = new byte[OUTPUT_BUFFER_SIZE];

		/**
		 * Compress one message into {@link #scratch} from its start, without the trailing
		 * {@code 00 00 ff ff}.
		 * @return the compressed length
		 */
		int compress(byte[] payload, int off, int len, int windowBits) {
			Deflater deflater = this.deflater;
			deflater.reset();
			// A Deflater always has a 15-bit window. For a smaller one, a full flush after
			// every 2^windowBits input bytes empties the dictionary, so no back-reference
			// reaches further than 2^windowBits bytes back; with 15 bits one sync flush at
			// the end is enough.
			int segment = (windowBits >= 15) ? Math.max(len, 1) : (1 << windowBits);
			int pos = off;
			int end = off + len;
			int written = 0;
			do {
				int n = Math.min(segment, end - pos);
				deflater.setInput(payload, pos, n);
				pos += n;
				int flush = (pos < end) ? Deflater.FULL_FLUSH : Deflater.SYNC_FLUSH;
				while (true) {
					if (written == this.scratch.length) {
						this.scratch = Arrays.copyOf(this.scratch, this.scratch.length * 2);
					}
					written += deflater.deflate(this.scratch, written, this.scratch.length - written, flush);
					// a flush is complete when it left room in the buffer
					if (written < this.scratch.length) {
						break;
					}
				}
			}
			while (pos < end);
			// the input must not stay referenced by a pooled Deflater
			deflater.setInput(TRAILER, 0, 0);
			// a sync flush ends with an empty stored block 00 00 ff ff, which RFC 7692
			// 7.2.1 has the sender remove; an empty message is left as the single byte 00
			return written - TRAILER.length;
		}

	}

}
