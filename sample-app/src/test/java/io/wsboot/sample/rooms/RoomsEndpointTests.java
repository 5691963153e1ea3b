package io.wsboot.sample.rooms;

import io.wsboot.ConnectionRegistry;
import io.wsboot.test.WsTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link RoomsEndpoint} on {@code /rooms/{room}}, without Redis: a message reaches its
 * room, the sender included, and no other room.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class RoomsEndpointTests {

	private final int port;

	private final ConnectionRegistry registry;

	RoomsEndpointTests(@LocalServerPort int port, @Autowired ConnectionRegistry registry) {
		this.port = port;
		this.registry = registry;
	}

	@Test
	void aMessageReachesEveryConnectionOfItsRoomAndNoOther() throws Exception {
		try (WsTestClient alice = WsTestClient.connect("ws://localhost:" + this.port + "/rooms/kitchen").awaitOpen();
				WsTestClient bob = WsTestClient.connect("ws://localhost:" + this.port + "/rooms/kitchen").awaitOpen();
				WsTestClient carol = WsTestClient.connect("ws://localhost:" + this.port + "/rooms/garden").awaitOpen()) {
			await().until(() -> this.registry.subscribers("kitchen") == 2 && this.registry.subscribers("garden") == 1);

			alice.send("in the kitchen");
			carol.send("in the garden");

			await().untilAsserted(() -> {
				assertThat(alice.texts()).containsExactly("in the kitchen");
				assertThat(bob.texts()).containsExactly("in the kitchen");
				assertThat(carol.texts()).containsExactly("in the garden");
			});
		}
		await().until(() -> this.registry.subscribers("kitchen") == 0);
	}

}
