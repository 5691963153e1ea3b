package io.wsboot.client;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link Reconnector}, with a backoff without jitter and a scheduler of its
 * own, so that the delays and the scheduled attempts can be checked.
 */
class ReconnectorTests {

	private static final URI URL = URI.create("ws://localhost:1/");

	private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);

	private final AtomicInteger attemptsRun = new AtomicInteger();

	ReconnectorTests() {
		this.scheduler.setRemoveOnCancelPolicy(true);
	}

	@AfterEach
	void shutDown() {
		this.scheduler.shutdownNow();
	}

	private Reconnector reconnector(int maxAttempts) {
		ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(50), 2, 0,
				maxAttempts);
		return new Reconnector(URL, backoff, this.scheduler, this.attemptsRun::incrementAndGet);
	}

	@Test
	void schedulesEachAttemptAfterTheBackoffsDelayAndCountsFromOneAfterEachOpen() {
		Reconnector reconnector = reconnector(0);
		assertThat(reconnector.attempt()).isZero();
		assertThat(reconnector.ended(false, 1006, null)).isEqualTo(new Reconnector.Retry(1, Duration.ofMillis(20)));
		assertThat(reconnector.ended(false, 1006, null)).isEqualTo(new Reconnector.Retry(2, Duration.ofMillis(40)));
		assertThat(reconnector.ended(false, 1006, null)).isEqualTo(new Reconnector.Retry(3, Duration.ofMillis(50)));
		await().until(this.attemptsRun::get, (run) -> run == 3);
		// the first connection is not a reconnect, however many attempts it took
		assertThat(reconnector.opened()).isZero();
		assertThat(reconnector.attempt()).isZero();
		assertThat(reconnector.ended(true, 1001, null)).isEqualTo(new Reconnector.Retry(1, Duration.ofMillis(20)));
		assertThat(reconnector.attempt()).isEqualTo(1);
		assertThat(reconnector.opened()).isEqualTo(1);
	}

	@Test
	void reconnectsAnOpenConnectionOnlyAfterTheCodesOfATroubledServerOrALostConnection() {
		Reconnector reconnector = reconnector(0);
		reconnector.opened();
		for (int code : new int[] { 1000, 1002, 1003, 1007, 1008, 1009, 1010, 3000, 4000 }) {
			assertThat(reconnector.ended(true, code, null)).as("after %d", code).isNull();
		}
		for (int code : Reconnector.RECONNECT_CODES) {
			assertThat(reconnector.ended(true, code, null)).as("after %d", code).isNotNull();
			reconnector.opened();
		}
	}

	@Test
	void retriesAFailedHandshakeOnlyWhenTheFailureMayPass() {
		Reconnector reconnector = reconnector(0);
		WsConnectException refused = WsConnectException.of(URL, new ConnectException(), Duration.ofSeconds(1));
		WsConnectException invalid = WsConnectException.of(URL, new IllegalArgumentException("bad header"),
				Duration.ofSeconds(1));
		assertThat(reconnector.ended(false, 1006, invalid)).isNull();
		assertThat(reconnector.ended(false, 1006, refused)).isEqualTo(new Reconnector.Retry(1, Duration.ofMillis(20)));
	}

	@Test
	void givesUpWhenTheAttemptsAreUsedUp() {
		Reconnector reconnector = reconnector(2);
		assertThat(reconnector.ended(false, 1006, null)).isNotNull();
		assertThat(reconnector.ended(false, 1006, null)).isNotNull();
		assertThat(reconnector.ended(false, 1006, null)).isNull();
		await().until(this.attemptsRun::get, (run) -> run == 2);
	}

	@Test
	void stopCancelsTheScheduledAttemptAndPreventsAnyOther() {
		ReconnectBackoff slow = new ReconnectBackoff(Duration.ofMinutes(1), Duration.ofMinutes(1), 2, 0, 0);
		Reconnector reconnector = new Reconnector(URL, slow, this.scheduler, this.attemptsRun::incrementAndGet);
		assertThat(reconnector.ended(true, 1006, null)).isNotNull();
		assertThat(this.scheduler.getQueue()).hasSize(1);
		reconnector.stop();
		assertThat(reconnector.isStopped()).isTrue();
		assertThat(this.scheduler.getQueue()).isEmpty();
		assertThat(reconnector.ended(true, 1006, null)).isNull();
		assertThat(this.attemptsRun).hasValue(0);
	}

	@Test
	void neverReconnectsWithoutABackoffOrOnceTheSchedulerIsShutDown() {
		Reconnector off = new Reconnector(URL, null, this.scheduler, this.attemptsRun::incrementAndGet);
		assertThat(off.ended(true, 1006, null)).isNull();
		Reconnector on = reconnector(0);
		this.scheduler.shutdown();
		assertThat(on.ended(true, 1006, null)).isNull();
		assertThat(on.attempt()).isZero();
	}

}
