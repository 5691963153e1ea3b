package io.wsboot.sample.rooms;

import io.wsboot.ConnectionRegistry;
import io.wsboot.OnOpen;
import io.wsboot.OnTextMessage;
import io.wsboot.PathParam;
import io.wsboot.WsConnection;
import io.wsboot.WsEndpoint;

/**
 * Chat rooms: a connection to {@code /rooms/{room}} joins the topic of its room, and
 * every text message goes to every connection of the same room, the sender included.
 * With {@code ws.relay.type=redis} that is every connection of the room on every
 * instance.
 */
@WsEndpoint(value = "/rooms/{room}", id = "rooms")
public class RoomsEndpoint {

	private final ConnectionRegistry registry;

	public RoomsEndpoint(ConnectionRegistry registry) {
		this.registry = registry;
	}

	@OnOpen
	void onOpen(WsConnection connection, @PathParam("room") String room) {
		connection.join(room);
	}

	@OnTextMessage
	void onText(@PathParam("room") String room, String message) {
		this.registry.publish(room, message);
	}

}
