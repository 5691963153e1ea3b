package io.wsboot.server;

import java.nio.ByteBuffer;

import org.jspecify.annotations.Nullable;

/**
 * One frame of a connection's outbound queue, encoded once: header and payload in one
 * array, written as it is to every recipient of a broadcast. Immutable but for the
 * compressed form, built on first use by a connection that negotiated permessage-deflate
 * and then shared by every such recipient (the server never takes context over from one
 * message to the next, so one compressed frame suits them all).
 */
final class Frame {

	enum Type {

		TEXT, BINARY, PING, PONG, CLOSE

	}

	private final Type type;

	private final byte[] wire;

	// the payload's length: what a data frame counts in a connection's buffered amount
	private final int size;

	private final int closeCode;

	private volatile @Nullable Deflated deflated;

	private Frame(Type type, byte[] wire, int size, int closeCode) {
		this.type = type;
		this.wire = wire;
		this.size = size;
		this.closeCode = closeCode;
	}

	static Frame text(String text) {
		byte[] wire = FrameEncoder.text(text);
		return new Frame(Type.TEXT, wire, wire.length - headerLength(wire), 0);
	}

	static Frame binary(ByteBuffer data) {
		return new Frame(Type.BINARY, FrameEncoder.binary(data), data.remaining(), 0);
	}

	static Frame ping(byte[] payload) {
		return new Frame(Type.PING, FrameEncoder.ping(payload), 0, 0);
	}

	static Frame pong(byte[] payload, int off, int len) {
		return new Frame(Type.PONG, FrameEncoder.pong(payload, off, len), 0, 0);
	}

	/**
	 * A close frame; 1005 gives one without a code.
	 */
	static Frame close(int code, String reason) {
		return new Frame(Type.CLOSE, FrameEncoder.close(code, reason), 0, code);
	}

	Type type() {
		return this.type;
	}

	boolean isData() {
		return this.type == Type.TEXT || this.type == Type.BINARY;
	}

	/**
	 * Return the size counted in a connection's buffered amount: a data frame's payload
	 * length, 0 for a control frame.
	 */
	int size() {
		return this.size;
	}

	int closeCode() {
		return this.closeCode;
	}

	/**
	 * Return the bytes to write, compressed for a connection that negotiated
	 * permessage-deflate with the given window, when that makes them smaller.
	 * @param windowBits the connection's {@code server_max_window_bits}, or 0 without
	 * permessage-deflate
	 */
	byte[] bytes(int windowBits) {
		if (windowBits == 0 || !isData()) {
			return this.wire;
		}
		Deflated deflated = this.deflated;
		if (deflated == null || deflated.windowBits != windowBits) {
			// racy but safe: concurrent recipients compute the same bytes
			int headerLength = headerLength(this.wire);
			byte[] compressed = PerMessageDeflate.compressFrameIfSmaller(opcode(), this.wire, headerLength,
					this.wire.length - headerLength, windowBits);
			deflated = new Deflated(windowBits, (compressed != null) ? compressed : this.wire);
			this.deflated = deflated;
		}
		return deflated.bytes;
	}

	private int opcode() {
		return this.wire[0] & 0x0F;
	}

	private static int headerLength(byte[] wire) {
		int length = wire[1] & 0x7F;
		return (length < 126) ? 2 : (length == 126) ? 4 : 10;
	}

	private record Deflated(int windowBits, byte[] bytes) {
	}

}
