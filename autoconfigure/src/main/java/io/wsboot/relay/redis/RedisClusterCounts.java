package io.wsboot.relay.redis;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.wsboot.ConnectionRegistry;
import io.wsboot.WsConnection;
import io.wsboot.relay.ClusterCounts;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * {@link ClusterCounts} kept in Redis: every instance writes its own counts, every
 * {@code interval}, to three hashes that expire after three intervals, and lists itself
 * in a sorted set scored by the time of its last report:
 * <ul>
 * <li>{@code <prefix>counts:<instance>:endpoints}: endpoint id to open connections,</li>
 * <li>{@code <prefix>counts:<instance>:topics}: topic to subscribers,</li>
 * <li>{@code <prefix>counts:<instance>:users}: principal name to open connections,</li>
 * <li>{@code <prefix>counts:instances}: the instances, scored by their last report.</li>
 * </ul>
 * A count is this instance's live one plus what the other instances last reported, so
 * it lags by up to one interval; an instance that crashed drops out after three. While
 * Redis is unreachable, counts are this instance's own.
 *
 * @since 0.1.0
 */
public final class RedisClusterCounts implements ClusterCounts, SmartLifecycle {

	private static final Log logger = LogFactory.getLog(RedisClusterCounts.class);

	private final ConnectionRegistry registry;

	private final StringRedisTemplate redis;

	private final String prefix;

	private final Duration interval;

	private final Clock clock;

	private final String instanceId = UUID.randomUUID().toString();

	private @Nullable ScheduledExecutorService scheduler;

	/**
	 * Create the counts.
	 * @param registry this instance's registry
	 * @param connectionFactory the Redis connection factory
	 * @param prefix the prefix of the keys
	 * @param interval the time between two reports
	 * @param clock the clock the reports are scored with
	 */
	public RedisClusterCounts(ConnectionRegistry registry, RedisConnectionFactory connectionFactory, String prefix,
			Duration interval, Clock clock) {
		this.registry = registry;
		this.redis = new StringRedisTemplate(connectionFactory);
		this.prefix = prefix + "counts:";
		this.interval = interval;
		this.clock = clock;
	}

	@Override
	public long connections(String endpointId) {
		return this.registry.count(endpointId) + others("endpoints", endpointId);
	}

	@Override
	public long subscribers(String topic) {
		return this.registry.subscribers(topic) + others("topics", topic);
	}

	@Override
	public boolean isUserConnected(String principalName) {
		for (WsConnection connection : this.registry.connections()) {
			if (connection.handshake().principal() != null
					&& principalName.equals(connection.handshake().principal().getName())) {
				return true;
			}
		}
		return others("users", principalName) > 0;
	}

	private long others(String kind, String field) {
		try {
			long now = this.clock.millis();
			Set<String> instances = this.redis.opsForZSet()
				.rangeByScore(this.prefix + "instances", now - expiry().toMillis(), Double.POSITIVE_INFINITY);
			if (instances == null || instances.isEmpty()) {
				return 0;
			}
			List<Object> values = this.redis.executePipelined((RedisCallback<Object>) (connection) -> {
				for (String instance : instances) {
					if (!instance.equals(this.instanceId)) {
						connection.hashCommands().hGet(bytes(key(instance, kind)), bytes(field));
					}
				}
				return null;
			});
			long total = 0;
			for (Object value : values) {
				if (value != null) {
					total += Long.parseLong(value.toString());
				}
			}
			return total;
		}
		catch (DataAccessException ex) {
			logger.debug("Counts of the other instances unavailable", ex);
			return 0;
		}
	}

	/**
	 * Write this instance's counts to Redis now.
	 */
	public void report() {
		Map<String, String> endpoints = new HashMap<>();
		Map<String, String> users = new HashMap<>();
		Map<String, Integer> userCounts = new HashMap<>();
		Map<String, Integer> endpointCounts = new HashMap<>();
		for (WsConnection connection : this.registry.connections()) {
			endpointCounts.merge(connection.endpointId(), 1, Integer::sum);
			if (connection.handshake().principal() != null) {
				userCounts.merge(connection.handshake().principal().getName(), 1, Integer::sum);
			}
		}
		endpointCounts.forEach((key, count) -> endpoints.put(key, count.toString()));
		userCounts.forEach((key, count) -> users.put(key, count.toString()));
		Map<String, String> topics = new HashMap<>();
		for (String topic : this.registry.topics()) {
			int subscribers = this.registry.subscribers(topic);
			if (subscribers > 0) {
				topics.put(topic, Integer.toString(subscribers));
			}
		}
		long now = this.clock.millis();
		long expiry = expiry().toMillis();
		this.redis.executePipelined((RedisCallback<Object>) (connection) -> {
			write(connection, "endpoints", endpoints, expiry);
			write(connection, "topics", topics, expiry);
			write(connection, "users", users, expiry);
			byte[] instances = bytes(this.prefix + "instances");
			connection.zSetCommands().zAdd(instances, now, bytes(this.instanceId));
			connection.zSetCommands().zRemRangeByScore(instances, Double.NEGATIVE_INFINITY, now - expiry);
			connection.keyCommands().pExpire(instances, expiry);
			return null;
		});
	}

	private void write(RedisConnection connection, String kind, Map<String, String> counts, long expiry) {
		byte[] key = bytes(key(this.instanceId, kind));
		if (counts.isEmpty()) {
			connection.keyCommands().del(key);
			return;
		}
		// written aside and renamed, so that a reader never sees a half-written hash
		byte[] next = bytes(key(this.instanceId, kind) + ":next");
		Map<byte[], byte[]> values = new HashMap<>();
		counts.forEach((field, value) -> values.put(bytes(field), bytes(value)));
		connection.keyCommands().del(next);
		connection.hashCommands().hMSet(next, values);
		connection.keyCommands().rename(next, key);
		connection.keyCommands().pExpire(key, expiry);
	}

	private void remove() {
		this.redis.delete(List.of(key(this.instanceId, "endpoints"), key(this.instanceId, "topics"),
				key(this.instanceId, "users")));
		this.redis.opsForZSet().remove(this.prefix + "instances", this.instanceId);
	}

	private Duration expiry() {
		return this.interval.multipliedBy(3);
	}

	private String key(String instance, String kind) {
		return this.prefix + instance + ":" + kind;
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public synchronized void start() {
		if (this.scheduler != null) {
			return;
		}
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "wsboot-relay-counts");
			thread.setDaemon(true);
			return thread;
		});
		scheduler.scheduleWithFixedDelay(this::reportQuietly, 0, this.interval.toMillis(), TimeUnit.MILLISECONDS);
		this.scheduler = scheduler;
	}

	private void reportQuietly() {
		try {
			report();
		}
		catch (RuntimeException ex) {
			// the relay warns when Redis is away; the counts catch up on the next report
			logger.debug("Could not report this instance's counts to Redis", ex);
		}
	}

	@Override
	public synchronized void stop() {
		ScheduledExecutorService scheduler = this.scheduler;
		if (scheduler == null) {
			return;
		}
		this.scheduler = null;
		scheduler.shutdownNow();
		try {
			remove();
		}
		catch (RuntimeException ex) {
			logger.debug("Could not remove this instance's counts from Redis; they expire", ex);
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

}
