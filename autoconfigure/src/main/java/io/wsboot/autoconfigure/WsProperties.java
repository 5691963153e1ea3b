package io.wsboot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.wsboot.server.OverflowPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of wsboot. Settings at this level are the defaults of every
 * endpoint; {@code ws.endpoints.<id>} overrides them for one endpoint.
 *
 * @see io.wsboot.WsEndpoint
 */
@ConfigurationProperties("ws")
public class WsProperties {

	/**
	 * Whether to serve the WebSocket endpoints.
	 */
	private boolean enabled = true;

	/**
	 * Largest message accepted, summed over its fragments; a larger one closes the
	 * connection with 1009 and never reaches the handler.
	 */
	private DataSize maxMessageSize = DataSize.ofKilobytes(64);

	/**
	 * Largest amount of data queued for one connection and not yet written; a peer past
	 * it is closed with 1008.
	 */
	private DataSize sendBufferLimit = DataSize.ofMegabytes(1);

	/**
	 * Longest time one write to a peer may take; a peer past it is closed with 1008.
	 */
	private Duration sendTimeLimit = Duration.ofSeconds(10);

	/**
	 * What to do with a peer past the send buffer or time limit: close it with 1008, or
	 * drop the messages it cannot take and count them.
	 */
	private OverflowPolicy overflowPolicy = OverflowPolicy.CLOSE;

	/**
	 * Origins allowed to open a connection from a browser, as exact origins or patterns
	 * such as 'https://*.example.com'; when empty, only the server's own origin is.
	 * Requests without an Origin header (non-browser clients) are always allowed.
	 */
	private List<String> allowedOrigins = new ArrayList<>();

	/**
	 * Largest number of open connections per endpoint; the next upgrade request gets 503
	 * with a Retry-After header. Unlimited when not set.
	 */
	private @Nullable Integer maxConnections;

	/**
	 * Time without any message from the peer after which a connection is closed with
	 * 1001; pongs do not count as messages. Off when not set.
	 */
	private @Nullable Duration idleTimeout;

	/**
	 * Whether an exception thrown by a callback closes its connection with 1011; when
	 * false it is logged and the connection kept.
	 */
	private boolean closeOnError = true;

	/**
	 * Subprotocols an endpoint speaks; the first one the client offers, in the client's
	 * order of preference, is selected.
	 */
	private List<String> subprotocols = new ArrayList<>();

	/**
	 * Whether a client that offers none of the subprotocols is refused with 400 rather
	 * than accepted without one.
	 */
	private boolean subprotocolRequired;

	private final Heartbeat heartbeat = new Heartbeat();

	private final Compression compression = new Compression();

	private final Shutdown shutdown = new Shutdown();

	private final Tomcat tomcat = new Tomcat();

	private final Metrics metrics = new Metrics();

	/**
	 * Endpoints by id: their paths, their handler bean and the settings that override
	 * the global ones.
	 */
	private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public DataSize getMaxMessageSize() {
		return this.maxMessageSize;
	}

	public void setMaxMessageSize(DataSize maxMessageSize) {
		this.maxMessageSize = maxMessageSize;
	}

	public DataSize getSendBufferLimit() {
		return this.sendBufferLimit;
	}

	public void setSendBufferLimit(DataSize sendBufferLimit) {
		this.sendBufferLimit = sendBufferLimit;
	}

	public Duration getSendTimeLimit() {
		return this.sendTimeLimit;
	}

	public void setSendTimeLimit(Duration sendTimeLimit) {
		this.sendTimeLimit = sendTimeLimit;
	}

	public OverflowPolicy getOverflowPolicy() {
		return this.overflowPolicy;
	}

	public void setOverflowPolicy(OverflowPolicy overflowPolicy) {
		this.overflowPolicy = overflowPolicy;
	}

	public List<String> getAllowedOrigins() {
		return this.allowedOrigins;
	}

	public void setAllowedOrigins(List<String> allowedOrigins) {
		this.allowedOrigins = allowedOrigins;
	}

	public @Nullable Integer getMaxConnections() {
		return this.maxConnections;
	}

	public void setMaxConnections(@Nullable Integer maxConnections) {
		this.maxConnections = maxConnections;
	}

	public @Nullable Duration getIdleTimeout() {
		return this.idleTimeout;
	}

	public void setIdleTimeout(@Nullable Duration idleTimeout) {
		this.idleTimeout = idleTimeout;
	}

	public boolean isCloseOnError() {
		return this.closeOnError;
	}

