package io.wsboot.autoconfigure;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.wsboot.ConnectionRegistry;
import io.wsboot.WsConnection;

/**
 * The {@link ConnectionRegistry} of this application instance: concurrent maps of the
 * open connections, by id and by endpoint.
 */
final class InMemoryConnectionRegistry implements ConnectionRegistry {

	private final Map<String, ServerConnection> byId = new ConcurrentHashMap<>();

	private final Map<String, Set<ServerConnection>> byEndpoint = new ConcurrentHashMap<>();

	private final Object emptied = new Object();

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
		if (this.byId.isEmpty()) {
			synchronized (this.emptied) {
				this.emptied.notifyAll();
			}
		}
	}

	/**
	 * Wait until no connection is open.
	 * @param timeout how long to wait at most
	 * @return whether the registry is empty
	 */
	boolean awaitEmpty(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.emptied) {
			while (!this.byId.isEmpty()) {
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
		return queued;
	}

}
