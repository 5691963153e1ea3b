package io.wsboot.server;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import io.wsboot.ConnectionRegistry;
import io.wsboot.WsConnection;

/**
 * The {@link ConnectionRegistry} of this application instance: concurrent maps of the
 * open connections, by id and by endpoint, and a count of the upgrades under way, which
 * {@link GracefulClose} waits for as it waits for the connections.
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
	private final ServerListeners listeners;

	InMemoryConnectionRegistry() {
		this(ServerListeners.NONE);
	}

	InMemoryConnectionRegistry(ServerListeners listeners) {
		this.listeners = listeners;
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
	}

	void remove(ServerConnection connection) {
		this.byId.remove(connection.id(), connection);
		Set<ServerConnection> connections = this.byEndpoint.get(connection.endpointId());
		if (connections != null) {
			connections.remove(connection);
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

}
