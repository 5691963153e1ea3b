package io.wsboot.server;

import java.nio.ByteBuffer;

/**
 * Builds complete, unmasked server frames (RFC 6455 section 5.2), each as one
 * {@code byte[]} holding the header and the payload, so that one array can be written as
 * it is to every recipient of a broadcast. Lengths are encoded in the fewest bytes the RFC
 * allows: 7 bits up to 125, 16 bits up to 65535, else 64 bits. Text is UTF-8 encoded
 * straight into the frame array, with no intermediate copy.
 */
final class FrameEncoder {

	static final int OPCODE_CONTINUATION = 0x0;

	static final int OPCODE_TEXT = 0x1;

	static final int OPCODE_BINARY = 0x2;

	static final int OPCODE_CLOSE = 0x8;

	static final int OPCODE_PING = 0x9;

	static final int OPCODE_PONG = 0xA;

	static final int MAX_CONTROL_PAYLOAD = 125;

	// The longest header of a server frame: 2 bytes and a 64-bit length, no masking key.
	static final int MAX_HEADER_LENGTH = 10;

	private FrameEncoder() {
	}

	/**
	 * Build a final text frame.
	 * @param text the message
	 * @return the frame
	 */
	static byte[] text(String text) {
		int ascii = asciiPrefix(text);
		boolean allAscii = ascii == text.length();
		int length = allAscii ? ascii : utf8Length(text, ascii);
		int headerLength = headerLength(length);
		byte[] frame = new byte[headerLength + length];
		writeHeader(frame, OPCODE_TEXT, true, false, length);
		if (allAscii) {
			copyAscii(text, frame, headerLength);
		}
		else {
			encodeUtf8(text, frame, headerLength);
		}
		return frame;
	}

	/**
	 * Return how many chars the text starts with that are ASCII, one byte each in UTF-8.
	 */
	private static int asciiPrefix(String text) {
		int chars = text.length();
		for (int i = 0; i < chars; i++) {
			if (text.charAt(i) >= 0x80) {
				return i;
			}
		}
		return chars;
	}

	/**
	 * Copy a text of ASCII chars only, whose UTF-8 encoding is the low byte of each: the
	 * JDK copies a compact string's bytes as an array, where encoding char by char costs
	 * a bounds check and a store each.
	 */
	@SuppressWarnings("deprecation") // exact for ASCII, which is all it is given
	private static void copyAscii(String text, byte[] dst, int pos) {
		text.getBytes(0, text.length(), dst, pos);
	}

	/**
	 * Build a final binary frame of the remaining bytes of the buffer, leaving its
	 * position as it is.
	 * @param data the message
	 * @return the frame
	 */
	static byte[] binary(ByteBuffer data) {
		int length = data.remaining();
		int headerLength = headerLength(length);
		byte[] frame = new byte[headerLength + length];
		writeHeader(frame, OPCODE_BINARY, true, false, length);
		// an absolute bulk get: no duplicate() buffer, no change of position
		data.get(data.position(), frame, headerLength, length);
		return frame;
	}

	/**
	 * Build a final binary frame.
	 * @param data the payload
	 * @param off where it starts
	 * @param len its length
	 * @param rsv1 whether to set RSV1, for a payload compressed with permessage-deflate
	 * @return the frame
	 */
	static byte[] binary(byte[] data, int off, int len, boolean rsv1) {
		return frame(OPCODE_BINARY, rsv1, data, off, len);
	}

	/**
	 * Build a final frame of any opcode.
	 * @param opcode the opcode
	 * @param rsv1 whether to set RSV1
	 * @param payload the payload
	 * @param off where it starts
	 * @param len its length
	 * @return the frame
	 */
	static byte[] frame(int opcode, boolean rsv1, byte[] payload, int off, int len) {
		int headerLength = headerLength(len);
		byte[] frame = new byte[headerLength + len];
		writeHeader(frame, opcode, true, rsv1, len);
		System.arraycopy(payload, off, frame, headerLength, len);
		return frame;
	}

	/**
	 * Build a close frame.
	 * @param code the status code; 1005 (no status) or 1006 (abnormal closure), which must
	 * never be sent, give a close frame with an empty payload
	 * @param reason the reason, at most 123 bytes in UTF-8 (the caller truncates it)
	 * @return the frame
	 * @throws IllegalArgumentException if the reason is too long
	 */
	static byte[] close(int code, String reason) {
		if (code == 1005 || code == 1006) {
			return new byte[] { (byte) (0x80 | OPCODE_CLOSE), 0 };
		}
		int reasonLength = utf8Length(reason);
		if (reasonLength > MAX_CONTROL_PAYLOAD - 2) {
			throw new IllegalArgumentException("Close reason must be at most 123 bytes in UTF-8 but was " + reasonLength);
		}
		int length = 2 + reasonLength;
		byte[] frame = new byte[2 + length];
		writeHeader(frame, OPCODE_CLOSE, true, false, length);
		frame[2] = (byte) (code >>> 8);
		frame[3] = (byte) code;
		encodeUtf8(reason, frame, 4);
		return frame;
	}

