package io.wsboot.it.faults;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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
 */
@SpringBootTest(classes = ItApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class OpenRacingBroadcastTests extends AbstractEndToEndTests {

	private static final int CLIENTS = 200;

	private static final int BROADCASTERS = 2;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	@AfterEach
	void stopBroadcasters() {
		this.executor.shutdownNow();
	}

	@Test
	void everyClientThatJoinsWhileBroadcastsRunStaysOpenAndGetsThem() throws Exception {
		AtomicBoolean broadcasting = new AtomicBoolean(true);
		AtomicLong broadcasts = new AtomicLong();
		List<Future<?>> broadcasters = new ArrayList<>();
		for (int b = 0; b < BROADCASTERS; b++) {
			broadcasters.add(this.executor.submit(() -> {
				while (broadcasting.get()) {
					this.registry.broadcast("feed", "tick " + broadcasts.incrementAndGet());
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
			// every client reads all along, so that none falls behind the broadcasts
			readers.add(this.executor.submit(() -> readUntilTheLast(client, read)));
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
	 * Read broadcasts, counting them, until the last one.
	 */
	private static Void readUntilTheLast(RawWebSocket client, AtomicInteger read) throws IOException {
		while (true) {
			String text = client.readText();
			if (text.equals("last")) {
				return null;
			}
			assertThat(text).startsWith("tick ");
			read.incrementAndGet();
		}
	}

}
