package io.wsboot.autoconfigure.actuate;

import io.wsboot.relay.MessageRelay;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the relay between the instances: up while it is connected to its broker,
 * down while it is not, with the reason when the relay knows it. The server goes on
 * delivering to this instance's connections meanwhile.
 */
final class RelayHealthIndicator extends AbstractHealthIndicator {

	private final MessageRelay relay;

	RelayHealthIndicator(MessageRelay relay) {
		super("WebSocket relay health check failed");
		this.relay = relay;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (this.relay.isConnected()) {
			builder.up();
		}
		else {
			builder.down();
			String failure = this.relay.failure();
			if (failure != null) {
				builder.withDetail("error", failure);
			}
		}
		builder.withDetail("type", this.relay.type())
			.withDetail("published", this.relay.published())
			.withDetail("received", this.relay.received())
			.withDetail("lost", this.relay.lost());
	}

}
