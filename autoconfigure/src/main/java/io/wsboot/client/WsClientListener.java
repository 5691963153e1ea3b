package io.wsboot.client;

import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * Receives the events of a {@link WsClient}: the {@code open}, {@code message},
 * {@code ping}, {@code pong}, {@code close} and {@code error} events of Node's {@code ws},
 * and the client's reconnects. Every method does nothing by default, so a listener
 * overrides only the events it wants.
 * <p>
 * The events of one client are delivered one at a time, in the order they happened,
 * never concurrently. A listener that takes long holds back the reading of the next
 * message (which is how a slow reader slows the server down); one that throws is logged
 * at WARN and the other listeners still run.
 */
public interface WsClientListener {

	/**
	 * The connection opened: the first time, and again after each reconnect.
	 * @param client the client
	 */
	default void onOpen(WsClient client) {
	}

	/**
	 * A whole text message arrived.
	 * @param client the client
	 * @param text the message
	 */
	default void onTextMessage(WsClient client, String text) {
	}

	/**
	 * A whole binary message arrived.
	 * @param client the client
	 * @param data the message, a buffer the listener may keep and change
	 */
	default void onBinaryMessage(WsClient client, ByteBuffer data) {
	}

	/**
	 * A ping arrived. The client answers it with a pong by itself.
	 * @param client the client
	 * @param payload the ping's payload, a buffer the listener may keep
	 */
	default void onPing(WsClient client, ByteBuffer payload) {
	}

	/**
	 * A pong arrived.
	 * @param client the client
	 * @param payload the pong's payload, a buffer the listener may keep
	 */
	default void onPong(WsClient client, ByteBuffer payload) {
	}

	/**
	 * A connection attempt ended: an open connection closed, whatever the cause, or an
	 * opening handshake failed. Runs once per attempt. Codes of 1006 are never sent by a
	 * peer: they report a connection that ended without a closing handshake
	 * ({@link WsClient#terminate()}, heartbeat, network failure, failed handshake), and
	 * their reason says what happened.
	 * @param client the client
	 * @param code the close code
	 * @param reason the close reason, possibly empty
	 */
	default void onClose(WsClient client, int code, String reason) {
	}

	/**
	 * An error occurred: a failed opening handshake (a {@link WsConnectException}), a
	 * transport failure, or a message larger than the client accepts. A close event
	 * follows when the error ended the connection.
	 * @param client the client
	 * @param error the error
	 */
	default void onError(WsClient client, Throwable error) {
	}

	/**
	 * A reconnect is scheduled, after the close event of the connection or attempt that
	 * ended.
	 * @param client the client
	 * @param attempt the number of the attempt, from 1 since the connection was last open
	 * @param delay the time until the attempt
	 */
	default void onReconnecting(WsClient client, int attempt, Duration delay) {
	}

	/**
	 * A reconnect succeeded; follows the open event of the new connection.
	 * @param client the client
	 * @param attempts the number of attempts it took
	 */
	default void onReconnected(WsClient client, int attempts) {
	}

}
