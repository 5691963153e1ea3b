package io.wsboot.server;

import java.nio.ByteBuffer;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketMessage;

/**
 * What an endpoint does with its connections' events: the annotated methods of a plain
 * bean, or a Spring {@link org.springframework.web.socket.WebSocketHandler}.
 */
interface EndpointCallbacks {

	void onOpen(ServerConnection connection) throws Exception;

	void onText(ServerConnection connection, String text) throws Exception;

	void onBinary(ServerConnection connection, ByteBuffer data) throws Exception;

	void onPong(ServerConnection connection, ByteBuffer payload) throws Exception;

	void onClose(ServerConnection connection, CloseStatus status) throws Exception;

	void onError(ServerConnection connection, Throwable error) throws Exception;

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

	default void onPart(ServerConnection connection, WebSocketMessage<?> part)
			throws Exception {
		throw new UnsupportedOperationException();
	}

}
