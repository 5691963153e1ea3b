package io.wsboot.it.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.wsboot.ReadyState;
import io.wsboot.WsConnection;
import io.wsboot.it.AbstractEndToEndTests;
import io.wsboot.it.app.Events;
import io.wsboot.it.app.ItApplication;
import io.wsboot.testfixture.RawWebSocket;
import io.wsboot.testfixture.RawWebSocket.Frame;
import io.wsboot.testfixture.RecordingClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The registry holds exactly the open connections: whatever way clients leave, clean
 * close or dropped socket, it returns to empty, even after thousands of connections.
 */
@SpringBootTest(classes = ItApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class ConnectionRegistryTests extends AbstractEndToEndTests {

	private static final int CLIENTS = 10;

	@Test
	void countReturnsToZeroAfterClientsCloseCleanly() {
		List<RecordingClient> clients = new ArrayList<>();
		for (int i = 0; i < CLIENTS; i++) {
			clients.add(connect("/feed", "clean-" + i));
		}
		awaitCount("feed", CLIENTS);
		assertThat(this.registry.count()).isEqualTo(CLIENTS);
		assertThat(this.registry.connections()).hasSize(CLIENTS);
		List<WsConnection> connections = List.copyOf(this.registry.connections("feed"));
		assertThat(connections).hasSize(CLIENTS).allSatisfy((connection) -> {
			assertThat(connection.readyState()).isEqualTo(ReadyState.OPEN);
			assertThat(this.registry.find(connection.id())).containsSame(connection);
		});

		clients.forEach(RecordingClient::close);

		awaitCount("feed", 0);
		assertThat(this.registry.count()).isZero();
		assertThat(this.registry.connections()).isEmpty();
		assertThat(connections).allSatisfy((connection) -> {
			assertThat(this.registry.find(connection.id())).isEmpty();
			assertThat(connection.readyState()).isEqualTo(ReadyState.CLOSED);
			assertThat(this.events.closesOf(connection.id())).containsExactly(new Events.Closed("feed", 1000, ""));
		});
	}

	@Test
	void countReturnsToZeroAfterClientsDropTheirSockets() throws Exception {
		List<RawWebSocket> clients = new ArrayList<>();
		List<WsConnection> connections = new ArrayList<>();
		for (int i = 0; i < CLIENTS; i++) {
			RawWebSocket client = openRaw("/feed");
			clients.add(client);
			connections.add(serverSide(client));
		}
		assertThat(this.registry.count("feed")).isEqualTo(CLIENTS);

		for (int i = 0; i < CLIENTS; i++) {
			if (i % 2 == 0) {
				// a reset, as from a crashed peer
				clients.get(i).abort();
			}
			else {
				// a FIN without a close frame
				clients.get(i).close();
			}
		}

		awaitCount("feed", 0);
		assertThat(this.registry.count()).isZero();
		for (WsConnection connection : connections) {
			await().untilAsserted(() -> assertThat(this.events.closesOf(connection.id())).singleElement()
				.satisfies((closed) -> assertThat(closed.code()).isEqualTo(1006)));
			assertThat(connection.readyState()).isEqualTo(ReadyState.CLOSED);
		}
	}

	@Test
	void thousandsOfConnectAndCloseCyclesLeaveNoConnectionAndTheServerStillServes() throws Exception {
		int threads = 4;
		int cyclesEach = 500;
		// counted once every /echo connection of the tests before is open or fully closed
		await().until(() -> this.events.opens("echo") == this.events.closes("echo") + this.registry.count("echo"));
		int opensBefore = this.events.opens("echo");
		int closesBefore = this.events.closes("echo");
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> workers = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				workers.add(executor.submit(() -> {
					for (int i = 0; i < cyclesEach; i++) {
						cycle(thread, i);
					}
					return null;
				}));
			}
			for (Future<?> worker : workers) {
				worker.get();
			}
		}
		finally {
			executor.shutdownNow();
		}

		int cycles = threads * cyclesEach;
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(this.registry.count()).isZero();
			assertThat(this.events.closes("echo") - closesBefore).isEqualTo(cycles);
		});
		assertThat(this.events.opens("echo") - opensBefore).isEqualTo(cycles);

		RecordingClient client = connect("/echo", "after");
		client.sendText("still serving");
		assertThat(client.nextText()).isEqualTo("still serving");
	}

	private void cycle(int thread, int i) throws Exception {
		RawWebSocket client = RawWebSocket.to(this.port, "/echo").open();
		try {
			String text = thread + "/" + i;
			client.sendText(text);
			assertThat(client.readText()).isEqualTo(text);
			switch (i % 3) {
				case 0 -> {
					Optional<Frame> reply = client.closeHandshake(1000, "");
					assertThat(reply).as("close reply").isPresent();
					assertThat(reply.get().closeCode()).isEqualTo(1000);
				}
				case 1 -> client.close();
				default -> client.abort();
			}
		}
		finally {
			client.close();
		}
	}

}
