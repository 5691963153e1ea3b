package io.wsboot.autoconfigure.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.wsboot.WsConnection;
import io.wsboot.server.WsServerListener;

/**
 * Counts the server's events in Micrometer counters, tagged with the endpoint id and,
 * where they have one, the message type, close code or HTTP status: never a connection
 * id or a path's values, so that the number of meters stays that of the endpoints.
 * <p>
 * The counters of an endpoint are registered at its first event and then found with a
 * single map lookup, so that a message costs no allocation.
 */
final class ServerMeters implements WsServerListener {

	static final String PREFIX = "ws.server.";

	private final MeterRegistry registry;

	private final Map<String, EndpointMeters> endpoints = new ConcurrentHashMap<>();

	ServerMeters(MeterRegistry registry) {
		this.registry = registry;
	}

	private EndpointMeters meters(String endpointId) {
		EndpointMeters meters = this.endpoints.get(endpointId);
		if (meters == null) {
			meters = this.endpoints.computeIfAbsent(endpointId, (id) -> new EndpointMeters(this.registry, id));
		}
		return meters;
	}

	@Override
	public void upgradeRejected(String endpointId, int status) {
		meters(endpointId).rejected(status).increment();
	}

	@Override
	public void opened(WsConnection connection) {
		meters(connection.endpointId()).opened.increment();
	}

	@Override
	public void closed(WsConnection connection, int code, String reason) {
		meters(connection.endpointId()).closed(code).increment();
	}

	@Override
	public void messageReceived(WsConnection connection, MessageType type, long bytes, boolean last) {
		EndpointMeters meters = meters(connection.endpointId());
		meters.bytesReceived.increment(bytes);
		if (last) {
			((type == MessageType.TEXT) ? meters.textReceived : meters.binaryReceived).increment();
		}
	}

	@Override
	public void messageSent(String endpointId, MessageType type, long bytes, int recipients) {
		EndpointMeters meters = meters(endpointId);
		((type == MessageType.TEXT) ? meters.textSent : meters.binarySent).increment(recipients);
		meters.bytesSent.increment((double) bytes * recipients);
	}

	@Override
	public void dropped(WsConnection connection) {
		meters(connection.endpointId()).dropped.increment();
	}

	@Override
	public void heartbeatTerminated(WsConnection connection) {
		meters(connection.endpointId()).heartbeatTerminated.increment();
	}

	@Override
	public String toString() {
		return "ServerMeters";
	}

	/**
	 * The counters of one endpoint.
	 */
	private static final class EndpointMeters {

		// the close codes tagged as themselves; any other is "other"
		private static final int[] CODES = { 1000, 1001, 1006, 1008, 1009, 1011 };

		private final MeterRegistry registry;

		private final String endpointId;

		final Counter opened;

		final Counter[] closed = new Counter[CODES.length + 1];

		final Counter textReceived;

		final Counter binaryReceived;

		final Counter textSent;

		final Counter binarySent;

		final Counter bytesReceived;

		final Counter bytesSent;

		final Counter dropped;

		final Counter heartbeatTerminated;

		private final Map<Integer, Counter> rejected = new ConcurrentHashMap<>();

		EndpointMeters(MeterRegistry registry, String endpointId) {
			this.registry = registry;
			this.endpointId = endpointId;
			this.opened = counter("connections.opened", "Connections opened");
			for (int i = 0; i < CODES.length; i++) {
				this.closed[i] = closedCounter(Integer.toString(CODES[i]));
			}
			this.closed[CODES.length] = closedCounter("other");
			this.textReceived = typed("messages.received", "text", "Messages received");
			this.binaryReceived = typed("messages.received", "binary", "Messages received");
			this.textSent = typed("messages.sent", "text", "Messages queued to a connection, once per recipient");
			this.binarySent = typed("messages.sent", "binary", "Messages queued to a connection, once per recipient");
			this.bytesReceived = Counter.builder(PREFIX + "bytes.received")
				.description("Payload bytes received")
				.baseUnit("bytes")
				.tag("endpoint", endpointId)
				.register(registry);
			this.bytesSent = Counter.builder(PREFIX + "bytes.sent")
				.description("Payload bytes queued to connections, once per recipient")
				.baseUnit("bytes")
				.tag("endpoint", endpointId)
				.register(registry);
			this.dropped = counter("messages.dropped", "Messages dropped for peers past their limits");
			this.heartbeatTerminated = counter("heartbeat.terminated",
					"Connections terminated for not answering a heartbeat ping");
		}

		private Counter counter(String name, String description) {
			return Counter.builder(PREFIX + name)
				.description(description)
				.tag("endpoint", this.endpointId)
				.register(this.registry);
		}

		private Counter typed(String name, String type, String description) {
			return Counter.builder(PREFIX + name)
				.description(description)
				.tag("endpoint", this.endpointId)
				.tag("type", type)
				.register(this.registry);
		}

		private Counter closedCounter(String code) {
			return Counter.builder(PREFIX + "connections.closed")
				.description("Connections closed, by close code")
				.tag("endpoint", this.endpointId)
				.tag("code", code)
				.register(this.registry);
		}

		Counter closed(int code) {
			for (int i = 0; i < CODES.length; i++) {
				if (CODES[i] == code) {
					return this.closed[i];
				}
			}
			return this.closed[CODES.length];
		}

		Counter rejected(int status) {
			return this.rejected.computeIfAbsent(status, (key) -> Counter.builder(PREFIX + "upgrades.rejected")
				.description("Upgrade requests refused, by HTTP status")
				.tag("endpoint", this.endpointId)
				.tag("status", Integer.toString(key))
				.register(this.registry));
		}

	}

}
