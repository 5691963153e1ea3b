package io.wsboot.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.wsboot.HandshakeRequest;
import io.wsboot.ReadyState;
import io.wsboot.WsConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.CloseStatus;

/**
 * A server-side {@link WsConnection}: its outbound queue, its heartbeat state and the
 * parts of a message still being received.
 * <p>
 * Outbound, every send is queued; whichever thread finds the writer idle starts the
 * next write, and the write's completion starts the one after. One write is in flight
 * at a time, so frames never interleave, and no sender ever waits on the peer.
 */
final class ServerConnection implements WsConnection {

	private static final Log logger = LogFactory.getLog(ServerConnection.class);

	// payload-less, and shared: a frame hands each write its own view of the payload
	private static final Frame HEARTBEAT_PING = Frame.ping(ByteBuffer.allocate(0));

	private final String id;

	private final String endpointId;

	private final String path;

	private final Map<String, String> pathParams;

	private final HandshakeRequest handshake;

	private final Map<String, Object> attributes;

	private final String protocol;

	private final List<String> extensions;

	private final EndpointSettings settings;

	private final FrameWriter writer;

	private final Executor closer;

	private final Queue<Frame> queue = new ConcurrentLinkedQueue<>();

	private final AtomicLong buffered = new AtomicLong();

	private final AtomicBoolean writing = new AtomicBoolean();

	private final Consumer<@Nullable Throwable> onWritten = this::onWritten;

	private final AtomicReference<ReadyState> state = new AtomicReference<>(ReadyState.OPEN);

	private final AtomicBoolean aborted = new AtomicBoolean();

	private final AtomicBoolean errorReported = new AtomicBoolean();

	private volatile @Nullable Frame inFlight;

	private volatile long writeStartedNanos;

	// heartbeat state, read and written by the sweep; inbound traffic sets alive
	private volatile boolean alive = true;

	private volatile long nextPingMillis;

	// idle state: set by each data message, taken by the sweep
	private volatile boolean received;

	private volatile long idleSinceMillis = -1;

	private final AtomicLong dropped = new AtomicLong();

	// the container thread delivering an event of this connection, while it does
	private volatile @Nullable Thread reader;

	// parts of the message being received, touched by the container's thread only
	private @Nullable MessageParts parts;

