package io.wsboot.server;

import java.nio.ByteBuffer;
import java.security.Principal;
import java.time.Duration;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import io.wsboot.ConnectionRegistry;
import io.wsboot.WsConnection;
import io.wsboot.relay.MessageRelay;
import io.wsboot.relay.RelayMessage;
import io.wsboot.relay.RelayMessage.Kind;
import org.jspecify.annotations.Nullable;

/**
 * The {@link ConnectionRegistry} of this application instance: concurrent maps of the
 * open connections, by id, by endpoint and by user, their topics, and a count of the
 * upgrades under way, which {@link GracefulClose} waits for as it waits for the
 * connections.
 * <p>
 * With a {@link MessageRelay}, each cross-instance call is delivered here at once, then
 * handed to the relay once; what the relay receives from other instances is delivered
 * by {@link #deliver(RelayMessage)}.
 */
final class InMemoryConnectionRegistry implements ConnectionRegistry {

	private final Map<String, ServerConnection> byId = new ConcurrentHashMap<>();

	private final Map<String, Set<ServerConnection>> byEndpoint = new ConcurrentHashMap<>();

	private final Set<ServerConnection> closing = ConcurrentHashMap.newKeySet();

	// upgrade requests between their shutdown check and their connection's open callback
	private final AtomicInteger upgrading = new AtomicInteger();

	private final Object emptied = new Object();

	// ids unique across instances with high probability: a random prefix per registry
	private final String idPrefix = Long.toString(ThreadLocalRandom.current().nextLong() >>> 16, 36)
			+ "-";

	private final AtomicLong idCounter = new AtomicLong();

	private final TopicIndex topics = new TopicIndex();

	private final Map<String, Set<ServerConnection>> byUser = new ConcurrentHashMap<>();

	private final ServerListeners listeners;

	private final @Nullable MessageRelay relay;

	private final String instanceId;

	InMemoryConnectionRegistry() {
		this(ServerListeners.NONE, null, UUID.randomUUID().toString());
	}

	/**
	 * Create a registry that relays through the given relay, when there is one.
	 * @param listeners what to tell of sends
	 * @param relay the relay, or {@code null} for this instance only
	 * @param instanceId the id of this instance, unique among those of the application
	 */
	InMemoryConnectionRegistry(ServerListeners listeners, @Nullable MessageRelay relay, String instanceId) {
		this.listeners = listeners;
		this.relay = relay;
		this.instanceId = instanceId;
	}

	/**
	 * Start the relay, if any.
	 */
	void startRelay() {
		if (this.relay != null) {
			this.relay.start(this.instanceId, this::deliver);
		}
	}

	/**
	 * Stop the relay, if any.
	 */
	void stopRelay() {
		if (this.relay != null) {
			this.relay.stop();
		}
	}

	/**
	 * Count an upgrade request, before it is checked against the shutdown, until
	 * {@link #upgradeEnded()}: the client may hear its 101 before the connection opens
	 * here, so a shutdown that only saw the open connections would miss it.
	 */
	void upgradeStarted() {
		this.upgrading.incrementAndGet();
	}

	/**
	 * End the count of an upgrade request: refused, failed, or its connection
	 * {@link #add(ServerConnection) added}.
	 */
	void upgradeEnded() {
		if (this.upgrading.decrementAndGet() == 0) {
			signalIfEmpty();
		}
	}

	/**
	 * Note a connection closed for its endpoint whose socket waits for the peer's close
	 * frame, until {@link #removeClosing}.
	 */
	void addClosing(ServerConnection connection) {
		this.closing.add(connection);
	}

	void removeClosing(ServerConnection connection) {
		this.closing.remove(connection);
	}

	/**
	 * Return the connections whose closing handshake is under way.
	 */
	Collection<ServerConnection> closing() {
		return this.closing;
	}

	/**
	 * Return an id for a new connection.
	 */
	String newConnectionId() {
		return this.idPrefix + Long.toString(this.idCounter.incrementAndGet(), 36);
	}

	void add(ServerConnection connection) {
		this.byId.put(connection.id(), connection);
		this.byEndpoint.computeIfAbsent(connection.endpointId(), (id) -> ConcurrentHashMap.newKeySet())
			.add(connection);
		connection.topicIndex(this.topics);
		String user = user(connection);
		if (user != null) {
			this.byUser.compute(user, (key, set) -> {
				Set<ServerConnection> connections = (set != null) ? set : ConcurrentHashMap.newKeySet();
				connections.add(connection);
				return connections;
			});
		}
	}