	public void setCloseOnError(boolean closeOnError) {
		this.closeOnError = closeOnError;
	}

	public List<String> getSubprotocols() {
		return this.subprotocols;
	}

	public void setSubprotocols(List<String> subprotocols) {
		this.subprotocols = subprotocols;
	}

	public boolean isSubprotocolRequired() {
		return this.subprotocolRequired;
	}

	public void setSubprotocolRequired(boolean subprotocolRequired) {
		this.subprotocolRequired = subprotocolRequired;
	}

	public Heartbeat getHeartbeat() {
		return this.heartbeat;
	}

	public Compression getCompression() {
		return this.compression;
	}

	public Shutdown getShutdown() {
		return this.shutdown;
	}

	public Tomcat getTomcat() {
		return this.tomcat;
	}

	public Metrics getMetrics() {
		return this.metrics;
	}

	public Map<String, Endpoint> getEndpoints() {
		return this.endpoints;
	}

	/**
	 * Heartbeat: ping every connection and terminate the ones that stopped answering.
	 */
	public static class Heartbeat {

		/**
		 * Whether to ping connections and terminate the ones that did not answer the
		 * previous ping.
		 */
		private boolean enabled = true;

		/**
		 * Time between two pings of a connection; a dead peer is gone within two
		 * intervals.
		 */
		private Duration interval = Duration.ofSeconds(30);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

	}

	/**
	 * permessage-deflate compression.
	 */
	public static class Compression {

		/**
		 * Whether to negotiate permessage-deflate with clients that offer it.
		 */
		private boolean enabled;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Application shutdown.
	 */
	public static class Shutdown {

		/**
		 * Longest time to wait, on shutdown, for the close 1001 (going away) of every
		 * connection to go out after what is queued for it, and for the upgrades accepted
		 * just before; the connections left are then terminated.
		 */
		private Duration timeout = Duration.ofSeconds(10);

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	/**
	 * Tomcat's per-connection buffers.
	 */
	public static class Tomcat {

		/**
		 * Whether to size Tomcat's per-connection socket read and write buffers at
		 * 'buffer-size' instead of Tomcat's 8 KiB each.
		 */
		private boolean tuneBuffers = true;

		/**
		 * Size of each of Tomcat's two per-connection socket buffers, read and write. On
		 * a plain socket the engine reads past them and writes frames larger than them
		 * past them; over TLS and on the NIO2 connector larger messages are read and
		 * written in several steps.
		 */
		private DataSize bufferSize = DataSize.ofKilobytes(1);

		public boolean isTuneBuffers() {
			return this.tuneBuffers;
		}

		public void setTuneBuffers(boolean tuneBuffers) {
			this.tuneBuffers = tuneBuffers;
		}

		public DataSize getBufferSize() {
			return this.bufferSize;
		}

		public void setBufferSize(DataSize bufferSize) {
			this.bufferSize = bufferSize;
		}

	}

	/**
	 * Micrometer meters of the server.
	 */
	public static class Metrics {

		/**
		 * Whether the server records meters when the application has a MeterRegistry.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * One endpoint: where it is served, by which bean, and the settings that override
	 * the global ones. A setting left unset takes the global value.
	 */
	public static class Endpoint {

		/**
		 * Paths the endpoint is served on; they replace the paths of its
		 * {@code @WsEndpoint} annotation.
		 */
		private List<String> paths = new ArrayList<>();

		/**
		 * Name of the bean that handles the endpoint's connections; defaults to the
		 * {@code @WsEndpoint} bean whose id is this endpoint's key.
		 */
		private @Nullable String handler;

		/**
		 * Name of the MessageCodec bean of this endpoint's typed messages; overrides the
		 * codec of its {@code @WsEndpoint} annotation.
		 */
		private @Nullable String codec;

		/**
		 * Largest message accepted on this endpoint.
		 */
		private @Nullable DataSize maxMessageSize;

		/**
		 * Largest amount of data queued for one connection of this endpoint.
		 */
		private @Nullable DataSize sendBufferLimit;

		/**
		 * Longest time one write to a peer of this endpoint may take.
		 */
		private @Nullable Duration sendTimeLimit;

		/**
		 * What to do with a peer of this endpoint past the send buffer or time limit.
		 */
		private @Nullable OverflowPolicy overflowPolicy;

		/**
		 * Origins allowed to open a connection to this endpoint from a browser.
		 */
		private @Nullable List<String> allowedOrigins;

		/**
		 * Largest number of open connections of this endpoint.
		 */
		private @Nullable Integer maxConnections;

