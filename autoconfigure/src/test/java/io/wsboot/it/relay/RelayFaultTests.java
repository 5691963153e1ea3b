package io.wsboot.it.relay;

import java.time.Duration;
import java.util.List;

import io.wsboot.it.relay.Instance.Client;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis going away, at startup, mid-run or frozen: the application starts, delivers to
 * its own connections as before, never holds up a sender, counts what it could not
 * relay, warns once, and relays again once Redis is back.
 */
@Tag("e2e")
@ExtendWith(OutputCaptureExtension.class)
class RelayFaultTests {

	private static final String CANNOT_REACH = "Relay cannot reach Redis";

	private static final String LOST_CONNECTION = "Relay lost its connection to Redis";

	private static final String RECONNECTED = "Relay reconnected to Redis";

	private RedisServer redis;

	private Instance a;

	private Instance b;

	@AfterEach
	void stopAll() throws Exception {
		if (this.a != null) {
			this.a.close();
		}
		if (this.b != null) {
			this.b.close();
		}
		if (this.redis != null) {
			this.redis.close();
		}
	}

	@Test
	void withRedisDownAtStartupTheApplicationStartsDeliversLocallyAndRelaysOnceRedisIsUp(CapturedOutput output)
			throws Exception {
		this.redis = RedisServer.onFreePort();
		this.a = Instance.start(this.redis);
		this.b = Instance.start(this.redis);
		assertThat(this.a.relay().isConnected()).isFalse();
		Client onA = this.a.connect("room");
		Client onB = this.b.connect("room");

		assertThat(this.a.registry().publish("room", "local while down")).isEqualTo(1);
		assertThat(onA.awaitText()).isEqualTo("local while down");
		assertThat(this.a.relay().lost()).isEqualTo(1);
		// one warning per instance, however many attempts to reconnect: 200 ms apart at most
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(5))
			.until(() -> occurrences(output, CANNOT_REACH) == 2);

		this.redis.start();
		await().until(() -> this.a.relay().isConnected() && this.b.relay().isConnected());
		this.b.registry().publish("room", "across");

		assertThat(onA.awaitText()).isEqualTo("across");
		// what was published while Redis was down never arrives
		assertThat(onB.awaitText()).isEqualTo("across");
		await().until(() -> occurrences(output, RECONNECTED) == 2);
	}

	@Test
	void withRedisKilledMidRunLocalDeliveryGoesOnAndTheRelayResubscribesWhenItIsBack(CapturedOutput output)
			throws Exception {
		this.redis = RedisServer.onFreePort().start();
		this.a = Instance.start(this.redis);
		this.b = Instance.start(this.redis);
		await().until(() -> this.a.relay().isConnected() && this.b.relay().isConnected());
		Client onA = this.a.connect("room");
		Client onB = this.b.connect("room");
		this.a.registry().publish("room", "before");
		assertThat(onA.awaitText()).isEqualTo("before");
		assertThat(onB.awaitText()).isEqualTo("before");

		this.redis.stop();
		await().until(() -> !this.a.relay().isConnected() && !this.b.relay().isConnected());
		long lostBefore = this.a.relay().lost();
		for (int i = 0; i < 100; i++) {
			assertThat(this.a.registry().publish("room", "local " + i)).isEqualTo(1);
		}
		this.a.registry().broadcast("rooms", "local broadcast");
		for (int i = 0; i < 100; i++) {
			assertThat(onA.awaitText()).isEqualTo("local " + i);
		}
		assertThat(onA.awaitText()).isEqualTo("local broadcast");
		assertThat(this.a.relay().lost()).isEqualTo(lostBefore + 101);
		assertThat(occurrences(output, LOST_CONNECTION)).isEqualTo(2);

		this.redis.start();
		await().until(() -> this.a.relay().isConnected() && this.b.relay().isConnected());
		this.b.registry().publish("room", "after, from B");
		this.a.registry().publish("room", "after, from A");

		// each instance delivers its own at once: no order between the two instances' messages
		assertThat(List.of(onA.awaitText(), onA.awaitText())).containsExactlyInAnyOrder("after, from B",
				"after, from A");
		assertThat(List.of(onB.awaitText(), onB.awaitText())).containsExactlyInAnyOrder("after, from B",
				"after, from A");
		await().until(() -> occurrences(output, RECONNECTED) == 2);
		assertThat(occurrences(output, LOST_CONNECTION)).isEqualTo(2);
	}

	@Test
	void aHungRedisNeverHoldsUpASenderAndWhatOverflowsIsCountedAsLost() throws Exception {
		this.redis = RedisServer.onFreePort().start();
		this.a = Instance.start(this.redis, "--ws.relay.redis.queue-capacity=100");
		this.b = Instance.start(this.redis);
		await().until(() -> this.a.relay().isConnected() && this.b.relay().isConnected());
		Client onA = this.a.connect("room");
		Client onB = this.b.connect("room");

		this.redis.pause();
		try {
			long lostBefore = this.a.relay().lost();
			long started = System.nanoTime();
			for (int i = 0; i < 20_000; i++) {
				this.a.registry().publish("hung", "message " + i);
			}
			this.a.registry().publish("room", "local while hung");
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
			assertThat(onA.awaitText()).isEqualTo("local while hung");
			assertThat(this.a.relay().lost() - lostBefore).isPositive();
			// unanswered publishes past the publish timeout: the relay takes Redis for gone
			await().until(() -> !this.a.relay().isConnected());
		}
		finally {
			this.redis.resume();
		}

		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.a.relay().isConnected() && this.b.relay().isConnected());
		this.a.registry().publish("room", "after the freeze");
		assertThat(onB.awaitText()).isIn("local while hung", "after the freeze");
		assertThat(this.a.relay().published() + this.a.relay().lost()).isGreaterThanOrEqualTo(20_001);
	}

	private static int occurrences(CapturedOutput output, String text) {
		String all = output.getAll();
		int count = 0;
		for (int i = all.indexOf(text); i >= 0; i = all.indexOf(text, i + 1)) {
			count++;
		}
		return count;
	}

}
