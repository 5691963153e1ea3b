package io.wsboot.server;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One endpoint's connection limit ({@code max-connections}): a slot per open connection
 * and per upgrade under way. A handshake reserves a slot before it answers, and is
 * refused with 503 when none is left; the slot passes to the connection it opens, and is
 * released when that connection is closed for the endpoint or when the upgrade fails.
 */
final class ConnectionLimit {

	private final int max;

	private final AtomicInteger taken = new AtomicInteger();

	ConnectionLimit(int max) {
		this.max = max;
	}

	/**
	 * Reserve a slot for a connection about to be upgraded.
	 * @return {@code false} when the limit is reached
	 */
	boolean reserve() {
		while (true) {
			int taken = this.taken.get();
			if (taken >= this.max) {
				return false;
			}
			if (this.taken.compareAndSet(taken, taken + 1)) {
				return true;
			}
		}
	}

	/**
	 * Give back a slot {@link #reserve() reserved}.
	 */
	void release() {
		this.taken.decrementAndGet();
	}

	int max() {
		return this.max;
	}

}
