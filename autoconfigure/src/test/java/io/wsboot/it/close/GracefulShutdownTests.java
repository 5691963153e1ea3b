package io.wsboot.it.close;

import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.wsboot.ConnectionRegistry;
import io.wsboot.HandshakeDecision;
import io.wsboot.HandshakeGuard;
import io.wsboot.WsConnection;
import io.wsboot.client.WsClient;
import io.wsboot.client.WsClientListener;
import io.wsboot.client.WsConnectException;
import io.wsboot.it.app.Events;
import io.wsboot.it.app.ItApplication;
import io.wsboot.testfixture.RawWebSocket;
import io.wsboot.testfixture.RawWebSocket.Frame;
import io.wsboot.testfixture.RecordingClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;
import static org.awaitility.Awaitility.await;

/**
 * Stopping the application closes every connection with 1001 (going away) before the
 * web server stops. The application is started here, not by the test framework, so
 * that stopping it leaves the cached test contexts alone.
 */
@Tag("e2e")
class GracefulShutdownTests {

	@Test
	void stoppingTheApplicationClosesEveryConnectionWith1001() throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ItApplication.class)
			.properties("server.port=0", "ws.shutdown.timeout=2s")
			.run();
		try {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			ConnectionRegistry registry = context.getBean(ConnectionRegistry.class);
			Events events = context.getBean(Events.class);
			RecordingClient echo = RecordingClient.connect(URI.create("ws://localhost:" + port + "/echo"));
			RecordingClient chat = RecordingClient.connect(URI.create("ws://localhost:" + port + "/chat"));
			RawWebSocket raw = RawWebSocket.to(port, "/feed").open();
			await().untilAsserted(() -> assertThat(registry.count()).isEqualTo(3));
			Collection<WsConnection> connections = registry.connections();

			context.close();

			assertThat(echo.closeStatus().join()).isEqualTo(new RecordingClient.CloseStatus(1001, "Going away"));
			assertThat(chat.closeStatus().join()).isEqualTo(new RecordingClient.CloseStatus(1001, "Going away"));
			Optional<Frame> close = raw.readUntilClose();
			assertThat(close).as("close frame to the raw client").isPresent();
			assertThat(close.get().closeCode()).isEqualTo(1001);
			raw.close();
			for (WsConnection connection : connections) {
				assertThat(events.closesOf(connection.id())).singleElement()
					.satisfies((closed) -> assertThat(closed.code()).isEqualTo(1001));
			}
			assertThat(registry.count()).isZero();
		}
		finally {
			context.close();
		}
	}

	@Test
	void anUpgradeUnderWayWhenTheApplicationStopsOpensItsConnectionAndClosesItWith1001() throws Exception {
		CountDownLatch held = new CountDownLatch(1);
		CountDownLatch released = new CountDownLatch(1);
		// holds the upgrade requests that ask for it past the shutdown check
		HandshakeGuard holding = (request, endpointId) -> {
			if (request.queryParam("hold") != null) {
				held.countDown();
				try {
					released.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			return HandshakeDecision.accept();
		};
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ItApplication.class)
			.initializers((initialized) -> initialized.getBeanFactory().registerSingleton("holdingGuard", holding))
			.properties("server.port=0", "ws.shutdown.timeout=10s")
			.run();
		try {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			Events events = context.getBean(Events.class);
			SmartLifecycle gracefulClose = context.getBean("wsGracefulShutdown", SmartLifecycle.class);
			WsClient late = WsClient.connect("ws://localhost:" + port + "/echo?hold", new WsClientListener() {
			});
			assertThat(held.await(10, TimeUnit.SECONDS)).as("upgrade request held").isTrue();

			// not on the common pool: the JDK's HttpClient completes handshakes there, and a
			// close blocked on the held upgrade would hold back the answers it waits for
			CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close,
					(task) -> new Thread(task, "closing").start());
			await().until(() -> !gracefulClose.isRunning());
			// the shutdown waits for the held upgrade and refuses the others
			WsClient refused = WsClient.connect("ws://localhost:" + port + "/echo", new WsClientListener() {
			});
			assertThat(refused.whenOpen()).failsWithin(Duration.ofSeconds(10))
				.withThrowableThat()
				.havingCause()
				.asInstanceOf(type(WsConnectException.class))
				.satisfies((failure) -> assertThat(failure.status()).isEqualTo(503));
			released.countDown();

			// opened once the held upgrade went on, then closed by the shutdown
			assertThat(late.whenOpen()).succeedsWithin(Duration.ofSeconds(10));
			assertThat(late.whenClosed()).succeedsWithin(Duration.ofSeconds(10))
				.isEqualTo(new WsClient.Close(1001, "Going away"));
			closing.get(20, TimeUnit.SECONDS);
			assertThat(events.opens("echo")).isOne();
			await().untilAsserted(() -> assertThat(events.closes("echo")).isOne());
		}
		finally {
			released.countDown();
			context.close();
		}
	}

}
