package io.wsboot.autoconfigure.actuate;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.wsboot.ConnectionRegistry;
import io.wsboot.WsConnection;
import io.wsboot.server.EndpointSettings;
import io.wsboot.server.WsServer;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.convert.DurationStyle;

/**
 * The {@code websockets} Actuator endpoint: the WebSocket endpoints with their settings
 * and open connections; the connections of one endpoint; and closing one connection.
 *
 * @since 0.1.0
 */
@Endpoint(id = "websockets")
public class WebSocketsEndpoint {

	/**
	 * Connections listed when the request sets no {@code limit}.
	 */
	static final int DEFAULT_LIMIT = 100;

	private final WsServer server;

	private final ConnectionOpenTimes openTimes;

	WebSocketsEndpoint(WsServer server, ConnectionOpenTimes openTimes) {
		this.server = server;
		this.openTimes = openTimes;
	}

	/**
	 * Describe every endpoint.
	 * @return the endpoints, by id
	 */
	@ReadOperation
	public EndpointsDescriptor endpoints() {
		ConnectionRegistry registry = this.server.registry();
		Map<String, EndpointDescriptor> endpoints = new LinkedHashMap<>();
		for (WsServer.EndpointDescription endpoint : this.server.endpoints()) {
			Collection<WsConnection> connections = registry.connections(endpoint.id());
			endpoints.put(endpoint.id(), new EndpointDescriptor(endpoint.paths(), endpoint.beanName(),
					settings(endpoint.settings()), connections.size(), topics(connections)));
		}
		return new EndpointsDescriptor(this.server.isAccepting(), registry.count(), endpoints);
	}

	/**
	 * List the open connections of an endpoint, oldest first.
	 * @param endpointId the endpoint id
	 * @param limit the most connections listed, 100 when not given
	 * @return the connections, or {@code null} (404) for an unknown endpoint
	 */
	@ReadOperation
	public @Nullable ConnectionsDescriptor connections(@Selector String endpointId, @Nullable Integer limit) {
		if (this.server.endpoints().stream().noneMatch((endpoint) -> endpoint.id().equals(endpointId))) {
			return null;
		}
		int max = (limit != null) ? Math.max(limit, 0) : DEFAULT_LIMIT;
		List<WsConnection> open = List.copyOf(this.server.registry().connections(endpointId));
		List<ConnectionDescriptor> connections = open.stream()
			.map(this::describe)
			.sorted(Comparator.comparing(ConnectionDescriptor::openedAt,
					Comparator.nullsLast(Comparator.naturalOrder())))
			.limit(max)
			.toList();
		return new ConnectionsDescriptor(endpointId, open.size(), connections);
	}

	/**
	 * Close a connection: the closing handshake after the messages already queued.
	 * @param endpointId the endpoint id
	 * @param connectionId the connection id
	 * @param code the close code, 1000 when not given
	 * @param reason the close reason, none when not given
	 * @return the connection closed, or {@code null} (204, as Actuator answers a
	 * delete without a body) when no such connection is open
	 */
	@DeleteOperation
	public @Nullable ConnectionDescriptor close(@Selector String endpointId, @Selector String connectionId,
			@Nullable Integer code, @Nullable String reason) {
		WsConnection connection = this.server.registry().find(connectionId).orElse(null);
		if (connection == null || !connection.endpointId().equals(endpointId)) {
			return null;
		}
		ConnectionDescriptor described = describe(connection);
		connection.close((code != null) ? code : 1000, (reason != null) ? reason : "");
		return described;
	}

	private static Map<String, Integer> topics(Collection<WsConnection> connections) {
		// counted from the endpoint's own connections: a topic may span endpoints
		Map<String, Integer> topics = new TreeMap<>();
		for (WsConnection connection : connections) {
			for (String topic : connection.topics()) {
				topics.merge(topic, 1, Integer::sum);
			}
		}
		return topics;
	}

