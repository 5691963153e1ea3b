package io.wsboot.server;

import java.nio.ByteBuffer;

import org.springframework.web.socket.CloseStatus;

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

}
