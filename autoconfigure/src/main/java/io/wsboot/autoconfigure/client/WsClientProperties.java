package io.wsboot.autoconfigure.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of the WebSocket client: the defaults of every
 * {@link io.wsboot.client.WsClient.Builder} the auto-configuration hands out.
 *
 * @see io.wsboot.client.WsClient
 */
@ConfigurationProperties("ws.client")
public class WsClientProperties {

	/**
	 * Longest time the opening handshake may take, TCP connection, proxy tunnel and TLS
	 * included.
	 */
	private Duration handshakeTimeout = Duration.ofSeconds(10);

	/**
	 * Origin header of the handshake, as a browser would send it.
	 */
	private @Nullable String origin;

	/**
	 * Extra headers of the handshake request, by name.
	 */
	private Map<String, String> headers = new LinkedHashMap<>();

	/**
	 * Subprotocols offered to the server, in order of preference.
	 */
	private List<String> subprotocols = new ArrayList<>();

	/**
	 * Longest time to wait, after a close, for the server's close frame before dropping
	 * the connection.
	 */
	private Duration closeTimeout = Duration.ofSeconds(30);

	/**
	 * Largest message accepted from the server, summed over its fragments; a larger one
	 * closes the connection with 1008.
	 */
	private DataSize maxMessageSize = DataSize.ofMegabytes(100);

	private final Proxy proxy = new Proxy();

	private final Ssl ssl = new Ssl();

	private final Heartbeat heartbeat = new Heartbeat();

	private final Reconnect reconnect = new Reconnect();

	public Duration getHandshakeTimeout() {
		return this.handshakeTimeout;
	}

	public void setHandshakeTimeout(Duration handshakeTimeout) {
		this.handshakeTimeout = handshakeTimeout;
	}

	public @Nullable String getOrigin() {
		return this.origin;
	}

	public void setOrigin(@Nullable String origin) {
		this.origin = origin;
	}

	public Map<String, String> getHeaders() {
		return this.headers;
	}

	public void setHeaders(Map<String, String> headers) {
		this.headers = headers;
	}

	public List<String> getSubprotocols() {
		return this.subprotocols;
	}

	public void setSubprotocols(List<String> subprotocols) {
		this.subprotocols = subprotocols;
	}

	public Duration getCloseTimeout() {
		return this.closeTimeout;
	}

	public void setCloseTimeout(Duration closeTimeout) {
		this.closeTimeout = closeTimeout;
	}

	public DataSize getMaxMessageSize() {
		return this.maxMessageSize;
	}

	public void setMaxMessageSize(DataSize maxMessageSize) {
		this.maxMessageSize = maxMessageSize;
	}

	public Proxy getProxy() {
		return this.proxy;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	public Heartbeat getHeartbeat() {
		return this.heartbeat;
	}

	public Reconnect getReconnect() {
		return this.reconnect;
	}

	/**
	 * HTTP proxy, reached with a CONNECT tunnel for ws:// and wss:// alike.
	 */
	public static class Proxy {

		/**
		 * Host of the HTTP proxy; connections are direct when not set.
		 */
		private @Nullable String host;

		/**
		 * Port of the HTTP proxy; required with the host.
		 */
		private @Nullable Integer port;

		public @Nullable String getHost() {
			return this.host;
		}

		public void setHost(@Nullable String host) {
			this.host = host;
		}

		public @Nullable Integer getPort() {
			return this.port;
		}

		public void setPort(@Nullable Integer port) {
			this.port = port;
		}

	}

	/**
	 * TLS of wss:// connections.
	 */
	public static class Ssl {

		/**
		 * Name of the SSL bundle ('spring.ssl.bundle.*') whose trust material verifies
		 * the server's certificate instead of the JDK's default trust store.
		 */
		private @Nullable String bundle;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

	}

	/**
	 * Client heartbeat: drop a connection the server stopped pinging.
	 */
	public static class Heartbeat {

		/**
		 * Whether to terminate a connection that has heard nothing from the server (ping
		 * or any other frame) for the interval plus the margin, reporting it closed with
		 * 1006.
		 */
		private boolean enabled;

		/**
		 * Time between two pings of the server, such as its 'ws.heartbeat.interval'.
		 */
		private Duration interval = Duration.ofSeconds(30);

		/**
		 * Time allowed on top of the interval for latency and the server's scheduling.
		 */
		private Duration margin = Duration.ofSeconds(5);

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

		public Duration getMargin() {
			return this.margin;
		}

		public void setMargin(Duration margin) {
			this.margin = margin;
		}

	}

	/**
	 * Automatic reconnect after the connection was lost or the server went away.
	 */
	public static class Reconnect {

		/**
		 * Whether to reconnect after close 1001, 1006, 1011, 1012 or 1013, or a handshake
		 * that failed for a reason that may pass; never after a close the application
		 * asked for.
		 */
		private boolean enabled;

		/**
		 * Delay before the first attempt.
		 */
		private Duration initialDelay = Duration.ofSeconds(1);

		/**
		 * Longest delay between two attempts.
		 */
		private Duration maxDelay = Duration.ofSeconds(30);

		/**
		 * Factor from one delay to the next.
		 */
		private double multiplier = 2;

		/**
		 * Largest fraction of each delay taken off at random, from 0 to 1.
		 */
		private double jitter = 0.5;

		/**
		 * Number of failed attempts after which to give up; no limit when not set.
		 */
		private @Nullable Integer maxAttempts;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getInitialDelay() {
			return this.initialDelay;
		}

		public void setInitialDelay(Duration initialDelay) {
			this.initialDelay = initialDelay;
		}

		public Duration getMaxDelay() {
			return this.maxDelay;
		}

		public void setMaxDelay(Duration maxDelay) {
			this.maxDelay = maxDelay;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public double getJitter() {
			return this.jitter;
		}

		public void setJitter(double jitter) {
			this.jitter = jitter;
		}

		public @Nullable Integer getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(@Nullable Integer maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

	}

}
