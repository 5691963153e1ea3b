package io.wsboot.it.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.wsboot.ConnectionRegistry;
import io.wsboot.WsConnection;
import io.wsboot.it.app.Events;
import io.wsboot.it.app.ItApplication;
import io.wsboot.it.send.SmallSocketBuffers;
import io.wsboot.testfixture.RawWebSocket;
import io.wsboot.testfixture.RawWebSocket.Frame;
import io.wsboot.testfixture.RawWebSocket.HandshakeResponse;
import io.wsboot.testfixture.RecordingClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stopping an application with 200 clients: every client that can take a close frame
 * gets 1001, upgrades during the shutdown get 503, peers that cannot take it are
 * terminated after {@code ws.shutdown.timeout}, and the shutdown ends within that
 * timeout and a margin. The application is started here, so that stopping it leaves the
 * cached test contexts alone.
 */
@Tag("e2e")
class ShutdownWithManyClientsTests {

	private static final int CLIENTS = 200;

	private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);

	/**
	 * What stopping may take besides waiting for the closing handshakes: terminating
	 * what is left, then stopping the heartbeat, the web server and the context; some
	 * 0.2 to 0.6 s here. A shutdown held by anything else, such as a blocking write to a
	 * stalled peer (up to the 10 s send time limit) or the 30 s lifecycle timeout, would
	 * pass it.
	 */
	private static final Duration MARGIN = Duration.ofSeconds(3);

	private static final String[] PATHS = { "/echo", "/chat", "/feed", "/rooms/shutdown" };

	private ConfigurableApplicationContext context;

	private final List<RecordingClient> answering = new ArrayList<>();

	private final List<RawWebSocket> raw = new ArrayList<>();

	@AfterEach
	void stop() throws IOException {
		if (this.context != null) {
			this.context.close();
		}
		this.answering.forEach(RecordingClient::abort);
		for (RawWebSocket client : this.raw) {
			client.close();
		}
	}

	@Test
	void everyOneOf200ClientsGets1001AndTheShutdownEndsWithinItsTimeout() throws Exception {
		int port = start();
		// real clients, which answer the close frame
		connectAnswering(port, 180);
		// clients that never read nor answer, but whose socket takes the close frame
		List<RawWebSocket> silent = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			silent.add(openRaw(RawWebSocket.to(port, PATHS[i % PATHS.length])));
		}
		ConnectionRegistry registry = this.context.getBean(ConnectionRegistry.class);
		Events events = this.context.getBean(Events.class);
		await().untilAsserted(() -> assertThat(registry.count()).isEqualTo(CLIENTS));
		Collection<WsConnection> connections = registry.connections();

		Duration took = closeContext();

		assertThat(took).as("time the shutdown took").isLessThan(SHUTDOWN_TIMEOUT.plus(MARGIN));
		for (RecordingClient client : this.answering) {
			assertThat(client.closeStatus().join()).isEqualTo(new RecordingClient.CloseStatus(1001, "Going away"));
		}
		for (RawWebSocket client : silent) {
			Optional<Frame> close = client.readUntilClose();
			assertThat(close).as("close frame to a silent client").isPresent();
			assertThat(close.get().closeCode()).isEqualTo(1001);
		}
		assertThat(registry.count()).isZero();
		for (WsConnection connection : connections) {
			assertThat(events.closesOf(connection.id())).as("close callbacks of %s", connection)
				.singleElement()
				.satisfies((closed) -> assertThat(closed.code()).isEqualTo(1001));
		}
	}

	@Test
	// SmallSocketBuffers tunes Tomcat: left out of the Jetty run
	@Tag("tomcat")
	void peersThatCannotTakeTheCloseFrameAreTerminatedAndTheShutdownEndsWithinItsTimeout() throws Exception {
		int port = start(SmallSocketBuffers.class);
		connectAnswering(port, 190);
		// clients that stopped reading with far more queued to them than their sockets
		// hold: the close frame waits behind it
		ConnectionRegistry registry = this.context.getBean(ConnectionRegistry.class);
		Events events = this.context.getBean(Events.class);
		List<WsConnection> stalled = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			RawWebSocket client = openRaw(RawWebSocket.to(port, "/feed").receiveBufferSize(4096));
			WsConnection connection = await()
				.until(() -> registry.connections()
					.stream()
					.filter((c) -> c.handshake().remoteAddress().getPort() == client.localPort())
					.findFirst(), Optional::isPresent)
				.get();
			for (int m = 0; m < 300; m++) {
				assertThat(connection.send("q".repeat(1024))).isTrue();
			}
			stalled.add(connection);
		}
		await().untilAsserted(() -> assertThat(registry.count()).isEqualTo(CLIENTS));
		await().untilAsserted(() -> assertThat(stalled).allMatch((c) -> c.bufferedAmount() > 0));
		Collection<WsConnection> connections = registry.connections();
		// the stalled peers hold the shutdown for its timeout: time for a new upgrade
		CompletableFuture<HandshakeResponse> upgradeDuringShutdown = upgradeOnceTheShutdownStarted(port);

		Duration took = closeContext();

		assertThat(took).as("time the shutdown took").isLessThan(SHUTDOWN_TIMEOUT.plus(MARGIN));
		for (RecordingClient client : this.answering) {
			assertThat(client.closeStatus().join()).isEqualTo(new RecordingClient.CloseStatus(1001, "Going away"));
		}
		assertRefusedWith503(upgradeDuringShutdown.join());
		assertThat(registry.count()).isZero();
		for (WsConnection connection : connections) {
			// terminated, the stalled peers never sent a close frame: 1006
			int code = stalled.contains(connection) ? 1006 : 1001;
			assertThat(events.closesOf(connection.id())).as("close callbacks of %s", connection)
				.singleElement()
				.satisfies((closed) -> assertThat(closed.code()).isEqualTo(code));
		}
	}

	private int start(Class<?>... more) {
		List<Class<?>> sources = new ArrayList<>(List.of(more));
		sources.add(0, ItApplication.class);
		this.context = new SpringApplicationBuilder(sources.toArray(Class<?>[]::new))
			.properties("server.port=0", "ws.shutdown.timeout=" + SHUTDOWN_TIMEOUT.toMillis() + "ms")
			.run();
		return ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	private void connectAnswering(int port, int count) {
		for (int i = 0; i < count; i++) {
			this.answering.add(RecordingClient.connect(URI.create("ws://localhost:" + port + PATHS[i % PATHS.length])));
		}
	}

	private RawWebSocket openRaw(RawWebSocket.Builder builder) throws IOException {
		RawWebSocket client = builder.open();
		this.raw.add(client);
		return client;
	}

	/**
	 * Try an upgrade as soon as the first client got its close frame: the shutdown has
	 * started, and the server still answers HTTP.
	 */
	private CompletableFuture<HandshakeResponse> upgradeOnceTheShutdownStarted(int port) {
		return this.answering.get(0).closeStatus().thenApplyAsync((status) -> {
			try {
				return RawWebSocket.to(port, "/echo").request();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	private static void assertRefusedWith503(HandshakeResponse response) {
		assertThat(response.status()).isEqualTo(503);
		assertThat(response.header("Retry-After")).isEqualTo("5");
	}

	private Duration closeContext() {
		long start = System.nanoTime();
		this.context.close();
		return Duration.ofNanos(System.nanoTime() - start);
	}

}
