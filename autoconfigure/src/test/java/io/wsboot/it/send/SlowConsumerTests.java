package io.wsboot.it.send;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.wsboot.ReadyState;
import io.wsboot.WsConnection;
import io.wsboot.it.AbstractEndToEndTests;
import io.wsboot.it.app.ItApplication;
import io.wsboot.testfixture.RawWebSocket;
import io.wsboot.testfixture.RawWebSocket.Frame;
import io.wsboot.testfixture.RecordingClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A peer that stops reading is closed once its send buffer passes
 * {@code ws.send-buffer-limit}, while the healthy peers of the same broadcast receive
 * every message in order and the broadcasting thread never waits on the stalled one.
 */
// Tomcat only: SmallSocketBuffers shrinks Tomcat's socket buffers so that this peer falls behind
@Tag("tomcat")
@SpringBootTest(classes = ItApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "ws.send-buffer-limit=64KB")
@Import(SmallSocketBuffers.class)
class SlowConsumerTests extends AbstractEndToEndTests {

	private static final long LIMIT = 64 * 1024;

	private static final int HEALTHY = 3;

	private static final int MESSAGES = 2000;

	@Test
	void stalledPeerIsClosedWhileHealthyPeersGetEveryMessageAndTheBroadcasterNeverWaits() throws Exception {
		List<RecordingClient> healthy = new ArrayList<>();
		List<WsConnection> healthyConnections = new ArrayList<>();
		for (int i = 0; i < HEALTHY; i++) {
			healthy.add(connect("/feed", "healthy-" + i));
			healthyConnections.add(serverSide("healthy-" + i));
		}
		// connects, then never reads; a small receive buffer makes it stall sooner
		RawWebSocket stalled = open(raw("/feed").receiveBufferSize(4096));
		WsConnection stalledConnection = serverSide(stalled);
		awaitCount("feed", HEALTHY + 1);

		String padding = "x".repeat(1024);
		CompletableFuture<List<Integer>> broadcaster = CompletableFuture.supplyAsync(() -> {
			List<Integer> queuedTo = new ArrayList<>();
			for (int i = 0; i < MESSAGES; i++) {
				// paced by the healthy peers only, as a ws user watches bufferedAmount
				if (healthyConnections.stream().anyMatch((c) -> c.bufferedAmount() > LIMIT / 2)) {
					await().atMost(Duration.ofSeconds(10))
						.until(() -> healthyConnections.stream().allMatch((c) -> c.bufferedAmount() <= LIMIT / 4));
				}
				queuedTo.add(this.registry.broadcast("feed", i + ":" + padding));
			}
			return queuedTo;
		});

		// the loop ends while the stalled peer still has not read a byte
		List<Integer> queuedTo = await().atMost(Duration.ofSeconds(30)).until(() -> broadcaster.getNow(null),
				(result) -> result != null);
		assertThat(queuedTo.get(0)).as("recipients of the first message").isEqualTo(HEALTHY + 1);
		assertThat(queuedTo.get(MESSAGES - 1)).as("recipients of the last message").isEqualTo(HEALTHY);
		int stalledAt = queuedTo.indexOf(HEALTHY);
		assertThat(queuedTo.subList(stalledAt, MESSAGES)).as("recipients once the stalled peer was dropped")
			.containsOnly(HEALTHY);
		// it was dropped early, after some 64 KiB queued and what the sockets hold
		assertThat(stalledAt).isLessThan(MESSAGES / 2);

		// dropped at once, its queue discarded: the close callback sees 1008, and the
		// peer gets a 1008 close frame if it can still take one
		assertThat(stalledConnection.readyState()).isIn(ReadyState.CLOSING, ReadyState.CLOSED);
		await().untilAsserted(() -> assertThat(this.events.closesOf(stalledConnection.id())).singleElement()
			.satisfies((closed) -> {
				assertThat(closed.code()).isEqualTo(1008);
				assertThat(closed.reason()).isEqualTo("Slow consumer");
			}));
		assertThat(this.registry.find(stalledConnection.id())).isEmpty();

		for (RecordingClient client : healthy) {
			await().untilAsserted(() -> assertThat(client.receivedCount()).isEqualTo(MESSAGES));
			List<String> texts = client.receivedTexts();
			for (int i = 0; i < MESSAGES; i++) {
				assertThat(texts.get(i)).isEqualTo(i + ":" + padding);
			}
		}
		assertThat(healthyConnections).allMatch(WsConnection::isOpen);
		assertThat(this.registry.count("feed")).isEqualTo(HEALTHY);

		// reading at last, the stalled peer finds whole messages in order, then the end:
		// the 1008 close frame when the server could still write it, or none
		int read = 0;
		while (true) {
			Optional<Frame> frame = readOrEnd(stalled);
			if (frame.isEmpty()) {
				break;
			}
			if (frame.get().opcode() == RawWebSocket.CLOSE) {
				assertThat(frame.get().closeCode()).isEqualTo(1008);
				assertThat(stalled.readUntilEndOfStream()).as("end of stream after the close frame").isTrue();
				break;
			}
			// a text message longer than the server's buffers arrives in fragments
			StringBuilder text = new StringBuilder(frame.get().text());
			Optional<Frame> part = frame;
			while (!part.get().fin()) {
				part = readOrEnd(stalled);
				if (part.isEmpty() || part.get().opcode() != RawWebSocket.CONTINUATION) {
					break;
				}
				text.append(part.get().text());
			}
			if (part.isEmpty() || !part.get().fin() || part.get().opcode() == RawWebSocket.CLOSE) {
				// cut off mid-message when the server dropped the connection, with its
				// close frame between two fragments or without one
				part.filter((close) -> close.opcode() == RawWebSocket.CLOSE)
					.ifPresent((close) -> assertThat(close.closeCode()).isEqualTo(1008));
				break;
			}
			assertThat(text.toString()).isEqualTo(read + ":" + padding);
			read++;
		}
		assertThat(read).isLessThanOrEqualTo(stalledAt);
	}

	private static Optional<Frame> readOrEnd(RawWebSocket client) throws IOException {
		try {
			return Optional.of(client.readFrame());
		}
		catch (EOFException | SocketException ex) {
			return Optional.empty();
		}
	}

}