	void remove(ServerConnection connection) {
		this.byId.remove(connection.id(), connection);
		Set<ServerConnection> connections = this.byEndpoint.get(connection.endpointId());
		if (connections != null) {
			connections.remove(connection);
		}
		this.topics.leaveAll(connection);
		String user = user(connection);
		if (user != null) {
			this.byUser.computeIfPresent(user, (key, set) -> {
				set.remove(connection);
				return set.isEmpty() ? null : set;
			});
		}
		signalIfEmpty();
	}

	private void signalIfEmpty() {
		if (isEmpty()) {
			synchronized (this.emptied) {
				this.emptied.notifyAll();
			}
		}
	}

	/**
	 * Return whether no connection is open and no upgrade under way.
	 */
	boolean isEmpty() {
		return this.byId.isEmpty() && this.upgrading.get() == 0;
	}

	/**
	 * Wait until no connection is open and no upgrade under way.
	 * @param timeout how long to wait at most
	 * @return whether the registry is empty
	 */
	boolean awaitEmpty(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.emptied) {
			while (!isEmpty()) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					return false;
				}
				TimeUnit.NANOSECONDS.timedWait(this.emptied, remaining);
			}
		}
		return true;
	}

	/**
	 * Return the live view of every connection, for the heartbeat's sweep.
	 */
	Collection<ServerConnection> open() {
		return this.byId.values();
	}

	@Override
	public Collection<WsConnection> connections() {
		return List.copyOf(this.byId.values());
	}

	@Override
	public Collection<WsConnection> connections(String endpointId) {
		Set<ServerConnection> connections = this.byEndpoint.get(endpointId);
		return (connections != null) ? List.copyOf(connections) : List.of();
	}

	@Override
	public Optional<WsConnection> find(String connectionId) {
		return Optional.ofNullable(this.byId.get(connectionId));
	}

	@Override
	public int count() {
		return this.byId.size();
	}

	@Override
	public int count(String endpointId) {
		Set<ServerConnection> connections = this.byEndpoint.get(endpointId);
		return (connections != null) ? connections.size() : 0;
	}

	@Override
	public int broadcast(String endpointId, Predicate<? super WsConnection> filter, String text) {
		return broadcast(endpointId, filter, Frame.text(text));
	}

	@Override
	public int broadcast(String endpointId, Predicate<? super WsConnection> filter, ByteBuffer data) {
		return broadcast(endpointId, filter, Frame.binary(data.slice()));
	}

	@Override
	public int broadcastObject(String endpointId, Predicate<? super WsConnection> filter, Object message) {
		Set<ServerConnection> connections = this.byEndpoint.get(endpointId);
		Iterator<ServerConnection> any = (connections != null) ? connections.iterator() : null;
		if (any == null || !any.hasNext()) {
			return 0;
		}
		// the connections of one endpoint share its codec: encoded once, by any of them
		return broadcast(endpointId, filter, Frame.text(any.next().encode(message)));
	}

	private int broadcast(String endpointId, Predicate<? super WsConnection> filter, Frame frame) {
		Set<ServerConnection> connections = this.byEndpoint.get(endpointId);
		if (connections == null) {
			return 0;
		}
		int queued = 0;
		for (ServerConnection connection : connections) {
			if (filter.test(connection) && connection.enqueue(frame)) {
				queued++;
			}
		}
		return this.listeners.sent(endpointId, frame, queued);
	}

	@Override
	public int broadcast(String endpointId, String text) {
		int queued = broadcast(endpointId, (connection) -> true, Frame.text(text));
		relay(RelayMessage.text(Kind.BROADCAST, this.instanceId, endpointId, null, text));
		return queued;
	}

	@Override
	public int broadcast(String endpointId, byte[] data) {
		int queued = broadcast(endpointId, (connection) -> true, Frame.binary(ByteBuffer.wrap(data)));
		if (this.relay != null) {
			relay(RelayMessage.binary(Kind.BROADCAST, this.instanceId, endpointId, null, data.clone()));
		}
		return queued;
	}

	@Override
	public int broadcastExcept(WsConnection sender, String text) {
		int queued = broadcast(sender.endpointId(), (connection) -> connection != sender, Frame.text(text));
		relay(RelayMessage.text(Kind.BROADCAST_EXCEPT, this.instanceId, sender.endpointId(), sender.id(), text));
		return queued;
	}

	@Override
	public int broadcastExcept(WsConnection sender, byte[] data) {
		int queued = broadcast(sender.endpointId(), (connection) -> connection != sender,
				Frame.binary(ByteBuffer.wrap(data)));
		if (this.relay != null) {
			relay(RelayMessage.binary(Kind.BROADCAST_EXCEPT, this.instanceId, sender.endpointId(), sender.id(),
					data.clone()));
		}
		return queued;
	}

	@Override
	public int publish(String topic, String text) {
		int queued = this.topics.publish(topic, Frame.text(text), null, null);
		relay(RelayMessage.text(Kind.PUBLISH, this.instanceId, topic, null, text));
		return queued;
	}

	@Override
	public int publish(String topic, ByteBuffer data) {
		int queued = this.topics.publish(topic, Frame.binary(data.slice()), null, null);
		if (this.relay != null) {
			relay(RelayMessage.binary(Kind.PUBLISH, this.instanceId, topic, null, bytes(data)));
		}
		return queued;
	}

	@Override
	public int publishExcept(WsConnection sender, String topic, String text) {
		int queued = this.topics.publish(topic, Frame.text(text), sender, null);
		relay(RelayMessage.text(Kind.PUBLISH_EXCEPT, this.instanceId, topic, sender.id(), text));
		return queued;
	}

	@Override
	public int publishExcept(WsConnection sender, String topic, ByteBuffer data) {
		int queued = this.topics.publish(topic, Frame.binary(data.slice()), sender, null);
		if (this.relay != null) {
			relay(RelayMessage.binary(Kind.PUBLISH_EXCEPT, this.instanceId, topic, sender.id(), bytes(data)));
		}
		return queued;
	}

	@Override
	public int subscribers(String topic) {
		return this.topics.subscribers(topic);
	}

	@Override
	public Set<String> topics() {
		return this.topics.topics();
	}

	@Override
	public boolean send(String connectionId, String text) {
		ServerConnection connection = this.byId.get(connectionId);
		if (connection != null) {
			return connection.enqueue(Frame.text(text));
		}
		relay(RelayMessage.text(Kind.SEND, this.instanceId, connectionId, null, text));
		return false;
	}

	@Override
	public boolean send(String connectionId, ByteBuffer data) {
		ServerConnection connection = this.byId.get(connectionId);
		if (connection != null) {
			return connection.enqueue(Frame.binary(data.slice()));
		}
		if (this.relay != null) {
			relay(RelayMessage.binary(Kind.SEND, this.instanceId, connectionId, null, bytes(data)));
		}
		return false;
	}

	@Override
	public int sendToUser(String principalName, String text) {
		int queued = sendToUser(principalName, Frame.text(text));
		relay(RelayMessage.text(Kind.SEND_TO_USER, this.instanceId, principalName, null, text));
		return queued;
	}

	@Override
	public int sendToUser(String principalName, ByteBuffer data) {
		int queued = sendToUser(principalName, Frame.binary(data.slice()));
		if (this.relay != null) {
			relay(RelayMessage.binary(Kind.SEND_TO_USER, this.instanceId, principalName, null, bytes(data)));
		}
		return queued;
	}

	private int sendToUser(String principalName, Frame frame) {
		Set<ServerConnection> connections = this.byUser.get(principalName);
		if (connections == null) {
			return 0;
		}
		int queued = 0;
		for (ServerConnection connection : connections) {
			if (connection.enqueue(frame)) {
				queued++;
			}
		}
		return queued;
	}

	private void relay(RelayMessage message) {
		if (this.relay != null) {
			this.relay.publish(message);
		}
	}

	/**
	 * Deliver a message of another instance to this instance's recipients.
	 * @param message the message; this instance's own are ignored
	 */
	void deliver(RelayMessage message) {
		if (message.origin().equals(this.instanceId)) {
			return;
		}
		String text = message.text();
		byte[] data = message.data();
		Frame frame = (text != null) ? Frame.text(text) : Frame.binary(ByteBuffer.wrap(data));
		String except = message.except();
		switch (message.kind()) {
			case BROADCAST -> broadcast(message.target(), (connection) -> true, frame);
			case BROADCAST_EXCEPT ->
				broadcast(message.target(), (connection) -> !connection.id().equals(except), frame);
			case PUBLISH -> this.topics.publish(message.target(), frame, null, null);
			case PUBLISH_EXCEPT -> this.topics.publish(message.target(), frame, null, except);
			case SEND -> {
				ServerConnection connection = this.byId.get(message.target());
				if (connection != null) {
					connection.enqueue(frame);
				}
			}
			case SEND_TO_USER -> sendToUser(message.target(), frame);
		}
	}

	private static byte[] bytes(ByteBuffer data) {
		byte[] bytes = new byte[data.remaining()];
		data.duplicate().get(bytes);
		return bytes;
	}

	private static @Nullable String user(ServerConnection connection) {
		Principal principal = connection.handshake().principal();
		return (principal != null) ? principal.getName() : null;
	}

}
