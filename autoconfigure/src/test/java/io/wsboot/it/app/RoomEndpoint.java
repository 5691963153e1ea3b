package io.wsboot.it.app;

import io.wsboot.HandshakeRequest;
import io.wsboot.OnClose;
import io.wsboot.OnOpen;
import io.wsboot.OnTextMessage;
import io.wsboot.PathParam;
import io.wsboot.WsConnection;
import io.wsboot.WsEndpoint;

/**
 * Rooms on a path template. Keeps what its open callback was given in the connection's
 * attributes, and answers each message with the room it was sent to.
 */
@WsEndpoint(value = "/rooms/{room}", id = "rooms")
public class RoomEndpoint {

	/** Attribute holding the {@code @PathParam("room")} value the open callback got. */
	public static final String ROOM = "room";

	/** Attribute holding the {@link HandshakeRequest} the open callback got. */
	public static final String HANDSHAKE = "handshake";

	private final Events events;

	public RoomEndpoint(Events events) {
		this.events = events;
	}

	@OnOpen
	void onOpen(WsConnection connection, HandshakeRequest handshake, @PathParam("room") String room) {
		connection.attributes().put(ROOM, room);
		connection.attributes().put(HANDSHAKE, handshake);
		this.events.opened(connection);
	}

	@OnTextMessage
	String onText(WsConnection connection, @PathParam("room") String room, String message) {
		this.events.message(connection);
		return room + ": " + message;
	}

	@OnClose
	void onClose(WsConnection connection, int code, String reason) {
		this.events.closed(connection, code, reason);
	}

}