	private ConnectionDescriptor describe(WsConnection connection) {
		InetSocketAddress remote = connection.handshake().remoteAddress();
		Principal principal = connection.handshake().principal();
		return new ConnectionDescriptor(connection.id(), connection.path(),
				(remote != null) ? remote.getHostString() + ":" + remote.getPort() : null,
				(principal != null) ? principal.getName() : null, this.openTimes.openedAt(connection.id()),
				connection.readyState().name(), connection.bufferedAmount(), connection.droppedMessages(),
				connection.topics().stream().sorted().toList());
	}

	private static Map<String, Object> settings(EndpointSettings settings) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("maxMessageSize", settings.maxMessageSize());
		map.put("sendBufferLimit", settings.sendBufferLimit());
		map.put("sendTimeLimit", duration(settings.sendTimeLimit()));
		map.put("overflowPolicy", settings.overflowPolicy().name().toLowerCase(java.util.Locale.ROOT));
		map.put("heartbeatEnabled", settings.heartbeatEnabled());
		map.put("heartbeatInterval", duration(settings.heartbeatInterval()));
		map.put("idleTimeout", settings.idleTimeoutEnabled() ? duration(settings.idleTimeout()) : null);
		map.put("maxConnections", (settings.maxConnections() != Integer.MAX_VALUE) ? settings.maxConnections() : null);
		map.put("compression", settings.compression());
		map.put("allowedOrigins", settings.allowedOrigins());
		map.put("subprotocols", settings.subprotocols());
		map.put("subprotocolRequired", settings.subprotocolRequired());
		map.put("closeOnError", settings.closeOnError());
		return map;
	}

	private static String duration(Duration duration) {
		// in the largest unit that shows it whole, as a user would write it
		for (ChronoUnit unit : new ChronoUnit[] { ChronoUnit.HOURS, ChronoUnit.MINUTES, ChronoUnit.SECONDS }) {
			if (!duration.isZero() && duration.toMillis() % unit.getDuration().toMillis() == 0) {
				return DurationStyle.SIMPLE.print(duration, unit);
			}
		}
		return DurationStyle.SIMPLE.print(duration, ChronoUnit.MILLIS);
	}

	/**
	 * Every endpoint.
	 *
	 * @param accepting whether new connections are accepted: until a graceful shutdown
	 * begins
	 * @param connections the open connections of all endpoints
	 * @param endpoints the endpoints, by id
	 */
	public record EndpointsDescriptor(boolean accepting, int connections, Map<String, EndpointDescriptor> endpoints)
			implements OperationResponseBody {

	}

	/**
	 * One endpoint.
	 *
	 * @param paths the paths it is served on
	 * @param bean the name of its handler bean
	 * @param settings its effective settings, sizes in bytes
	 * @param connections its open connections
	 * @param topics the topics its connections joined, by name, with the number of its
	 * connections on this instance in each
	 */
	public record EndpointDescriptor(List<String> paths, String bean, Map<String, Object> settings, int connections,
			Map<String, Integer> topics) {

	}

	/**
	 * The open connections of one endpoint.
	 *
	 * @param endpoint the endpoint id
	 * @param total the number of open connections, listed or not
	 * @param connections the connections listed, oldest first
	 */
	public record ConnectionsDescriptor(String endpoint, int total, List<ConnectionDescriptor> connections)
			implements OperationResponseBody {

	}

	/**
	 * One connection.
	 *
	 * @param id the connection id
	 * @param path the path it was opened on
	 * @param remoteAddress the peer's address and port, when known
	 * @param principal the name of the authenticated user, when there is one
	 * @param openedAt when it opened
	 * @param readyState its state
	 * @param bufferedAmount the bytes queued and not yet written
	 * @param droppedMessages the messages dropped under the drop overflow policy
	 * @param topics the topics it joined, by name
	 */
	public record ConnectionDescriptor(String id, String path, @Nullable String remoteAddress,
			@Nullable String principal, @Nullable Instant openedAt, String readyState, long bufferedAmount,
			long droppedMessages, List<String> topics) implements OperationResponseBody {

	}

}
