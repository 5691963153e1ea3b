package io.wsboot.server;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * An incremental parser of the frames a client sends to the server (RFC 6455 section
 * 5), one per connection. It is fed the bytes as a non-blocking read delivers them, in
 * chunks that may end anywhere, inside a header or a payload. Between calls it keeps only
 * the bytes of a partial header, the masking key and the position in it, and the payload
 * of a partial control frame: data payloads are unmasked in place in the caller's buffer
 * and passed on to the {@link Listener} as they arrive, so a frame of any size needs no
 * buffer of its size here. It checks what the RFC asks of a frame's header and reports the
 * first violation once; from then on it ignores its input. One instance is used by one
 * thread at a time.
 */
final class FrameParser {

	// a byte array read and written eight bytes at a time, the first the lowest
	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
			ByteOrder.LITTLE_ENDIAN);

	private static final int HEADER = 0;

	private static final int DATA_PAYLOAD = 1;

	private static final int CONTROL_PAYLOAD = 2;

	private static final int FAILED = 3;

	private final Listener listener;

	private final long maxMessageSize;

	private boolean perMessageDeflate;

	private int state = HEADER;

	// The header bytes read so far: at most 2 + 8 (length) + 4 (masking key).
	private final byte[] header = new byte[14];

	private int headerRead;

	private int headerLength = 2;

	private int opcode;

	private boolean fin;

	private boolean rsv1;

	// Whether a text or binary message has begun and its final frame has not.
	private boolean messageOpen;

	private final byte[] mask = new byte[4];

	// The position in the masking key of the next payload byte.
	private int maskIndex;

	private long remaining;

	// Gathers a control frame's payload across reads; allocated on the first control frame.
	private byte[] control;

	private int controlRead;

	/**
	 * Create a parser.
	 * @param listener what to tell of the frames
	 * @param maxMessageSize the largest data frame payload allowed, {@link Long#MAX_VALUE}
	 * for no limit
	 * @param perMessageDeflate whether permessage-deflate was negotiated, which allows RSV1
	 * on the first frame of a message
	 */
	FrameParser(Listener listener, long maxMessageSize, boolean perMessageDeflate) {
		this.listener = listener;
		this.maxMessageSize = maxMessageSize;
		this.perMessageDeflate = perMessageDeflate;
	}

	/**
	 * Set whether permessage-deflate was negotiated.
	 * @param perMessageDeflate whether RSV1 is allowed on the first frame of a message
	 */
	void setPerMessageDeflate(boolean perMessageDeflate) {
		this.perMessageDeflate = perMessageDeflate;
	}

	/**
	 * Return whether the parser reported a protocol error or was {@link #stop() stopped}
	 * and ignores its input.
	 * @return {@code true} if failed
	 */
	boolean isFailed() {
		return this.state == FAILED;
	}

	/**
	 * Stop parsing without reporting anything, for instance when the listener found an
	 * invalid payload or a message too big; a listener may call it during a callback, and
	 * then the current {@link #feed} returns without a further callback.
	 */
	void stop() {
		this.state = FAILED;
	}

	/**
	 * Parse the next bytes read from the connection. Payload bytes of data frames are
	 * unmasked in place in {@code buf}.
	 * @param buf the bytes
	 * @param off where they start
	 * @param len how many
	 */
	void feed(byte[] buf, int off, int len) {
		int pos = off;
		int end = off + len;
		while (pos < end) {
			switch (this.state) {
				case HEADER:
					pos = readHeader(buf, pos, end);
					break;
				case DATA_PAYLOAD:
					pos = readDataPayload(buf, pos, end);
					break;
				case CONTROL_PAYLOAD:
					pos = readControlPayload(buf, pos, end);
					break;
				default:
					return;
			}
		}
	}

	private int readHeader(byte[] buf, int pos, int end) {
		while (pos < end) {
			byte b = buf[pos++];
			this.header[this.headerRead++] = b;
			if (this.headerRead == 1) {
				if (!checkFirstByte(b)) {
					return pos;
				}
			}
			else if (this.headerRead == 2) {
				if (!checkSecondByte(b)) {
					return pos;
				}
			}
			if (this.headerRead == this.headerLength) {
				headerComplete();
				return pos;
			}
		}
		return pos;
	}

	private boolean checkFirstByte(byte b) {
		this.fin = (b & 0x80) != 0;
		this.rsv1 = (b & 0x40) != 0;
		this.opcode = b & 0x0F;
		if ((b & 0x30) != 0) {
			return fail(1002, "RSV2 or RSV3 set");
		}
		switch (this.opcode) {
			case FrameEncoder.OPCODE_CONTINUATION:
				if (!this.messageOpen) {
					return fail(1002, "Continuation frame without a message");
				}
				if (this.rsv1) {
					return fail(1002, "RSV1 set on a continuation frame");
				}
				return true;
			case FrameEncoder.OPCODE_TEXT:
			case FrameEncoder.OPCODE_BINARY:
				if (this.messageOpen) {
					return fail(1002, "New data frame while a fragmented message is open");
				}
				if (this.rsv1 && !this.perMessageDeflate) {
					return fail(1002, "RSV1 set without permessage-deflate");
				}
				return true;
			case FrameEncoder.OPCODE_CLOSE:
			case FrameEncoder.OPCODE_PING:
			case FrameEncoder.OPCODE_PONG:
				if (!this.fin) {
					return fail(1002, "Fragmented control frame");
				}
				if (this.rsv1) {
					return fail(1002, "RSV1 set on a control frame");
				}
				return true;
			default:
				return fail(1002, "Unknown opcode " + this.opcode);
		}
	}

	private boolean checkSecondByte(byte b) {
		if ((b & 0x80) == 0) {
			return fail(1002, "Unmasked client frame");
		}
		int length7 = b & 0x7F;
		if (isControl() && length7 > FrameEncoder.MAX_CONTROL_PAYLOAD) {
			return fail(1002, "Control frame payload longer than 125 bytes");
		}
		this.headerLength = 2 + ((length7 == 126) ? 2 : (length7 == 127) ? 8 : 0) + 4;
		return true;
	}

	private void headerComplete() {
		byte[] header = this.header;
		int length7 = header[1] & 0x7F;
		long length;
		int maskAt;
		if (length7 < 126) {
			length = length7;
			maskAt = 2;
		}
		else if (length7 == 126) {
			length = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
			maskAt = 4;
		}
		else {
			length = 0;
			for (int i = 2; i < 10; i++) {
				length = (length << 8) | (header[i] & 0xFF);
			}
			if (length < 0) {
				fail(1002, "64-bit payload length with the most significant bit set");
				return;
			}
			maskAt = 10;
		}
		System.arraycopy(header, maskAt, this.mask, 0, 4);
		this.maskIndex = 0;
		this.remaining = length;
		this.headerRead = 0;
		this.headerLength = 2;
		if (isControl()) {
			if (this.opcode == FrameEncoder.OPCODE_CLOSE && length == 1) {
				fail(1002, "Close frame with a 1-byte payload");
				return;
			}
			if (this.control == null) {
				this.control = new byte[FrameEncoder.MAX_CONTROL_PAYLOAD];
			}
			this.controlRead = 0;
			this.state = CONTROL_PAYLOAD;
			if (length == 0) {
				controlComplete();
			}
			return;
		}
		if (length > this.maxMessageSize) {
			fail(1009, "Message too big");
			return;
		}
		// a final frame closes the message even before its payload arrives: the next
		// header is checked against the message that follows
		this.messageOpen = !this.fin;
		this.state = DATA_PAYLOAD;
		this.listener.onDataFrameStart(this.opcode, this.fin, this.rsv1, length);
		if (length == 0 && this.state == DATA_PAYLOAD) {
			this.state = HEADER;
			this.listener.onDataFrameEnd(this.fin);
		}
	}

	private int readDataPayload(byte[] buf, int pos, int end) {
		int n = (int) Math.min(this.remaining, end - pos);
		unmask(buf, pos, n);
		this.remaining -= n;
		this.listener.onDataPayload(buf, pos, n);
		pos += n;
		if (this.remaining == 0 && this.state == DATA_PAYLOAD) {
			this.state = HEADER;
			this.listener.onDataFrameEnd(this.fin);
		}
		return pos;
	}

	private int readControlPayload(byte[] buf, int pos, int end) {
		int n = (int) Math.min(this.remaining, end - pos);
		byte[] control = this.control;
		byte[] mask = this.mask;
		int maskIndex = this.maskIndex;
		int at = this.controlRead;
		// unmasked while copied: the caller's buffer keeps a control frame's bytes as read
		for (int i = 0; i < n; i++) {
			control[at + i] = (byte) (buf[pos + i] ^ mask[(maskIndex + i) & 3]);
		}
		this.maskIndex = (maskIndex + n) & 3;
		this.controlRead = at + n;
		this.remaining -= n;
		if (this.remaining == 0) {
			controlComplete();
		}
		return pos + n;
	}

	private void controlComplete() {
		this.state = HEADER;
		this.listener.onControlFrame(this.opcode, this.control, 0, this.controlRead);
	}

	private void unmask(byte[] buf, int pos, int n) {
		byte[] mask = this.mask;
		int maskIndex = this.maskIndex;
		byte m0 = mask[maskIndex & 3];
		byte m1 = mask[(maskIndex + 1) & 3];
		byte m2 = mask[(maskIndex + 2) & 3];
		byte m3 = mask[(maskIndex + 3) & 3];
		int i = pos;
		int end = pos + n;
		// eight bytes per round, the key rotated to where this chunk starts and repeated
		long key = (m0 & 0xFFL) | (m1 & 0xFFL) << 8 | (m2 & 0xFFL) << 16 | (m3 & 0xFFL) << 24;
		key |= key << 32;
		int end8 = end - 7;
		while (i < end8) {
			LONGS.set(buf, i, (long) LONGS.get(buf, i) ^ key);
			i += 8;
		}
		// then four, as the key repeats every four
		if (i < end - 3) {
			buf[i] ^= m0;
			buf[i + 1] ^= m1;
			buf[i + 2] ^= m2;
			buf[i + 3] ^= m3;
			i += 4;
		}
		if (i < end) {
			buf[i++] ^= m0;
		}
		if (i < end) {
			buf[i++] ^= m1;
		}
		if (i < end) {
			buf[i] ^= m2;
		}
		this.maskIndex = (maskIndex + n) & 3;
	}

	private boolean isControl() {
		return (this.opcode & 0x08) != 0;
	}

	private boolean fail(int code, String reason) {
		this.state = FAILED;
		this.listener.onProtocolError(code, reason);
		return false;
	}

	/**
	 * What a {@link FrameParser} tells of the frames it parses, on the thread that calls
	 * {@link FrameParser#feed}.
	 */
	interface Listener {

		/**
		 * A data frame starts.
		 * @param opcode 1 (text), 2 (binary) or 0 (continuation)
		 * @param fin whether it is the final frame of its message
		 * @param rsv1 whether RSV1 is set: the message is compressed with
		 * permessage-deflate
		 * @param length the payload length, at most the parser's max message size
		 */
		void onDataFrameStart(int opcode, boolean fin, boolean rsv1, long length);

		/**
		 * Payload bytes of the current data frame, unmasked.
		 * @param buf the bytes, valid only during the call
		 * @param off where they start
		 * @param len how many, at least 1
		 */
		void onDataPayload(byte[] buf, int off, int len);

		/**
		 * The current data frame's payload is complete.
		 * @param fin whether it was the final frame of its message
		 */
		void onDataFrameEnd(boolean fin);

		/**
		 * A complete control frame.
		 * @param opcode 8 (close), 9 (ping) or 10 (pong)
		 * @param payload the unmasked payload, valid only during the call
		 * @param off where it starts
		 * @param len its length, at most 125
		 */
		void onControlFrame(int opcode, byte[] payload, int off, int len);

		/**
		 * The client broke the protocol; the parser ignores all further input.
		 * @param code the close code to answer with: 1002 (protocol error) or 1009
		 * (message too big)
		 * @param reason a short reason for the close frame
		 */
		void onProtocolError(int code, String reason);

	}

}
