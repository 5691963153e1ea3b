package io.wsboot.server;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.context.SmartLifecycle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GracefulClose}. Its waits are bounded by the registry emptying, which
 * these tests make happen (or not) before the wait starts.
 */
class GracefulCloseTests {

	private final InMemoryConnectionRegistry registry = new InMemoryConnectionRegistry();

	@Test
	void stopClosesEveryConnectionWithGoingAwayAndTerminatesNoneThatClosed() {
		RecordingFrameWriter one = addClosingPeer("one");
		RecordingFrameWriter two = addClosingPeer("two");
		GracefulClose gracefulClose = new GracefulClose(this.registry, Duration.ofMinutes(1));
		gracefulClose.start();
		assertThat(gracefulClose.isRunning()).isTrue();
		gracefulClose.stop();
		assertThat(gracefulClose.isRunning()).isFalse();
		assertThat(one.events()).containsExactly("close 1001 Going away");
		assertThat(two.events()).containsExactly("close 1001 Going away");
		assertThat(this.registry.count()).isZero();
	}

	@Test
	void stopTerminatesTheConnectionsStillOpenAfterTheTimeout() {
		RecordingFrameWriter silent = new RecordingFrameWriter();
		this.registry.add(TestConnections.connection("silent", "chat", silent));
		RecordingFrameWriter polite = addClosingPeer("polite");
		new GracefulClose(this.registry, Duration.ZERO).stop();
		assertThat(silent.events()).containsExactly("close 1001 Going away", "abort 1001 reported 1006");
		assertThat(polite.events()).containsExactly("close 1001 Going away");
	}

	@Test
	void stopDoesNothingWithoutConnections() {
		GracefulClose gracefulClose = new GracefulClose(this.registry, Duration.ofMinutes(1));
		gracefulClose.start();
		gracefulClose.stop();
		assertThat(gracefulClose.isRunning()).isFalse();
	}

	@Test
	void stopsBeforeTheWebServer() {
		assertThat(new GracefulClose(this.registry, Duration.ZERO).getPhase())
			.isGreaterThan(SmartLifecycle.DEFAULT_PHASE - 1024);
	}

	/**
	 * Add a connection whose peer answers the close frame at once: the container then
	 * reports the closure and the connection leaves the registry.
	 */
	private RecordingFrameWriter addClosingPeer(String id) {
		RecordingFrameWriter writer = new RecordingFrameWriter();
		ServerConnection connection = TestConnections.connection(id, "chat", writer);
		writer.whenClosed(() -> {
			connection.markClosed();
			this.registry.remove(connection);
		});
		this.registry.add(connection);
		return writer;
	}

}