	/**
	 * Build a ping frame.
	 * @param payload the application data, at most 125 bytes
	 * @return the frame
	 */
	static byte[] ping(byte[] payload) {
		return control(OPCODE_PING, payload, 0, payload.length);
	}

	/**
	 * Build a pong frame, as the answer to a ping with the ping's payload.
	 * @param payload the application data
	 * @param off where it starts
	 * @param len its length, at most 125
	 * @return the frame
	 */
	static byte[] pong(byte[] payload, int off, int len) {
		return control(OPCODE_PONG, payload, off, len);
	}

	private static byte[] control(int opcode, byte[] payload, int off, int len) {
		if (len > MAX_CONTROL_PAYLOAD) {
			throw new IllegalArgumentException("Control frame payload must be at most 125 bytes but was " + len);
		}
		return frame(opcode, false, payload, off, len);
	}

	/**
	 * Return the length of the UTF-8 encoding of the given chars, as
	 * {@link String#getBytes(java.nio.charset.Charset)} makes it: an unpaired surrogate
	 * becomes {@code '?'}.
	 * @param text the chars
	 * @return the number of bytes
	 */
	static int utf8Length(CharSequence text) {
		return utf8Length(text, 0);
	}

	/**
	 * Return the length of the UTF-8 encoding of the given chars, the first
	 * {@code from} of which are ASCII.
	 */
	private static int utf8Length(CharSequence text, int from) {
		int chars = text.length();
		int length = chars;
		for (int i = from; i < chars; i++) {
			char c = text.charAt(i);
			if (c >= 0x80) {
				if (c < 0x800) {
					length += 1;
				}
				else if (Character.isHighSurrogate(c) && i + 1 < chars && Character.isLowSurrogate(text.charAt(i + 1))) {
					// the pair's two chars count 2 already: 4 bytes in all
					length += 2;
					i++;
				}
				else if (!Character.isSurrogate(c)) {
					length += 2;
				}
			}
		}
		return length;
	}

	/**
	 * Encode the chars into {@code dst} from {@code pos}, which must have room for
	 * {@link #utf8Length(CharSequence)} bytes.
	 */
	private static void encodeUtf8(CharSequence text, byte[] dst, int pos) {
		int chars = text.length();
		int i = 0;
		// ASCII fast path: one byte per char, until the first that is not
		while (i < chars) {
			char c = text.charAt(i);
			if (c >= 0x80) {
				break;
			}
			dst[pos++] = (byte) c;
			i++;
		}
		for (; i < chars; i++) {
			char c = text.charAt(i);
			if (c < 0x80) {
				dst[pos++] = (byte) c;
			}
			else if (c < 0x800) {
				dst[pos++] = (byte) (0xC0 | (c >> 6));
				dst[pos++] = (byte) (0x80 | (c & 0x3F));
			}
			else if (Character.isSurrogate(c)) {
				if (Character.isHighSurrogate(c) && i + 1 < chars && Character.isLowSurrogate(text.charAt(i + 1))) {
					int cp = Character.toCodePoint(c, text.charAt(++i));
					dst[pos++] = (byte) (0xF0 | (cp >> 18));
					dst[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
					dst[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
					dst[pos++] = (byte) (0x80 | (cp & 0x3F));
				}
				else {
					// as the JDK's encoder replaces an unpaired surrogate
					dst[pos++] = (byte) '?';
				}
			}
			else {
				dst[pos++] = (byte) (0xE0 | (c >> 12));
				dst[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
				dst[pos++] = (byte) (0x80 | (c & 0x3F));
			}
		}
	}

	/**
	 * Return the length of the header of an unmasked frame with the given payload length.
	 * @param payloadLength the payload length
	 * @return 2, 4 or 10
	 */
	static int headerLength(long payloadLength) {
		if (payloadLength <= 125) {
			return 2;
		}
		return (payloadLength <= 0xFFFF) ? 4 : 10;
	}

	/**
	 * Write the header of an unmasked frame at the start of {@code dst}.
	 * @param dst where to write; {@link #headerLength(long)} bytes are written
	 * @param opcode the opcode
	 * @param fin whether this is the final frame of its message
	 * @param rsv1 whether to set RSV1
	 * @param payloadLength the payload length
	 * @return the number of bytes written
	 */
	static int writeHeader(byte[] dst, int opcode, boolean fin, boolean rsv1, long payloadLength) {
		dst[0] = (byte) ((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode);
		if (payloadLength <= 125) {
			dst[1] = (byte) payloadLength;
			return 2;
		}
		if (payloadLength <= 0xFFFF) {
			dst[1] = 126;
			dst[2] = (byte) (payloadLength >>> 8);
			dst[3] = (byte) payloadLength;
			return 4;
		}
		dst[1] = 127;
		for (int i = 0; i < 8; i++) {
			dst[2 + i] = (byte) (payloadLength >>> (56 - 8 * i));
		}
		return 10;
	}

}
