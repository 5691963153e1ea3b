package io.wsboot.server;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.wsboot.WsConnection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InMemoryConnectionRegistry}.
 */
class InMemoryConnectionRegistryTests {

	private final InMemoryConnectionRegistry registry = new InMemoryConnectionRegistry();

	private final RecordingTransport aliceWriter = new RecordingTransport();

	private final RecordingTransport bobWriter = new RecordingTransport();

	private final RecordingTransport carolWriter = new RecordingTransport();

	private final ServerConnection alice = TestConnections.connection("alice", "chat", this.aliceWriter);

	private final ServerConnection bob = TestConnections.connection("bob", "chat", this.bobWriter);

	private final ServerConnection carol = TestConnections.connection("carol", "news", this.carolWriter);

	@Test
	void anEmptyRegistryHasNoConnections() {
		assertThat(this.registry.count()).isZero();
		assertThat(this.registry.count("chat")).isZero();
		assertThat(this.registry.connections()).isEmpty();
		assertThat(this.registry.connections("chat")).isEmpty();
		assertThat(this.registry.find("alice")).isEmpty();
		assertThat(this.registry.broadcast("chat", "hello")).isZero();
	}

	@Test
	void isEmptyOnlyWithoutConnectionsAndUpgradesUnderWay() throws Exception {
		assertThat(this.registry.isEmpty()).isTrue();
		this.registry.upgradeStarted();
		assertThat(this.registry.isEmpty()).isFalse();
		assertThat(this.registry.awaitEmpty(Duration.ZERO)).isFalse();
		// the upgrade opens its connection: added before the upgrade ends, never empty between
		this.registry.add(this.alice);
		this.registry.upgradeEnded();
		assertThat(this.registry.isEmpty()).isFalse();
		this.registry.remove(this.alice);
		assertThat(this.registry.isEmpty()).isTrue();
		assertThat(this.registry.awaitEmpty(Duration.ZERO)).isTrue();
	}

