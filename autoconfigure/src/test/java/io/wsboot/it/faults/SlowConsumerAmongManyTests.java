package io.wsboot.it.faults;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.wsboot.ReadyState;
import io.wsboot.WsConnection;
import io.wsboot.it.AbstractEndToEndTests;
import io.wsboot.it.app.ItApplication;
import io.wsboot.it.send.SmallSocketBuffers;
import io.wsboot.testfixture.HeapUsage;
import io.wsboot.testfixture.RawWebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One peer that stops reading among a hundred, through thousands of broadcasts: the 99
 * healthy peers get every message in order, the slow one is closed with 1008 (the feed
 * endpoint's {@code close} policy) or kept and given an ordered subset (the rooms
 * endpoint's {@code drop} policy), what is queued for it never passes its limit, and the
 * heap does not grow with the broadcasts.
 */
// Tomcat only: SmallSocketBuffers shrinks Tomcat's socket buffers so that this peer falls behind
@Tag("tomcat")
@SpringBootTest(classes = ItApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "ws.send-buffer-limit=64KB", "ws.endpoints.rooms.overflow-policy=drop",
				// the sweep would close the stalled peer after the time limit whatever the
				// policy (see DropPolicySendTimeLimitTests): only the buffer limit is tested
				"ws.endpoints.rooms.send-time-limit=5m" })
@Import(SmallSocketBuffers.class)
class SlowConsumerAmongManyTests extends AbstractEndToEndTests {

	private static final int PEERS = 100;

	private static final int BROADCASTS = 10_000;

	// the drop policy keeps the slow peer the same way at any count: a smaller run saves
	// most of the ten seconds the million writes of the larger one take
	private static final int DROP_POLICY_BROADCASTS = 1_000;

	private static final long LIMIT = 64 * 1024;

	private static final String PADDING = "p".repeat(100);

	/**
	 * Bound on the heap the broadcasts may add. Up to a million messages are queued and
	 * written: a leak of a few bytes for each would pass it. The server's state with the
	 * same connections open grows by less than 1 MB here.
	 */
	private static final long HEAP_BOUND = 4 * 1024 * 1024;

	private final ExecutorService readers = Executors.newFixedThreadPool(PEERS - 1);

	@AfterEach
	void stopReaders() {
		this.readers.shutdownNow();
	}

	@Test
	void slowPeerIsClosedWith1008WhileTheOthersGetEveryBroadcastInOrder() throws Exception {
		Peers peers = connect("/feed", BROADCASTS);
		long heapBefore = HeapUsage.usedAfterGc();

		long mostBufferedForTheSlowPeer = broadcast("feed", peers, BROADCASTS);

		peers.awaitEveryMessageInOrder();
		assertThat(mostBufferedForTheSlowPeer).isLessThanOrEqualTo(LIMIT);
		assertThat(HeapUsage.usedAfterGc() - heapBefore).as("heap growth").isLessThan(HEAP_BOUND);
		assertThat(peers.slowConnection().readyState()).isIn(ReadyState.CLOSING, ReadyState.CLOSED);
		await().untilAsserted(() -> assertThat(this.events.closesOf(peers.slowConnection().id())).singleElement()
			.satisfies((closed) -> assertThat(closed.code()).isEqualTo(1008)));
		assertThat(this.registry.count("feed")).isEqualTo(PEERS - 1);
		assertThat(peers.healthyConnections()).allMatch(WsConnection::isOpen);
	}

