package io.wsboot.client;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import io.wsboot.ReadyState;
import io.wsboot.test.WsTestClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Reconnects, against a server this class starts, stops and starts again on one port.
 * The clients are made without Spring, with {@link WsClient#builder()}, so that they
 * outlive the server's application context.
 */
class WsClientReconnectTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static int port;

	private static ConfigurableApplicationContext server;

	@BeforeAll
	static void startServer() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		server = start();
	}

	@AfterEach
	void serverIsUp() {
		// a test that failed while the server was down leaves the next ones a server
		if (!server.isActive()) {
			server = start();
		}
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	private static ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(ClientTestApplication.class)
			.properties("server.port=" + port, "spring.main.banner-mode=off", "ws.shutdown.timeout=5s")
			.run();
	}

	private static WsClient.Builder reconnecting() {
		return WsClient.builder()
			.reconnect(true)
			.reconnectInitialDelay(Duration.ofMillis(50))
			.reconnectMaxDelay(Duration.ofMillis(200));
	}

	private static String url(String path) {
		return "ws://localhost:" + port + path;
	}

	@Test
	void reconnectsAfterTheServerRestarts() {
		WsTestClient client = WsTestClient.connect(reconnecting(), url("/echo")).awaitOpen();
		try {
			server.close();
			// the server said goodbye with 1001 (going away)
			assertThat(client.awaitClose().code()).isEqualTo(1001);
			client.awaitEvent("reconnecting 1");
			// while it is down, attempts fail, and sending fails at once
			assertThat(client.awaitError()).isInstanceOf(WsConnectException.class);
			assertThat(client.awaitClose().code()).isEqualTo(1006);
			assertThat(client.client().readyState()).isEqualTo(ReadyState.CONNECTING);
			assertThatIllegalStateException().isThrownBy(() -> client.client().send("lost"))
				.withMessageContaining("the connection was lost; reconnect attempt");
			server = start();
			// the ready state is OPEN a moment before the listener hears of it
			Awaitility.await("reconnected event").atMost(TIMEOUT).until(client::events,
					(events) -> events.stream().anyMatch((event) -> event.startsWith("reconnected ")));
			assertThat(client.events()).startsWith("open", "close 1001", "reconnecting 1");
			client.send("back again");
			assertThat(client.awaitText()).isEqualTo("back again");
		}
		finally {
			client.client().terminate();
		}
	}

	@Test
	void reconnectsAfterAnInternalServerError() {
		WsTestClient client = WsTestClient.connect(reconnecting(), url("/command")).awaitOpen();
		try {
			client.send("fail");
			assertThat(client.awaitClose().code()).isEqualTo(1011);
			client.awaitEvent("reconnected 1");
			assertThat(client.events()).containsExactly("open", "close 1011", "reconnecting 1", "open", "reconnected 1");
		}
		finally {
			client.client().terminate();
		}
	}

	@Test
	void doesNotReconnectAfterACloseTheApplicationAskedFor() {
		WsTestClient client = WsTestClient.connect(reconnecting(), url("/echo")).awaitOpen();
		client.client().close(1001, "leaving");
		assertThat(client.awaitClose().code()).isEqualTo(1001);
		// CLOSED is final: a reconnect would have been scheduled before the close event
		assertThat(client.client().readyState()).isEqualTo(ReadyState.CLOSED);
		assertThat(client.events()).containsExactly("open", "close 1001");
	}

	@Test
	void doesNotReconnectAfterTerminate() {
		WsTestClient client = WsTestClient.connect(reconnecting(), url("/echo")).awaitOpen();
		client.client().terminate();
		assertThat(client.awaitClose().code()).isEqualTo(1006);
		assertThat(client.client().readyState()).isEqualTo(ReadyState.CLOSED);
		assertThat(client.events()).containsExactly("open", "close 1006");
	}

	@Test
	void doesNotReconnectAfterANormalCloseFromTheServer() {
		WsTestClient client = WsTestClient.connect(reconnecting(), url("/command")).awaitOpen();
		client.send("close 1000 bye");
		assertThat(client.awaitClose()).isEqualTo(new WsTestClient.Close(1000, "bye"));
		assertThat(client.client().readyState()).isEqualTo(ReadyState.CLOSED);
		assertThat(client.events()).containsExactly("open", "close 1000");
	}

	@Test
	void givesUpAfterTheMaximumNumberOfAttempts() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		WsTestClient client = WsTestClient.connect(reconnecting().reconnectMaxAttempts(2),
				"ws://localhost:" + closedPort + "/");
		assertThat(client.client().whenOpen()).failsWithin(TIMEOUT)
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(WsConnectException.class)
			.withMessageEndingWith("connection refused");
		String error = "error " + WsConnectException.class.getName();
		assertThat(client.events()).containsExactly(error, "close 1006", "reconnecting 1", error, "close 1006",
				"reconnecting 2", error, "close 1006");
		assertThat(client.client().readyState()).isEqualTo(ReadyState.CLOSED);
	}

	@Test
	void doesNotRetryAHandshakeTheServerRefused() {
		WsTestClient client = WsTestClient.connect(reconnecting(), url("/nowhere"));
		assertThat(client.client().whenOpen()).failsWithin(TIMEOUT);
		assertThat(client.events()).containsExactly("error " + WsConnectException.class.getName(), "close 1006");
		assertThat(client.client().readyState()).isEqualTo(ReadyState.CLOSED);
	}

}
