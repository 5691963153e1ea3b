package io.wsboot.it.app;

import java.nio.ByteBuffer;

import io.wsboot.OnBinaryMessage;
import io.wsboot.OnClose;
import io.wsboot.OnError;
import io.wsboot.OnOpen;
import io.wsboot.OnTextMessage;
import io.wsboot.WsConnection;
import io.wsboot.WsEndpoint;

/**
 * Sends every message back to its sender, unchanged.
 */
@WsEndpoint(value = "/echo", id = "echo")
public class EchoEndpoint {

	private final Events events;

	public EchoEndpoint(Events events) {
		this.events = events;
	}

	@OnOpen
	void onOpen(WsConnection connection) {
		this.events.opened(connection);
	}

	@OnTextMessage
	String onText(WsConnection connection, String message) {
		this.events.message(connection);
		return message;
	}

	@OnBinaryMessage
	ByteBuffer onBinary(WsConnection connection, ByteBuffer message) {
		this.events.message(connection);
		return message;
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
