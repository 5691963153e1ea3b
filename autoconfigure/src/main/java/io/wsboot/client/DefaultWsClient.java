package io.wsboot.client;

import io.wsboot.ReadyState;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The {@link WsClient} made by {@link DefaultWsClientBuilder}: keeps the ready state, runs
 * one {@link ClientSocket} per connection attempt, turns what its socket reports into
 * events, and leaves to its {@link Reconnector} whether another attempt follows the end
 * of one. Its state changes under one lock, while the events they cause are added to its
 * {@link ListenerDispatcher}; the events are delivered after the lock is released.
 */
final class DefaultWsClient implements WsClient {

	private static final Log logger = LogFactory.getLog(DefaultWsClient.class);

	private final URI url;

	private final ClientOptions options;

	private final HttpClient httpClient;

	private final ScheduledExecutorService scheduler;

	private final ListenerDispatcher events;

	private final Reconnector reconnector;

	private final CompletableFuture<WsClient> opened = new CompletableFuture<>();

	private final CompletableFuture<Close> closed = new CompletableFuture<>();

	private final Object lock = new Object();

	// written under lock
	private volatile ReadyState readyState = ReadyState.CONNECTING;

	private volatile String protocol = "";

	// guarded by lock
	private @Nullable ClientSocket socket;

	private boolean paused;

	private @Nullable Close lastClose;

	DefaultWsClient(URI url, ClientOptions options, HttpClient httpClient, ScheduledExecutorService scheduler,
			List<WsClientListener> listeners) {
		this.url = url;
		this.options = options;
		this.httpClient = httpClient;
		this.scheduler = scheduler;
		this.events = new ListenerDispatcher("WebSocket client to " + url);
		listeners.forEach(this.events::addListener);
		this.reconnector = new Reconnector(url, options.reconnect(), scheduler, this::startAttempt);
	}

	@Override
	public URI url() {
		return this.url;
	}

	@Override
	public ReadyState readyState() {
		return this.readyState;
	}

	@Override
	public long bufferedAmount() {
		ClientSocket socket;
		synchronized (this.lock) {
			socket = this.socket;
		}
		return (socket != null) ? socket.bufferedAmount() : 0;
	}

	@Override
	public String protocol() {
		return this.protocol;
	}

	@Override
	public List<String> extensions() {
		return List.of();
	}

	@Override
	public CompletableFuture<WsClient> whenOpen() {
		return this.opened.copy();
	}

	@Override
	public CompletableFuture<Close> whenClosed() {
		return this.closed.copy();
	}

	@Override
	public void addListener(WsClientListener listener) {
		this.events.addListener(Objects.requireNonNull(listener, "listener"));
	}

	@Override
	public void removeListener(WsClientListener listener) {
		this.events.removeListener(listener);
	}

	@Override
	public CompletableFuture<Void> send(String text) {
		Objects.requireNonNull(text, "text");
		return outbound("a text message").text(text);
	}

	@Override
	public CompletableFuture<Void> send(ByteBuffer data) {
		Objects.requireNonNull(data, "data");
		return outbound("a binary message").binary(data);
	}

	@Override
	public CompletableFuture<Void> ping(byte[] payload) {
		OutboundQueue.checkControlPayload(payload);
		return outbound("a ping").ping(ByteBuffer.wrap(payload.clone()));
	}

	@Override
	public CompletableFuture<Void> pong(byte[] payload) {
		OutboundQueue.checkControlPayload(payload);
		return outbound("a pong").pong(ByteBuffer.wrap(payload.clone()));
	}

