package io.wsboot.server;

import io.wsboot.WsConnection;

/**
 * Told of the server's events, for meters, application events and the like. Every
 * method does nothing by default; implementations override the ones they need.
 * <p>
 * Methods run on the thread of the event (a container thread, a sender's thread, the
 * heartbeat's): they must be quick and must not throw, nor block.
 *
 * @since 0.1.0
 * @see WsServer.Builder#listeners(java.util.List)
 */
public interface WsServerListener {

	/**
	 * An upgrade request was refused.
	 * @param endpointId the endpoint it was made to
	 * @param status the HTTP status it was answered with
	 */
	default void upgradeRejected(String endpointId, int status) {
	}

	/**
	 * A connection opened, before its open callback runs.
	 * @param connection the connection
	 */
	default void opened(WsConnection connection) {
	}

	/**
	 * A connection closed, after its close callback ran.
	 * @param connection the connection
	 * @param code the close code its close callback saw
	 * @param reason the close reason, empty when none was given
	 */
	default void closed(WsConnection connection, int code, String reason) {
	}

	/**
	 * A data frame was received: a whole message, or one part of a fragmented one.
	 * @param connection the connection it came on
	 * @param type the type of the message
	 * @param bytes the payload's length in bytes (UTF-8 for text)
	 * @param last whether it ends its message, so that each message is counted once
	 */
	default void messageReceived(WsConnection connection, MessageType type, long bytes, boolean last) {
	}

	/**
	 * A message was queued by a send or a broadcast.
	 * @param endpointId the endpoint of its recipients
	 * @param type the type of the message
	 * @param bytes the payload's length in bytes (UTF-8 for text), for one recipient
	 * @param recipients the number of connections it was queued to
	 */
	default void messageSent(String endpointId, MessageType type, long bytes, int recipients) {
	}

	/**
	 * A message for a peer that did not keep up was dropped, under the {@code drop}
	 * overflow policy.
	 * @param connection the peer's connection
	 */
	default void dropped(WsConnection connection) {
	}

	/**
	 * The heartbeat terminated a connection whose peer did not answer its last ping.
	 * @param connection the connection
	 */
	default void heartbeatTerminated(WsConnection connection) {
	}

	/**
	 * The type of a data message.
	 */
	enum MessageType {

		/**
		 * A text message.
		 */
		TEXT,

		/**
		 * A binary message.
		 */
		BINARY

	}

}
