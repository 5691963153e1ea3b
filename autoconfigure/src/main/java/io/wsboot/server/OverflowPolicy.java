package io.wsboot.server;

/**
 * What to do with a peer that does not take its messages fast enough.
 *
 * @since 0.1.0
 */
public enum OverflowPolicy {

	/**
	 * Close the peer with 1008 (policy violation).
	 */
	CLOSE,

	/**
	 * Drop the messages it cannot take, and count them.
	 */
	DROP

}
