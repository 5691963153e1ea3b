package io.wsboot.it.app;

import io.wsboot.HandshakeRequest;
import io.wsboot.OnClose;
import io.wsboot.OnOpen;
import io.wsboot.OnTextMessage;
import io.wsboot.WsConnection;
import io.wsboot.WsEndpoint;

/**
 * Echoes text, but throws on {@code "boom"}, and on open when the query has
 * {@code fail=open}; it has no error callback, so the exception reaches the starter.
 */
@WsEndpoint(value = "/failing", id = "failing")
public class FailingEndpoint {

	private final Events events;

	public FailingEndpoint(Events events) {
		this.events = events;
	}

	@OnOpen
	void onOpen(WsConnection connection, HandshakeRequest handshake) {
		this.events.opened(connection);
		if ("open".equals(handshake.queryParam("fail"))) {
			throw new IllegalStateException("Open callback failed on purpose");
		}
	}

	@OnTextMessage
	String onText(WsConnection connection, String message) {
		this.events.message(connection);
		if (message.equals("boom")) {
			throw new IllegalStateException("Handler failed on purpose");
		}
		return message;
	}

	@OnClose
	void onClose(WsConnection connection, int code, String reason) {
		this.events.closed(connection, code, reason);
	}

}
