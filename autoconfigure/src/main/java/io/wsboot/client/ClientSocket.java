package io.wsboot.client;

import java.io.ByteArrayOutputStream;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * One connection attempt of a {@link DefaultWsClient} over the JDK's {@link WebSocket},
 * from the opening handshake to its end: gathers message parts into whole messages, asks
 * the JDK for the next message only when not paused, owns the outbound queue, and
 * watches the time since the server was last heard from for the client's heartbeat. The
 * JDK calls its listener methods one at a time; the events go to the client, which keeps
 * the state.
 */
final class ClientSocket implements WebSocket.Listener {

	private final DefaultWsClient client;

	private final long maxMessageSize;

	private final ScheduledExecutorService scheduler;

	private final Object lock = new Object();

	private volatile @Nullable WebSocket socket;

	private volatile @Nullable OutboundQueue outbound;

	private volatile long lastHeard = System.nanoTime();

	private volatile boolean ended;

	// message parts: the JDK delivers one part at a time, so these need no lock
	private @Nullable StringBuilder text;

	private @Nullable ByteArrayOutputStream binary;

	private long partsSize;

	private boolean discarding;

	// guarded by lock
	private boolean paused;

	private boolean withheld;

	private @Nullable ScheduledFuture<?> heartbeat;

	private @Nullable ScheduledFuture<?> closeTimer;

	ClientSocket(DefaultWsClient client, long maxMessageSize, ScheduledExecutorService scheduler, boolean paused) {
		this.client = client;
		this.maxMessageSize = maxMessageSize;
		this.scheduler = scheduler;
		this.paused = paused;
	}

	/**
	 * Return the outbound queue.
	 * @return the queue, or {@code null} before the connection opened
	 */
	@Nullable OutboundQueue outbound() {
		return this.outbound;
	}

	long bufferedAmount() {
		OutboundQueue outbound = this.outbound;
		return (outbound != null) ? outbound.bufferedAmount() : 0;
	}

	String protocol() {
		WebSocket socket = this.socket;
		return (socket != null) ? socket.getSubprotocol() : "";
	}

	@Override
	public void onOpen(WebSocket socket) {
		this.outbound = new OutboundQueue(socket);
		this.socket = socket;
		if (this.ended) {
			// terminated or closed while the handshake was under way
			socket.abort();
			return;
		}
		heard();
		this.client.socketOpened(this);
		demand(socket);
	}

