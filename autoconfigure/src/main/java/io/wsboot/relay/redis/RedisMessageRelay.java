package io.wsboot.relay.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.BaseRedisAsyncCommands;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.wsboot.relay.MessageRelay;
import io.wsboot.relay.RelayMessage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A {@link MessageRelay} on Redis pub/sub, through the Lettuce client of Spring Data
 * Redis's connection factory.
 * <p>
 * Each kind of message has its channel, {@code <prefix><kind>}:
 * {@code ws:broadcast}, {@code ws:broadcast-except}, {@code ws:publish},
 * {@code ws:publish-except}, {@code ws:send} and {@code ws:send-to-user} with the
 * default prefix. Every instance subscribes to all six ({@code SUBSCRIBE}, or
 * {@code SSUBSCRIBE} with sharded pub/sub) and publishes each message once
 * ({@code PUBLISH} or {@code SPUBLISH}).
 * <p>
 * Senders never wait on Redis: a message goes to a bounded queue that one thread,
 * {@code wsboot-relay}, drains into pipelined publishes. What finds the queue full, or
 * Redis unreachable, is counted as lost. When Redis goes away the relay logs one
 * warning, reconnects with an exponential backoff, subscribes again and logs once it
 * is back.
 *
 * @since 0.1.0
 */
public final class RedisMessageRelay implements MessageRelay {

	private static final Log logger = LogFactory.getLog(RedisMessageRelay.class);

	private static final Duration INITIAL_BACKOFF = Duration.ofMillis(100);

	// publishes written and not yet acknowledged, at most
	private static final int MAX_IN_FLIGHT = 1024;

	private final Supplier<AbstractRedisClient> client;

	private final String channelPrefix;

	private final boolean sharded;

	private final Duration maxBackoff;

	private final Duration publishTimeout;

	private final BlockingQueue<RelayMessage> queue;

	private final AtomicLong published = new AtomicLong();

	private final AtomicLong received = new AtomicLong();

	private final AtomicLong lost = new AtomicLong();

	private final AtomicInteger inFlight = new AtomicInteger();

	private final CountDownLatch stopped = new CountDownLatch(1);

	// connections closed as they dropped, which the relay's thread need not close again
	private final Set<Object> closedEarly = ConcurrentHashMap.newKeySet();

