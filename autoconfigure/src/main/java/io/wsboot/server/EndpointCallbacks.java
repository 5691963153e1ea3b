package io.wsboot.server;

import java.nio.ByteBuffer;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * What an endpoint does with its connections' events: the annotated methods of a plain
 * bean, or a Spring {@link org.springframework.web.socket.WebSocketHandler}.
 */
interface EndpointCallbacks {

	void onOpen(ServerConnection connection, WebSocketSession session) throws Exception;

	void onText(ServerConnection connection, WebSocketSession session, String text) throws Exception;

	void onBinary(ServerConnection connection, WebSocketSession session, ByteBuffer data) throws Exception;

	void onPong(ServerConnection connection, WebSocketSession session, ByteBuffer payload) throws Exception;

	void onClose(ServerConnection connection, WebSocketSession session, CloseStatus status) throws Exception;

	void onError(ServerConnection connection, WebSocketSession session, Throwable error) throws Exception;

	/**
	 * Return whether an error callback exists to take this error, thrown by another
	 * callback.
	 */
	boolean handlesErrors(Throwable error);

	/**
	 * Return whether message parts go to {@link #onPart} as they arrive instead of being
	 * gathered into whole messages.
	 */
	default boolean takesParts() {
		return false;
	}

	default void onPart(ServerConnection connection, WebSocketSession session, WebSocketMessage<?> part)
			throws Exception {
		throw new UnsupportedOperationException();
	}

}
