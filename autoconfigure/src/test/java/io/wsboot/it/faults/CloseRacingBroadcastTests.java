package io.wsboot.it.faults;

import java.io.EOFException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.wsboot.WsConnection;
import io.wsboot.it.AbstractEndToEndTests;
import io.wsboot.it.app.ItApplication;
import io.wsboot.testfixture.RawWebSocket;
import io.wsboot.testfixture.RawWebSocket.Frame;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Connections closing, every way there is, while broadcasts to them run on other
 * threads: nothing deadlocks, each connection's close callback runs exactly once, no
 * client gets a second close frame or a message after one, and the broadcasts go on to
 * the connections still open.
 */
@SpringBootTest(classes = ItApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class CloseRacingBroadcastTests extends AbstractEndToEndTests {

	// each round ends each client a different way of the six
	private static final int ROUNDS = 6;

	private static final int CLIENTS = 30;

	private static final int BROADCASTERS = 3;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	@Test
	void closesRacingBroadcastsNeitherDeadlockNorCloseTwice() throws Exception {
		try {
			for (int round = 0; round < ROUNDS; round++) {
				race(round);
			}
		}
		finally {
			this.executor.shutdownNow();
		}
		RawWebSocket client = openRaw("/feed");
		serverSide(client);
		assertThat(this.registry.broadcast("feed", "after the races")).isEqualTo(1);
		assertThat(client.readText()).isEqualTo("after the races");
	}

	private void race(int round) throws Exception {
		List<RawWebSocket> clients = new ArrayList<>();
		List<WsConnection> connections = new ArrayList<>();
		for (int i = 0; i < CLIENTS; i++) {
			RawWebSocket client = raw("/feed").open();
			clients.add(client);
			connections.add(serverSide(client));
		}
		// every client reads all along, recording what a close must not be followed by
		List<Future<Received>> readers = new ArrayList<>();
		for (int i = 0; i < CLIENTS; i++) {
			RawWebSocket client = clients.get(i);
			// a client that sends its own close does not answer the server's
			boolean answersClose = way(round, i) != 2 && way(round, i) != 3;
			readers.add(this.executor.submit(() -> readToTheEnd(client, answersClose)));
		}

		AtomicBoolean broadcasting = new AtomicBoolean(true);
		AtomicLong broadcasts = new AtomicLong();
		List<Future<?>> broadcasters = new ArrayList<>();
		for (int b = 0; b < BROADCASTERS; b++) {
			int broadcaster = b;
			broadcasters.add(this.executor.submit(() -> {
				while (broadcasting.get()) {
					this.registry.broadcast("feed", broadcaster + ":" + broadcasts.incrementAndGet());
				}
				return null;
			}));
		}
		await().until(() -> broadcasts.get() > 1000);

		// each connection ends a different way, all at once
		CountDownLatch start = new CountDownLatch(1);
		List<Future<?>> closers = new ArrayList<>();
		for (int i = 0; i < CLIENTS; i++) {
			WsConnection connection = connections.get(i);
			RawWebSocket client = clients.get(i);
			int way = way(round, i);
			closers.add(this.executor.submit(() -> {
				start.await();
				switch (way) {
					case 0 -> connection.close(1000, "server closes");
					case 1 -> connection.terminate();
					// the client's close crosses the server's
					case 2 -> {
						connection.close(4000, "server closes");
						client.sendClose(4001, "client closes");
					}
					case 3 -> client.sendClose(1000, "client closes");
					case 4 -> client.abort();
					// two server threads close, one terminates
					default -> {
						Future<?> other = this.executor.submit(() -> connection.close(1001, "other thread"));
						connection.close(1000, "this thread");
						connection.terminate();
						other.get(10, TimeUnit.SECONDS);
					}
				}
				return null;
			}));
		}
		start.countDown();
		for (Future<?> closer : closers) {
			closer.get(10, TimeUnit.SECONDS);
		}

		await().untilAsserted(() -> assertThat(this.registry.count("feed")).isZero());
		assertThat(ManagementFactory.getThreadMXBean().findDeadlockedThreads()).as("deadlocked threads").isNull();
		broadcasting.set(false);
		for (Future<?> broadcaster : broadcasters) {
			broadcaster.get(10, TimeUnit.SECONDS);
		}
		for (int i = 0; i < CLIENTS; i++) {
			WsConnection connection = connections.get(i);
			await().untilAsserted(() -> assertThat(this.events.closesOf(connection.id())).isNotEmpty());
			Received received = readers.get(i).get(10, TimeUnit.SECONDS);
			assertThat(received.closeFrames()).as("close frames to client %d", i).isLessThanOrEqualTo(1);
			assertThat(received.framesAfterClose()).as("frames after the close, to client %d", i).isZero();
			clients.get(i).close();
		}
		// a late second close callback would show here
		for (WsConnection connection : connections) {
			assertThat(this.events.closesOf(connection.id())).as("close callbacks of %s", connection).hasSize(1);
		}
	}

	private static int way(int round, int client) {
		return (client + round) % 6;
	}

	/**
	 * Read until the stream ends, answering the server's close frame if asked to.
	 */
	private static Received readToTheEnd(RawWebSocket client, boolean answersClose) {
		int closeFrames = 0;
		int framesAfterClose = 0;
		boolean answered = !answersClose;
		while (true) {
			Frame frame;
			try {
				frame = client.readFrame();
			}
			catch (EOFException | SocketException ex) {
				return new Received(closeFrames, framesAfterClose);
			}
			catch (IOException ex) {
				throw new IllegalStateException("Read failed", ex);
			}
			if (closeFrames > 0) {
				framesAfterClose++;
			}
			if (frame.opcode() == RawWebSocket.CLOSE) {
				closeFrames++;
				if (!answered) {
					answered = true;
					try {
						client.sendClose(frame.closeCode() == 1005 ? 1000 : frame.closeCode(), "");
					}
					catch (IOException ex) {
						// the client closed first, or the server is gone
					}
				}
			}
		}
	}

	private record Received(int closeFrames, int framesAfterClose) {

	}

}
