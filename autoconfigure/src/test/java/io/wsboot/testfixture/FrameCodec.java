package io.wsboot.testfixture;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

import io.wsboot.testfixture.RawWebSocket.Frame;

/**
 * The frame codec of {@link RawWebSocket}: RFC 6455 frames to bytes, masked or not, and
 * back from a stream, with no check of what they say, so tests can write and read frames
 * no real endpoint would.
 */
final class FrameCodec {

	private FrameCodec() {
	}

	/**
	 * Encode a frame.
	 * @param fin the FIN bit
	 * @param rsv the three reserved bits, RSV1 the highest
	 * @param opcode the opcode
	 * @param payload the payload, unmasked
	 * @param maskKey the four-byte mask key, or {@code null} to send it unmasked
	 * @return the bytes
	 */
	static byte[] encode(boolean fin, int rsv, int opcode, byte[] payload, byte[] maskKey) {
		int length = payload.length;
		ByteArrayOutputStream out = new ByteArrayOutputStream(length + 14);
		out.writeBytes(header(fin, rsv, opcode, length, maskKey));
		if (maskKey != null) {
			byte[] masked = new byte[length];
			for (int i = 0; i < length; i++) {
				masked[i] = (byte) (payload[i] ^ maskKey[i % 4]);
			}
			out.writeBytes(masked);
		}
		else {
			out.writeBytes(payload);
		}
		return out.toByteArray();
	}

	/**
	 * Encode a frame header alone, declaring any payload length.
	 * @param fin the FIN bit
	 * @param rsv the three reserved bits, RSV1 the highest
	 * @param opcode the opcode
	 * @param length the declared payload length, in the shortest encoding that holds it
	 * @param maskKey the four-byte mask key, or {@code null} for none
	 * @return the header bytes
	 */
	static byte[] header(boolean fin, int rsv, int opcode, long length, byte[] maskKey) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(14);
		out.write((fin ? 0x80 : 0) | ((rsv & 0x7) << 4) | (opcode & 0x0F));
		int maskBit = (maskKey != null) ? 0x80 : 0;
		if (length >= 0 && length <= 125) {
			out.write(maskBit | (int) length);
		}
		else if (length >= 0 && length <= 0xFFFF) {
			out.write(maskBit | 126);
			out.write((int) (length >> 8));
			out.write((int) length);
		}
		else {
			out.write(maskBit | 127);
			for (int shift = 56; shift >= 0; shift -= 8) {
				out.write((int) (length >>> shift));
			}
		}
		if (maskKey != null) {
			out.writeBytes(maskKey);
		}
		return out.toByteArray();
	}

	/**
	 * Read the rest of a frame whose first byte was read already, unmasking its payload.
	 * @param in the stream
	 * @param first the frame's first byte
	 * @return the frame
	 * @throws EOFException when the stream ends inside the frame
	 */
	static Frame read(InputStream in, int first) throws IOException {
		int second = readByte(in);
		boolean masked = (second & 0x80) != 0;
		long length = second & 0x7F;
		if (length == 126) {
			length = (readByte(in) << 8) | readByte(in);
		}
		else if (length == 127) {
			length = 0;
			for (int i = 0; i < 8; i++) {
				length = (length << 8) | readByte(in);
			}
		}
		if (length > Integer.MAX_VALUE - 8) {
			throw new IOException("Frame of " + length + " bytes is too large for this client");
		}
		byte[] key = masked ? readFully(in, 4) : null;
		byte[] payload = readFully(in, (int) length);
		if (key != null) {
			for (int i = 0; i < payload.length; i++) {
				payload[i] ^= key[i % 4];
			}
		}
		return new Frame((first & 0x80) != 0, (first >> 4) & 0x7, first & 0x0F, masked, payload);
	}

	private static int readByte(InputStream in) throws IOException {
		int b = in.read();
		if (b < 0) {
			throw new EOFException("Connection closed in the middle of a frame");
		}
		return b;
	}

	private static byte[] readFully(InputStream in, int length) throws IOException {
		byte[] bytes = in.readNBytes(length);
		if (bytes.length != length) {
			throw new EOFException("Connection closed in the middle of a frame");
		}
		return bytes;
	}

}
