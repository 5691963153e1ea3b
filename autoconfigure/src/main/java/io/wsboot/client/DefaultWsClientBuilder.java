package io.wsboot.client;

import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import org.jspecify.annotations.Nullable;

/**
 * The {@link WsClient.Builder} of {@link WsClient#builder()}: checks each option as it is
 * set, and on {@code connect} fixes them in {@link ClientOptions} for a new
 * {@link DefaultWsClient}. Makes its HTTP client and scheduler on first use and shares
 * them between its clients; the HTTP client again when an option it carries changed.
 */
final class DefaultWsClientBuilder implements WsClient.Builder {

	private static final Set<String> RESTRICTED_HEADERS = Set.of("host", "connection", "upgrade", "content-length",
			"expect");

	private Duration handshakeTimeout = Duration.ofSeconds(10);

	private @Nullable String origin;

	private final Map<String, String> headers = new LinkedHashMap<>();

	private List<String> subprotocols = List.of();

	private @Nullable InetSocketAddress proxy;

	private @Nullable SSLContext sslContext;

	private Duration closeTimeout = Duration.ofSeconds(30);

	private long maxMessageSize = 100L * 1024 * 1024;

	private boolean heartbeat;

	private Duration heartbeatInterval = Duration.ofSeconds(30);

	private Duration heartbeatMargin = Duration.ofSeconds(5);

	private boolean reconnect;

	private Duration reconnectInitialDelay = Duration.ofSeconds(1);

	private Duration reconnectMaxDelay = Duration.ofSeconds(30);

	private double reconnectMultiplier = 2;

	private double reconnectJitter = 0.5;

	private int reconnectMaxAttempts;

	private @Nullable ScheduledExecutorService scheduler;

	private @Nullable HttpClient httpClient;

	private @Nullable List<Object> httpClientOptions;

	DefaultWsClientBuilder() {
	}

	@Override
	public WsClient.Builder handshakeTimeout(Duration handshakeTimeout) {
		this.handshakeTimeout = positive(handshakeTimeout, "Handshake timeout");
		return this;
	}

	@Override
	public WsClient.Builder origin(@Nullable String origin) {
		this.origin = origin;
		return this;
	}

	@Override
	public WsClient.Builder header(String name, String value) {
		String lower = name.toLowerCase(Locale.ROOT);
		if (lower.startsWith("sec-websocket-") || RESTRICTED_HEADERS.contains(lower)) {
			throw new IllegalArgumentException("Header '" + name + "' is set by the client itself"
					+ (lower.equals("sec-websocket-protocol") ? ": offer subprotocols with subprotocols(...)" : ""));
		}
		if (lower.equals("origin")) {
			return origin(value);
		}
		this.headers.put(name, value);
		return this;
	}

	@Override
	public WsClient.Builder subprotocols(List<String> subprotocols) {
		this.subprotocols = List.copyOf(subprotocols);
		return this;
	}

	@Override
	public WsClient.Builder proxy(@Nullable InetSocketAddress proxy) {
		this.proxy = proxy;
		return this;
	}

	@Override
	public WsClient.Builder sslContext(@Nullable SSLContext sslContext) {
		this.sslContext = sslContext;
		return this;
	}

	@Override
	public WsClient.Builder closeTimeout(Duration closeTimeout) {
		this.closeTimeout = positive(closeTimeout, "Close timeout");
		return this;
	}

	@Override
	public WsClient.Builder maxMessageSize(long maxMessageSize) {
		if (maxMessageSize < 0) {
			throw new IllegalArgumentException("Max message size must not be negative but was " + maxMessageSize);
		}
		this.maxMessageSize = maxMessageSize;
		return this;
	}

	@Override
	public WsClient.Builder heartbeat(boolean heartbeat) {
		this.heartbeat = heartbeat;
		return this;
	}

	@Override
	public WsClient.Builder heartbeatInterval(Duration heartbeatInterval) {
		this.heartbeatInterval = positive(heartbeatInterval, "Heartbeat interval");
		return this;
	}

	@Override
	public WsClient.Builder heartbeatMargin(Duration heartbeatMargin) {
		if (heartbeatMargin.isNegative()) {
			throw new IllegalArgumentException("Heartbeat margin must not be negative but was " + heartbeatMargin);
		}
		this.heartbeatMargin = heartbeatMargin;
		return this;
	}

	@Override
	public WsClient.Builder reconnect(boolean reconnect) {
		this.reconnect = reconnect;
		return this;
	}

	@Override
	public WsClient.Builder reconnectInitialDelay(Duration initialDelay) {
		if (initialDelay.isNegative()) {
			throw new IllegalArgumentException("Reconnect initial delay must not be negative but was " + initialDelay);
		}
		this.reconnectInitialDelay = initialDelay;
		return this;
	}

