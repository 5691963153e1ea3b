package io.wsboot.server;

import java.time.Duration;
import java.util.List;


/**
 * The settings of one endpoint: its {@code ws.endpoints.<id>} values over the global
 * {@code ws.*} ones, as the auto-configuration resolved them.
 *
 * @param maxMessageSize largest message accepted, in bytes
 * @param sendBufferLimit largest amount queued for one connection, in bytes
 * @param sendTimeLimit longest time one write may take
 * @param heartbeatEnabled whether connections are pinged
 * @param heartbeatInterval time between two pings
 * @param compression whether permessage-deflate is negotiated
 * @param overflowPolicy what to do with a peer past its limits
 * @param allowedOrigins origins allowed besides the server's own; empty for same-origin
 * only
 * @param maxConnections largest number of open connections, {@link Integer#MAX_VALUE}
 * for no limit
 * @param idleTimeout time without a message before a connection is closed,
 * {@link Duration#ZERO} for no limit
 * @param closeOnError whether an exception thrown by a callback closes its connection
 * @param subprotocols the subprotocols spoken, in the server's order
 * @param subprotocolRequired whether a client that offers none of them is refused
 * @since 0.1.0
 */
public record EndpointSettings(long maxMessageSize, long sendBufferLimit, Duration sendTimeLimit, boolean heartbeatEnabled,
		Duration heartbeatInterval, boolean compression, OverflowPolicy overflowPolicy, List<String> allowedOrigins,
		int maxConnections, Duration idleTimeout, boolean closeOnError, List<String> subprotocols,
		boolean subprotocolRequired) {

	/**
	 * Create settings with the defaults of everything but the sizes, times and switches
	 * given.
	 */
	public EndpointSettings(long maxMessageSize, long sendBufferLimit, Duration sendTimeLimit, boolean heartbeatEnabled,
			Duration heartbeatInterval, boolean compression) {
		this(maxMessageSize, sendBufferLimit, sendTimeLimit, heartbeatEnabled, heartbeatInterval, compression,
				OverflowPolicy.CLOSE, List.of(), Integer.MAX_VALUE, Duration.ZERO, true, List.of(), false);
	}

	public EndpointSettings {
		allowedOrigins = List.copyOf(allowedOrigins);
		subprotocols = List.copyOf(subprotocols);
	}

	/**
	 * Return whether connections are closed after the idle timeout.
	 * @return whether an idle timeout is set
	 */
	public boolean idleTimeoutEnabled() {
		return !this.idleTimeout.isZero();
	}

}
