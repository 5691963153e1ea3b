package io.wsboot.it.app;

import io.wsboot.OnClose;
import io.wsboot.OnError;
import io.wsboot.OnOpen;
import io.wsboot.OnTextMessage;
import io.wsboot.WsConnection;
import io.wsboot.WsEndpoint;

/**
 * A server-push feed: the tests send to its connections through the registry; what
 * clients send is only counted.
 */
@WsEndpoint(value = "/feed", id = "feed")
public class FeedEndpoint {

	private final Events events;

	public FeedEndpoint(Events events) {
		this.events = events;
	}

	@OnOpen
	void onOpen(WsConnection connection) {
		this.events.opened(connection);
	}

	@OnTextMessage
	void onText(WsConnection connection, String message) {
		this.events.message(connection);
	}

	@OnClose
	void onClose(WsConnection connection, int code, String reason) {
		this.events.closed(connection, code, reason);
	}

	@OnError
	void onError(WsConnection connection, Throwable error) {
		this.events.error(connection, error);
	}

}
