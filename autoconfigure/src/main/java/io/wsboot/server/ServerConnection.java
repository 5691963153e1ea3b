package io.wsboot.server;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.wsboot.HandshakeRequest;
import io.wsboot.MessageCodec;
import io.wsboot.ReadyState;
import io.wsboot.WsConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.CloseStatus;

/**
 * A server-side {@link WsConnection}: its outbound queue, its closing handshake and its
 * heartbeat state.
 * <p>
 * Outbound, a frame is written at once, on the sending thread, when nothing is queued
 * ahead of it and the socket takes it without blocking; otherwise it is queued, and the
 * container's write-possible callback drains the queue. One thread writes at a time, so
 * frames never interleave; no sender ever waits on the peer, and no thread is handed a
 * write.
 */
final class ServerConnection implements WsConnection {

	private static final Log logger = LogFactory.getLog(ServerConnection.class);

	// payload-less, and shared: a frame's bytes are never changed
	private static final Frame HEARTBEAT_PING = Frame.ping(new byte[0]);

	// the write state: no writer, a thread writing, or the write-possible callback awaited
	private static final int IDLE = 0;

	private static final int WRITING = 1;

	private static final int AWAITING = 2;

	// opened for the endpoint (its socket attached), not yet, or closed before it was
	private static final int NOT_OPENED = 0;

	private static final int OPENED = 1;

	private static final int CLOSED_UNOPENED = 2;

	private static final VarHandle OPEN_STATE;