	@Override
	public void close(int code, String reason) {
		OutboundQueue.checkCloseFrame(code, reason);
		ClientSocket closing = null;
		ClientSocket connecting = null;
		synchronized (this.lock) {
			this.reconnector.stop();
			if (this.readyState == ReadyState.OPEN) {
				this.readyState = ReadyState.CLOSING;
				closing = this.socket;
			}
			else if (this.readyState == ReadyState.CONNECTING) {
				connecting = this.socket;
				if (connecting == null) {
					// waiting to reconnect: the close event of the connection lost was reported
					closedForGood(null);
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

	@Override
	public void terminate() {
		ClientSocket terminated;
		synchronized (this.lock) {
			this.reconnector.stop();
			terminated = this.socket;
			if (terminated == null && this.readyState != ReadyState.CLOSED) {
				// waiting to reconnect: the close event of the connection lost was reported
				closedForGood(null);
			}
		}
		if (terminated != null) {
			ended(terminated, 1006, "Terminated", null, true);
		}
		this.events.deliver();
	}

	@Override
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

	@Override
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

	@Override
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
			attempt = this.reconnector.attempt();
		}
		OutboundQueue outbound = (state == ReadyState.OPEN && socket != null) ? socket.outbound() : null;
		if (outbound == null) {
			throw new IllegalStateException("Cannot send " + what + ": the WebSocket to " + this.url + " is " + state
					+ " (" + why(state, attempt) + ")");
		}
		return outbound;
	}

	private static String why(ReadyState state, int attempt) {
		return switch (state) {
			case CONNECTING -> (attempt == 0) ? "the opening handshake is under way: send from onOpen or after whenOpen()"
					: "the connection was lost; reconnect attempt " + attempt + " is scheduled or under way";
			case CLOSING -> "the closing handshake is under way";
			case CLOSED -> "the connection is closed";
			case OPEN -> "it is opening a new connection";
		};
	}

	// connection attempts and their events

	/**
	 * Start a connection attempt: the first one, when the builder made the client, and
	 * each reconnect the {@link Reconnector} schedules.
	 */
	void startAttempt() {
		ClientSocket attempt;
		synchronized (this.lock) {
			if (this.reconnector.isStopped()) {
				return;
			}
			this.readyState = ReadyState.CONNECTING;
			attempt = new ClientSocket(this, this.options.maxMessageSize(), this.scheduler, this.paused);
			this.socket = attempt;
		}
		CompletableFuture<WebSocket> handshake = this.options.handshake(this.httpClient, this.url, attempt);
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
				int reconnected = this.reconnector.opened();
				Duration heartbeat = this.options.heartbeat();
				if (heartbeat != null) {
					socket.startHeartbeat(heartbeat);
				}
				this.events.add("open", (listener) -> listener.onOpen(this));
				if (reconnected > 0) {
					this.events.add("reconnected", (listener) -> listener.onReconnected(this, reconnected));
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
			this.lastClose = new Close(code, reason);
			Reconnector.Retry retry = this.reconnector.ended(wasOpen, code, error);
			if (retry != null) {
				this.readyState = ReadyState.CONNECTING;
				this.events.add("reconnecting",
						(listener) -> listener.onReconnecting(this, retry.attempt(), retry.delay()));
			}
			else {
				closedForGood(error);
			}
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Closed " + this + " with " + code + (reason.isEmpty() ? "" : " (" + reason + ")"));
		}
		socket.end(abort, new IOException("The WebSocket to " + this.url + " ended (" + code
				+ ") before the frame was written"));
		this.events.deliver();
	}

	/**
	 * Enter {@link ReadyState#CLOSED}, which is final: fail {@link #whenOpen()} when the
	 * client never opened, and complete {@link #whenClosed()} with the last close event,
	 * after the listeners received it.
	 * @param error the error that ended the last attempt, if any
	 */
	private void closedForGood(@Nullable Throwable error) {
		this.readyState = ReadyState.CLOSED;
		if (!this.opened.isDone()) {
			Throwable failure = (error != null) ? error
					: WsConnectException.gaveUp(this.url, "closed before the connection opened");
			this.events.addTask("whenOpen", () -> this.opened.completeExceptionally(failure));
		}
		Close close = this.lastClose;
		Close last = (close != null) ? close : new Close(1006, "Closed before the connection was established");
		this.events.addTask("whenClosed", () -> this.closed.complete(last));
	}

}
