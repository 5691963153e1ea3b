package io.wsboot.client;

import io.wsboot.ReadyState;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A WebSocket client with the words of Node's {@code ws}: {@link #send(String) send},
 * {@link #ping(byte[]) ping}, {@link #pong(byte[]) pong}, {@link #close(int, String)
 * close}, {@link #terminate() terminate}, {@link #readyState() readyState},
 * {@link #bufferedAmount() bufferedAmount}, {@link #protocol() protocol}, and events
 * through {@link WsClientListener}s. On top of {@code ws}: a client heartbeat that drops a
 * connection the server stopped pinging, and reconnects with exponential backoff.
 * <p>
 * In a Spring application, inject the auto-configured {@link Builder}, which carries the
 * {@code ws.client.*} defaults; elsewhere, start from {@link #builder()}:
 *
 * <pre class="code">
 * WsClient client = builder.connect("ws://localhost:8080/echo", new WsClientListener() {
 *
 *     &#64;Override
 *     public void onOpen(WsClient client) {
 *         client.send("hello");
 *     }
 *
 *     &#64;Override
 *     public void onTextMessage(WsClient client, String text) {
 *         System.out.println("received " + text);
 *     }
 *
 * });
 * </pre>
 *
 * A client opens its connection at once, in the background, as {@code ws} does:
 * {@code connect} returns a client that is {@link ReadyState#CONNECTING}, and
 * {@link WsClientListener#onOpen} (or {@link #whenOpen()}) tells when it is open. Every
 * method is safe to call from any thread. Sends never block: they are queued and written
 * in order, one at a time, and the returned future completes when the message is
 * written. A send while the connection is not open fails at once with an
 * {@link IllegalStateException}, so nothing is dropped unseen.
 * <p>
 * The transport is the JDK's {@link java.net.http.WebSocket}: no dependency, HTTP
 * proxies through CONNECT, TLS with hostname verification. It answers pings by itself,
 * and negotiates no extension, so {@link #extensions()} is always empty.
 */
public final class WsClient {

	/**
	 * Close codes after which a client with reconnect on reconnects: going away, abnormal
	 * closure, internal error, service restart, try again later.
	 */
	static final Set<Integer> RECONNECT_CODES = Set.of(1001, 1006, 1011, 1012, 1013);

	private static final Log logger = LogFactory.getLog(WsClient.class);

	private final URI url;

	private final Options options;

	private final HttpClient httpClient;

	private final ScheduledExecutorService scheduler;

	private final ListenerDispatcher events;

	private final CompletableFuture<WsClient> opened = new CompletableFuture<>();

	private final Object lock = new Object();

	// written under lock
	private volatile ReadyState readyState = ReadyState.CONNECTING;

	private volatile String protocol = "";

	// guarded by lock
	private @Nullable ClientSocket socket;

	private boolean closeRequested;

	private boolean everOpened;

	private boolean paused;

	private int attempt;

	private @Nullable ScheduledFuture<?> reconnectTimer;

	private WsClient(URI url, Options options, HttpClient httpClient, ScheduledExecutorService scheduler,
			List<WsClientListener> listeners) {
		this.url = url;
		this.options = options;
		this.httpClient = httpClient;
		this.scheduler = scheduler;
		this.events = new ListenerDispatcher("WebSocket client to " + url);
		listeners.forEach(this.events::addListener);
	}

	/**
	 * Return a builder with the defaults of a client made without Spring: no heartbeat, no
	 * reconnect, a 10 second handshake timeout.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Open a client with the defaults of {@link #builder()}.
	 * @param url the URL, {@code ws://} or {@code wss://}
	 * @param listener receives the client's events
	 * @return the client, {@link ReadyState#CONNECTING}
	 */
	public static WsClient connect(String url, WsClientListener listener) {
		return builder().connect(url, listener);
	}

	/**
	 * Return the URL the client connects to.
	 * @return the URL
	 */
	public URI url() {
		return this.url;
	}

	/**
	 * Return the state of the connection. {@link ReadyState#CONNECTING} while a handshake
	 * is under way or a reconnect is scheduled; {@link ReadyState#CLOSED} is final.
	 * @return the ready state
	 */
	public ReadyState readyState() {
		return this.readyState;
	}

	/**
	 * Return whether the connection is open.
	 * @return {@code true} when {@link #readyState()} is {@link ReadyState#OPEN}
	 */
	public boolean isOpen() {
		return this.readyState == ReadyState.OPEN;
	}

	/**
	 * Return the number of bytes of the messages queued by {@code send} and not yet
	 * written to the network. Back to {@code 0} when the connection ends: the messages
	 * not written are then failed.
	 * @return the buffered amount in bytes
	 */
	public long bufferedAmount() {
		ClientSocket socket;
		synchronized (this.lock) {
			socket = this.socket;
		}
		return (socket != null) ? socket.bufferedAmount() : 0;
	}

	/**
	 * Return the subprotocol the server selected among the ones offered.
	 * @return the subprotocol, or an empty string when none was selected or the
	 * connection never opened
	 */
	public String protocol() {
		return this.protocol;
	}

	/**
	 * Return the negotiated extensions. The JDK's client offers none, so none are ever
	 * negotiated: messages are not compressed.
	 * @return an empty list
	 */
	public List<String> extensions() {
		return List.of();
	}

	/**
	 * Return a future that completes when the connection first opens, and fails with the
	 * error that ended the first attempt (a {@link WsConnectException} when the handshake
	 * failed) unless a reconnect follows, or when the client is closed before opening.
	 * @return a future of this client
	 */
	public CompletableFuture<WsClient> whenOpen() {
		return this.opened.copy();
	}

	/**
	 * Add a listener. Events that happened before are not replayed.
	 * @param listener the listener
	 */
	public void addListener(WsClientListener listener) {
		this.events.addListener(Objects.requireNonNull(listener, "listener"));
	}

	/**
	 * Remove a listener.
	 * @param listener the listener
	 */
	public void removeListener(WsClientListener listener) {
		this.events.removeListener(listener);
	}

	/**
	 * Send a text message.
	 * @param text the message
	 * @return completes when the message is written, fails when the connection ends first
	 * @throws IllegalStateException when the connection is not open
	 */
	public CompletableFuture<Void> send(String text) {
		Objects.requireNonNull(text, "text");
		return outbound("a text message").text(text);
	}

	/**
	 * Send a binary message. The array must not be changed until the message is written.
	 * @param data the message
	 * @return completes when the message is written, fails when the connection ends first
	 * @throws IllegalStateException when the connection is not open
	 */
	public CompletableFuture<Void> send(byte[] data) {
		return send(ByteBuffer.wrap(data));
	}

	/**
	 * Send a binary message: the buffer's remaining bytes. The buffer's content must not
	 * be changed until the message is written; its position is left as it is.
	 * @param data the message
	 * @return completes when the message is written, fails when the connection ends first
	 * @throws IllegalStateException when the connection is not open
	 */
	public CompletableFuture<Void> send(ByteBuffer data) {
		Objects.requireNonNull(data, "data");
		return outbound("a binary message").binary(data);
	}

	/**
	 * Send a ping with an empty payload.
	 * @return completes when the ping is written
	 * @throws IllegalStateException when the connection is not open
	 */
	public CompletableFuture<Void> ping() {
		return ping(new byte[0]);
	}

	/**
	 * Send a ping; the server answers with a pong carrying the same payload, which
	 * {@link WsClientListener#onPong} receives.
	 * @param payload the payload, at most 125 bytes
	 * @return completes when the ping is written
	 * @throws IllegalStateException when the connection is not open
	 */
	public CompletableFuture<Void> ping(byte[] payload) {
		checkControlPayload(payload);
		return outbound("a ping").ping(ByteBuffer.wrap(payload.clone()));
	}

	/**
	 * Send an unsolicited pong with an empty payload.
	 * @return completes when the pong is written
	 * @throws IllegalStateException when the connection is not open
	 */
	public CompletableFuture<Void> pong() {
		return pong(new byte[0]);
	}

	/**
	 * Send an unsolicited pong. Pings need no answer from the application: the client
	 * answers them by itself.
	 * @param payload the payload, at most 125 bytes
	 * @return completes when the pong is written
	 * @throws IllegalStateException when the connection is not open
	 */
	public CompletableFuture<Void> pong(byte[] payload) {
		checkControlPayload(payload);
		return outbound("a pong").pong(ByteBuffer.wrap(payload.clone()));
	}

	private static void checkControlPayload(byte[] payload) {
		if (payload.length > 125) {
			throw new IllegalArgumentException(
					"A ping or pong payload is at most 125 bytes but this one is " + payload.length);
		}
	}

	/**
	 * Start the closing handshake with 1000 (normal closure).
	 * @see #close(int, String)
	 */
	public void close() {
		close(1000, "");
	}

	/**
	 * Start the closing handshake, after the messages already queued. The close event
	 * follows when the server answers, with the code it answered; a server that does not
	 * answer within the close timeout is dropped, and the close event reports 1006. A
	 * client whose handshake is under way gives it up (close event 1006); one waiting to
	 * reconnect stops waiting (the close event of the connection it lost was reported
	 * already). Never followed by a reconnect. Does nothing when the client is already
	 * closing or closed.
	 * @param code 1000, 1001, 1008, 1011, or from 3000 to 4999: the codes a client may send
	 * @param reason the reason, at most 123 bytes of UTF-8
	 */
	public void close(int code, String reason) {
		checkCloseFrame(code, reason);
		ClientSocket closing = null;
		ClientSocket connecting = null;
		synchronized (this.lock) {
			this.closeRequested = true;
			cancelReconnect();
			if (this.readyState == ReadyState.OPEN) {
				this.readyState = ReadyState.CLOSING;
				closing = this.socket;
			}
			else if (this.readyState == ReadyState.CONNECTING) {
				connecting = this.socket;
				if (connecting == null) {
					stopReconnecting();
				}
			}
		}
		if (closing != null) {
			if (logger.isDebugEnabled()) {
				logger.debug("Closing " + this + " with " + code);
			}
			closing.close(code, reason, this.options.closeTimeout());
		}
		if (connecting != null) {
			ended(connecting, 1006, "Closed before the connection was established", null, true);
		}
		this.events.deliver();
	}

	private static void checkCloseFrame(int code, String reason) {
		boolean legal = code == 1000 || code == 1001 || code == 1008 || code == 1011 || (code >= 3000 && code <= 4999);
		if (!legal) {
			throw new IllegalArgumentException(
					"Close code " + code + " cannot be sent by a client: use 1000, 1001, 1008, 1011 or 3000 to 4999");
		}
		int length = reason.getBytes(StandardCharsets.UTF_8).length;
		if (length > 123) {
			throw new IllegalArgumentException("A close reason is at most 123 bytes of UTF-8 but this one is " + length);
		}
	}

	/**
	 * Drop the connection at once, without a closing handshake; queued messages are
	 * failed. The close event reports 1006 (abnormal closure). Never followed by a
	 * reconnect.
	 */
	public void terminate() {
		ClientSocket terminated;
		synchronized (this.lock) {
			this.closeRequested = true;
			cancelReconnect();
			terminated = this.socket;
			if (terminated == null && this.readyState != ReadyState.CLOSED) {
				stopReconnecting();
			}
		}
		if (terminated != null) {
			ended(terminated, 1006, "Terminated", null, true);
		}
		this.events.deliver();
	}

	/**
	 * Stop reading: no message event until {@link #resume()}, and the server is slowed
	 * down by TCP flow control once the buffers between are full. The client heartbeat is
	 * suspended meanwhile, since nothing is read.
	 */
	public void pause() {
		ClientSocket socket;
		synchronized (this.lock) {
			this.paused = true;
			socket = this.socket;
		}
		if (socket != null) {
			socket.pause();
		}
	}

	/**
	 * Read again after {@link #pause()}.
	 */
	public void resume() {
		ClientSocket socket;
		synchronized (this.lock) {
			this.paused = false;
			socket = this.socket;
		}
		if (socket != null) {
			socket.resume();
		}
	}

	/**
	 * Return whether the client is paused.
	 * @return {@code true} between {@link #pause()} and {@link #resume()}
	 */
	public boolean isPaused() {
		synchronized (this.lock) {
			return this.paused;
		}
	}

	@Override
	public String toString() {
		return "WsClient[" + this.url + ", " + this.readyState + "]";
	}

	private OutboundQueue outbound(String what) {
		ReadyState state;
		ClientSocket socket;
		int attempt;
		synchronized (this.lock) {
			state = this.readyState;
			socket = this.socket;
			attempt = this.attempt;
		}
		OutboundQueue outbound = (state == ReadyState.OPEN && socket != null) ? socket.outbound() : null;
		if (outbound == null) {
			throw new IllegalStateException("Cannot send " + what + ": the WebSocket to " + this.url + " is " + state
					+ " (" + why(state, attempt) + ")");
		}
		return outbound;
	}

	private String why(ReadyState state, int attempt) {
		return switch (state) {
			case CONNECTING -> (attempt == 0) ? "the opening handshake is under way: send from onOpen or after whenOpen()"
					: "the connection was lost; reconnect attempt " + attempt + " is scheduled or under way";
			case CLOSING -> "the closing handshake is under way";
			case CLOSED -> "the connection is closed";
			case OPEN -> "it is opening a new connection";
		};
	}

	// connection attempts and their events

	private void startAttempt() {
		ClientSocket attempt;
		synchronized (this.lock) {
			if (this.closeRequested) {
				return;
			}
			this.reconnectTimer = null;
			this.readyState = ReadyState.CONNECTING;
			attempt = new ClientSocket(this, this.options.maxMessageSize(), this.scheduler, this.paused);
			this.socket = attempt;
		}
		CompletableFuture<WebSocket> handshake;
		try {
			WebSocket.Builder builder = this.httpClient.newWebSocketBuilder()
				.connectTimeout(this.options.handshakeTimeout());
			this.options.headers().forEach(builder::header);
			List<String> subprotocols = this.options.subprotocols();
			if (!subprotocols.isEmpty()) {
				builder.subprotocols(subprotocols.get(0),
						subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
			}
			handshake = builder.buildAsync(this.url, attempt);
		}
		catch (RuntimeException ex) {
			handshake = CompletableFuture.failedFuture(ex);
		}
		handshake.whenComplete((socket, ex) -> {
			if (ex != null) {
				WsConnectException failure = WsConnectException.of(this.url, ex, this.options.handshakeTimeout());
				ended(attempt, 1006, failure.getMessage(), failure, true);
			}
		});
	}

	void socketOpened(ClientSocket socket) {
		boolean current;
		synchronized (this.lock) {
			current = socket == this.socket && this.readyState == ReadyState.CONNECTING;
			if (current) {
				this.readyState = ReadyState.OPEN;
				this.protocol = socket.protocol();
				boolean reconnected = this.everOpened;
				int attempts = this.attempt;
				this.everOpened = true;
				this.attempt = 0;
				Duration heartbeat = this.options.heartbeat();
				if (heartbeat != null) {
					socket.startHeartbeat(heartbeat);
				}
				this.events.add("open", (listener) -> listener.onOpen(this));
				if (reconnected) {
					this.events.add("reconnected", (listener) -> listener.onReconnected(this, attempts));
				}
				this.events.addTask("whenOpen", () -> this.opened.complete(this));
			}
		}
		if (!current) {
			socket.end(true, new IOException("Connection no longer wanted"));
			return;
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Opened " + this + ((this.protocol.isEmpty()) ? "" : " with subprotocol " + this.protocol));
		}
		this.events.deliver();
	}

	void textReceived(ClientSocket socket, String text) {
		received(socket, "text message", (listener) -> listener.onTextMessage(this, text));
	}

	void binaryReceived(ClientSocket socket, ByteBuffer data) {
		received(socket, "binary message", (listener) -> listener.onBinaryMessage(this, data));
	}

	void pingReceived(ClientSocket socket, ByteBuffer payload) {
		received(socket, "ping", (listener) -> listener.onPing(this, payload));
	}

	void pongReceived(ClientSocket socket, ByteBuffer payload) {
		received(socket, "pong", (listener) -> listener.onPong(this, payload));
	}

	private void received(ClientSocket socket, String name, Consumer<WsClientListener> event) {
		synchronized (this.lock) {
			if (socket != this.socket) {
				return;
			}
			this.events.add(name, event);
		}
		this.events.deliver();
	}

	void closeReceived(ClientSocket socket, int code, String reason) {
		if (code == 1006) {
			ended(socket, 1006, reason.isEmpty() ? "Connection lost without a close frame" : reason, null, true);
			return;
		}
		ended(socket, code, reason, null, false);
	}

	void transportFailed(ClientSocket socket, Throwable error) {
		ended(socket, 1006, "Transport error: " + error, error, true);
	}

	void heartbeatTimedOut(ClientSocket socket, Duration silent) {
		if (logger.isDebugEnabled()) {
			logger.debug("Terminating " + this + ": nothing heard from the server for " + silent.toMillis() + " ms");
		}
		ended(socket, 1006, "Heartbeat: nothing heard from the server for " + silent.toMillis() + " ms", null, true);
	}

	void closeTimedOut(ClientSocket socket, Duration timeout) {
		if (this.readyState == ReadyState.CLOSING) {
			ended(socket, 1006, "No close frame from the server within " + timeout.toMillis() + " ms", null, true);
		}
	}

	void messageTooBig(ClientSocket socket, long maxMessageSize) {
		synchronized (this.lock) {
			if (socket != this.socket || this.readyState != ReadyState.OPEN) {
				return;
			}
			this.readyState = ReadyState.CLOSING;
			IOException error = new IOException("A message from " + this.url + " is larger than " + maxMessageSize
					+ " bytes; closing with 1008 (the JDK's client may not send 1009)");
			this.events.add("error", (listener) -> listener.onError(this, error));
		}
		socket.close(1008, "Message too big", this.options.closeTimeout());
		this.events.deliver();
	}

	/**
	 * End an attempt: report it, then reconnect or close for good.
	 */
	private void ended(ClientSocket socket, int code, String reason, @Nullable Throwable error, boolean abort) {
		synchronized (this.lock) {
			if (socket != this.socket) {
				return;
			}
			this.socket = null;
			boolean wasOpen = this.readyState != ReadyState.CONNECTING;
			if (error != null) {
				this.events.add("error", (listener) -> listener.onError(this, error));
			}
			this.events.add("close", (listener) -> listener.onClose(this, code, reason));
			boolean wanted = wasOpen ? RECONNECT_CODES.contains(code)
					: !(error instanceof WsConnectException failure) || failure.isRetryable();
			reconnectOrClose(wanted, error);
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Closed " + this + " with " + code + (reason.isEmpty() ? "" : " (" + reason + ")"));
		}
		socket.end(abort, new IOException("The WebSocket to " + this.url + " ended (" + code
				+ ") before the frame was written"));
		this.events.deliver();
	}

	/**
	 * Schedule a reconnect when wanted and allowed; close for good otherwise.
	 */
	private void reconnectOrClose(boolean wanted, @Nullable Throwable error) {
		ReconnectBackoff backoff = this.options.reconnect();
		if (backoff != null && wanted && !this.closeRequested) {
			int next = this.attempt + 1;
			if (backoff.allows(next)) {
				Duration delay = backoff.delay(next);
				try {
					this.reconnectTimer = this.scheduler.schedule(this::startAttempt, delay.toMillis(), TimeUnit.MILLISECONDS);
					this.attempt = next;
					this.readyState = ReadyState.CONNECTING;
					this.events.add("reconnecting", (listener) -> listener.onReconnecting(this, next, delay));
					if (logger.isDebugEnabled()) {
						logger.debug("Reconnecting " + this + " in " + delay.toMillis() + " ms (attempt " + next + ")");
					}
					return;
				}
				catch (RejectedExecutionException ex) {
					// the scheduler is shut down: the application is stopping
				}
			}
			else {
				logger.info("Gave up reconnecting to " + this.url + " after " + backoff.maxAttempts() + " attempts");
			}
		}
		this.readyState = ReadyState.CLOSED;
		if (!this.opened.isDone()) {
			Throwable failure = (error != null) ? error
					: WsConnectException.gaveUp(this.url, "closed before the connection opened");
			this.events.addTask("whenOpen", () -> this.opened.completeExceptionally(failure));
		}
	}

	private void cancelReconnect() {
		ScheduledFuture<?> timer = this.reconnectTimer;
		if (timer != null) {
			timer.cancel(false);
			this.reconnectTimer = null;
		}
	}

	/**
	 * Close for good while waiting for a reconnect: the close event of the connection
	 * that was lost was reported already.
	 */
	private void stopReconnecting() {
		this.readyState = ReadyState.CLOSED;
		if (!this.opened.isDone()) {
			WsConnectException failure = WsConnectException.gaveUp(this.url, "closed before the connection opened");
			this.events.addTask("whenOpen", () -> this.opened.completeExceptionally(failure));
		}
	}

	/**
	 * What a client is made with, fixed when it is built.
	 */
	private record Options(Duration handshakeTimeout, Map<String, String> headers, List<String> subprotocols,
			Duration closeTimeout, long maxMessageSize, @Nullable Duration heartbeat,
			@Nullable ReconnectBackoff reconnect) {

	}

	/**
	 * Builds {@link WsClient}s: options first, then {@link #connect(String, WsClientListener)
	 * connect} as many clients as needed. The clients of one builder share its HTTP client
	 * and its scheduler thread. The auto-configured builder bean is a new builder for each
	 * injection point, with the {@code ws.client.*} properties applied. Not thread-safe
	 * while being configured; {@code connect} may be called from any thread.
	 */
	public static final class Builder {

		private static final Set<String> RESTRICTED_HEADERS = Set.of("host", "connection", "upgrade",
				"content-length", "expect");

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

		Builder() {
		}

		/**
		 * Set the longest time the opening handshake may take, TCP connection, proxy
		 * tunnel and TLS included.
		 * @param handshakeTimeout the timeout; default 10 seconds
		 * @return this builder
		 */
		public Builder handshakeTimeout(Duration handshakeTimeout) {
			this.handshakeTimeout = positive(handshakeTimeout, "Handshake timeout");
			return this;
		}

		/**
		 * Set the {@code Origin} header of the handshake, as a browser would send it.
		 * @param origin the origin, such as {@code https://app.example.com}, or
		 * {@code null} for none (the default)
		 * @return this builder
		 */
		public Builder origin(@Nullable String origin) {
			this.origin = origin;
			return this;
		}

		/**
		 * Add a header to the handshake request, such as {@code Authorization} or
		 * {@code Cookie}. The headers of the handshake itself ({@code Host},
		 * {@code Connection}, {@code Upgrade}, {@code Sec-WebSocket-*}) are the client's:
		 * setting one fails.
		 * @param name the header name
		 * @param value the header value
		 * @return this builder
		 */
		public Builder header(String name, String value) {
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

		/**
		 * Set the subprotocols offered to the server, in order of preference; the one it
		 * selects is the client's {@link WsClient#protocol()}.
		 * @param subprotocols the subprotocols; none by default
		 * @return this builder
		 */
		public Builder subprotocols(String... subprotocols) {
			return subprotocols(List.of(subprotocols));
		}

		/**
		 * Set the subprotocols offered to the server, in order of preference.
		 * @param subprotocols the subprotocols
		 * @return this builder
		 */
		public Builder subprotocols(List<String> subprotocols) {
			this.subprotocols = List.copyOf(subprotocols);
			return this;
		}

		/**
		 * Connect through an HTTP proxy, with a CONNECT tunnel for {@code ws://} and
		 * {@code wss://} alike.
		 * @param host the proxy's host
		 * @param port the proxy's port
		 * @return this builder
		 */
		public Builder proxy(String host, int port) {
			return proxy(InetSocketAddress.createUnresolved(host, port));
		}

		/**
		 * Connect through an HTTP proxy, with a CONNECT tunnel.
		 * @param proxy the proxy's address, or {@code null} to connect directly (the
		 * default)
		 * @return this builder
		 */
		public Builder proxy(@Nullable InetSocketAddress proxy) {
			this.proxy = proxy;
			return this;
		}

		/**
		 * Set the TLS context of {@code wss://} connections, such as one that trusts a
		 * private certificate authority. The server's host name is verified against its
		 * certificate whatever the context.
		 * @param sslContext the context, or {@code null} for the JDK's default (the
		 * default)
		 * @return this builder
		 */
		public Builder sslContext(@Nullable SSLContext sslContext) {
			this.sslContext = sslContext;
			return this;
		}

		/**
		 * Set the longest time to wait, after {@link WsClient#close(int, String)}, for the
		 * server's close frame before dropping the connection.
		 * @param closeTimeout the timeout; default 30 seconds
		 * @return this builder
		 */
		public Builder closeTimeout(Duration closeTimeout) {
			this.closeTimeout = positive(closeTimeout, "Close timeout");
			return this;
		}

		/**
		 * Set the largest message accepted from the server, summed over its fragments; a
		 * larger one is reported as an error and closes the connection with 1008.
		 * @param maxMessageSize the size in bytes; default 100 MiB
		 * @return this builder
		 */
		public Builder maxMessageSize(long maxMessageSize) {
			if (maxMessageSize < 0) {
				throw new IllegalArgumentException("Max message size must not be negative but was " + maxMessageSize);
			}
			this.maxMessageSize = maxMessageSize;
			return this;
		}

		/**
		 * Set whether to terminate a connection that has heard nothing from the server
		 * (ping or any other frame) for the heartbeat interval plus margin; its close
		 * event reports 1006. For servers that ping, as the starter's does.
		 * @param heartbeat whether the heartbeat is on; off by default
		 * @return this builder
		 */
		public Builder heartbeat(boolean heartbeat) {
			this.heartbeat = heartbeat;
			return this;
		}

		/**
		 * Set the time between two pings of the server.
		 * @param heartbeatInterval the server's ping interval; default 30 seconds
		 * @return this builder
		 */
		public Builder heartbeatInterval(Duration heartbeatInterval) {
			this.heartbeatInterval = positive(heartbeatInterval, "Heartbeat interval");
			return this;
		}

		/**
		 * Set the time allowed, on top of the interval, for latency and the server's
		 * scheduling.
		 * @param heartbeatMargin the margin; default 5 seconds
		 * @return this builder
		 */
		public Builder heartbeatMargin(Duration heartbeatMargin) {
			if (heartbeatMargin.isNegative()) {
				throw new IllegalArgumentException("Heartbeat margin must not be negative but was " + heartbeatMargin);
			}
			this.heartbeatMargin = heartbeatMargin;
			return this;
		}

		/**
		 * Set whether to reconnect when the connection is lost (1006), or the server goes
		 * away (1001), fails (1011), restarts (1012) or is overloaded (1013), and when a
		 * handshake fails for a reason that may pass. Never after a close or terminate
		 * the application asked for.
		 * @param reconnect whether to reconnect; off by default
		 * @return this builder
		 */
		public Builder reconnect(boolean reconnect) {
			this.reconnect = reconnect;
			return this;
		}

		/**
		 * Set the delay before the first reconnect attempt.
		 * @param initialDelay the delay; default 1 second
		 * @return this builder
		 */
		public Builder reconnectInitialDelay(Duration initialDelay) {
			if (initialDelay.isNegative()) {
				throw new IllegalArgumentException("Reconnect initial delay must not be negative but was " + initialDelay);
			}
			this.reconnectInitialDelay = initialDelay;
			return this;
		}

		/**
		 * Set the longest delay between two reconnect attempts.
		 * @param maxDelay the delay; default 30 seconds
		 * @return this builder
		 */
		public Builder reconnectMaxDelay(Duration maxDelay) {
			this.reconnectMaxDelay = positive(maxDelay, "Reconnect max delay");
			return this;
		}

		/**
		 * Set the factor from one reconnect delay to the next.
		 * @param multiplier the factor, at least 1; default 2
		 * @return this builder
		 */
		public Builder reconnectMultiplier(double multiplier) {
			if (!(multiplier >= 1)) {
				throw new IllegalArgumentException("Reconnect multiplier must be at least 1 but was " + multiplier);
			}
			this.reconnectMultiplier = multiplier;
			return this;
		}

		/**
		 * Set the largest fraction of each reconnect delay taken off at random, so that
		 * clients dropped together do not come back together.
		 * @param jitter the fraction, from 0 to 1; default 0.5
		 * @return this builder
		 */
		public Builder reconnectJitter(double jitter) {
			if (!(jitter >= 0 && jitter <= 1)) {
				throw new IllegalArgumentException("Reconnect jitter must be from 0 to 1 but was " + jitter);
			}
			this.reconnectJitter = jitter;
			return this;
		}

		/**
		 * Set the number of failed reconnect attempts after which to give up.
		 * @param maxAttempts the number, {@code 0} for no limit (the default)
		 * @return this builder
		 */
		public Builder reconnectMaxAttempts(int maxAttempts) {
			if (maxAttempts < 0) {
				throw new IllegalArgumentException(
						"Reconnect max attempts must be 0 (no limit) or more but was " + maxAttempts);
			}
			this.reconnectMaxAttempts = maxAttempts;
			return this;
		}

		/**
		 * Set the scheduler of the heartbeat checks, close timeouts and reconnect delays.
		 * By default the builder makes one daemon thread, shared by its clients, that
		 * stops when idle.
		 * @param scheduler the scheduler
		 * @return this builder
		 */
		public Builder scheduler(ScheduledExecutorService scheduler) {
			this.scheduler = scheduler;
			return this;
		}

		/**
		 * Open a client, with no listener yet.
		 * @param url the URL: {@code ws://} or {@code wss://} ({@code http://} and
		 * {@code https://} are taken for them), without fragment
		 * @return the client, {@link ReadyState#CONNECTING}
		 */
		public WsClient connect(String url) {
			return connect(url, new WsClientListener() {
			});
		}

		/**
		 * Open a client.
		 * @param url the URL: {@code ws://} or {@code wss://} ({@code http://} and
		 * {@code https://} are taken for them), without fragment
		 * @param listener receives the client's events, from the first
		 * @return the client, {@link ReadyState#CONNECTING}
		 */
		public WsClient connect(String url, WsClientListener listener) {
			return connect(URI.create(url), listener);
		}

		/**
		 * Open a client.
		 * @param url the URL: {@code ws://} or {@code wss://} ({@code http://} and
		 * {@code https://} are taken for them), without fragment
		 * @param listener receives the client's events, from the first
		 * @return the client, {@link ReadyState#CONNECTING}
		 */
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
			Options options = new Options(this.handshakeTimeout, Map.copyOf(headers), this.subprotocols,
					this.closeTimeout, this.maxMessageSize,
					this.heartbeat ? this.heartbeatInterval.plus(this.heartbeatMargin) : null, backoff);
			WsClient client;
			synchronized (this) {
				client = new WsClient(target, options, httpClient(), scheduler(), List.of(listener));
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

}