	private final RedisConnectionStateListener disconnects = new RedisConnectionStateListener() {

		@Override
		public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
			if (connection == RedisMessageRelay.this.publisher || connection == RedisMessageRelay.this.subscriber) {
				RedisMessageRelay.this.disconnected = true;
				// closed at once, so that Lettuce does not retry it: the relay reconnects itself
				if (RedisMessageRelay.this.closedEarly.add(connection)) {
					connection.closeAsync();
				}
			}
		}

	};

	private volatile @Nullable Thread worker;

	private volatile String instanceId = "";

	private volatile Consumer<RelayMessage> receiver = (message) -> {
	};

	private volatile boolean connected;

	// why the relay is not connected, shown by its health
	private volatile @Nullable String failure = "not connected yet";

	// set by Lettuce's event loop when one of the relay's connections drops
	private volatile boolean disconnected;

	// the last moment a publish was acknowledged, or was written with none pending
	private volatile long progressNanos;

	private volatile @Nullable StatefulConnection<byte[], byte[]> publisher;

	private volatile @Nullable StatefulRedisPubSubConnection<byte[], byte[]> subscriber;

	private volatile @Nullable BaseRedisAsyncCommands<byte[], byte[]> commands;

	/**
	 * Create a relay.
	 * @param client the Lettuce client, looked up when the relay first connects
	 * @param channelPrefix the prefix of the channel names
	 * @param sharded whether to use sharded pub/sub, {@code SPUBLISH} and
	 * {@code SSUBSCRIBE} (Redis 7 or later)
	 * @param queueCapacity how many messages may wait to be published
	 * @param maxBackoff the longest wait between two attempts to reconnect
	 * @param publishTimeout how long Redis may leave publishes unacknowledged before the
	 * relay takes it for unreachable
	 */
	public RedisMessageRelay(Supplier<AbstractRedisClient> client, String channelPrefix, boolean sharded,
			int queueCapacity, Duration maxBackoff, Duration publishTimeout) {
		this.client = Objects.requireNonNull(client, "client");
		this.channelPrefix = Objects.requireNonNull(channelPrefix, "channelPrefix");
		this.sharded = sharded;
		this.queue = new ArrayBlockingQueue<>(queueCapacity);
		this.maxBackoff = maxBackoff;
		this.publishTimeout = publishTimeout;
	}

	/**
	 * Return the name of the channel of a kind of message.
	 * @param kind the kind
	 * @return the channel, the prefix followed by the kind's name
	 */
	public String channel(RelayMessage.Kind kind) {
		return this.channelPrefix + kind.channel();
	}

	@Override
	public synchronized void start(String instanceId, Consumer<RelayMessage> receiver) {
		if (this.worker != null) {
			throw new IllegalStateException("Relay already started");
		}
		this.instanceId = instanceId;
		this.receiver = receiver;
		Thread worker = new Thread(this::run, "wsboot-relay");
		worker.setDaemon(true);
		this.worker = worker;
		worker.start();
	}

	@Override
	public boolean publish(RelayMessage message) {
		// nothing waits for Redis: while it is away, messages are lost at once
		if (!this.connected || !this.queue.offer(message)) {
			this.lost.incrementAndGet();
			return false;
		}
		return true;
	}

	@Override
	public void stop() {
		Thread worker;
		synchronized (this) {
			worker = this.worker;
			this.stopped.countDown();
		}
		if (worker != null) {
			try {
				worker.join(TimeUnit.SECONDS.toMillis(10));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public long published() {
		return this.published.get();
	}

	@Override
	public long received() {
		return this.received.get();
	}

	@Override
	public long lost() {
		return this.lost.get();
	}

	@Override
	public boolean isConnected() {
		return this.connected;
	}

	@Override
	public String type() {
		return "redis";
	}

	@Override
	public @Nullable String failure() {
		return this.connected ? null : this.failure;
	}

	private boolean isStopped() {
		return this.stopped.getCount() == 0;
	}

	private void run() {
		Duration backoff = INITIAL_BACKOFF;
		boolean warned = false;
		boolean everConnected = false;
		try {
			while (!isStopped()) {
				if (!this.connected) {
					try {
						connect();
						backoff = INITIAL_BACKOFF;
						if (warned) {
							logger.info("Relay reconnected to Redis; messages reach the other instances again ("
									+ this.lost.get() + " lost in all so far)");
							warned = false;
						}
						else if (!everConnected) {
							logger.info("Relay connected to Redis, on channels " + this.channelPrefix + "*"
									+ (this.sharded ? " (sharded pub/sub)" : ""));
						}
						everConnected = true;
					}
					catch (RuntimeException ex) {
						disconnect();
						this.failure = "Cannot reach Redis: " + ex.getMessage();
						if (!warned) {
							logger.warn("Relay cannot reach Redis (" + ex.getMessage() + "): messages to other "
									+ "instances are lost until it is back; reconnecting with a backoff of at most "
									+ this.maxBackoff.toMillis() + " ms");
							warned = true;
						}
						else if (logger.isDebugEnabled()) {
							logger.debug("Relay still cannot reach Redis", ex);
						}
						if (this.stopped.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
							return;
						}
						backoff = backoff.multipliedBy(2);
						if (backoff.compareTo(this.maxBackoff) > 0) {
							backoff = this.maxBackoff;
						}
					}
					continue;
				}
				RelayMessage message = this.queue.poll(100, TimeUnit.MILLISECONDS);
				if (this.disconnected || isHung()) {
					this.failure = this.disconnected ? "Lost the connection to Redis"
							: "Redis left publishes unanswered for more than " + this.publishTimeout.toMillis() + " ms";
					if (message != null) {
						this.lost.incrementAndGet();
					}
					if (!warned) {
						logger.warn("Relay lost its connection to Redis: messages to other instances are lost until "
								+ "it is back; reconnecting with a backoff of at most " + this.maxBackoff.toMillis()
								+ " ms");
						warned = true;
					}
					disconnect();
					continue;
				}
				if (message != null) {
					send(message);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			disconnect(true);
		}
	}

	private void connect() {
		AbstractRedisClient client = this.client.get();
		this.disconnected = false;
		client.addListener(this.disconnects);
		StatefulRedisPubSubConnection<byte[], byte[]> subscriber;
		if (client instanceof RedisClusterClient cluster) {
			StatefulRedisClusterConnection<byte[], byte[]> connection = cluster.connect(ByteArrayCodec.INSTANCE);
			this.publisher = connection;
			this.commands = connection.async();
			subscriber = cluster.connectPubSub(ByteArrayCodec.INSTANCE);
		}
		else if (client instanceof RedisClient standalone) {
			StatefulRedisConnection<byte[], byte[]> connection = standalone.connect(ByteArrayCodec.INSTANCE);
			this.publisher = connection;
			this.commands = connection.async();
			subscriber = standalone.connectPubSub(ByteArrayCodec.INSTANCE);
		}
		else {
			throw new IllegalStateException("Unsupported Redis client " + client.getClass().getName());
		}
		this.subscriber = subscriber;
		subscriber.addListener(new Listener());
		byte[][] channels = channels();
		RedisFuture<Void> subscribed = this.sharded ? subscriber.async().ssubscribe(channels)
				: subscriber.async().subscribe(channels);
		await(subscribed);
		this.inFlight.set(0);
		this.progressNanos = System.nanoTime();
		this.failure = null;
		this.connected = true;
	}

	private void await(RedisFuture<?> future) {
		try {
			if (!future.await(this.publishTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IllegalStateException("no answer within " + this.publishTimeout.toMillis() + " ms");
			}
			future.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
		catch (java.util.concurrent.ExecutionException ex) {
			throw new IllegalStateException(String.valueOf(ex.getCause().getMessage()), ex.getCause());
		}
	}

	private byte[][] channels() {
		List<byte[]> channels = new ArrayList<>();
		for (RelayMessage.Kind kind : RelayMessage.Kind.values()) {
			channels.add(channel(kind).getBytes(java.nio.charset.StandardCharsets.UTF_8));
		}
		return channels.toArray(byte[][]::new);
	}

	private void send(RelayMessage message) {
		BaseRedisAsyncCommands<byte[], byte[]> commands = this.commands;
		if (commands == null) {
			this.lost.incrementAndGet();
			return;
		}
		while (this.inFlight.get() >= MAX_IN_FLIGHT) {
			// this thread waits for Redis to catch up, the senders do not: the queue fills
			if (this.disconnected || isHung() || isStopped()) {
				this.lost.incrementAndGet();
				return;
			}
			LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
		}
		byte[] channel = channel(message.kind()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
		if (this.inFlight.getAndIncrement() == 0) {
			this.progressNanos = System.nanoTime();
		}
		RedisFuture<Long> future = this.sharded ? commands.spublish(channel, message.encode())
				: commands.publish(channel, message.encode());
		future.whenComplete((receivers, error) -> {
			this.inFlight.decrementAndGet();
			this.progressNanos = System.nanoTime();
			if (error == null) {
				this.published.incrementAndGet();
			}
			else {
				this.lost.incrementAndGet();
			}
		});
	}

	private boolean isHung() {
		return this.inFlight.get() > 0 && System.nanoTime() - this.progressNanos > this.publishTimeout.toNanos();
	}

	private void disconnect() {
		disconnect(false);
	}

	private void disconnect(boolean wait) {
		this.connected = false;
		// what is still queued reaches no other instance
		RelayMessage message;
		while ((message = this.queue.poll()) != null) {
			this.lost.incrementAndGet();
		}
		StatefulConnection<byte[], byte[]> publisher = this.publisher;
		StatefulRedisPubSubConnection<byte[], byte[]> subscriber = this.subscriber;
		this.publisher = null;
		this.subscriber = null;
		this.commands = null;
		if (publisher != null && !this.closedEarly.remove(publisher)) {
			closeQuietly(publisher, wait);
		}
		if (subscriber != null && !this.closedEarly.remove(subscriber)) {
			closeQuietly(subscriber, wait);
		}
		try {
			this.client.get().removeListener(this.disconnects);
		}
		catch (RuntimeException ex) {
			// the connection factory is stopped already
		}
	}

	private static void closeQuietly(@Nullable StatefulConnection<?, ?> connection, boolean wait) {
		if (connection != null) {
			try {
				// asynchronously unless stopping, so a hung Redis does not hold the relay's thread
				if (wait) {
					connection.close();
				}
				else {
					connection.closeAsync();
				}
			}
			catch (RuntimeException ex) {
				logger.debug("Could not close a Redis connection of the relay", ex);
			}
		}
	}

	private void received(byte[] payload) {
		RelayMessage message;
		try {
			message = RelayMessage.decode(payload);
		}
		catch (IllegalArgumentException ex) {
			logger.debug("Ignoring a message that is not a relay message", ex);
			return;
		}
		if (message.origin().equals(this.instanceId)) {
			// this instance's own, echoed by Redis: delivered here already
			return;
		}
		this.received.incrementAndGet();
		try {
			this.receiver.accept(message);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not deliver " + message, ex);
		}
	}

	private final class Listener extends RedisPubSubAdapter<byte[], byte[]> {

		@Override
		public void message(byte[] channel, byte[] message) {
			received(message);
		}

		@Override
		public void smessage(byte[] shardChannel, byte[] message) {
			received(message);
		}

	}

}
