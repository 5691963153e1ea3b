package io.wsboot.it.faults;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.wsboot.WsConnection;
import io.wsboot.it.AbstractEndToEndTests;
import io.wsboot.it.app.ItApplication;
import io.wsboot.testfixture.RawWebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Connections opening while broadcasts to their endpoint run on other threads, as clients
 * join a busy room: a broadcast may reach a connection in the instant it joins the
 * registry, before the container's output is set up for it, and every client that got its
 * 101 stays open and gets the broadcasts.
 * <p>
 * The broadcasters run as fast as the clients read and no faster: a broadcaster waits while
 * any client is more than {@value #WINDOW} broadcasts behind. Unpaced, they outrun the
 * readers on a small machine and the server rightly closes the slowest as slow consumers
 * (1008) once {@code send-buffer-limit} is reached, which is not what this test is about.
 */
@SpringBootTest(classes = ItApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class OpenRacingBroadcastTests extends AbstractEndToEndTests {

	private static final int CLIENTS = 200;

	private static final int BROADCASTERS = 2;

	/**
	 * How many broadcasts a broadcaster may be ahead of the slowest client: a few hundred
	 * bytes queued per connection, far below the send buffer limit.
	 */
	private static final int WINDOW = 32;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	@AfterEach
	void stopBroadcasters() {
		this.executor.shutdownNow();
	}

	@Test
	void everyClientThatJoinsWhileBroadcastsRunStaysOpenAndGetsThem() throws Exception {
		AtomicBoolean broadcasting = new AtomicBoolean(true);
		AtomicLong broadcasts = new AtomicLong();
		// the highest tick each client has read, or the broadcasts sent when it joined
		List<AtomicLong> progress = new CopyOnWriteArrayList<>();
		List<Future<?>> broadcasters = new ArrayList<>();
		for (int b = 0; b < BROADCASTERS; b++) {
			broadcasters.add(this.executor.submit(() -> {
				while (broadcasting.get()) {
					long tick = broadcasts.incrementAndGet();
					await().pollInSameThread()
						.pollDelay(Duration.ZERO)
						.pollInterval(Duration.ofMillis(1))
						.until(() -> !broadcasting.get() || slowest(progress) >= tick - WINDOW);
					this.registry.broadcast("feed", "tick " + tick);
				}
				return null;
			}));
		}
		List<WsConnection> connections = new ArrayList<>();
		List<AtomicInteger> ticks = new ArrayList<>();
		List<Future<?>> readers = new ArrayList<>();
		for (int i = 0; i < CLIENTS; i++) {
			RawWebSocket client = openRaw("/feed");
			connections.add(serverSide(client));
			AtomicInteger read = new AtomicInteger();
			ticks.add(read);
			AtomicLong highest = new AtomicLong(broadcasts.get());
			progress.add(highest);
			// every client reads all along, so that none falls behind the broadcasts
			readers.add(this.executor.submit(() -> readUntilTheLast(client, read, highest)));
		}
		// the broadcasts go on until every client, the last to join included, has one
		await().untilAsserted(() -> assertThat(ticks).as("broadcasts read by each client")
			.allSatisfy((read) -> assertThat(read.get()).isPositive()));
		broadcasting.set(false);
		for (Future<?> broadcaster : broadcasters) {
			broadcaster.get(10, TimeUnit.SECONDS);
		}

		assertThat(this.registry.count("feed")).isEqualTo(CLIENTS);
		for (WsConnection connection : connections) {
			assertThat(this.events.closesOf(connection.id())).as("closes of %s", connection).isEmpty();
			assertThat(connection.isOpen()).as("%s open", connection).isTrue();
		}
		assertThat(this.registry.broadcast("feed", "last")).isEqualTo(CLIENTS);
		for (Future<?> reader : readers) {
			reader.get(30, TimeUnit.SECONDS);
		}
	}

	/**
	 * Read broadcasts, counting them and keeping the highest tick read, until the last one.
	 */
	private static Void readUntilTheLast(RawWebSocket client, AtomicInteger read, AtomicLong highest)
			throws IOException {
		while (true) {
			String text = client.readText();
			if (text.equals("last")) {
				return null;
			}
			assertThat(text).startsWith("tick ");
			long tick = Long.parseLong(text.substring("tick ".length()));
			highest.accumulateAndGet(tick, Math::max);
			read.incrementAndGet();
		}
	}

	private static long slowest(List<AtomicLong> progress) {
		long slowest = Long.MAX_VALUE;
		for (AtomicLong highest : progress) {
			slowest = Math.min(slowest, highest.get());
		}
		return slowest;
	}

}
