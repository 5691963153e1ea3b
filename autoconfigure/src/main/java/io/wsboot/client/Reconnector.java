package io.wsboot.client;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The reconnect side of a {@link DefaultWsClient}: after each connection or attempt that
 * ended, decides whether another attempt follows, schedules it after the delay of the
 * {@link ReconnectBackoff}, counts the attempts since the connection was last open, and
 * stops for good when the application closes or terminates the client.
 * <p>
 * Not thread-safe: its client calls it while holding its own lock, so that the attempts
 * and the ready state change together.
 */
final class Reconnector {

	/**
	 * Close codes of an open connection after which a client with reconnect on
	 * reconnects: going away, abnormal closure, internal error, service restart, try
	 * again later.
	 */
	static final Set<Integer> RECONNECT_CODES = Set.of(1001, 1006, 1011, 1012, 1013);

	private static final Log logger = LogFactory.getLog(Reconnector.class);

	private final URI url;

	private final @Nullable ReconnectBackoff backoff;

	private final ScheduledExecutorService scheduler;

	private final Runnable attempt;

	private boolean stopped;

	private boolean everOpened;

	private int attempts;

	private @Nullable ScheduledFuture<?> timer;

	/**
	 * Create a reconnector.
	 * @param url the client's URL, for log messages
	 * @param backoff the delays between attempts, or {@code null} when the client does
	 * not reconnect
	 * @param scheduler runs the attempts after their delays
	 * @param attempt starts a connection attempt
	 */
	Reconnector(URI url, @Nullable ReconnectBackoff backoff, ScheduledExecutorService scheduler, Runnable attempt) {
		this.url = url;
		this.backoff = backoff;
		this.scheduler = scheduler;
		this.attempt = attempt;
	}

	/**
	 * Return whether the client stopped for good: no attempt is made any more.
	 * @return {@code true} after {@link #stop()}
	 */
	boolean isStopped() {
		return this.stopped;
	}

	/**
	 * Return the number of the reconnect attempt scheduled or under way.
	 * @return the number, from 1 since the connection was last open; {@code 0} for the
	 * first attempt
	 */
	int attempt() {
		return this.attempts;
	}

	/**
	 * A connection opened: the attempts start again from 1 when it is lost.
	 * @return the number of reconnect attempts it took, or {@code 0} when it is the
	 * client's first connection (which is not a reconnect, however many attempts it
	 * took)
	 */
	int opened() {
		int reconnected = this.everOpened ? this.attempts : 0;
		this.everOpened = true;
		this.attempts = 0;
		return reconnected;
	}

	/**
	 * A connection or attempt ended: schedule the next attempt when the way it ended
	 * calls for one and the backoff allows it.
	 * @param wasOpen whether the connection had opened
	 * @param code the close code it ended with
	 * @param error the error that ended it, if any
	 * @return the scheduled attempt, or {@code null} when the client closes for good
	 */
	@Nullable Retry ended(boolean wasOpen, int code, @Nullable Throwable error) {
		ReconnectBackoff backoff = this.backoff;
		if (backoff == null || this.stopped || !wanted(wasOpen, code, error)) {
			return null;
		}
		int next = this.attempts + 1;
		if (!backoff.allows(next)) {
			logger.info("Gave up reconnecting to " + this.url + " after " + backoff.maxAttempts() + " attempts");
			return null;
		}
		Duration delay = backoff.delay(next);
		try {
			this.timer = this.scheduler.schedule(this.attempt, delay.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// the scheduler is shut down: the application is stopping
			return null;
		}
		this.attempts = next;
		if (logger.isDebugEnabled()) {
			logger.debug("Reconnecting to " + this.url + " in " + delay.toMillis() + " ms (attempt " + next + ")");
		}
		return new Retry(next, delay);
	}

	/**
	 * Return whether a connection that ended this way is worth another attempt: an open
	 * connection lost or closed by a server in trouble, or a handshake whose failure may
	 * pass.
	 */
	private static boolean wanted(boolean wasOpen, int code, @Nullable Throwable error) {
		if (wasOpen) {
			return RECONNECT_CODES.contains(code);
		}
		return !(error instanceof WsConnectException failure) || failure.isRetryable();
	}

	/**
	 * Stop for good: cancel the scheduled attempt, and make no other.
	 */
	void stop() {
		this.stopped = true;
		ScheduledFuture<?> timer = this.timer;
		if (timer != null) {
			timer.cancel(false);
			this.timer = null;
		}
	}

	/**
	 * A scheduled reconnect attempt.
	 *
	 * @param attempt the number of the attempt, from 1 since the connection was last open
	 * @param delay the time until the attempt
	 */
	record Retry(int attempt, Duration delay) {

	}

}