	@Override
	public @Nullable CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
		heard();
		if (!this.discarding) {
			long size = this.partsSize + OutboundQueue.utf8Length(data);
			if (size > this.maxMessageSize) {
				tooBig();
			}
			else if (last) {
				StringBuilder text = this.text;
				String message = (text != null) ? text.append(data).toString() : data.toString();
				this.text = null;
				this.partsSize = 0;
				this.client.textReceived(this, message);
			}
			else {
				StringBuilder text = this.text;
				if (text == null) {
					text = new StringBuilder();
					this.text = text;
				}
				text.append(data);
				this.partsSize = size;
			}
		}
		demand(socket);
		return null;
	}

	@Override
	public @Nullable CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
		heard();
		if (!this.discarding) {
			long size = this.partsSize + data.remaining();
			if (size > this.maxMessageSize) {
				tooBig();
			}
			else if (last && this.binary == null) {
				this.client.binaryReceived(this, copy(data));
			}
			else {
				ByteArrayOutputStream binary = this.binary;
				if (binary == null) {
					binary = new ByteArrayOutputStream();
					this.binary = binary;
				}
				byte[] part = new byte[data.remaining()];
				data.get(part);
				binary.writeBytes(part);
				this.partsSize = size;
				if (last) {
					this.binary = null;
					this.partsSize = 0;
					this.client.binaryReceived(this, ByteBuffer.wrap(binary.toByteArray()));
				}
			}
		}
		demand(socket);
		return null;
	}

	private void tooBig() {
		// the rest of this connection's messages are dropped: it is closing
		this.discarding = true;
		this.text = null;
		this.binary = null;
		this.client.messageTooBig(this, this.maxMessageSize);
	}

	@Override
	public @Nullable CompletionStage<?> onPing(WebSocket socket, ByteBuffer message) {
		heard();
		this.client.pingReceived(this, copy(message));
		demand(socket);
		return null;
	}

	@Override
	public @Nullable CompletionStage<?> onPong(WebSocket socket, ByteBuffer message) {
		heard();
		this.client.pongReceived(this, copy(message));
		demand(socket);
		return null;
	}

	@Override
	public @Nullable CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
		heard();
		this.client.closeReceived(this, statusCode, reason);
		return null;
	}

	@Override
	public void onError(WebSocket socket, Throwable error) {
		this.client.transportFailed(this, error);
	}

	private void heard() {
		this.lastHeard = System.nanoTime();
	}

	/**
	 * Ask the JDK for the next message, unless paused: then ask when resumed.
	 */
	private void demand(WebSocket socket) {
		synchronized (this.lock) {
			if (this.paused) {
				this.withheld = true;
				return;
			}
		}
		socket.request(1);
	}

	void pause() {
		synchronized (this.lock) {
			this.paused = true;
		}
	}

	void resume() {
		boolean request;
		synchronized (this.lock) {
			this.paused = false;
			request = this.withheld;
			this.withheld = false;
		}
		// time spent paused is not silence: nothing was read
		heard();
		WebSocket socket = this.socket;
		if (request && socket != null) {
			socket.request(1);
		}
	}

	/**
	 * Start the client heartbeat: report the connection when nothing was heard from the
	 * server for the given time.
	 * @param limit interval plus margin
	 */
	void startHeartbeat(Duration limit) {
		scheduleHeartbeat(limit.toNanos(), limit.toNanos());
	}

	private void scheduleHeartbeat(long limitNanos, long delayNanos) {
		synchronized (this.lock) {
			if (this.ended) {
				return;
			}
			try {
				this.heartbeat = this.scheduler.schedule(() -> checkHeartbeat(limitNanos), delayNanos,
						TimeUnit.NANOSECONDS);
			}
			catch (RejectedExecutionException ex) {
				// the scheduler is shut down: the application is stopping
				this.heartbeat = null;
			}
		}
	}

	private void checkHeartbeat(long limitNanos) {
		boolean paused;
		synchronized (this.lock) {
			paused = this.paused;
		}
		long silent = System.nanoTime() - this.lastHeard;
		if (paused || silent < limitNanos) {
			scheduleHeartbeat(limitNanos, paused ? limitNanos : limitNanos - silent);
			return;
		}
		this.client.heartbeatTimedOut(this, Duration.ofNanos(silent));
	}

	/**
	 * Queue the close frame and start the close timer: a server that does not answer
	 * within the timeout is reported.
	 */
	void close(int code, String reason, Duration timeout) {
		OutboundQueue outbound = this.outbound;
		if (outbound != null) {
			outbound.close(code, reason);
		}
		synchronized (this.lock) {
			if (this.ended) {
				return;
			}
			try {
				this.closeTimer = this.scheduler.schedule(() -> this.client.closeTimedOut(this, timeout),
						timeout.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (RejectedExecutionException ex) {
				this.closeTimer = null;
			}
		}
	}

	/**
	 * End this attempt: stop the timers, fail the frames not written, and drop the
	 * connection when it did not end with a closing handshake.
	 * @param abort whether to drop the TCP connection
	 * @param cause what the frames not written fail with
	 */
	void end(boolean abort, Throwable cause) {
		ScheduledFuture<?> heartbeat;
		ScheduledFuture<?> closeTimer;
		synchronized (this.lock) {
			this.ended = true;
			heartbeat = this.heartbeat;
			closeTimer = this.closeTimer;
			this.heartbeat = null;
			this.closeTimer = null;
		}
		if (heartbeat != null) {
			heartbeat.cancel(false);
		}
		if (closeTimer != null) {
			closeTimer.cancel(false);
		}
		OutboundQueue outbound = this.outbound;
		if (outbound != null) {
			outbound.fail(cause);
		}
		WebSocket socket = this.socket;
		if (abort && socket != null) {
			socket.abort();
		}
	}

	private static ByteBuffer copy(ByteBuffer data) {
		ByteBuffer copy = ByteBuffer.allocate(data.remaining());
		copy.put(data);
		return copy.flip();
	}

}
