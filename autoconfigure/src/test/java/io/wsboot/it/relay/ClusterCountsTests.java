package io.wsboot.it.relay;

import io.wsboot.it.relay.Instance.Client;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Counts across two instances, kept in a real Redis: connections per endpoint,
 * subscribers per topic and users connected anywhere, within a few report intervals
 * (200 ms here); an instance that stops reporting drops out when its report expires.
 */
@Tag("e2e")
class ClusterCountsTests {

	private static RedisServer redis;

	private static Instance a;

	private static Instance b;

	@BeforeAll
	static void startRedisAndTwoInstances() throws Exception {
		redis = RedisServer.onFreePort().start();
		a = Instance.start(redis);
		b = Instance.start(redis);
	}

	@AfterAll
	static void stopAll() throws Exception {
		if (a != null) {
			a.close();
		}
		if (b != null) {
			b.close();
		}
		if (redis != null) {
			redis.close();
		}
	}

	@Test
	void countsConnectionsSubscribersAndUsersOfEveryInstance() {
		Client alice = a.connect("red", "alice");
		a.connect("red");
		b.connect("red");
		b.connect("blue", "bob");

		await().untilAsserted(() -> {
			for (Instance instance : new Instance[] { a, b }) {
				assertThat(instance.counts().connections("rooms")).isEqualTo(4);
				assertThat(instance.counts().subscribers("red")).isEqualTo(3);
				assertThat(instance.counts().subscribers("blue")).isEqualTo(1);
				assertThat(instance.counts().isUserConnected("alice")).isTrue();
				assertThat(instance.counts().isUserConnected("bob")).isTrue();
			}
		});
		assertThat(b.counts().isUserConnected("carol")).isFalse();
		assertThat(b.counts().subscribers("green")).isZero();

		alice.ws().close();
		await().untilAsserted(() -> {
			assertThat(b.counts().isUserConnected("alice")).isFalse();
			assertThat(b.counts().subscribers("red")).isEqualTo(2);
			assertThat(b.counts().connections("rooms")).isEqualTo(3);
		});
		a.closeClients();
		b.closeClients();
		await().untilAsserted(() -> assertThat(a.counts().connections("rooms")).isZero());
	}

	@Test
	void anInstanceThatStopsReportingDropsOutWhenItsReportExpires() throws Exception {
		// what a crashed instance leaves: its last report, which no one refreshes
		// scored ahead, so that only the expiry of its hashes can make it drop out
		long now = System.currentTimeMillis();
		redis.command("ZADD", "ws:counts:instances", Long.toString(now + 3000), "crashed");
		redis.command("HSET", "ws:counts:crashed:endpoints", "rooms", "5");
		redis.command("HSET", "ws:counts:crashed:topics", "ghosts", "7");
		redis.command("PEXPIRE", "ws:counts:crashed:endpoints", "2000");
		redis.command("PEXPIRE", "ws:counts:crashed:topics", "2000");
		long before = a.registry().count("rooms");

		assertThat(a.counts().subscribers("ghosts")).isEqualTo(7);
		assertThat(a.counts().connections("rooms")).isGreaterThanOrEqualTo(before + 5);

		await().untilAsserted(() -> {
			assertThat(a.counts().subscribers("ghosts")).isZero();
			assertThat(redis.command("EXISTS", "ws:counts:crashed:topics")).isEqualTo(":0");
		});
	}

}
