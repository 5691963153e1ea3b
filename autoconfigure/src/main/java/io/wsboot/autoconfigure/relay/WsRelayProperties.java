package io.wsboot.autoconfigure.relay;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the relay between the instances of an application.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("ws.relay")
public class WsRelayProperties {

	/**
	 * Relay that carries broadcasts, publishes and sends to the other instances of the
	 * application; with 'none', they reach this instance's connections only.
	 */
	private Type type = Type.NONE;

	private final Redis redis = new Redis();

	public Type getType() {
		return this.type;
	}

	public void setType(Type type) {
		this.type = type;
	}

	public Redis getRedis() {
		return this.redis;
	}

	/**
	 * Kinds of relay.
	 */
	public enum Type {

		/**
		 * No relay: every delivery stays on this instance.
		 */
		NONE,

		/**
		 * Redis pub/sub, on the connection of 'spring.data.redis.*'.
		 */
		REDIS

	}

	/**
	 * Redis relay settings.
	 */
	public static class Redis {

		/**
		 * Prefix of the relay's channel names and count keys, shared by the instances
		 * of one application.
		 */
		private String channelPrefix = "ws:";

		/**
		 * Whether to use sharded pub/sub (SPUBLISH and SSUBSCRIBE, Redis 7 or later),
		 * which spares a Redis Cluster from copying every message to every node.
		 */
		private boolean sharded;

		/**
		 * Most messages waiting to be published; beyond it, messages are counted as
		 * lost instead of waited for.
		 */
		private int queueCapacity = 10_000;

		/**
		 * Longest wait between two attempts to reconnect to Redis.
		 */
		private Duration maxBackoff = Duration.ofSeconds(5);

		/**
		 * How long Redis may leave publishes unanswered before the relay takes it for
		 * unreachable and reconnects.
		 */
		private Duration publishTimeout = Duration.ofSeconds(2);

		/**
		 * Time between two refreshes of this instance's counts in Redis; an instance's
		 * counts expire after three of them without a refresh.
		 */
		private Duration countsInterval = Duration.ofSeconds(5);

		public String getChannelPrefix() {
			return this.channelPrefix;
		}

		public void setChannelPrefix(String channelPrefix) {
			this.channelPrefix = channelPrefix;
		}

		public boolean isSharded() {
			return this.sharded;
		}

		public void setSharded(boolean sharded) {
			this.sharded = sharded;
		}

		public int getQueueCapacity() {
			return this.queueCapacity;
		}

		public void setQueueCapacity(int queueCapacity) {
			this.queueCapacity = queueCapacity;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public Duration getPublishTimeout() {
			return this.publishTimeout;
		}

		public void setPublishTimeout(Duration publishTimeout) {
			this.publishTimeout = publishTimeout;
		}

		public Duration getCountsInterval() {
			return this.countsInterval;
		}

		public void setCountsInterval(Duration countsInterval) {
			this.countsInterval = countsInterval;
		}

	}

}
