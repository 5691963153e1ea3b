package io.wsboot.server;

import java.nio.ByteBuffer;

import org.springframework.web.socket.CloseStatus;

/**
 * One item of a connection's outbound queue. Immutable, so one instance serves every
 * recipient of a broadcast: the payload is measured once.
 */
final class Frame {

	enum Type {

		TEXT, BINARY, PING, CLOSE

	}

	private final Type type;

	private final Object payload;

	// measured on first use: a reply written at once is never counted; racy but safe,
	// as String caches its hash, since every thread computes the same value
	private int size;

	private Frame(Type type, Object payload, int size) {
		this.type = type;
		this.payload = payload;
		this.size = size;
	}

	static Frame text(String text) {
		return new Frame(Type.TEXT, text, -1);
	}

	static Frame binary(ByteBuffer data) {
		return new Frame(Type.BINARY, data, data.remaining());
	}

	static Frame ping(ByteBuffer payload) {
		return new Frame(Type.PING, payload, payload.remaining());
	}

	static Frame close(CloseStatus status) {
		return new Frame(Type.CLOSE, status, 0);
	}

	Type type() {
		return this.type;
	}

	/**
	 * Return the size counted in a connection's buffered amount: the payload's length in
	 * bytes.
	 */
	int size() {
		int size = this.size;
		if (size < 0) {
			size = utf8Length((String) this.payload);
			this.size = size;
		}
		return size;
	}

	String text() {
		return (String) this.payload;
	}

	/**
	 * Return a view of the binary payload with its own position, so that recipients
	 * written concurrently do not disturb each other.
	 */
	ByteBuffer data() {
		return ((ByteBuffer) this.payload).duplicate();
	}

	CloseStatus closeStatus() {
		return (CloseStatus) this.payload;
	}

	static int utf8Length(CharSequence text) {
		int length = text.length();
		int bytes = length;
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (c >= 0x80) {
				if (c < 0x800) {
					bytes++;
				}
				else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
					// four bytes for the two chars of a surrogate pair
					bytes += 2;
					i++;
				}
				else {
					bytes += 2;
				}
			}
		}
		return bytes;
	}

}
