package io.wsboot.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.wsboot.autoconfigure.WsProperties.OverflowPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * The settings of one endpoint: its {@code ws.endpoints.<id>} values over the global
 * {@code ws.*} ones.
 *
 * @param maxMessageSize largest message accepted, in bytes
 * @param sendBufferLimit largest amount queued for one connection, in bytes
 * @param sendTimeLimit longest time one write may take
 * @param heartbeatEnabled whether connections are pinged
 * @param heartbeatInterval time between two pings
 * @param compression whether permessage-deflate is negotiated
 * @param overflowPolicy what to do with a peer past its limits
 * @param allowedOrigins origins allowed besides the server's own; empty for same-origin
 * only
 * @param maxConnections largest number of open connections, {@link Integer#MAX_VALUE}
 * for no limit
 * @param idleTimeout time without a message before a connection is closed,
 * {@link Duration#ZERO} for no limit
 * @param closeOnError whether an exception thrown by a callback closes its connection
 * @param subprotocols the subprotocols spoken, in the server's order
 * @param subprotocolRequired whether a client that offers none of them is refused
 */
record EndpointSettings(long maxMessageSize, long sendBufferLimit, Duration sendTimeLimit, boolean heartbeatEnabled,
		Duration heartbeatInterval, boolean compression, OverflowPolicy overflowPolicy, List<String> allowedOrigins,
		int maxConnections, Duration idleTimeout, boolean closeOnError, List<String> subprotocols,
		boolean subprotocolRequired) {

	EndpointSettings(long maxMessageSize, long sendBufferLimit, Duration sendTimeLimit, boolean heartbeatEnabled,
			Duration heartbeatInterval, boolean compression) {
		this(maxMessageSize, sendBufferLimit, sendTimeLimit, heartbeatEnabled, heartbeatInterval, compression,
				OverflowPolicy.CLOSE, List.of(), Integer.MAX_VALUE, Duration.ZERO, true, List.of(), false);
	}

	EndpointSettings {
		allowedOrigins = List.copyOf(allowedOrigins);
		subprotocols = List.copyOf(subprotocols);
	}

	boolean idleTimeoutEnabled() {
		return !this.idleTimeout.isZero();
	}

	static EndpointSettings of(WsProperties properties) {
		return of(properties, null, null);
	}

	static EndpointSettings of(WsProperties global, @Nullable String id, WsProperties.@Nullable Endpoint endpoint) {
		WsProperties.Endpoint local = (endpoint != null) ? endpoint : new WsProperties.Endpoint();
		DataSize maxMessageSize = pick(local.getMaxMessageSize(), global.getMaxMessageSize());
		DataSize sendBufferLimit = pick(local.getSendBufferLimit(), global.getSendBufferLimit());
		Duration sendTimeLimit = pick(local.getSendTimeLimit(), global.getSendTimeLimit());
		boolean heartbeatEnabled = pick(local.getHeartbeat().getEnabled(), global.getHeartbeat().isEnabled());
		Duration heartbeatInterval = pick(local.getHeartbeat().getInterval(), global.getHeartbeat().getInterval());
		boolean compression = pick(local.getCompression().getEnabled(), global.getCompression().isEnabled());
		Integer maxConnections = (local.getMaxConnections() != null) ? local.getMaxConnections()
				: global.getMaxConnections();
		Duration idleTimeout = (local.getIdleTimeout() != null) ? local.getIdleTimeout() : global.getIdleTimeout();
		requirePositive(property(id, local.getMaxMessageSize(), "max-message-size"), maxMessageSize.toBytes(),
				maxMessageSize);
		requirePositive(property(id, local.getSendBufferLimit(), "send-buffer-limit"), sendBufferLimit.toBytes(),
				sendBufferLimit);
		requirePositive(property(id, local.getSendTimeLimit(), "send-time-limit"), sendTimeLimit.toMillis(),
				sendTimeLimit);
		if (heartbeatEnabled) {
			requirePositive(property(id, local.getHeartbeat().getInterval(), "heartbeat.interval"),
					heartbeatInterval.toMillis(), heartbeatInterval);
		}
		if (maxConnections != null) {
			requirePositive(property(id, local.getMaxConnections(), "max-connections"), maxConnections,
					maxConnections);
		}
		if (idleTimeout != null) {
			requirePositive(property(id, local.getIdleTimeout(), "idle-timeout"), idleTimeout.toMillis(),
					idleTimeout);
		}
		List<String> origins = pick(local.getAllowedOrigins(), global.getAllowedOrigins());
		for (String origin : origins) {
			if (origin.isBlank() || origin.endsWith("/")) {
				throw new IllegalStateException("Property '" + property(id, local.getAllowedOrigins(),
						"allowed-origins") + "' has '" + origin
						+ "'; give origins as scheme://host[:port], without a path");
			}
		}
		return new EndpointSettings(maxMessageSize.toBytes(), sendBufferLimit.toBytes(), sendTimeLimit,
				heartbeatEnabled, heartbeatInterval, compression,
				pick(local.getOverflowPolicy(), global.getOverflowPolicy()), origins,
				(maxConnections != null) ? maxConnections : Integer.MAX_VALUE,
				(idleTimeout != null) ? idleTimeout : Duration.ZERO,
				pick(local.getCloseOnError(), global.isCloseOnError()),
				pick(local.getSubprotocols(), global.getSubprotocols()),
				pick(local.getSubprotocolRequired(), global.isSubprotocolRequired()));
	}

	/**
	 * Name the property a value came from: the endpoint's own when it sets one, else the
	 * global one it inherited.
	 */
	private static String property(@Nullable String id, @Nullable Object override, String name) {
		return (id != null && override != null) ? "ws.endpoints." + id + "." + name : "ws." + name;
	}

	private static <T> T pick(@Nullable T override, T global) {
		return (override != null) ? override : global;
	}

	private static void requirePositive(String property, long value, Object shown) {
		if (value <= 0) {
			throw new IllegalStateException("Property '" + property + "' must be positive but was " + shown);
		}
	}

}