		/**
		 * Time without any message from the peer after which a connection of this
		 * endpoint is closed with 1001.
		 */
		private @Nullable Duration idleTimeout;

		/**
		 * Whether an exception thrown by a callback of this endpoint closes its
		 * connection with 1011.
		 */
		private @Nullable Boolean closeOnError;

		/**
		 * Subprotocols this endpoint speaks.
		 */
		private @Nullable List<String> subprotocols;

		/**
		 * Whether a client that offers none of this endpoint's subprotocols is refused
		 * with 400.
		 */
		private @Nullable Boolean subprotocolRequired;

		private final EndpointHeartbeat heartbeat = new EndpointHeartbeat();

		private final EndpointCompression compression = new EndpointCompression();

		public List<String> getPaths() {
			return this.paths;
		}

		public void setPaths(List<String> paths) {
			this.paths = paths;
		}

		public @Nullable String getCodec() {
			return this.codec;
		}

		public void setCodec(@Nullable String codec) {
			this.codec = codec;
		}

		public @Nullable String getHandler() {
			return this.handler;
		}

		public void setHandler(@Nullable String handler) {
			this.handler = handler;
		}

		public @Nullable DataSize getMaxMessageSize() {
			return this.maxMessageSize;
		}

		public void setMaxMessageSize(@Nullable DataSize maxMessageSize) {
			this.maxMessageSize = maxMessageSize;
		}

		public @Nullable DataSize getSendBufferLimit() {
			return this.sendBufferLimit;
		}

		public void setSendBufferLimit(@Nullable DataSize sendBufferLimit) {
			this.sendBufferLimit = sendBufferLimit;
		}

		public @Nullable Duration getSendTimeLimit() {
			return this.sendTimeLimit;
		}

		public void setSendTimeLimit(@Nullable Duration sendTimeLimit) {
			this.sendTimeLimit = sendTimeLimit;
		}

		public @Nullable OverflowPolicy getOverflowPolicy() {
			return this.overflowPolicy;
		}

		public void setOverflowPolicy(@Nullable OverflowPolicy overflowPolicy) {
			this.overflowPolicy = overflowPolicy;
		}

		public @Nullable List<String> getAllowedOrigins() {
			return this.allowedOrigins;
		}

		public void setAllowedOrigins(@Nullable List<String> allowedOrigins) {
			this.allowedOrigins = allowedOrigins;
		}

		public @Nullable Integer getMaxConnections() {
			return this.maxConnections;
		}

		public void setMaxConnections(@Nullable Integer maxConnections) {
			this.maxConnections = maxConnections;
		}

		public @Nullable Duration getIdleTimeout() {
			return this.idleTimeout;
		}

		public void setIdleTimeout(@Nullable Duration idleTimeout) {
			this.idleTimeout = idleTimeout;
		}

		public @Nullable Boolean getCloseOnError() {
			return this.closeOnError;
		}

		public void setCloseOnError(@Nullable Boolean closeOnError) {
			this.closeOnError = closeOnError;
		}

		public @Nullable List<String> getSubprotocols() {
			return this.subprotocols;
		}

		public void setSubprotocols(@Nullable List<String> subprotocols) {
			this.subprotocols = subprotocols;
		}

		public @Nullable Boolean getSubprotocolRequired() {
			return this.subprotocolRequired;
		}

		public void setSubprotocolRequired(@Nullable Boolean subprotocolRequired) {
			this.subprotocolRequired = subprotocolRequired;
		}

		public EndpointHeartbeat getHeartbeat() {
			return this.heartbeat;
		}

		public EndpointCompression getCompression() {
			return this.compression;
		}

	}

	/**
	 * Heartbeat settings of one endpoint.
	 */
	public static class EndpointHeartbeat {

		/**
		 * Whether to ping this endpoint's connections.
		 */
		private @Nullable Boolean enabled;

		/**
		 * Time between two pings of a connection of this endpoint.
		 */
		private @Nullable Duration interval;

		public @Nullable Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(@Nullable Boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable Duration getInterval() {
			return this.interval;
		}

		public void setInterval(@Nullable Duration interval) {
			this.interval = interval;
		}

	}

	/**
	 * Compression settings of one endpoint.
	 */
	public static class EndpointCompression {

		/**
		 * Whether to negotiate permessage-deflate on this endpoint.
		 */
		private @Nullable Boolean enabled;

		public @Nullable Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(@Nullable Boolean enabled) {
			this.enabled = enabled;
		}

	}

}