	ServerConnection(String id, String endpointId, String path, Map<String, String> pathParams,
			HandshakeRequest handshake, Map<String, Object> attributes, String protocol, List<String> extensions,
			EndpointSettings settings, FrameWriter writer, Executor closer) {
		this.id = id;
		this.endpointId = endpointId;
		this.path = path;
		this.pathParams = pathParams;
		this.handshake = handshake;
		this.attributes = attributes;
		this.protocol = protocol;
		this.extensions = extensions;
		this.settings = settings;
		this.writer = writer;
		this.closer = closer;
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

	@Override
	public boolean send(String text) {
		return enqueue(Frame.text(text));
	}

	@Override
	public boolean send(byte[] data) {
		return enqueue(Frame.binary(ByteBuffer.wrap(data)));
	}

	@Override
	public boolean send(ByteBuffer data) {
		return enqueue(Frame.binary(data.slice()));
	}

	@Override
	public void ping(byte[] payload) {
		if (payload.length > 125) {
			throw new IllegalArgumentException("Ping payload must be at most 125 bytes but was " + payload.length);
		}
		enqueue(Frame.ping(ByteBuffer.wrap(payload)));
	}

	@Override
	public void close(int code, String reason) {
		CloseStatus status = closeStatus(code, reason);
		if (this.state.compareAndSet(ReadyState.OPEN, ReadyState.CLOSING)) {
			// queued after the messages already sent, as ws does
			this.queue.offer(Frame.close(status));
			drain();
		}
	}

	@Override
	public void terminate() {
		abort(new CloseStatus(1001, "Terminated"), CloseStatus.NO_CLOSE_FRAME);
	}

	@Override
	public String toString() {
		return "WsConnection[id=" + this.id + ", endpoint=" + this.endpointId + ", path=" + this.path + "]";
	}

	/**
	 * Queue a frame. Shared by {@code send} and broadcast.
	 * @return whether the frame was queued
	 */
	boolean enqueue(Frame frame) {
		if (this.state.get() != ReadyState.OPEN) {
			return false;
		}
		if (Thread.currentThread() == this.reader && this.queue.isEmpty() && frame.type() != Frame.Type.CLOSE
				&& this.writing.compareAndSet(false, true)) {
			// a reply with nothing ahead of it: written at once, without the queue
			writeNow(frame);
			return true;
		}
		long total = this.buffered.addAndGet(frame.size());
		// a single message larger than the limit may still go to an idle peer
		if (total > this.settings.sendBufferLimit() && total != frame.size()) {
			this.buffered.addAndGet(-frame.size());
			return overflow(frame, "send buffer limit of " + this.settings.sendBufferLimit() + " bytes exceeded");
		}
		if (isWriteOverdue()) {
			this.buffered.addAndGet(-frame.size());
			return overflow(frame, "send time limit of " + this.settings.sendTimeLimit().toMillis() + " ms exceeded");
		}
		this.queue.offer(frame);
		drain();
		return true;
	}

	private boolean overflow(Frame frame, String why) {
		if (this.settings.overflowPolicy() == OverflowPolicy.DROP && frame.type() != Frame.Type.CLOSE) {
			// pings are not messages: a ping that cannot go out only goes unanswered
			if (frame.type() != Frame.Type.PING) {
				this.dropped.incrementAndGet();
			}
			return false;
		}
		closeSlowPeer(why);
		return false;
	}

	@Override
	public long droppedMessages() {
		return this.dropped.get();
	}

	private boolean isWriteOverdue() {
		// the clock is read only while a write is in flight
		return this.writing.get() && isWriteOverdue(System.nanoTime());
	}

	boolean isWriteOverdue(long nowNanos) {
		return this.writing.get() && this.inFlight != null
				&& nowNanos - this.writeStartedNanos > this.settings.sendTimeLimit().toNanos();
	}

	/**
	 * Close a peer that does not keep up, without holding up the calling thread: the
	 * close runs on the starter's own executor.
	 */
	void closeSlowPeer(String why) {
		if (!startAbort()) {
			return;
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Closing " + this + ": " + why);
		}
		CloseStatus status = new CloseStatus(1008, "Slow consumer");
		try {
			this.closer.execute(() -> this.writer.abort(status, status));
		}
		catch (RejectedExecutionException ex) {
			this.writer.abort(status, status);
		}
	}

	private void abort(CloseStatus sent, CloseStatus reported) {
		if (startAbort()) {
			this.writer.abort(sent, reported);
		}
	}

	/**
	 * Move to {@link ReadyState#CLOSING} for an abort, once.
	 * @return {@code false} when the connection is closed or being aborted already
	 */
	private boolean startAbort() {
		if (!this.aborted.compareAndSet(false, true)) {
			return false;
		}
		ReadyState state = this.state.updateAndGet((current) -> (current != ReadyState.CLOSED) ? ReadyState.CLOSING
				: ReadyState.CLOSED);
		discardQueue();
		return state != ReadyState.CLOSED;
	}

	private void discardQueue() {
		Frame frame;
		while ((frame = this.queue.poll()) != null) {
			this.buffered.addAndGet(-frame.size());
		}
	}

	private void writeNow(Frame frame) {
		try {
			write(frame);
		}
		catch (IOException | RuntimeException ex) {
			writeFailed(null, ex);
			return;
		}
		this.writing.set(false);
		// anything another thread queued meanwhile
		drain();
	}

	private void drain() {
		while (!this.queue.isEmpty() && this.writing.compareAndSet(false, true)) {
			Frame frame = this.queue.poll();
			if (frame == null) {
				this.writing.set(false);
				continue;
			}
			this.inFlight = frame;
			this.writeStartedNanos = System.nanoTime();
			boolean pending;
			try {
				pending = write(frame);
			}
			catch (IOException | RuntimeException ex) {
				writeFailed(frame, ex);
				return;
			}
			if (pending) {
				return;
			}
			this.inFlight = null;
			this.buffered.addAndGet(-frame.size());
			this.writing.set(false);
		}
	}

	private boolean write(Frame frame) throws IOException {
		// on the thread delivering this peer's own message (a reply), a blocking write
		// holds up no one else and spares the container a thread hand-off per message
		boolean reply = Thread.currentThread() == this.reader;
		return switch (frame.type()) {
			case TEXT -> {
				if (reply) {
					this.writer.writeTextNow(frame.text());
					yield false;
				}
				yield this.writer.writeText(frame.text(), this.onWritten);
			}
			case BINARY -> {
				if (reply) {
					this.writer.writeBinaryNow(frame.data());
					yield false;
				}
				yield this.writer.writeBinary(frame.data(), this.onWritten);
			}
			case PING -> {
				this.writer.writePing(frame.data());
				yield false;
			}
			case CLOSE -> {
				this.writer.close(frame.closeStatus());
				yield false;
			}
		};
	}

	private void onWritten(@Nullable Throwable error) {
		Frame frame = this.inFlight;
		this.inFlight = null;
		if (frame != null) {
			this.buffered.addAndGet(-frame.size());
		}
		if (error != null) {
			writeFailed(frame, error);
			return;
		}
		this.writing.set(false);
		drain();
	}

	private void writeFailed(@Nullable Frame frame, Throwable error) {
		if (logger.isDebugEnabled()) {
			logger.debug("Write to " + this + " failed; dropping the connection", error);
		}
		if (frame != null && this.inFlight == frame) {
			this.inFlight = null;
			this.buffered.addAndGet(-frame.size());
		}
		abort(new CloseStatus(1011, "Write failed"), CloseStatus.NO_CLOSE_FRAME);
	}

	// Lifecycle and heartbeat hooks, called by EndpointHandler and HeartbeatScheduler

	/**
	 * Mark the connection closed.
	 * @return {@code false} when it was closed already
	 */
	boolean markClosed() {
		ReadyState previous = this.state.getAndSet(ReadyState.CLOSED);
		discardQueue();
		return previous != ReadyState.CLOSED;
	}

	/**
	 * Return the status the close callback sees, given the one the container reports.
	 */
	CloseStatus reported(CloseStatus observed) {
		return this.writer.reported(observed);
	}

	void markAlive() {
		this.alive = true;
	}

	boolean isAlive() {
		return this.alive;
	}

	/**
	 * Note the thread delivering one of this connection's events, until {@code null}.
	 */
	void reader(@Nullable Thread reader) {
		this.reader = reader;
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

	@Nullable MessageParts parts() {
		return this.parts;
	}

	void parts(@Nullable MessageParts parts) {
		this.parts = parts;
	}

	private static CloseStatus closeStatus(int code, String reason) {
		boolean valid = code == 1000 || code == 1001 || code == 1002 || code == 1003
				|| (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
		if (!valid) {
			throw new IllegalArgumentException("Close code " + code + " may not be sent; use 1000-1003, 1007-1014 "
					+ "or 3000-4999");
		}
		if (reason.getBytes(StandardCharsets.UTF_8).length > 123) {
			throw new IllegalArgumentException("Close reason must be at most 123 bytes of UTF-8");
		}
		return new CloseStatus(code, reason);
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
		if (this.state.get() == ReadyState.CLOSED) {
			// closed meanwhile: the registry's leaveAll may have run before this join
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
