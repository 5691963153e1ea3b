package io.wsboot.it.relay;

import java.nio.ByteBuffer;
import java.util.List;

import io.wsboot.WsConnection;
import io.wsboot.it.relay.Instance.Client;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three instances of one application on one real Redis: what a registry call does on
 * one instance reaches the connections of the others, and nothing more.
 * <p>
 * A message that must not arrive is checked by sending a marker after it on the same
 * channel from the same instance: Redis keeps their order, so the marker coming first
 * proves the message never came.
 */
@Tag("e2e")
class RelayAcrossInstancesTests {

	private static RedisServer redis;

	private static Instance a;

	private static Instance b;

	private static Instance c;

	@BeforeAll
	static void startRedisAndThreeInstances() throws Exception {
		redis = RedisServer.onFreePort().start();
		a = Instance.start(redis);
		b = Instance.start(redis);
		c = Instance.start(redis);
	}

	@AfterAll
	static void stopAll() throws Exception {
		for (Instance instance : new Instance[] { a, b, c }) {
			if (instance != null) {
				instance.close();
			}
		}
		if (redis != null) {
			redis.close();
		}
	}

	@BeforeEach
	void relaysConnected() {
		await().until(() -> a.relay().isConnected() && b.relay().isConnected() && c.relay().isConnected());
	}

	@AfterEach
	void closeClients() {
		for (Instance instance : new Instance[] { a, b, c }) {
			instance.closeClients();
		}
	}

	@Test
	void broadcastOnOneInstanceReachesTheEndpointsConnectionsOnEvery() {
		Client onA = a.connect("lobby");
		Client onB = b.connect("lobby");
		Client onC = c.connect("other");

		assertThat(b.registry().broadcast("rooms", "to everyone")).isPositive();

		assertThat(onA.awaitText()).isEqualTo("to everyone");
		assertThat(onB.awaitText()).isEqualTo("to everyone");
		assertThat(onC.awaitText()).isEqualTo("to everyone");
	}

	@Test
	void publishReachesTheTopicsSubscribersOnEveryInstanceAndNoOthers() {
		Client redOnA = a.connect("red");
		Client blueOnA = a.connect("blue");
		Client redOnC = c.connect("red");

		assertThat(b.registry().publish("red", "to red")).isZero();
		b.registry().publish("blue", "marker");

		assertThat(redOnA.awaitText()).isEqualTo("to red");
		assertThat(redOnC.awaitText()).isEqualTo("to red");
		assertThat(blueOnA.awaitText()).isEqualTo("marker");
	}

	@Test
	void aClientsMessageReachesItsRoomOnEveryInstanceOnce() {
		Client sender = a.connect("chat");
		Client onB = b.connect("chat");
		Client onC = c.connect("chat");

		sender.ws().sendText("hello room");
		sender.ws().sendText("second");

		for (Client client : List.of(sender, onB, onC)) {
			assertThat(client.awaitText()).isEqualTo("hello room");
			// the echo of its own publish from Redis is dropped: no duplicate before "second"
			assertThat(client.awaitText()).isEqualTo("second");
		}
	}

	@Test
	void binaryMessagesCrossByteForByte() {
		Client onA = a.connect("bytes");
		byte[] data = new byte[70_000];
		for (int i = 0; i < data.length; i++) {
			data[i] = (byte) (i * 31);
		}

		b.registry().publish("bytes", ByteBuffer.wrap(data, 1, data.length - 1));
		b.registry().broadcast("rooms", new byte[] { 0, (byte) 0xff, 0x7f, (byte) 0x80 });

		byte[] expected = new byte[data.length - 1];
		System.arraycopy(data, 1, expected, 0, expected.length);
		assertThat(onA.awaitBinary()).isEqualTo(expected);
		assertThat(onA.awaitBinary()).isEqualTo(new byte[] { 0, (byte) 0xff, 0x7f, (byte) 0x80 });
	}

	@Test
	void textWithAnyCharactersCrossesUnchanged() {
		Client onA = a.connect("unicode");
		String text = "héllo wörld ✓ 😀 \u0000 end";

		c.registry().publish("unicode", text);

		assertThat(onA.awaitText()).isEqualTo(text);
	}

