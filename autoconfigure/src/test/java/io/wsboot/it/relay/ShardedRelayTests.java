package io.wsboot.it.relay;

import java.util.List;

import io.wsboot.it.relay.Instance.Client;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code ws.relay.redis.sharded=true}, the relay uses Redis 7's sharded pub/sub,
 * {@code SPUBLISH} and {@code SSUBSCRIBE}, under its own prefix: instances relay as
 * with plain pub/sub.
 */
@Tag("e2e")
class ShardedRelayTests {

	@Test
	void shardedPubSubCarriesPublishesAndSendsAcrossInstances() throws Exception {
		try (RedisServer redis = RedisServer.onFreePort().start();
				Instance a = Instance.start(redis, "--ws.relay.redis.sharded=true",
						"--ws.relay.redis.channel-prefix=app1:");
				Instance b = Instance.start(redis, "--ws.relay.redis.sharded=true",
						"--ws.relay.redis.channel-prefix=app1:")) {
			await().until(() -> a.relay().isConnected() && b.relay().isConnected());
			assertThat(redis.command("PUBSUB", "SHARDNUMSUB", "app1:publish")).isEqualTo("*2");
			Client onA = a.connect("room");
			Client onB = b.connect("room");

			b.registry().publish("room", "sharded");
			b.registry().send(onA.id(), "direct");

			assertThat(List.of(onA.awaitText(), onA.awaitText())).containsExactly("sharded", "direct");
			assertThat(onB.awaitText()).isEqualTo("sharded");
		}
	}

}
