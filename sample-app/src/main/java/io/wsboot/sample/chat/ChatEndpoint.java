package io.wsboot.sample.chat;

import io.wsboot.ConnectionRegistry;
import io.wsboot.OnTextMessage;
import io.wsboot.WsConnection;
import io.wsboot.WsEndpoint;

/**
 * A chat room: every text message goes to every open connection of the endpoint, the
 * sender included. Its path, {@code /chat}, is set in {@code application.yml}.
 */
@WsEndpoint(id = "chat")
public class ChatEndpoint {

	private final ConnectionRegistry registry;

	public ChatEndpoint(ConnectionRegistry registry) {
		this.registry = registry;
	}

	@OnTextMessage
	void onText(WsConnection sender, String message) {
		this.registry.broadcast(sender.endpointId(), message);
	}

}
