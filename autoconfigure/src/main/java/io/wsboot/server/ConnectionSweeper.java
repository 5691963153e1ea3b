package io.wsboot.server;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * One sweep over all connections, for every limit that time alone can break. First the
 * heartbeat, the {@code ws} recipe for closing broken connections: a connection whose ping
 * is due is terminated if it did not answer the previous one, and pinged otherwise. A pong
 * or any message from the peer counts as an answer; the peer's own pings do not. The sweep
 * also closes peers whose current write has outlasted the send time limit, so that a
 * stalled peer is found even when nothing more is sent to it, those that received no
 * message for the idle timeout, and drops those that left a close frame unanswered.
 */
final class ConnectionSweeper implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ConnectionSweeper.class);

	private final InMemoryConnectionRegistry registry;

	private final ScheduledExecutorService executor;

	private final Clock clock;

	private final Duration tick;

	private volatile @Nullable ScheduledFuture<?> sweeps;

	private final ServerListeners listeners;

	/**
	 * Create a scheduler.
	 * @param registry the connections to sweep
	 * @param executor runs the sweeps
	 * @param clock the time the pings are scheduled by
	 * @param tick the time between two sweeps: the shortest heartbeat interval or send
	 * time limit of any endpoint
	 */
	ConnectionSweeper(InMemoryConnectionRegistry registry, ScheduledExecutorService executor, Clock clock,
			Duration tick) {
		this(registry, executor, clock, tick, ServerListeners.NONE);
	}

	ConnectionSweeper(InMemoryConnectionRegistry registry, ScheduledExecutorService executor, Clock clock,
			Duration tick, ServerListeners listeners) {
		this.listeners = listeners;
		this.registry = registry;
		this.executor = executor;
		this.clock = clock;
		this.tick = tick;
	}

	Duration tick() {
		return this.tick;
	}

	/**
	 * Sweep every connection once.
	 * @return the number of connections terminated
	 */
	int sweep() {
		long startNanos = System.nanoTime();
		// a ping due a little after this sweep is sent now rather than a whole tick late
		long tolerance = this.tick.toMillis() / 2;
		int terminated = 0;
		int pinged = 0;
		int swept = 0;
		long sweepNanos = System.nanoTime();
		for (ServerConnection connection : this.registry.closing()) {
			// a peer that has not answered our close frame in time is dropped
			if (connection.isCloseOverdue(sweepNanos)) {
				connection.terminate();
			}
		}
		for (ServerConnection connection : this.registry.open()) {
			swept++;
			// read per connection, so that one pinged late in a long sweep gets its whole
			// interval to answer
			long now = this.clock.millis();
			long nowNanos = System.nanoTime();
			try {
				// under the drop policy an overdue write only drops what is sent meanwhile; a
				// socket the container never handed over ends the connection under either
				if ((connection.settings().overflowPolicy() == OverflowPolicy.CLOSE || !connection.isAttached())
						&& connection.isWriteOverdue(nowNanos)) {
					connection.closeSlowPeer("send time limit of "
							+ connection.settings().sendTimeLimit().toMillis() + " ms exceeded");
					continue;
				}
				if (!connection.isOpen()) {
					// closing already: the close handshake or its timeout ends it
					continue;
				}
				EndpointSettings settings = connection.settings();
				if (settings.idleTimeoutEnabled()
						&& connection.isIdle(now, settings.idleTimeout().toMillis())) {
					if (logger.isDebugEnabled()) {
						logger.debug("Closing " + connection + ": idle for " + settings.idleTimeout());
					}
					connection.close(1001, "Idle timeout");
					continue;
				}
				if (!settings.heartbeatEnabled() || !connection.isPingDue(now)) {
					continue;
				}
				if (!connection.isAlive()) {
					if (logger.isDebugEnabled()) {
						logger.debug("Terminating " + connection + ": no answer to the last ping");
					}
					connection.terminate();
					this.listeners.heartbeatTerminated(connection);
					terminated++;
					continue;
				}
				connection.sendHeartbeatPing(now + settings.heartbeatInterval().toMillis() - tolerance);
				pinged++;
			}
			catch (RuntimeException ex) {
				logger.debug("Heartbeat failed on " + connection, ex);
			}
		}
		if (logger.isDebugEnabled()) {
			logger.debug(String.format("Swept %d connections in %.1f ms: %d pinged, %d terminated", swept,
					(System.nanoTime() - startNanos) / 1e6, pinged, terminated));
		}
		return terminated;
	}

	@Override
	public void start() {
		long period = this.tick.toMillis();
		// at a fixed rate, so that a long sweep does not stretch every interval
		this.sweeps = this.executor.scheduleAtFixedRate(this::sweep, period, period, TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		ScheduledFuture<?> sweeps = this.sweeps;
		if (sweeps != null) {
			sweeps.cancel(false);
			this.sweeps = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.sweeps != null;
	}

}
