package io.wsboot.autoconfigure;

import io.wsboot.WsConnection;
import io.wsboot.WsConnectionClosedEvent;
import io.wsboot.WsConnectionOpenedEvent;
import io.wsboot.server.WsServerListener;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes a {@link WsConnectionOpenedEvent} and a {@link WsConnectionClosedEvent} for
 * every connection, so that {@code @EventListener} methods see them.
 */
final class ConnectionEventPublisher implements WsServerListener {

	private final ApplicationEventPublisher publisher;

	ConnectionEventPublisher(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public void opened(WsConnection connection) {
		this.publisher.publishEvent(new WsConnectionOpenedEvent(connection));
	}

	@Override
	public void closed(WsConnection connection, int code, String reason) {
		this.publisher.publishEvent(new WsConnectionClosedEvent(connection, code, reason));
	}

	@Override
	public String toString() {
		return "ConnectionEventPublisher";
	}

}
