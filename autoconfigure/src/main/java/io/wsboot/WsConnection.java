package io.wsboot;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One open WebSocket connection to a {@link WsEndpoint}, with the words of Node's
 * {@code ws}.
 * <p>
 * Every method is safe to call from any thread. Sends never block: messages go to a
 * bounded per-connection buffer and are written in order; a peer that lets the buffer
 * pass {@code ws.send-buffer-limit}, or does not take a write within
 * {@code ws.send-time-limit}, is closed with 1008 (policy violation).
 */
public interface WsConnection {

	/**
	 * Return the connection's id, unique within this application.
	 * @return the id
	 */
	String id();

	/**
	 * Return the id of the endpoint this connection belongs to.
	 * @return the endpoint id
	 */
	String endpointId();

	/**
	 * Return the request path the connection was opened on, such as {@code /rooms/42}.
	 * @return the path
	 */
	String path();

	/**
	 * Return the values of the path template variables, such as {@code room -> 42} for
	 * {@code /rooms/{room}}.
	 * @return the path template variables, empty when the path has none
	 */
	Map<String, String> pathParams();

	/**
	 * Return the opening handshake request: URI, headers, cookies, principal.
	 * @return the handshake request
	 */
	HandshakeRequest handshake();

	/**
	 * Return the attributes of this connection: a thread-safe map the application may
	 * use to keep state for the connection's lifetime.
	 * @return the attributes
	 */
	Map<String, Object> attributes();

	/**
	 * Return the connection's state.
	 * @return the ready state
	 */
	ReadyState readyState();

	/**
	 * Return whether the connection is open.
	 * @return {@code true} when {@link #readyState()} is {@link ReadyState#OPEN}
	 */
	default boolean isOpen() {
		return readyState() == ReadyState.OPEN;
	}

	/**
	 * Return the number of bytes queued by {@code send} and not yet written.
	 * @return the buffered amount in bytes
	 */
	long bufferedAmount();

	/**
	 * Return the number of messages dropped for this peer because it did not take them
	 * fast enough, under the {@code drop} overflow policy.
	 * @return the number of dropped messages
	 */
	long droppedMessages();

	/**
	 * Return the negotiated subprotocol.
	 * @return the subprotocol, or an empty string when none was negotiated
	 */
	String protocol();

	/**
	 * Return the negotiated extensions, as they appear in the
	 * {@code Sec-WebSocket-Extensions} response header.
	 * @return the extension names, empty when none were negotiated
	 */
	List<String> extensions();

	/**
	 * Send a text message. Does nothing when the connection is no longer open.
	 * @param text the message
	 * @return {@code true} when the message was queued
	 */
	boolean send(String text);

	/**
	 * Send a binary message. The array must not be changed afterwards.
	 * @param data the message
	 * @return {@code true} when the message was queued
	 */
	boolean send(byte[] data);

	/**
	 * Send a binary message: the buffer's remaining bytes. The buffer must not be
	 * changed afterwards.
	 * @param data the message
	 * @return {@code true} when the message was queued
	 */
	boolean send(ByteBuffer data);

	/**
	 * Send an object as a text message, encoded by the endpoint's {@link MessageCodec}:
	 * JSON through the application's {@code JsonMapper} unless the endpoint names
	 * another codec.
	 * @param message the object
	 * @return {@code true} when the message was queued
	 * @throws IllegalStateException when the endpoint has no codec
	 * @since 0.1.0
	 */
	boolean sendObject(Object message);

	/**
	 * Send a ping with an empty payload.
	 */
	default void ping() {
		ping(new byte[0]);
	}

	/**
	 * Send a ping.
	 * @param payload the payload, at most 125 bytes
	 */
	void ping(byte[] payload);

	/**
	 * Start the closing handshake with 1000 (normal closure), after the messages already
	 * queued.
	 */
	default void close() {
		close(1000, "");
	}

	/**
	 * Start the closing handshake after the messages already queued.
	 * @param code the close code
	 * @param reason the reason, at most 123 bytes of UTF-8
	 */
	void close(int code, String reason);

	/**
	 * Drop the connection at once, without waiting for the closing handshake; queued
	 * messages are discarded. The close callback sees 1006 (abnormal closure).
	 */
	void terminate();

	/**
	 * Join a topic (a room): {@link ConnectionRegistry#publish(String, String)} to the
	 * topic reaches this connection until it leaves the topic or closes, for any reason.
	 * @param topic the topic
	 * @return {@code true} when the connection joined, {@code false} when it was in the
	 * topic already or is no longer open
	 */
	boolean join(String topic);

	/**
	 * Leave a topic.
	 * @param topic the topic
	 * @return {@code true} when the connection was in the topic
	 */
	boolean leave(String topic);

	/**
	 * Return the topics this connection joined.
	 * @return a snapshot of the topics, empty once the connection is closed
	 */
	Set<String> topics();

}
