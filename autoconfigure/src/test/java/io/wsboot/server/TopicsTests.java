package io.wsboot.server;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the topics of {@link InMemoryConnectionRegistry}, kept by {@link TopicIndex}.
 */
class TopicsTests {

	private final InMemoryConnectionRegistry registry = new InMemoryConnectionRegistry();

	private final RecordingTransport aliceWriter = new RecordingTransport();

	private final RecordingTransport bobWriter = new RecordingTransport();

	private final RecordingTransport carolWriter = new RecordingTransport();

	private final ServerConnection alice = TestConnections.connection("alice", "chat", this.aliceWriter);

	private final ServerConnection bob = TestConnections.connection("bob", "chat", this.bobWriter);

	private final ServerConnection carol = TestConnections.connection("carol", "news", this.carolWriter);

	@Test
	void publishReachesTheSubscribersOfTheTopicOnly() {
		addAll();
		assertThat(this.alice.join("red")).isTrue();
		assertThat(this.carol.join("red")).isTrue();
		assertThat(this.bob.join("blue")).isTrue();

		assertThat(this.registry.publish("red", "to red")).isEqualTo(2);
		assertThat(this.registry.publish("blue", new byte[] { 1, 2, 3 })).isEqualTo(1);
		assertThat(this.registry.publish("green", "nobody")).isZero();

		assertThat(this.aliceWriter.events()).containsExactly("text to red");
		assertThat(this.carolWriter.events()).containsExactly("text to red");
		assertThat(this.bobWriter.events()).containsExactly("binary 3");
		assertThat(this.bobWriter.binaries()).singleElement().isEqualTo(new byte[] { 1, 2, 3 });
	}

	@Test
	void joiningTwiceCountsOnceAndLeavingStopsDelivery() {
		addAll();
		assertThat(this.alice.join("red")).isTrue();
		assertThat(this.alice.join("red")).isFalse();
		assertThat(this.registry.subscribers("red")).isEqualTo(1);
		assertThat(this.alice.topics()).containsExactly("red");
		assertThat(this.registry.topics()).containsExactly("red");

		assertThat(this.alice.leave("red")).isTrue();
		assertThat(this.alice.leave("red")).isFalse();
		assertThat(this.registry.subscribers("red")).isZero();
		assertThat(this.registry.topics()).isEmpty();
		assertThat(this.alice.topics()).isEmpty();
		assertThat(this.registry.publish("red", "gone")).isZero();
		assertThat(this.aliceWriter.events()).isEmpty();
	}

	@Test
	void publishExceptLeavesTheSenderOut() {
		addAll();
		this.alice.join("red");
		this.bob.join("red");
		assertThat(this.registry.publishExcept(this.alice, "red", "from alice")).isEqualTo(1);
		assertThat(this.registry.publishExcept(this.alice, "red", ByteBuffer.wrap(new byte[] { 9 }))).isEqualTo(1);
		assertThat(this.aliceWriter.events()).isEmpty();
		assertThat(this.bobWriter.events()).containsExactly("text from alice", "binary 1");
	}

	@Test
	void aRemovedConnectionLeavesAllItsTopics() {
		addAll();
		this.alice.join("red");
		this.alice.join("blue");
		this.bob.join("blue");
		this.alice.terminate();
		this.registry.remove(this.alice);

		assertThat(this.registry.subscribers("red")).isZero();
		assertThat(this.registry.subscribers("blue")).isEqualTo(1);
		assertThat(this.registry.topics()).containsExactly("blue");
		assertThat(this.alice.topics()).isEmpty();
		assertThat(this.alice.join("red")).isFalse();
		assertThat(this.registry.subscribers("red")).isZero();
	}

	@Test
	void tenThousandTopicsOfAFewConnectionsEach() {
		List<ServerConnection> connections = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			ServerConnection connection = TestConnections.connection("c" + i, "chat");
			connections.add(connection);
			this.registry.add(connection);
		}
		for (int topic = 0; topic < 10_000; topic++) {
			for (ServerConnection connection : connections) {
				connection.join("topic-" + topic);
			}
		}
		assertThat(this.registry.topics()).hasSize(10_000);
		assertThat(this.registry.subscribers("topic-9999")).isEqualTo(3);
		assertThat(this.registry.publish("topic-42", "hi")).isEqualTo(3);
		for (ServerConnection connection : connections) {
			connection.terminate();
			this.registry.remove(connection);
		}
		assertThat(this.registry.topics()).isEmpty();
	}

	@Test
	void oneTopicOfTenThousandConnections() {
		for (int i = 0; i < 10_000; i++) {
			ServerConnection connection = TestConnections.connection("c" + i, "chat");
			this.registry.add(connection);
			connection.join("all");
		}
		assertThat(this.registry.subscribers("all")).isEqualTo(10_000);
		assertThat(this.registry.publish("all", "hello everyone")).isEqualTo(10_000);
		this.registry.find("c7").ifPresent((connection) -> connection.leave("all"));
		assertThat(this.registry.subscribers("all")).isEqualTo(9_999);
	}

	private void addAll() {
		this.registry.add(this.alice);
		this.registry.add(this.bob);
		this.registry.add(this.carol);
	}

}
