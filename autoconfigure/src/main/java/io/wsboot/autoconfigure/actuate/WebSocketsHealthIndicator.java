package io.wsboot.autoconfigure.actuate;

import io.wsboot.server.WsServer;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the WebSocket server: up while it accepts connections, out of service from
 * the moment a graceful shutdown begins.
 */
final class WebSocketsHealthIndicator extends AbstractHealthIndicator {

	private final WsServer server;

	WebSocketsHealthIndicator(WsServer server) {
		super("WebSocket health check failed");
		this.server = server;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (this.server.isAccepting()) {
			builder.up();
		}
		else {
			builder.outOfService();
		}
		builder.withDetail("connections", this.server.registry().count())
			.withDetail("endpoints", this.server.endpoints().size());
	}

}
