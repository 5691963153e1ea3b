package io.wsboot.it.app;

import io.wsboot.OnClose;
import io.wsboot.OnError;
import io.wsboot.OnOpen;
import io.wsboot.OnTextMessage;
import io.wsboot.WsConnection;
import io.wsboot.WsEndpoint;

/**
 * Like {@link FailingEndpoint}, but with an error callback that is given what the text
 * callback throws.
 */
@WsEndpoint(value = "/guarded", id = "guarded")
public class GuardedEndpoint {

	private final Events events;

	public GuardedEndpoint(Events events) {
		this.events = events;
	}

	@OnOpen
	void onOpen(WsConnection connection) {
		this.events.opened(connection);
	}

	@OnTextMessage
	String onText(WsConnection connection, String message) {
		this.events.message(connection);
		if (message.equals("boom")) {
			throw new IllegalStateException("Handler failed on purpose");
		}
		return message;
	}

	@OnError
	void onError(WsConnection connection, Throwable error) {
		this.events.error(connection, error);
	}

	@OnClose
	void onClose(WsConnection connection, int code, String reason) {
		this.events.closed(connection, code, reason);
	}

}
