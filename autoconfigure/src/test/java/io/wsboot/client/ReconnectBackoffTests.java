package io.wsboot.client;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ReconnectBackoff}, with fixed random numbers.
 */
class ReconnectBackoffTests {

	@Test
	void delaysGrowExponentiallyUpToTheCapWithoutJitter() {
		ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(1), 2, 0, 0,
				() -> 0.99);
		assertThat(backoff.delay(1)).isEqualTo(Duration.ofMillis(100));
		assertThat(backoff.delay(2)).isEqualTo(Duration.ofMillis(200));
		assertThat(backoff.delay(3)).isEqualTo(Duration.ofMillis(400));
		assertThat(backoff.delay(4)).isEqualTo(Duration.ofMillis(800));
		assertThat(backoff.delay(5)).isEqualTo(Duration.ofSeconds(1));
		assertThat(backoff.delay(1000)).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void jitterTakesOffAtMostItsFractionOfEachDelay() {
		ReconnectBackoff least = new ReconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(1), 2, 0.5, 0,
				() -> 0);
		ReconnectBackoff most = new ReconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(1), 2, 0.5, 0,
				() -> 0.999999);
		assertThat(least.delay(3)).isEqualTo(Duration.ofMillis(400));
		assertThat(most.delay(3)).isEqualTo(Duration.ofMillis(200));
		assertThat(most.delay(10)).isEqualTo(Duration.ofMillis(500));
	}

	@Test
	void maxAttemptsLimitsTheAttemptsAndZeroMeansNoLimit() {
		ReconnectBackoff limited = new ReconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(1), 2, 0.5, 3);
		assertThat(limited.allows(3)).isTrue();
		assertThat(limited.allows(4)).isFalse();
		ReconnectBackoff unlimited = new ReconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(1), 2, 0.5, 0);
		assertThat(unlimited.allows(Integer.MAX_VALUE)).isTrue();
	}

	@Test
	void refusesSettingsThatMakeNoSense() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ReconnectBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 0.5, 0))
			.withMessageContaining("initial delay (PT2S) <= max delay (PT1S)");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ReconnectBackoff(Duration.ZERO, Duration.ofSeconds(1), 0.5, 0.5, 0))
			.withMessageContaining("multiplier must be at least 1");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ReconnectBackoff(Duration.ZERO, Duration.ofSeconds(1), 2, 1.5, 0))
			.withMessageContaining("jitter must be from 0 to 1");
	}

}
