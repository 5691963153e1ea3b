package io.wsboot.server;

import java.nio.ByteBuffer;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;

/**
 * Callbacks of an endpoint bean that is a Spring {@link WebSocketHandler}. The handler
 * sees a {@link ConnectionSession}, whose sends go through the connection's queue, so
 * they are safe from any thread and never block.
 */
final class HandlerCallbacks implements EndpointCallbacks {

	private static final String SESSION_ATTRIBUTE = HandlerCallbacks.class.getName() + ".session";

	private final WebSocketHandler handler;

	HandlerCallbacks(WebSocketHandler handler) {
		this.handler = handler;
	}

	private ConnectionSession session(ServerConnection connection) {
		Object session = connection.attributes().get(SESSION_ATTRIBUTE);
		if (session instanceof ConnectionSession existing) {
			return existing;
		}
		ConnectionSession created = new ConnectionSession(connection);
		connection.attributes().put(SESSION_ATTRIBUTE, created);
		return created;
	}

	@Override
	public void onOpen(ServerConnection connection) throws Exception {
		this.handler.afterConnectionEstablished(session(connection));
	}

	@Override
	public void onText(ServerConnection connection, String text) throws Exception {
		this.handler.handleMessage(session(connection), new TextMessage(text));
	}

	@Override
	public void onBinary(ServerConnection connection, ByteBuffer data) throws Exception {
		this.handler.handleMessage(session(connection), new BinaryMessage(data));
	}

	@Override
	public void onPong(ServerConnection connection, ByteBuffer payload) throws Exception {
		this.handler.handleMessage(session(connection), new PongMessage(payload));
	}

	@Override
	public void onClose(ServerConnection connection, CloseStatus status) throws Exception {
		this.handler.afterConnectionClosed(session(connection), status);
	}

	@Override
	public void onError(ServerConnection connection, Throwable error) throws Exception {
		this.handler.handleTransportError(session(connection), error);
	}

	@Override
	public boolean handlesErrors(Throwable error) {
		return false;
	}

}
