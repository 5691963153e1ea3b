package io.wsboot.server;

import java.nio.ByteBuffer;

/**
 * The fragments of one message being received, gathered until its last part arrives.
 * The container's buffers stay small; only a message that spans several of them is
 * copied here, and never past the endpoint's maximum message size.
 */
final class MessageParts {

	private final boolean text;

	private final StringBuilder chars;

	private byte[] bytes;

	private int length;

	private long size;

	private MessageParts(boolean text) {
		this.text = text;
		this.chars = text ? new StringBuilder() : new StringBuilder(0);
		this.bytes = new byte[0];
	}

	static MessageParts text() {
		return new MessageParts(true);
	}

	static MessageParts binary() {
		return new MessageParts(false);
	}

	boolean isText() {
		return this.text;
	}

	/**
	 * Return the size of the message so far, in bytes on the wire.
	 */
	long size() {
		return this.size;
	}

	/**
	 * Add a text part.
	 * @return the size so far
	 */
	long add(String part) {
		this.chars.append(part);
		this.size += Frame.utf8Length(part);
		return this.size;
	}

	/**
	 * Add a binary part, copying it.
	 * @return the size so far
	 */
	long add(ByteBuffer part) {
		int count = part.remaining();
		if (this.length + count > this.bytes.length) {
			byte[] grown = new byte[Math.max(Math.max(this.bytes.length * 2, 1024), this.length + count)];
			System.arraycopy(this.bytes, 0, grown, 0, this.length);
			this.bytes = grown;
		}
		part.get(this.bytes, this.length, count);
		this.length += count;
		this.size += count;
		return this.size;
	}

	/**
	 * Count a part passed on without keeping it.
	 * @return the size so far
	 */
	long count(long partSize) {
		this.size += partSize;
		return this.size;
	}

	String toText() {
		return this.chars.toString();
	}

	ByteBuffer toBinary() {
		return ByteBuffer.wrap(this.bytes, 0, this.length);
	}

}