	@Test
	void slowPeerUnderTheDropPolicyIsKeptAndGetsAnOrderedSubsetWhileTheOthersGetEverything() throws Exception {
		Peers peers = connect("/rooms/all", DROP_POLICY_BROADCASTS);
		long heapBefore = HeapUsage.usedAfterGc();

		long mostBufferedForTheSlowPeer = broadcast("rooms", peers, DROP_POLICY_BROADCASTS);

		peers.awaitEveryMessageInOrder();
		assertThat(mostBufferedForTheSlowPeer).isLessThanOrEqualTo(LIMIT);
		assertThat(HeapUsage.usedAfterGc() - heapBefore).as("heap growth").isLessThan(HEAP_BOUND);
		WsConnection slow = peers.slowConnection();
		assertThat(slow.isOpen()).isTrue();
		long dropped = slow.droppedMessages();
		assertThat(dropped).as("messages dropped for the slow peer").isPositive();
		assertThat(this.registry.count("rooms")).isEqualTo(PEERS);

		// reading at last, it finds what was queued for it, in order, and nothing else
		long kept = DROP_POLICY_BROADCASTS - dropped;
		int last = -1;
		for (long i = 0; i < kept; i++) {
			int sequence = sequence(peers.slow().readText());
			assertThat(sequence).as("message after %d", last).isGreaterThan(last);
			last = sequence;
		}
		// the last write's completion reaches the server's bookkeeping just after the bytes
		// reach the peer
		await().untilAsserted(() -> assertThat(slow.bufferedAmount()).isZero());
		assertThat(this.events.closesOf(slow.id())).isEmpty();
	}

	private Peers connect(String target, int broadcasts) throws Exception {
		// the slow peer reads nothing; a small receive buffer makes it stall sooner
		RawWebSocket slow = open(raw(target).receiveBufferSize(4096));
		WsConnection slowConnection = serverSide(slow);
		List<WsConnection> healthyConnections = new ArrayList<>();
		List<Future<Integer>> readers = new ArrayList<>();
		for (int i = 1; i < PEERS; i++) {
			RawWebSocket healthy = openRaw(target);
			healthyConnections.add(serverSide(healthy));
			readers.add(this.readers.submit(() -> readInOrder(healthy, broadcasts)));
		}
		return new Peers(slow, slowConnection, healthyConnections, readers, broadcasts);
	}

	/**
	 * Read every broadcast, checking the order as they come rather than keeping them.
	 * @return the number read
	 */
	private static int readInOrder(RawWebSocket client, int broadcasts) throws IOException {
		for (int i = 0; i < broadcasts; i++) {
			String text = client.readText();
			if (sequence(text) != i || !text.endsWith(PADDING)) {
				throw new AssertionError("Expected message " + i + " but got " + text.substring(0, 16) + "...");
			}
		}
		return broadcasts;
	}

	/**
	 * Broadcast every message.
	 * @return the most ever queued for the slow peer
	 */
	private long broadcast(String endpointId, Peers peers, int broadcasts) {
		List<WsConnection> healthy = peers.healthyConnections();
		long mostBuffered = 0;
		for (int i = 0; i < broadcasts; i++) {
			// paced by the healthy peers only, as a ws user watches bufferedAmount
			if (healthy.stream().anyMatch((c) -> c.bufferedAmount() > LIMIT / 2)) {
				await().pollInterval(Duration.ofMillis(1))
					.atMost(Duration.ofSeconds(10))
					.until(() -> healthy.stream().allMatch((c) -> c.bufferedAmount() <= LIMIT / 4));
			}
			this.registry.broadcast(endpointId, i + ":" + PADDING);
			mostBuffered = Math.max(mostBuffered, peers.slowConnection().bufferedAmount());
		}
		return mostBuffered;
	}

	private static int sequence(String text) {
		return Integer.parseInt(text.substring(0, text.indexOf(':')));
	}

	private record Peers(RawWebSocket slow, WsConnection slowConnection, List<WsConnection> healthyConnections,
			List<Future<Integer>> readers, int broadcasts) {

		void awaitEveryMessageInOrder() throws Exception {
			for (Future<Integer> reader : this.readers) {
				assertThat(reader.get(60, TimeUnit.SECONDS)).as("messages read in order").isEqualTo(this.broadcasts);
			}
		}

	}

}
