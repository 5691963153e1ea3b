package io.wsboot.it.app;

import io.wsboot.ConnectionRegistry;
import io.wsboot.OnClose;
import io.wsboot.OnOpen;
import io.wsboot.OnTextMessage;
import io.wsboot.WsConnection;
import io.wsboot.WsEndpoint;

/**
 * A chat room: every text message goes to every connection of the endpoint, the sender
 * included.
 */
@WsEndpoint(value = "/chat", id = "chat")
public class ChatEndpoint {

	private final ConnectionRegistry registry;

	private final Events events;

	public ChatEndpoint(ConnectionRegistry registry, Events events) {
		this.registry = registry;
		this.events = events;
	}

	@OnOpen
	void onOpen(WsConnection connection) {
		this.events.opened(connection);
	}

	@OnTextMessage
	void onText(WsConnection sender, String message) {
		this.events.message(sender);
		this.registry.broadcast(sender.endpointId(), message);
	}

	@OnClose
	void onClose(WsConnection connection, int code, String reason) {
		this.events.closed(connection, code, reason);
	}

}