	@Test
	void awaitEmptyReturnsWhenTheLastUpgradeUnderWayEnds() throws Exception {
		this.registry.upgradeStarted();
		this.registry.upgradeStarted();
		CompletableFuture<Boolean> emptied = CompletableFuture.supplyAsync(() -> {
			try {
				return this.registry.awaitEmpty(Duration.ofMinutes(1));
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		});
		this.registry.upgradeEnded();
		assertThat(this.registry.isEmpty()).isFalse();
		this.registry.upgradeEnded();
		assertThat(emptied.get(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void countsAndFindsAddedConnectionsByEndpoint() {
		addAll();
		assertThat(this.registry.count()).isEqualTo(3);
		assertThat(this.registry.count("chat")).isEqualTo(2);
		assertThat(this.registry.count("news")).isEqualTo(1);
		assertThat(this.registry.count("unknown")).isZero();
		assertThat(this.registry.find("bob")).containsSame(this.bob);
		assertThat(this.registry.connections()).containsExactlyInAnyOrder(this.alice, this.bob, this.carol);
		assertThat(this.registry.connections("chat")).containsExactlyInAnyOrder(this.alice, this.bob);
		assertThat(this.registry.connections("unknown")).isEmpty();
	}

	@Test
	void forgetsRemovedConnections() {
		addAll();
		this.registry.remove(this.alice);
		this.registry.remove(this.alice);
		assertThat(this.registry.count()).isEqualTo(2);
		assertThat(this.registry.count("chat")).isEqualTo(1);
		assertThat(this.registry.find("alice")).isEmpty();
		assertThat(this.registry.connections("chat")).containsExactly(this.bob);
	}

	@Test
	void removingAnotherConnectionWithTheSameIdKeepsTheRegisteredOne() {
		this.registry.add(this.alice);
		this.registry.remove(TestConnections.connection("alice", "chat"));
		assertThat(this.registry.find("alice")).containsSame(this.alice);
		assertThat(this.registry.count("chat")).isEqualTo(1);
	}

	@Test
	void connectionsAreSnapshotsThatLaterChangesLeaveAlone() {
		addAll();
		Collection<WsConnection> all = this.registry.connections();
		Collection<WsConnection> chat = this.registry.connections("chat");
		this.registry.remove(this.alice);
		this.registry.add(TestConnections.connection("dave", "chat"));
		assertThat(all).containsExactlyInAnyOrder(this.alice, this.bob, this.carol);
		assertThat(chat).containsExactlyInAnyOrder(this.alice, this.bob);
	}

	@Test
	void broadcastSendsToEveryConnectionOfTheEndpoint() {
		addAll();
		assertThat(this.registry.broadcast("chat", "hello")).isEqualTo(2);
		assertThat(this.aliceWriter.events()).containsExactly("text hello");
		assertThat(this.bobWriter.events()).containsExactly("text hello");
		assertThat(this.carolWriter.events()).isEmpty();
	}

	@Test
	void binaryBroadcastGivesEveryRecipientTheWholePayload() {
		addAll();
		this.registry.add(TestConnections.connection("dave", "chat"));
		ByteBuffer data = ByteBuffer.wrap(new byte[] { 9, 1, 2, 3 });
		data.position(1);
		assertThat(this.registry.broadcast("chat", (connection) -> true, data)).isEqualTo(3);
		assertThat(this.aliceWriter.binaries()).singleElement().isEqualTo(new byte[] { 1, 2, 3 });
		assertThat(this.bobWriter.binaries()).singleElement().isEqualTo(new byte[] { 1, 2, 3 });
		assertThat(data.position()).isEqualTo(1);
		assertThat(this.registry.broadcast("chat", new byte[] { 4 })).isEqualTo(3);
		assertThat(this.aliceWriter.events()).containsExactly("binary 3", "binary 1");
	}

	@Test
	void broadcastExceptLeavesOutTheSender() {
		addAll();
		this.registry.add(TestConnections.connection("dave", "chat"));
		assertThat(this.registry.broadcastExcept(this.alice, "from alice")).isEqualTo(2);
		assertThat(this.registry.broadcastExcept(this.alice, new byte[] { 1 })).isEqualTo(2);
		assertThat(this.aliceWriter.events()).isEmpty();
		assertThat(this.bobWriter.events()).containsExactly("text from alice", "binary 1");
		assertThat(this.carolWriter.events()).isEmpty();
	}

	@Test
	void broadcastWithAFilterSendsOnlyToMatchingConnections() {
		addAll();
		this.bob.attributes().put("room", "red");
		int queued = this.registry.broadcast("chat", (connection) -> "red".equals(connection.attributes().get("room")),
				"red only");
		assertThat(queued).isEqualTo(1);
		assertThat(this.bobWriter.events()).containsExactly("text red only");
		assertThat(this.aliceWriter.events()).isEmpty();
	}

	@Test
	void broadcastSkipsConnectionsThatAreNoLongerOpen() {
		addAll();
		this.alice.close();
		ServerConnection closed = TestConnections.connection("dave", "chat");
		this.registry.add(closed);
		closed.terminate();
		assertThat(this.registry.broadcast("chat", "hello")).isEqualTo(1);
		assertThat(this.aliceWriter.events()).containsExactly("close 1000");
		assertThat(this.bobWriter.events()).containsExactly("text hello");
	}

	@Test
	void concurrentAddsAndRemovesLeaveConsistentCounts() throws Exception {
		int tasks = 1000;
		List<ServerConnection> connections = new ArrayList<>();
		for (int i = 0; i < tasks; i++) {
			connections.add(TestConnections.connection("c" + i, "endpoint" + (i % 4)));
		}
		ExecutorService executor = Executors.newFixedThreadPool(32);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Callable<Void>> work = new ArrayList<>();
			for (int i = 0; i < tasks; i++) {
				ServerConnection connection = connections.get(i);
				boolean removeAgain = i % 3 == 0;
				work.add(() -> {
					start.await();
					this.registry.add(connection);
					this.registry.broadcast(connection.endpointId(), "joined");
					this.registry.count();
					if (removeAgain) {
						this.registry.remove(connection);
					}
					return null;
				});
			}
			List<Future<Void>> futures = new ArrayList<>();
			for (Callable<Void> task : work) {
				futures.add(executor.submit(task));
			}
			start.countDown();
			for (Future<Void> future : futures) {
				future.get(1, TimeUnit.MINUTES);
			}
		}
		finally {
			executor.shutdownNow();
		}
		int removed = (tasks + 2) / 3;
		assertThat(this.registry.count()).isEqualTo(tasks - removed);
		assertThat(this.registry.connections()).hasSize(tasks - removed);
		int sum = 0;
		for (int e = 0; e < 4; e++) {
			String endpoint = "endpoint" + e;
			long expected = connections.stream()
				.filter((connection) -> connection.endpointId().equals(endpoint))
				.filter((connection) -> Integer.parseInt(connection.id().substring(1)) % 3 != 0)
				.count();
			assertThat(this.registry.count(endpoint)).isEqualTo(expected);
			assertThat(this.registry.connections(endpoint)).hasSize((int) expected);
			sum += this.registry.count(endpoint);
		}
		assertThat(sum).isEqualTo(this.registry.count());
		for (int i = 0; i < tasks; i++) {
			assertThat(this.registry.find("c" + i).isPresent()).isEqualTo(i % 3 != 0);
		}
	}

	private void addAll() {
		this.registry.add(this.alice);
		this.registry.add(this.bob);
		this.registry.add(this.carol);
	}

}