	private static final VarHandle UNREPORTED_CLOSE;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			OPEN_STATE = lookup.findVarHandle(ServerConnection.class, "openState", int.class);
			UNREPORTED_CLOSE = lookup.findVarHandle(ServerConnection.class, "unreportedClose", CloseStatus.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	/**
	 * The transport of a connection registered at its handshake, until the container
	 * hands over the upgraded socket: it takes nothing, so that what is sent meanwhile is
	 * queued and goes out once the socket is {@link #attach attached}.
	 */
	static final Transport NOT_ATTACHED = new Transport() {

		@Override
		public boolean isReady() {
			return false;
		}

		@Override
		public void write(byte[] bytes) {
			throw new IllegalStateException("No socket attached yet");
		}

		@Override
		public boolean flush() {
			return false;
		}

		@Override
		public void close() {
			// no socket yet: attach closes the one that comes
		}

		@Override
		public String toString() {
			return "not attached";
		}

	};

	private final String id;

	private final String endpointId;

	private final String path;

	private final Map<String, String> pathParams;

	private final HandshakeRequest handshake;

	private final Map<String, Object> attributes;

	private final String protocol;

	private final List<String> extensions;

	private final EndpointSettings settings;

	private final @Nullable InetSocketAddress localAddress;

	// server_max_window_bits of permessage-deflate, 0 without it
	private final int windowBits;

	// NOT_ATTACHED from the handshake until the container hands over the socket
	private volatile Transport transport;

	@SuppressWarnings("unused") // through OPEN_STATE
	private volatile int openState;

	// the close of a connection closed before its socket came, reported when it comes
	private volatile @Nullable CloseStatus unreportedClose;

	private final Closed closed;

	private final Queue<Frame> queue = new ConcurrentLinkedQueue<>();

	private final AtomicLong buffered = new AtomicLong();

	private final AtomicInteger writeState = new AtomicInteger();

	private final AtomicReference<ReadyState> state = new AtomicReference<>(ReadyState.OPEN);

	private final AtomicBoolean finished = new AtomicBoolean();

	private final AtomicBoolean errorReported = new AtomicBoolean();

	private final AtomicLong dropped = new AtomicLong();

	// when the output stopped taking bytes, 0 while it takes them: read by the sweep
	private volatile long stalledSinceNanos;

	/**
	 * Whether the write-possible callback owes a flush when it takes over as the writer:
	 * the writer's, handed over with the role.
	 */
	private boolean flushDue;

	// the closing handshake
	private volatile long closingSinceNanos;

	private volatile boolean closeReceived;

	private volatile boolean closeSent;

	// whether the socket goes once the close frame is out, without waiting for the peer's
	private volatile boolean closeWhenSent;

	// the code of the closing handshake: ours when we began it, else the peer's
	private volatile int reportedCode = 1006;

	private volatile String reportedReason = "";

	// the code of a connection dropped without a closing handshake
	private volatile int abortCode = 1006;

	private volatile String abortReason = "";

	private final AtomicBoolean reported = new AtomicBoolean();

	// heartbeat state, read and written by the sweep; inbound traffic sets alive
	private volatile boolean alive = true;

	private volatile long nextPingMillis;

	// idle state: set by each data message, taken by the sweep
	private volatile boolean received;

	private volatile long idleSinceMillis = -1;

	// observability and typed messages (issue 11)
	private final ServerListeners listeners;

	private final @Nullable MessageCodec codec;

	ServerConnection(String id, String endpointId, String path, Map<String, String> pathParams,
			HandshakeRequest handshake, Map<String, Object> attributes, String protocol, List<String> extensions,
			EndpointSettings settings, @Nullable InetSocketAddress localAddress, int windowBits, Transport transport,
			Closed closed) {
		this(id, endpointId, path, pathParams, handshake, attributes, protocol, extensions, settings, localAddress,
				windowBits, transport, closed, ServerListeners.NONE, null);
	}

	ServerConnection(String id, String endpointId, String path, Map<String, String> pathParams,
			HandshakeRequest handshake, Map<String, Object> attributes, String protocol, List<String> extensions,
			EndpointSettings settings, @Nullable InetSocketAddress localAddress, int windowBits, Transport transport,
			Closed closed, ServerListeners listeners, @Nullable MessageCodec codec) {
		this.listeners = listeners;
		this.codec = codec;
		this.id = id;
		this.endpointId = endpointId;
		this.path = path;
		this.pathParams = pathParams;
		this.handshake = handshake;
		this.attributes = attributes;
		this.protocol = protocol;
		this.extensions = extensions;
		this.settings = settings;
		this.localAddress = localAddress;
		this.windowBits = windowBits;
		this.transport = transport;
		this.closed = closed;
		if (transport == NOT_ATTACHED) {
			// timed like a stalled write: a socket the container never hands over (the
			// client gone after its 101) ends the connection after the send time limit
			this.stalledSinceNanos = System.nanoTime();
		}
	}

	/**
	 * Take the upgraded socket of a connection registered at its handshake, and with it
	 * open the connection for its endpoint: from here its close is reported, and its open
	 * callback is due. What was sent to it meanwhile stays queued until
	 * {@link #onWritePossible()}, which the open callback's caller makes once it ran.
	 * @param transport the socket
	 * @return {@code false} when the connection ended meanwhile, never to be opened: the
	 * socket is closed
	 */
	boolean attach(Transport transport) {
		this.transport = transport;
		// read after the write of the transport, as finish() writes finished before it
		// reads the transport: one of the two closes the socket
		if (this.finished.get() || !OPEN_STATE.compareAndSet(this, NOT_OPENED, OPENED)) {
			closeTransport(transport);
			return false;
		}
		// a writer that took the placeholder's no for a stall stamps again and asks the
		// socket, which is attached now
		this.stalledSinceNanos = 0;
		return true;
	}

	boolean isAttached() {
		return this.transport != NOT_ATTACHED;
	}

	/**
	 * Note that the connection is closed for its endpoint; called once.
	 * @param status what its close callback is to see
	 * @return whether to report the close now: it was {@link #attach opened}; if not,
	 * the status waits for the socket, and {@link #takeUnreportedClose()} gives it
	 */
	boolean markClosed(CloseStatus status) {
		if ((int) OPEN_STATE.getVolatile(this) == OPENED) {
			return true;
		}
		// written before the state, so that attach, seeing the state, finds the status
		this.unreportedClose = status;
		if (OPEN_STATE.compareAndSet(this, NOT_OPENED, CLOSED_UNOPENED)) {
			return false;
		}
		// attached meanwhile: reported now, as any other
		this.unreportedClose = null;
		return true;
	}

	/**
	 * Take the close of a connection closed before its socket came, once.
	 * @return its status, {@code null} when there is none or it was taken
	 */
	@Nullable CloseStatus takeUnreportedClose() {
		return (CloseStatus) UNREPORTED_CLOSE.getAndSet(this, null);
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public String endpointId() {
		return this.endpointId;
	}

	@Override
	public String path() {
		return this.path;
	}

	@Override
	public Map<String, String> pathParams() {
		return this.pathParams;
	}

	@Override
	public HandshakeRequest handshake() {
		return this.handshake;
	}

	@Override
	public Map<String, Object> attributes() {
		return this.attributes;
	}

	@Override
	public ReadyState readyState() {
		return this.state.get();
	}

	@Override
	public long bufferedAmount() {
		return this.buffered.get();
	}

	@Override
	public String protocol() {
		return this.protocol;
	}

	@Override
	public List<String> extensions() {
		return this.extensions;
	}

	EndpointSettings settings() {
		return this.settings;
	}

	/**
	 * Return the local address the connection was accepted on, when known.
	 */
	@Nullable InetSocketAddress localAddress() {
		return this.localAddress;
	}

	@Override
	public boolean send(String text) {
		Frame frame = Frame.text(text);
		return this.listeners.sent(this, frame, enqueue(frame));
	}

	@Override
	public boolean send(byte[] data) {
		Frame frame = Frame.binary(ByteBuffer.wrap(data));
		return this.listeners.sent(this, frame, enqueue(frame));
	}

	@Override
	public boolean send(ByteBuffer data) {
		Frame frame = Frame.binary(data);
		return this.listeners.sent(this, frame, enqueue(frame));
	}

	@Override
	public boolean sendObject(Object message) {
		return send(encode(message));
	}

	/**
	 * Encode an object with the endpoint's codec.
	 * @throws IllegalStateException when the endpoint has none
	 */
	String encode(Object message) {
		MessageCodec codec = this.codec;
		if (codec == null) {
			throw new IllegalStateException("Endpoint '" + this.endpointId + "' has no MessageCodec to encode "
					+ message.getClass().getName() + "; add Jackson to the class path or name a codec bean");
		}
		return codec.encode(message);
	}

	@Override
	public void ping(byte[] payload) {
		checkControlPayload(payload);
		enqueue(Frame.ping(payload));
	}

	/**
	 * Send an unsolicited pong, as a one-way heartbeat.
	 */
	void pong(byte[] payload) {
		checkControlPayload(payload);
		enqueue(Frame.pong(payload, 0, payload.length));
	}

	@Override
	public long droppedMessages() {
		return this.dropped.get();
	}

	@Override
	public void close(int code, String reason) {
		checkCloseStatus(code, reason);
		startClose(code, reason, false);
	}

	@Override
	public void terminate() {
		abort(1006, "");
	}

	@Override
	public String toString() {
		return "WsConnection[id=" + this.id + ", endpoint=" + this.endpointId + ", path=" + this.path + "]";
	}

	// Outbound

	/**
	 * Send a frame: at once when the socket takes it, else queued. Shared by
	 * {@code send} and broadcast.
	 * @return whether the frame was sent or queued
	 */
	boolean enqueue(Frame frame) {
		if (this.state.get() != ReadyState.OPEN) {
			return false;
		}
		if (this.queue.isEmpty() && this.writeState.compareAndSet(IDLE, WRITING)) {
			if (this.closeSent) {
				// the close frame went out since the state was read: nothing goes after it
				drainAsWriter(false);
				return false;
			}
			// nothing ahead of it: written on this thread, without the queue
			if (ready(false)) {
				try {
					this.transport.write(frame.bytes(this.windowBits));
				}
				catch (IOException | RuntimeException ex) {
					writeFailed(ex);
					return true;
				}
				drainAsWriter(true);
				return true;
			}
			// the output is full: queued, for the write-possible callback
			this.buffered.addAndGet(frame.size());
			this.queue.offer(frame);
			drain();
			return true;
		}
		if (frame.isData()) {
			long total = this.buffered.addAndGet(frame.size());
			// a single message larger than the limit may still go to an idle peer
			if (total > this.settings.sendBufferLimit() && total != frame.size()) {
				this.buffered.addAndGet(-frame.size());
				return overflow("send buffer limit of " + this.settings.sendBufferLimit() + " bytes exceeded");
			}
			if (isWriteOverdue(this.stalledSinceNanos != 0 ? System.nanoTime() : 0)) {
				this.buffered.addAndGet(-frame.size());
				return overflow("send time limit of " + this.settings.sendTimeLimit().toMillis() + " ms exceeded");
			}
		}
		this.queue.offer(frame);
		drain();
		return true;
	}

	private boolean overflow(String why) {
		if (this.settings.overflowPolicy() == OverflowPolicy.DROP) {
			this.dropped.incrementAndGet();
			this.listeners.dropped(this);
			return false;
		}
		closeSlowPeer(why);
		return false;
	}

	/**
	 * Called by the container once the output takes bytes again after
	 * {@link Transport#isReady()} said it did not.
	 */
	void onWritePossible() {
		if (this.writeState.compareAndSet(AWAITING, WRITING)) {
			this.stalledSinceNanos = 0;
			// a flush the transport could not make, or owed for what was written before
			// the stall, comes first
			drainAsWriter(this.flushDue);
		}
		else {
			drain();
		}
	}

	private void drain() {
		if (!this.queue.isEmpty() && this.writeState.compareAndSet(IDLE, WRITING)) {
			drainAsWriter(false);
		}
	}

	/**
	 * Tell whether the output takes bytes now; when it does not, the write-possible
	 * callback takes over as the writer. Called by the writer.
	 * @return whether the caller is still the writer and may write
	 */
	private boolean ready(boolean flushDue) {
		try {
			if (this.transport.isReady()) {
				return true;
			}
		}
		catch (RuntimeException ex) {
			writeFailed(ex);
			return false;
		}
		return handOver(flushDue);
	}

	/**
	 * Hand the writer's role to the write-possible callback, the output having said it
	 * takes no more bytes now. Called by the writer.
	 * @param flushDue whether the writer wrote since its last flush, or that flush did
	 * not go out: the callback flushes first
	 * @return whether the caller is the writer again, the output having become ready
	 * meanwhile
	 */
	private boolean handOver(boolean flushDue) {
		this.flushDue = flushDue;
		try {
			// noted while still the writer: the callback that ends the stall clears it
			// after taking over, and never before
			this.stalledSinceNanos = System.nanoTime();
			this.writeState.set(AWAITING);
			// a callback that came between the answer and the hand-over found a writer and
			// did nothing: ask again, now that one coming later finds it awaited
			if (!this.transport.isReady() || !this.writeState.compareAndSet(AWAITING, WRITING)) {
				return false;
			}
		}
		catch (RuntimeException ex) {
			writeFailed(ex);
			return false;
		}
		this.stalledSinceNanos = 0;
		return true;
	}

	/**
	 * Write what is queued while the output takes it, then flush. Called by the writer,
	 * which it stops being on return.
	 * @param wrote whether the caller wrote before, or a flush may be left over, and a
	 * flush is due; it comes first, so that the output has room again
	 */
	private void drainAsWriter(boolean wrote) {
		while (true) {
			if (wrote) {
				boolean flushed;
				try {
					flushed = this.transport.flush();
				}
				catch (IOException | RuntimeException ex) {
					writeFailed(ex);
					return;
				}
				if (!flushed) {
					if (!handOver(true)) {
						return;
					}
					// ready again already: flush again
					continue;
				}
				wrote = false;
			}
			Frame frame;
			while ((frame = this.queue.peek()) != null) {
				if (!ready(wrote)) {
					return;
				}
				this.queue.poll();
				this.buffered.addAndGet(-frame.size());
				if (this.finished.get() || this.closeSent) {
					// nothing goes after the close frame
					continue;
				}
				try {
					this.transport.write(frame.bytes(this.windowBits));
				}
				catch (IOException | RuntimeException ex) {
					writeFailed(ex);
					return;
				}
				wrote = true;
				if (frame.type() == Frame.Type.CLOSE) {
					this.closeSent = true;
				}
			}
			if (wrote) {
				continue;
			}
			if (this.closeSent && !this.finished.get()) {
				// once the close frame is flushed, the connection is closed for its endpoint,
				// and what the peer still sends is dropped; the socket goes when the peer
				// answers, or at once after a failure
				if (!ready(false)) {
					return;
				}
				report(this.reportedCode, this.reportedReason);
				if (this.closeWhenSent || this.closeReceived) {
					finish();
					this.writeState.set(IDLE);
					return;
				}
			}
			this.writeState.set(IDLE);
			// a frame queued, or the peer's close frame taken, since the checks above
			boolean more = !this.queue.isEmpty() || (this.closeSent && this.closeReceived && !this.finished.get());
			if (!more || !this.writeState.compareAndSet(IDLE, WRITING)) {
				return;
			}
		}
	}

	private void writeFailed(Throwable error) {
		if (logger.isDebugEnabled()) {
			logger.debug("Write to " + this + " failed; dropping the connection", error);
		}
		this.writeState.set(IDLE);
		abort(1006, "");
	}

	/**
	 * Return whether the output has not taken bytes for longer than the send time
	 * limit.
	 */
	boolean isWriteOverdue(long nowNanos) {
		long since = this.stalledSinceNanos;
		return since != 0 && nowNanos - since > this.settings.sendTimeLimit().toNanos();
	}

	/**
	 * Close a peer that does not keep up: it reads nothing, so no close frame is waited
	 * for; the close callback sees 1008.
	 */
	void closeSlowPeer(String why) {
		if (logger.isDebugEnabled() && this.state.get() != ReadyState.CLOSED) {
			logger.debug("Closing " + this + ": " + why);
		}
		abort(1008, "Slow consumer");
	}

	// The closing handshake

	/**
	 * Start the closing handshake: the close frame goes after what is queued.
	 * @param code the code to send and, unless the peer answers with its own, report
	 * @param reason the reason
	 * @param failed whether the connection failed (a protocol error, a message too big):
	 * the socket goes once the close frame is out, without waiting for the peer's
	 */
	void startClose(int code, String reason, boolean failed) {
		if (!this.state.compareAndSet(ReadyState.OPEN, ReadyState.CLOSING)) {
			return;
		}
		this.reportedCode = code;
		this.reportedReason = reason;
		this.closeWhenSent = failed;
		this.closingSinceNanos = System.nanoTime();
		this.queue.offer(Frame.close(code, reason));
		drain();
	}

	/**
	 * Take the peer's close frame: answer it, unless we started the handshake, and
	 * report its code.
	 * @param code its code, 1005 when it had none
	 * @param reason its reason
	 */
	void onCloseFrame(int code, String reason) {
		if (this.closeReceived) {
			return;
		}
		this.closeReceived = true;
		if (this.state.compareAndSet(ReadyState.OPEN, ReadyState.CLOSING)) {
			this.reportedCode = code;
			this.reportedReason = reason;
			this.closingSinceNanos = System.nanoTime();
			// the answer echoes the code (1000 for none), after what is queued already
			this.queue.offer((code == 1005) ? Frame.close(1000, "") : Frame.close(code, reason));
			drain();
			return;
		}
		if (this.closeSent) {
			// the handshake is complete; the writer may be done already
			if (this.writeState.compareAndSet(IDLE, WRITING)) {
				drainAsWriter(false);
			}
		}
	}

	/**
	 * Return whether a closing handshake has waited for the peer for longer than the
	 * send time limit.
	 */
	boolean isCloseOverdue(long nowNanos) {
		return !this.finished.get() && this.closingSinceNanos != 0
				&& nowNanos - this.closingSinceNanos > this.settings.sendTimeLimit().toNanos();
	}

	/**
	 * Drop the connection at once: what is queued is discarded, the socket closed, and
	 * the close callback sees the given code.
	 */
	void abort(int code, String reason) {
		if (this.finished.get()) {
			return;
		}
		if (this.state.compareAndSet(ReadyState.OPEN, ReadyState.CLOSING)) {
			this.abortCode = code;
			this.abortReason = reason;
		}
		finish();
	}

	/**
	 * The socket is gone: the peer closed it or the container dropped it.
	 */
	void onTransportClosed() {
		// without a closing handshake begun, the code stays 1006: an abnormal closure
		finish();
	}

	private void finish() {
		if (!this.finished.compareAndSet(false, true)) {
			return;
		}
		this.state.set(ReadyState.CLOSED);
		discardQueue();
		closeTransport(this.transport);
		if (this.closeSent || this.closeReceived) {
			report(this.reportedCode, this.reportedReason);
		}
		else {
			// no closing handshake got under way: 1006 unless dropped for a reason
			report(this.abortCode, this.abortReason);
		}
		this.closed.finished(this);
	}

	private void closeTransport(Transport transport) {
		try {
			transport.close();
		}
		catch (RuntimeException ex) {
			logger.debug("Failed to close the socket of " + this, ex);
		}
	}

	private void report(int code, String reason) {
		if (this.reported.compareAndSet(false, true)) {
			// closed for the endpoint, as ws is when it emits 'close'; the socket may wait for
			// the peer's close frame a little longer
			this.state.set(ReadyState.CLOSED);
			this.closed.closed(this, code, reason);
		}
	}

	/**
	 * Return whether the endpoint was told of the closure: the close frame is out, or
	 * the socket gone.
	 */
	boolean isReported() {
		return this.reported.get();
	}

	private void discardQueue() {
		Frame frame;
		while ((frame = this.queue.poll()) != null) {
			this.buffered.addAndGet(-frame.size());
		}
	}

	boolean isFinished() {
		return this.finished.get();
	}

	// Heartbeat and idle state, for the sweep and the reader

	void markAlive() {
		this.alive = true;
	}

	boolean isAlive() {
		return this.alive;
	}

	/**
	 * Note that a transport error was reported to the endpoint.
	 * @return {@code false} when one was already
	 */
	boolean markErrorReported() {
		return this.errorReported.compareAndSet(false, true);
	}

	void markReceived() {
		this.received = true;
	}

	/**
	 * Return whether the connection has been idle, without any message, for at least
	 * the given time; the first call only starts counting.
	 */
	boolean isIdle(long nowMillis, long idleTimeoutMillis) {
		if (this.received || this.idleSinceMillis < 0) {
			this.received = false;
			this.idleSinceMillis = nowMillis;
			return false;
		}
		return nowMillis - this.idleSinceMillis >= idleTimeoutMillis;
	}

	void sendHeartbeatPing(long nextPingMillis) {
		this.alive = false;
		this.nextPingMillis = nextPingMillis;
		enqueue(HEARTBEAT_PING);
	}

	boolean isPingDue(long nowMillis) {
		return nowMillis >= this.nextPingMillis;
	}

	private static void checkControlPayload(byte[] payload) {
		if (payload.length > 125) {
			throw new IllegalArgumentException("Ping payload must be at most 125 bytes but was " + payload.length);
		}
	}

	private static void checkCloseStatus(int code, String reason) {
		boolean valid = code == 1000 || code == 1001 || code == 1002 || code == 1003
				|| (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
		if (!valid) {
			throw new IllegalArgumentException("Close code " + code + " may not be sent; use 1000-1003, 1007-1014 "
					+ "or 3000-4999");
		}
		if (reason.getBytes(StandardCharsets.UTF_8).length > 123) {
			throw new IllegalArgumentException("Close reason must be at most 123 bytes of UTF-8");
		}
	}

	/**
	 * Told once when a connection is closed, for any reason.
	 */
	interface Closed {

		/**
		 * The connection is closed for its endpoint: its close frame is out, or its
		 * socket gone without one.
		 */
		void closed(ServerConnection connection, int code, String reason);

		/**
		 * The connection's socket is closed, after {@link #closed}.
		 */
		default void finished(ServerConnection connection) {
		}

	}

	// Topics: kept by the registry's topic index, set when the connection is added

	private volatile @Nullable TopicIndex topicIndex;

	void topicIndex(TopicIndex topicIndex) {
		this.topicIndex = topicIndex;
	}

	@Override
	public boolean join(String topic) {
		TopicIndex index = this.topicIndex;
		if (index == null || this.state.get() != ReadyState.OPEN) {
			return false;
		}
		boolean joined = index.join(this, topic);
		if (this.state.get() != ReadyState.OPEN) {
			// closing meanwhile: the registry's leaveAll may have run before this join
			index.leave(this, topic);
			return false;
		}
		return joined;
	}

	@Override
	public boolean leave(String topic) {
		TopicIndex index = this.topicIndex;
		return index != null && index.leave(this, topic);
	}

	@Override
	public Set<String> topics() {
		TopicIndex index = this.topicIndex;
		return (index != null) ? index.topicsOf(this) : Set.of();
	}

}
