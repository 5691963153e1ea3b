package io.wsboot;

/**
 * State of a WebSocket connection, with the meanings of the WebSocket API's
 * {@code readyState}.
 */
public enum ReadyState {

	/**
	 * The opening handshake is under way.
	 */
	CONNECTING,

	/**
	 * The connection is open; messages can be sent and received.
	 */
	OPEN,

	/**
	 * The closing handshake has started; nothing more can be sent.
	 */
	CLOSING,

	/**
	 * The connection is closed.
	 */
	CLOSED

}
