package io.wsboot.server;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import io.wsboot.ReadyState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ConnectionSweeper}, driving {@link ConnectionSweeper#sweep()} by
 * hand with a clock that moves only when told.
 */
class ConnectionSweeperTests {

	private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

	private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));

	private final InMemoryConnectionRegistry registry = new InMemoryConnectionRegistry();

	// never started by these tests: they call sweep() themselves
	private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);

	@AfterEach
	void shutDownExecutor() {
		this.executor.shutdownNow();
	}

	@Test
	void firstSweepPingsEveryConnection() {
		ConnectionSweeper sweeper = sweeper(TEN_SECONDS);
		RecordingTransport one = add("one", TestConnections.heartbeatEvery(TEN_SECONDS));
		RecordingTransport two = add("two", TestConnections.heartbeatEvery(Duration.ofSeconds(30)));
		assertThat(sweeper.sweep()).isZero();
		assertThat(one.events()).containsExactly("ping 0");
		assertThat(two.events()).containsExactly("ping 0");
	}

	@Test
	void pingsAConnectionThatAnsweredAgainAtTheNextDueSweep() {
		ConnectionSweeper sweeper = sweeper(TEN_SECONDS);
		RecordingTransport writer = add("one", TestConnections.heartbeatEvery(TEN_SECONDS));
		sweeper.sweep();
		connection("one").markAlive();
		this.clock.advance(TEN_SECONDS);
		assertThat(sweeper.sweep()).isZero();
		assertThat(writer.events()).containsExactly("ping 0", "ping 0");
		assertThat(connection("one").readyState()).isEqualTo(ReadyState.OPEN);
	}

	@Test
	void terminatesAConnectionThatDidNotAnswerAtTheNextDueSweep() {
		ConnectionSweeper sweeper = sweeper(TEN_SECONDS);
		RecordingTransport writer = add("one", TestConnections.heartbeatEvery(TEN_SECONDS));
		sweeper.sweep();
		this.clock.advance(TEN_SECONDS);
		assertThat(sweeper.sweep()).isEqualTo(1);
		assertThat(writer.events()).containsExactly("ping 0", "socket closed");
		assertThat(this.registry.count()).isZero();
	}

	@Test
	void terminatesADeadConnectionOnlyOnce() {
		ConnectionSweeper sweeper = sweeper(TEN_SECONDS);
		RecordingTransport writer = add("one", TestConnections.heartbeatEvery(TEN_SECONDS));
		sweeper.sweep();
		this.clock.advance(TEN_SECONDS);
		assertThat(sweeper.sweep()).isEqualTo(1);
		// closed at once, and gone from the registry
		this.clock.advance(TEN_SECONDS);
		assertThat(sweeper.sweep()).isZero();
		assertThat(writer.events()).containsExactly("ping 0", "socket closed");
	}

	@Test
	void doesNotPingAConnectionBeforeItsIntervalElapsed() {
		ConnectionSweeper sweeper = sweeper(TEN_SECONDS);
		RecordingTransport writer = add("one", TestConnections.heartbeatEvery(Duration.ofSeconds(30)));
		sweeper.sweep();
		for (int i = 0; i < 2; i++) {
			this.clock.advance(TEN_SECONDS);
			assertThat(sweeper.sweep()).isZero();
		}
		assertThat(writer.events()).containsExactly("ping 0");
		this.clock.advance(TEN_SECONDS);
		// no answer to the ping sent 30 seconds ago
		assertThat(sweeper.sweep()).isEqualTo(1);
		assertThat(writer.events()).containsExactly("ping 0", "socket closed");
	}

	@Test
	void aDeadPeerIsGoneWithinTwoIntervals() {
		Duration interval = Duration.ofSeconds(30);
		ConnectionSweeper sweeper = sweeper(TEN_SECONDS);
		RecordingTransport writer = add("one", TestConnections.heartbeatEvery(interval));
		long diesAtSecond = 41;
		long terminatedAtSecond = -1;
		for (long second = 0; second <= 200; second += 10) {
			if (second > 0) {
				this.clock.advance(TEN_SECONDS);
			}
			if (sweeper.sweep() == 1) {
				terminatedAtSecond = second;
				break;
			}
			// the peer answers every ping until it dies
			if (second < diesAtSecond) {
				connection("one").markAlive();
			}
		}
		assertThat(terminatedAtSecond).isGreaterThan(diesAtSecond)
			.isLessThanOrEqualTo(diesAtSecond + 2 * interval.toSeconds());
		assertThat(writer.events()).endsWith("socket closed");
	}

	@Test
	void neverPingsConnectionsOfAnEndpointWithTheHeartbeatOff() {
		ConnectionSweeper sweeper = sweeper(TEN_SECONDS);
		RecordingTransport writer = add("one", TestConnections.noHeartbeat());
		for (int i = 0; i < 10; i++) {
			assertThat(sweeper.sweep()).isZero();
			this.clock.advance(Duration.ofMinutes(1));
		}
		assertThat(writer.events()).isEmpty();
		assertThat(connection("one").readyState()).isEqualTo(ReadyState.OPEN);
	}

	@Test
	void pingsEachEndpointAtItsOwnInterval() {
		ConnectionSweeper sweeper = sweeper(TEN_SECONDS);
		RecordingTransport fast = add("fast", TestConnections.heartbeatEvery(TEN_SECONDS));
		RecordingTransport slow = add("slow", TestConnections.heartbeatEvery(Duration.ofSeconds(30)));
		for (int second = 0; second <= 60; second += 10) {
			if (second > 0) {
				this.clock.advance(TEN_SECONDS);
			}
			assertThat(sweeper.sweep()).isZero();
			connection("fast").markAlive();
			connection("slow").markAlive();
		}
		// sweeps at 0, 10, ..., 60 seconds
		assertThat(fast.events()).hasSize(7).containsOnly("ping 0");
		assertThat(slow.events()).hasSize(3).containsOnly("ping 0");
	}

	@Test
	void closesAConnectionThatReceivedNoMessageForTheIdleTimeout() {
		ConnectionSweeper sweeper = sweeper(TEN_SECONDS);
		RecordingTransport writer = add("one", TestConnections.idleTimeout(Duration.ofSeconds(20)));
		sweeper.sweep();
		this.clock.advance(TEN_SECONDS);
		sweeper.sweep();
		assertThat(writer.events()).isEmpty();
		this.clock.advance(TEN_SECONDS);
		sweeper.sweep();
		assertThat(writer.events()).containsExactly("close 1001 Idle timeout");
		assertThat(this.registry.count()).isZero();
	}

	@Test
	void aMessageRestartsTheIdleTimerButAPongDoesNot() {
		ConnectionSweeper sweeper = sweeper(TEN_SECONDS);
		RecordingTransport writer = add("one", TestConnections.idleTimeout(Duration.ofSeconds(20)));
		sweeper.sweep();
		this.clock.advance(TEN_SECONDS);
		connection("one").markReceived();
		sweeper.sweep();
		this.clock.advance(TEN_SECONDS);
		connection("one").markAlive();
		sweeper.sweep();
		assertThat(writer.events()).isEmpty();
		this.clock.advance(TEN_SECONDS);
		sweeper.sweep();
		assertThat(writer.events()).containsExactly("close 1001 Idle timeout");
	}

	@Test
	void neverClosesAnIdleConnectionWithoutAnIdleTimeout() {
		ConnectionSweeper sweeper = sweeper(TEN_SECONDS);
		RecordingTransport writer = add("one", TestConnections.noHeartbeat());
		for (int i = 0; i < 10; i++) {
			sweeper.sweep();
			this.clock.advance(Duration.ofHours(1));
		}
		assertThat(writer.events()).isEmpty();
	}

	@Test
	void startSweepsEveryTickUntilStopped() {
		ConnectionSweeper sweeper = sweeper(TEN_SECONDS);
		assertThat(sweeper.isRunning()).isFalse();
		sweeper.start();
		assertThat(sweeper.isRunning()).isTrue();
		assertThat(this.executor.getQueue()).hasSize(1);
		sweeper.stop();
		assertThat(sweeper.isRunning()).isFalse();
		assertThat(this.executor.getQueue()).isEmpty();
	}

	private ConnectionSweeper sweeper(Duration tick) {
		this.executor.setRemoveOnCancelPolicy(true);
		return new ConnectionSweeper(this.registry, this.executor, this.clock, tick);
	}

	private RecordingTransport add(String id, EndpointSettings settings) {
		RecordingTransport writer = new RecordingTransport();
		this.registry.add(TestConnections.connection(id, "endpoint-" + id, settings, writer,
				(closed, code, reason) -> this.registry.remove(closed)));
		return writer;
	}

	private ServerConnection connection(String id) {
		return (ServerConnection) this.registry.find(id).orElseThrow();
	}

}
