package io.wsboot.server;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The buffers reads go into, lent for the length of one read callback: a connection
 * holds none while idle, and no read allocates. Lock-free, and fit for virtual threads,
 * which a thread-local would give a buffer each.
 * <p>
 * Each is a heap buffer over an array of its own, lent cleared: an adapter reads a
 * channel into it, or its array, without wrapping one per read.
 */
final class ReadBuffers {

	static final int SIZE = 16 * 1024;

	private final AtomicReferenceArray<ByteBuffer> slots;

	ReadBuffers(int slots) {
		this.slots = new AtomicReferenceArray<>(slots);
	}

	ByteBuffer take() {
		int length = this.slots.length();
		int start = (int) (Thread.currentThread().getId() % length);
		for (int i = 0; i < length; i++) {
			ByteBuffer buffer = this.slots.getAndSet((start + i) % length, null);
			if (buffer != null) {
				return buffer.clear();
			}
		}
		// more readers at once than slots: this one is garbage after its read
		return ByteBuffer.allocate(SIZE);
	}

	void giveBack(ByteBuffer buffer) {
		int length = this.slots.length();
		int start = (int) (Thread.currentThread().getId() % length);
		for (int i = 0; i < length; i++) {
			if (this.slots.compareAndSet((start + i) % length, null, buffer)) {
				return;
			}
		}
	}

}
