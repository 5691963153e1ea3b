package io.wsboot.it.relay;

import java.util.ArrayList;
import java.util.List;

import io.wsboot.ConnectionRegistry;
import io.wsboot.WsConnection;
import io.wsboot.relay.MessageRelay;
import io.wsboot.testfixture.RawWebSocket;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Topics on one instance, without a relay (the default): a publish reaches the room's
 * connections, and a connection leaves its topics however it ends.
 */
@Tag("e2e")
@SpringBootTest(classes = RelayApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class TopicsEndToEndTests {

	@LocalServerPort
	private int port;

	@Autowired
	private ConnectionRegistry registry;

	@Autowired
	private ApplicationContext context;

	@Test
	void withoutARelayTheRegistryRelaysNothing() {
		assertThat(this.context.getBeansOfType(MessageRelay.class)).isEmpty();
	}

	@Test
	void aClientsMessageReachesItsRoomOnly() throws Exception {
		RawWebSocket alice = open("/rooms/kitchen");
		RawWebSocket bob = open("/rooms/kitchen");
		RawWebSocket carol = open("/rooms/garden");
		try {
			alice.sendText("in the kitchen");
			carol.sendText("in the garden");

			assertThat(alice.readText()).isEqualTo("in the kitchen");
			assertThat(bob.readText()).isEqualTo("in the kitchen");
			assertThat(carol.readText()).isEqualTo("in the garden");
		}
		finally {
			alice.abort();
			bob.abort();
			carol.abort();
		}
	}

	@Test
	void aConnectionLeavesEveryTopicHoweverItEnds() throws Exception {
		List<RawWebSocket> clients = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			RawWebSocket client = open("/rooms/leaving");
			clients.add(client);
		}
		await().until(() -> this.registry.subscribers("leaving") == 6);
		for (WsConnection connection : this.registry.connections("rooms")) {
			if (connection.topics().contains("leaving")) {
				assertThat(connection.join("extra-" + connection.id())).isTrue();
			}
		}

		clients.get(0).closeHandshake(1000, "");
		clients.get(1).close();
		clients.get(2).abort();
		this.registry.connections("rooms")
			.stream()
			.filter((connection) -> connection.topics().contains("leaving"))
			.limit(2)
			.forEach((connection) -> connection.close(1001, "bye"));
		this.registry.connections("rooms")
			.stream()
			.filter((connection) -> connection.topics().contains("leaving"))
			.forEach(WsConnection::terminate);

		await().untilAsserted(() -> {
			assertThat(this.registry.subscribers("leaving")).isZero();
			assertThat(this.registry.topics()).noneMatch((topic) -> topic.equals("leaving")
					|| topic.startsWith("extra-"));
		});
		for (RawWebSocket client : clients) {
			client.abort();
		}
	}

	private RawWebSocket open(String path) throws Exception {
		RawWebSocket client = RawWebSocket.to(this.port, path).skipHeartbeatPings().open();
		String hello = client.readText();
		assertThat(hello).startsWith("id:");
		return client;
	}

}
