package io.wsboot.autoconfigure.actuate;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.wsboot.WsConnection;
import io.wsboot.server.WsServerListener;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the time each open connection opened at, for the {@code websockets} endpoint:
 * one entry per connection, nothing per message.
 */
final class ConnectionOpenTimes implements WsServerListener {

	private final Map<String, Instant> openedAt = new ConcurrentHashMap<>();

	private final Clock clock;

	ConnectionOpenTimes(Clock clock) {
		this.clock = clock;
	}

	@Override
	public void opened(WsConnection connection) {
		this.openedAt.put(connection.id(), this.clock.instant());
	}

	@Override
	public void closed(WsConnection connection, int code, String reason) {
		this.openedAt.remove(connection.id());
	}

	@Nullable Instant openedAt(String connectionId) {
		return this.openedAt.get(connectionId);
	}

	@Override
	public String toString() {
		return "ConnectionOpenTimes";
	}

}
