package io.wsboot.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The delays between the reconnect attempts of a {@link WsClient}: exponential backoff
 * with jitter, capped, and an optional limit on the number of attempts. The delay before
 * attempt {@code n} is {@code min(maxDelay, initialDelay * multiplier^(n-1))}, of which a
 * random fraction of up to {@code jitter} is taken off, so that clients dropped together
 * do not all come back at the same instant.
 */
final class ReconnectBackoff {

	private final Duration initialDelay;

	private final Duration maxDelay;

	private final double multiplier;

	private final double jitter;

	private final int maxAttempts;

	private final DoubleSupplier random;

	/**
	 * Create a backoff.
	 * @param initialDelay the delay before the first attempt
	 * @param maxDelay the longest delay
	 * @param multiplier the factor from one delay to the next, at least 1
	 * @param jitter the largest fraction of a delay taken off at random, from 0 to 1
	 * @param maxAttempts the number of attempts after which to give up, {@code 0} for no
	 * limit
	 * @param random random numbers from 0 (inclusive) to 1 (exclusive)
	 */
	ReconnectBackoff(Duration initialDelay, Duration maxDelay, double multiplier, double jitter, int maxAttempts,
			DoubleSupplier random) {
		if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
			throw new IllegalArgumentException("Reconnect delays must satisfy 0 <= initial delay (" + initialDelay
					+ ") <= max delay (" + maxDelay + ")");
		}
		if (!(multiplier >= 1)) {
			throw new IllegalArgumentException("Reconnect multiplier must be at least 1 but was " + multiplier);
		}
		if (!(jitter >= 0 && jitter <= 1)) {
			throw new IllegalArgumentException("Reconnect jitter must be from 0 to 1 but was " + jitter);
		}
		if (maxAttempts < 0) {
			throw new IllegalArgumentException("Reconnect max attempts must be 0 (no limit) or more but was "
					+ maxAttempts);
		}
		this.initialDelay = initialDelay;
		this.maxDelay = maxDelay;
		this.multiplier = multiplier;
		this.jitter = jitter;
		this.maxAttempts = maxAttempts;
		this.random = random;
	}

	/**
	 * Create a backoff with {@link ThreadLocalRandom}.
	 */
	ReconnectBackoff(Duration initialDelay, Duration maxDelay, double multiplier, double jitter, int maxAttempts) {
		this(initialDelay, maxDelay, multiplier, jitter, maxAttempts, () -> ThreadLocalRandom.current().nextDouble());
	}

	/**
	 * Return whether an attempt may be made.
	 * @param attempt the number of the attempt, from 1
	 * @return {@code false} when the attempts are used up
	 */
	boolean allows(int attempt) {
		return this.maxAttempts == 0 || attempt <= this.maxAttempts;
	}

	/**
	 * Return the delay before an attempt.
	 * @param attempt the number of the attempt, from 1
	 * @return the delay
	 */
	Duration delay(int attempt) {
		double uncapped = this.initialDelay.toMillis() * Math.pow(this.multiplier, attempt - 1);
		double capped = Math.min(uncapped, this.maxDelay.toMillis());
		double jittered = capped * (1 - this.jitter * this.random.getAsDouble());
		return Duration.ofMillis(Math.round(jittered));
	}

	int maxAttempts() {
		return this.maxAttempts;
	}

	@Override
	public String toString() {
		return "ReconnectBackoff[initialDelay=" + this.initialDelay + ", maxDelay=" + this.maxDelay + ", multiplier="
				+ this.multiplier + ", jitter=" + this.jitter + ", maxAttempts=" + this.maxAttempts + "]";
	}

}
