package io.wsboot.client;

import java.time.Duration;

import io.wsboot.ReadyState;
import io.wsboot.client.ClientTestApplication.ServerLog;
import io.wsboot.test.WsTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The client heartbeat: {@code /silent} is served with the server's heartbeat off, and
 * {@code /pinging} with pings every 250 ms.
 */
@ClientServerTest
class WsClientHeartbeatTests {

	private final String base;

	private final WsClient.Builder builder;

	private final ServerLog serverLog;

	WsClientHeartbeatTests(@LocalServerPort int port, @Autowired WsClient.Builder builder,
			@Autowired ServerLog serverLog) {
		this.base = "ws://localhost:" + port;
		this.builder = builder;
		this.serverLog = serverLog;
	}

	@Test
	void terminatesAConnectionTheServerDoesNotPingAndReportsIt1006() {
		this.builder.heartbeat(true).heartbeatInterval(Duration.ofMillis(200)).heartbeatMargin(Duration.ofMillis(100));
		WsTestClient client = WsTestClient.connect(this.builder, this.base + "/silent").awaitOpen();
		WsTestClient.Close close = client.awaitClose();
		assertThat(close.code()).isEqualTo(1006);
		assertThat(close.reason()).startsWith("Heartbeat: nothing heard from the server for");
		assertThat(client.client().readyState()).isEqualTo(ReadyState.CLOSED);
		assertThat(client.events()).containsExactly("open", "close 1006");
		// terminated: the server saw no closing handshake either
		await().untilAsserted(() -> assertThat(this.serverLog.closes()).anyMatch((line) -> line.startsWith("/silent 1006")));
	}

	@Test
	void keepsAConnectionTheServerPingsOpen() {
		this.builder.heartbeat(true).heartbeatInterval(Duration.ofMillis(250)).heartbeatMargin(Duration.ofSeconds(2));
		try (WsTestClient client = WsTestClient.connect(this.builder, this.base + "/pinging").awaitOpen()) {
			// twelve pings span more than the 2.25 s the client waits for one
			for (int i = 0; i < 12; i++) {
				client.awaitPing();
			}
			assertThat(client.client().isOpen()).isTrue();
			assertThat(client.events()).doesNotContain("close 1006");
			client.send("still here");
			assertThat(client.awaitText()).isEqualTo("still here");
		}
	}

	@Test
	void aHeartbeatTerminationIsFollowedByAReconnectWhenReconnectIsOn() {
		this.builder.heartbeat(true)
			.heartbeatInterval(Duration.ofMillis(200))
			.heartbeatMargin(Duration.ofMillis(100))
			.reconnect(true)
			.reconnectInitialDelay(Duration.ofMillis(10));
		WsTestClient client = WsTestClient.connect(this.builder, this.base + "/silent");
		try {
			client.awaitEvent("reconnected 1");
			assertThat(client.events()).startsWith("open", "close 1006", "reconnecting 1", "open", "reconnected 1");
		}
		finally {
			client.client().terminate();
		}
	}

}
