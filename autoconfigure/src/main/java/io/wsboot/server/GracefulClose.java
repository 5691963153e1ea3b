package io.wsboot.server;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Closes every connection when the application stops: upgrade requests are refused with
 * 503 from then on, and each connection gets close 1001 (going away),
 * a wait of at most the shutdown timeout for the closing handshakes, then termination of
 * the rest. Stops before the web server's own graceful shutdown, which would otherwise
 * leave the connections to be cut without a close frame.
 * <p>
 * An upgrade accepted just before the stop may open its connection after the others
 * were closed (its client can even hear the 101 first): the wait covers such upgrades,
 * and their connections close themselves with 1001 as they open.
 */
final class GracefulClose implements SmartLifecycle {

	/**
	 * Ahead of the web server's graceful shutdown, which stops at
	 * {@code DEFAULT_PHASE - 1024}.
	 */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

	private static final Log logger = LogFactory.getLog(GracefulClose.class);

	private final InMemoryConnectionRegistry registry;

	private final Duration timeout;

	private volatile boolean running;

	private volatile boolean stopping;

	GracefulClose(InMemoryConnectionRegistry registry, Duration timeout) {
		this.registry = registry;
		this.timeout = timeout;
	}

	@Override
	public void start() {
		this.stopping = false;
		this.running = true;
	}

	/**
	 * Return whether upgrade requests are accepted: until the application stops.
	 */
	boolean isAccepting() {
		return !this.stopping;
	}

	@Override
	public void stop() {
		this.stopping = true;
		this.running = false;
		if (this.registry.isEmpty()) {
			return;
		}
		int open = this.registry.count();
		if (open > 0) {
			logger.info("Closing " + open + " WebSocket connection(s) with 1001 (going away)");
		}
		for (ServerConnection connection : this.registry.open()) {
			connection.close(1001, "Going away");
		}
		try {
			if (this.registry.awaitEmpty(this.timeout)) {
				return;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		logger.info("Terminating " + this.registry.count() + " WebSocket connection(s) still open after "
				+ this.timeout.toMillis() + " ms");
		for (ServerConnection connection : this.registry.open()) {
			connection.terminate();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
