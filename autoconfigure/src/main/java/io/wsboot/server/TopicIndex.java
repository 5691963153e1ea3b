package io.wsboot.server;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.wsboot.WsConnection;
import org.jspecify.annotations.Nullable;

/**
 * The topics of this instance's connections: subscribers by topic, and topics by
 * connection so that a closing connection leaves all of its topics.
 * <p>
 * Join and leave cost one map update each; a publish walks the topic's subscribers and
 * queues one shared {@link Frame} to each.
 */
final class TopicIndex {

	private final Map<String, Set<ServerConnection>> byTopic = new ConcurrentHashMap<>();

	private final Map<ServerConnection, Set<String>> byConnection = new ConcurrentHashMap<>();

	/**
	 * Add a connection to a topic.
	 * @return {@code true} when it was not subscribed yet
	 */
	boolean join(ServerConnection connection, String topic) {
		boolean[] added = new boolean[1];
		// the set is created and dropped under the map's lock, so a join never lands in
		// a set that a concurrent leave is removing
		this.byTopic.compute(topic, (key, subscribers) -> {
			Set<ServerConnection> set = (subscribers != null) ? subscribers : ConcurrentHashMap.newKeySet();
			added[0] = set.add(connection);
			return set;
		});
		if (added[0]) {
			this.byConnection.computeIfAbsent(connection, (key) -> ConcurrentHashMap.newKeySet()).add(topic);
		}
		return added[0];
	}

	/**
	 * Remove a connection from a topic.
	 * @return {@code true} when it was subscribed
	 */
	boolean leave(ServerConnection connection, String topic) {
		boolean[] removed = new boolean[1];
		this.byTopic.computeIfPresent(topic, (key, subscribers) -> {
			removed[0] = subscribers.remove(connection);
			return subscribers.isEmpty() ? null : subscribers;
		});
		Set<String> topics = this.byConnection.get(connection);
		if (topics != null) {
			topics.remove(topic);
			this.byConnection.computeIfPresent(connection, (key, set) -> set.isEmpty() ? null : set);
		}
		return removed[0];
	}

	/**
	 * Remove a connection from every topic it joined.
	 */
	void leaveAll(ServerConnection connection) {
		Set<String> topics = this.byConnection.remove(connection);
		if (topics == null) {
			return;
		}
		for (String topic : topics) {
			this.byTopic.computeIfPresent(topic, (key, subscribers) -> {
				subscribers.remove(connection);
				return subscribers.isEmpty() ? null : subscribers;
			});
		}
	}

	/**
	 * Return the topics a connection joined.
	 */
	Set<String> topicsOf(ServerConnection connection) {
		Set<String> topics = this.byConnection.get(connection);
		return (topics != null) ? Set.copyOf(topics) : Set.of();
	}

	/**
	 * Return the topics that have at least one subscriber.
	 */
	Set<String> topics() {
		return Set.copyOf(this.byTopic.keySet());
	}

	int subscribers(String topic) {
		Set<ServerConnection> subscribers = this.byTopic.get(topic);
		return (subscribers != null) ? subscribers.size() : 0;
	}

	/**
	 * Queue a frame to every subscriber of a topic.
	 * @param except a connection left out, or {@code null}
	 * @param exceptId the id of a connection left out, or {@code null}
	 * @return the number of subscribers the frame was queued to
	 */
	int publish(String topic, Frame frame, @Nullable WsConnection except, @Nullable String exceptId) {
		Set<ServerConnection> subscribers = this.byTopic.get(topic);
		if (subscribers == null) {
			return 0;
		}
		int queued = 0;
		for (ServerConnection subscriber : subscribers) {
			if (subscriber != except && (exceptId == null || !exceptId.equals(subscriber.id()))
					&& subscriber.enqueue(frame)) {
				queued++;
			}
		}
		return queued;
	}

}
