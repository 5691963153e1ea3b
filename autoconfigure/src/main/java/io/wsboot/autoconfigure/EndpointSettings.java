package io.wsboot.autoconfigure;

import java.time.Duration;

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
 */
record EndpointSettings(long maxMessageSize, long sendBufferLimit, Duration sendTimeLimit, boolean heartbeatEnabled,
		Duration heartbeatInterval, boolean compression) {

	static EndpointSettings of(WsProperties properties) {
		return of(properties, null, null);
	}

	static EndpointSettings of(WsProperties global, @Nullable String id, WsProperties.@Nullable Endpoint endpoint) {
		String prefix = (id != null) ? "ws.endpoints." + id + "." : "ws.";
		DataSize maxMessageSize = pick(endpoint != null ? endpoint.getMaxMessageSize() : null,
				global.getMaxMessageSize());
		DataSize sendBufferLimit = pick(endpoint != null ? endpoint.getSendBufferLimit() : null,
				global.getSendBufferLimit());
		Duration sendTimeLimit = pick(endpoint != null ? endpoint.getSendTimeLimit() : null,
				global.getSendTimeLimit());
		boolean heartbeatEnabled = pick(endpoint != null ? endpoint.getHeartbeat().getEnabled() : null,
				global.getHeartbeat().isEnabled());
		Duration heartbeatInterval = pick(endpoint != null ? endpoint.getHeartbeat().getInterval() : null,
				global.getHeartbeat().getInterval());
		boolean compression = pick(endpoint != null ? endpoint.getCompression().getEnabled() : null,
				global.getCompression().isEnabled());
		requirePositive(prefix + "max-message-size", maxMessageSize.toBytes(), maxMessageSize);
		requirePositive(prefix + "send-buffer-limit", sendBufferLimit.toBytes(), sendBufferLimit);
		requirePositive(prefix + "send-time-limit", sendTimeLimit.toMillis(), sendTimeLimit);
		if (heartbeatEnabled) {
			requirePositive(prefix + "heartbeat.interval", heartbeatInterval.toMillis(), heartbeatInterval);
		}
		return new EndpointSettings(maxMessageSize.toBytes(), sendBufferLimit.toBytes(), sendTimeLimit,
				heartbeatEnabled, heartbeatInterval, compression);
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
