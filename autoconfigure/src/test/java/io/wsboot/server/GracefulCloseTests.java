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
		RecordingTransport one = addClosingPeer("one");
		RecordingTransport two = addClosingPeer("two");
		GracefulClose gracefulClose = new GracefulClose(this.registry, Duration.ofMinutes(1));
		gracefulClose.start();
		assertThat(gracefulClose.isRunning()).isTrue();
		gracefulClose.stop();
		assertThat(gracefulClose.isRunning()).isFalse();
		assertThat(one.events()).containsExactly("close 1001 Going away", "socket closed");
		assertThat(two.events()).containsExactly("close 1001 Going away", "socket closed");
		assertThat(this.registry.count()).isZero();
	}

	@Test
	void stopTerminatesTheConnectionsStillOpenAfterTheTimeout() {
		RecordingTransport silent = new RecordingTransport();
		this.registry.add(TestConnections.connection("silent", "chat", silent));
		RecordingTransport polite = addClosingPeer("polite");
		new GracefulClose(this.registry, Duration.ZERO).stop();
		assertThat(silent.events()).containsExactly("close 1001 Going away", "socket closed");
		assertThat(polite.events()).containsExactly("close 1001 Going away", "socket closed");
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
	private RecordingTransport addClosingPeer(String id) {
		RecordingTransport transport = new RecordingTransport();
		ServerConnection connection = TestConnections.connection(id, "chat", TestConnections.settings(), transport,
				(closed, code, reason) -> this.registry.remove(closed));
		transport.whenCloseFrameWritten(() -> connection.onCloseFrame(1001, "Going away"));
		this.registry.add(connection);
		return transport;
	}

}