	@Override
	public WsClient.Builder reconnectMaxDelay(Duration maxDelay) {
		this.reconnectMaxDelay = positive(maxDelay, "Reconnect max delay");
		return this;
	}

	@Override
	public WsClient.Builder reconnectMultiplier(double multiplier) {
		if (!(multiplier >= 1)) {
			throw new IllegalArgumentException("Reconnect multiplier must be at least 1 but was " + multiplier);
		}
		this.reconnectMultiplier = multiplier;
		return this;
	}

	@Override
	public WsClient.Builder reconnectJitter(double jitter) {
		if (!(jitter >= 0 && jitter <= 1)) {
			throw new IllegalArgumentException("Reconnect jitter must be from 0 to 1 but was " + jitter);
		}
		this.reconnectJitter = jitter;
		return this;
	}

	@Override
	public WsClient.Builder reconnectMaxAttempts(int maxAttempts) {
		if (maxAttempts < 0) {
			throw new IllegalArgumentException(
					"Reconnect max attempts must be 0 (no limit) or more but was " + maxAttempts);
		}
		this.reconnectMaxAttempts = maxAttempts;
		return this;
	}

	@Override
	public WsClient.Builder scheduler(ScheduledExecutorService scheduler) {
		this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
		return this;
	}

	@Override
	public WsClient connect(URI url, WsClientListener listener) {
		Objects.requireNonNull(listener, "listener");
		URI target = webSocketUrl(url);
		ReconnectBackoff backoff = this.reconnect ? new ReconnectBackoff(this.reconnectInitialDelay,
				this.reconnectMaxDelay, this.reconnectMultiplier, this.reconnectJitter, this.reconnectMaxAttempts)
				: null;
		Map<String, String> headers = new LinkedHashMap<>(this.headers);
		if (this.origin != null) {
			headers.put("Origin", this.origin);
		}
		ClientOptions options = new ClientOptions(this.handshakeTimeout, Map.copyOf(headers), this.subprotocols,
				this.closeTimeout, this.maxMessageSize,
				this.heartbeat ? this.heartbeatInterval.plus(this.heartbeatMargin) : null, backoff);
		DefaultWsClient client;
		synchronized (this) {
			client = new DefaultWsClient(target, options, httpClient(), scheduler(), List.of(listener));
		}
		client.startAttempt();
		return client;
	}

	private static Duration positive(Duration duration, String what) {
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException(what + " must be positive but was " + duration);
		}
		return duration;
	}

	private static URI webSocketUrl(URI url) {
		String scheme = String.valueOf(url.getScheme()).toLowerCase(Locale.ROOT);
		String webSocketScheme = switch (scheme) {
			case "ws", "http" -> "ws";
			case "wss", "https" -> "wss";
			default -> throw new IllegalArgumentException(
					"A WebSocket URL starts with ws:// or wss:// but got '" + url + "'");
		};
		if (url.getRawFragment() != null) {
			throw new IllegalArgumentException("A WebSocket URL has no fragment but got '" + url + "'");
		}
		if (url.getHost() == null) {
			throw new IllegalArgumentException("A WebSocket URL needs a host but got '" + url + "'");
		}
		if (webSocketScheme.equals(scheme)) {
			return url;
		}
		try {
			return new URI(webSocketScheme, url.getRawSchemeSpecificPart(), null);
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("Invalid WebSocket URL '" + url + "'", ex);
		}
	}

	private HttpClient httpClient() {
		List<Object> options = new ArrayList<>();
		options.add(this.handshakeTimeout);
		options.add(String.valueOf(this.proxy));
		options.add((this.sslContext != null) ? this.sslContext : "default");
		HttpClient client = this.httpClient;
		if (client != null && options.equals(this.httpClientOptions)) {
			return client;
		}
		HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(this.handshakeTimeout);
		if (this.proxy != null) {
			builder.proxy(ProxySelector.of(this.proxy));
		}
		if (this.sslContext != null) {
			builder.sslContext(this.sslContext);
		}
		client = builder.build();
		this.httpClient = client;
		this.httpClientOptions = options;
		return client;
	}

	private ScheduledExecutorService scheduler() {
		ScheduledExecutorService scheduler = this.scheduler;
		if (scheduler == null) {
			scheduler = newScheduler();
			this.scheduler = scheduler;
		}
		return scheduler;
	}

	private static ScheduledExecutorService newScheduler() {
		AtomicInteger count = new AtomicInteger();
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "ws-client-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		executor.setRemoveOnCancelPolicy(true);
		// the thread ends when there is nothing to schedule, so a forgotten builder leaks nothing
		executor.setKeepAliveTime(10, TimeUnit.SECONDS);
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

}