	@Test
	void sendToAConnectionIdReachesItOnTheInstanceThatHoldsIt() {
		Client target = a.connect("private");
		Client neighbour = a.connect("private");
		Client onC = c.connect("private");

		assertThat(target.id()).isNotEqualTo(onC.id());
		assertThat(b.registry().send(target.id(), "just for you")).isFalse();
		b.registry().publish("private", "marker");

		assertThat(target.awaitText()).isEqualTo("just for you");
		assertThat(target.awaitText()).isEqualTo("marker");
		assertThat(neighbour.awaitText()).isEqualTo("marker");
		assertThat(onC.awaitText()).isEqualTo("marker");
	}

	@Test
	void sendToUserReachesEveryConnectionOfTheUserOnEveryInstance() {
		Client aliceOnA = a.connect("users", "alice");
		Client aliceOnC = c.connect("users", "alice");
		Client bobOnA = a.connect("users", "bob");

		assertThat(b.registry().sendToUser("alice", "hi alice")).isZero();
		b.registry().publish("users", "marker");

		assertThat(aliceOnA.awaitText()).isEqualTo("hi alice");
		assertThat(aliceOnC.awaitText()).isEqualTo("hi alice");
		assertThat(bobOnA.awaitText()).isEqualTo("marker");
	}

	@Test
	void publishExceptLeavesTheSenderOutOnEveryInstance() {
		Client sender = a.connect("except");
		Client besideSender = a.connect("except");
		Client onB = b.connect("except");
		WsConnection senderConnection = a.registry().find(sender.id()).orElseThrow();

		assertThat(a.registry().publishExcept(senderConnection, "except", "not to the sender")).isEqualTo(1);
		a.registry().publish("except", "marker");

		assertThat(besideSender.awaitText()).isEqualTo("not to the sender");
		assertThat(onB.awaitText()).isEqualTo("not to the sender");
		assertThat(sender.awaitText()).isEqualTo("marker");
	}

	@Test
	void broadcastExceptLeavesTheSenderOutOnEveryInstance() {
		Client sender = b.connect("bx");
		Client onA = a.connect("bx");
		Client onC = c.connect("bx");
		WsConnection senderConnection = b.registry().find(sender.id()).orElseThrow();

		assertThat(b.registry().broadcastExcept(senderConnection, "not to the sender")).isGreaterThanOrEqualTo(0);
		b.registry().broadcast("rooms", "marker");

		assertThat(onA.awaitText()).isEqualTo("not to the sender");
		assertThat(onC.awaitText()).isEqualTo("not to the sender");
		assertThat(sender.awaitText()).isEqualTo("marker");
	}

	@Test
	void aBroadcastWithAFilterStaysOnItsInstance() {
		Client onA = a.connect("filtered");
		Client onB = b.connect("filtered");

		assertThat(b.registry().broadcast("rooms", (connection) -> true, "only here")).isPositive();
		b.registry().publish("filtered", "marker");

		assertThat(onB.awaitText()).isEqualTo("only here");
		assertThat(onA.awaitText()).isEqualTo("marker");
	}

	@Test
	void theRelaysCountWhatTheyPublishAndReceive() {
		Client onA = a.connect("counted");
		long publishedByB = b.relay().published();
		long receivedByA = a.relay().received();
		long lostByB = b.relay().lost();

		b.registry().publish("counted", "one");
		b.registry().publish("counted", "two");

		assertThat(onA.awaitText()).isEqualTo("one");
		assertThat(onA.awaitText()).isEqualTo("two");
		await().untilAsserted(() -> assertThat(b.relay().published()).isEqualTo(publishedByB + 2));
		assertThat(a.relay().received()).isGreaterThanOrEqualTo(receivedByA + 2);
		assertThat(b.relay().lost()).isEqualTo(lostByB);
	}

	@Test
	void connectionIdsAreUniqueAcrossInstances() {
		List<Client> clients = List.of(a.connect("ids"), b.connect("ids"), c.connect("ids"), a.connect("ids"));
		assertThat(clients.stream().map(Client::id).distinct()).hasSize(4);
	}

}
