package io.wsboot.server;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * Callbacks of an endpoint bean that is a Spring {@link WebSocketHandler}. The handler
 * sees a session whose sends go through the connection's queue, so they are safe from
 * any thread and never block.
 */
final class HandlerCallbacks implements EndpointCallbacks {

	private static final String SESSION_ATTRIBUTE = HandlerCallbacks.class.getName() + ".session";

	private final WebSocketHandler handler;

	HandlerCallbacks(WebSocketHandler handler) {
		this.handler = handler;
	}

	private WebSocketSession session(ServerConnection connection, WebSocketSession session) {
		Object decorated = session.getAttributes().get(SESSION_ATTRIBUTE);
		if (decorated instanceof ConnectionSession connectionSession) {
			return connectionSession;
		}
		ConnectionSession created = new ConnectionSession(session, connection);
		session.getAttributes().put(SESSION_ATTRIBUTE, created);
		return created;
	}

	@Override
	public void onOpen(ServerConnection connection, WebSocketSession session) throws Exception {
		this.handler.afterConnectionEstablished(session(connection, session));
	}

	@Override
	public void onText(ServerConnection connection, WebSocketSession session, String text) throws Exception {
		this.handler.handleMessage(session(connection, session), new TextMessage(text));
	}

	@Override
	public void onBinary(ServerConnection connection, WebSocketSession session, ByteBuffer data) throws Exception {
		this.handler.handleMessage(session(connection, session), new BinaryMessage(data));
	}

	@Override
	public void onPong(ServerConnection connection, WebSocketSession session, ByteBuffer payload) throws Exception {
		this.handler.handleMessage(session(connection, session), new PongMessage(payload));
	}

	@Override
	public void onClose(ServerConnection connection, WebSocketSession session, CloseStatus status) throws Exception {
		this.handler.afterConnectionClosed(session(connection, session), status);
	}

	@Override
	public void onError(ServerConnection connection, WebSocketSession session, Throwable error) throws Exception {
		this.handler.handleTransportError(session(connection, session), error);
	}

	@Override
	public boolean handlesErrors(Throwable error) {
		return false;
	}

	@Override
	public boolean takesParts() {
		return this.handler.supportsPartialMessages();
	}

	@Override
	public void onPart(ServerConnection connection, WebSocketSession session, WebSocketMessage<?> part)
			throws Exception {
		this.handler.handleMessage(session(connection, session), part);
	}

	/**
	 * The session a {@link WebSocketHandler} endpoint sees.
	 */
	static final class ConnectionSession extends WebSocketSessionDecorator {

		private final ServerConnection connection;

		ConnectionSession(WebSocketSession delegate, ServerConnection connection) {
			super(delegate);
			this.connection = connection;
		}

		@Override
		public boolean isOpen() {
			return this.connection.isOpen();
		}

		@Override
		public void sendMessage(WebSocketMessage<?> message) throws IOException {
			if (!message.isLast()) {
				throw new IllegalArgumentException("Partial messages cannot be sent through wsboot; send whole ones");
			}
			if (message instanceof TextMessage text) {
				this.connection.send(text.getPayload());
			}
			else if (message instanceof BinaryMessage binary) {
				this.connection.send(binary.getPayload());
			}
			else if (message instanceof PingMessage ping) {
				ByteBuffer payload = ping.getPayload();
				byte[] bytes = new byte[payload.remaining()];
				payload.duplicate().get(bytes);
				this.connection.ping(bytes);
			}
			else {
				super.sendMessage(message);
			}
		}

		@Override
		public void close() {
			this.connection.close();
		}

		@Override
		public void close(CloseStatus status) {
			this.connection.close(status.getCode(), (status.getReason() != null) ? status.getReason() : "");
		}

	}

}
