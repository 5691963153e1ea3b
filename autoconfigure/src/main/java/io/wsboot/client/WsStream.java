package io.wsboot.client;

import io.wsboot.ReadyState;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * An {@link InputStream} and an {@link OutputStream} over a {@link WsClient}: the
 * {@code createWebSocketStream} of Node's {@code ws}. What is written to the output goes
 * out as binary messages, one per {@code write} call; every message received, text (as
 * UTF-8) or binary, comes out of the input, in order. So
 * {@code Files.newInputStream(file).transferTo(stream.output())} sends a file through the
 * socket.
 *
 * <pre class="code">
 * WsStream stream = WsStream.over(builder.connect("ws://localhost:8080/echo"));
 * Future&lt;Long&gt; back = executor.submit(() -&gt; Files.copy(stream.input(), target));
 * Files.copy(source, stream.output());
 * stream.output().close();   // closes the connection; the input ends at the server's close
 * </pre>
 *
 * Both sides apply backpressure: the output blocks while more than the high-water mark
 * is queued for sending, and the client is {@link WsClient#pause() paused} while more
 * than it is received and not read (and resumed when half of it is read). Writing
 * before the client opened waits for it to open. The input ends when the connection
 * closes with a close frame, and fails with an {@link IOException} after the data
 * already received when it ended without one (1006). Create the stream right after
 * connecting, or while the client is open: messages received before are not in it.
 * Small writes are sent as small messages; wrap the output in a
 * {@link java.io.BufferedOutputStream} to gather them.
 */
public final class WsStream implements Closeable {

	/**
	 * High-water mark used by {@link #over(WsClient)}: 1 MiB.
	 */
	public static final int DEFAULT_HIGH_WATER_MARK = 1024 * 1024;

	private final WsClient client;

	private final int highWaterMark;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = this.lock.newCondition();

	private final Input input = new Input();

	private final Output output = new Output();

	// guarded by lock
	private final ArrayDeque<ByteBuffer> received = new ArrayDeque<>();

	private long receivedBytes;

	private boolean ended;

	private @Nullable IOException failure;

	private @Nullable Throwable error;

	private boolean pausedByStream;

	private CompletableFuture<Void> lastSend = CompletableFuture.completedFuture(null);

	private @Nullable Throwable sendFailure;

	private boolean outputClosed;

	private WsStream(WsClient client, int highWaterMark) {
		if (highWaterMark <= 0) {
			throw new IllegalArgumentException("High-water mark must be positive but was " + highWaterMark);
		}
		this.client = client;
		this.highWaterMark = highWaterMark;
		client.addListener(new StreamListener());
		if (client.readyState() == ReadyState.CLOSED) {
			this.ended = true;
		}
	}

	/**
	 * Create a stream over a client, with a high-water mark of
	 * {@link #DEFAULT_HIGH_WATER_MARK}.
	 * @param client the client, connecting or open
	 * @return the stream
	 */
	public static WsStream over(WsClient client) {
		return over(client, DEFAULT_HIGH_WATER_MARK);
	}

	/**
	 * Create a stream over a client.
	 * @param client the client, connecting or open
	 * @param highWaterMark the number of bytes queued on either side beyond which the
	 * stream applies backpressure
	 * @return the stream
	 */
	public static WsStream over(WsClient client, int highWaterMark) {
		return new WsStream(Objects.requireNonNull(client, "client"), highWaterMark);
	}

	/**
	 * Return the client the stream is over.
	 * @return the client
	 */
	public WsClient client() {
		return this.client;
	}

	/**
	 * Return the input: every message received, in order.
	 * @return the input stream, the same one at every call
	 */
	public InputStream input() {
		return this.input;
	}

	/**
	 * Return the output: each write is a binary message. Closing it sends what is queued,
	 * then closes the connection with 1000.
	 * @return the output stream, the same one at every call
	 */
	public OutputStream output() {
		return this.output;
	}

	/**
	 * Close the output, which closes the connection with 1000 after what is queued; the
	 * input ends when the server answers the close.
	 * @throws IOException when a queued message could not be sent
	 */
	@Override
	public void close() throws IOException {
		this.output.close();
	}

	private void signal() {
		this.changed.signalAll();
	}

	private void await() throws InterruptedIOException {
		try {
			this.changed.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("Interrupted while waiting on " + this.client);
		}
	}

	/**
	 * Takes the client's events into the input, and wakes the output's waits.
	 */
	private final class StreamListener implements WsClientListener {

		@Override
		public void onOpen(WsClient client) {
			changed();
		}

		@Override
		public void onTextMessage(WsClient client, String text) {
			add(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
		}

		@Override
		public void onBinaryMessage(WsClient client, ByteBuffer data) {
			add(data);
		}

		@Override
		public void onError(WsClient client, Throwable error) {
			WsStream.this.lock.lock();
			try {
				WsStream.this.error = error;
			}
			finally {
				WsStream.this.lock.unlock();
			}
		}

		@Override
		public void onClose(WsClient client, int code, String reason) {
			WsStream.this.lock.lock();
			try {
				if (WsStream.this.ended) {
					return;
				}
				WsStream.this.ended = true;
				if (code == 1006) {
					IOException failure = new IOException(
							"The WebSocket to " + client.url() + " ended without a closing handshake (1006): " + reason);
					if (WsStream.this.error != null) {
						failure.initCause(WsStream.this.error);
					}
					WsStream.this.failure = failure;
				}
				signal();
			}
			finally {
				WsStream.this.lock.unlock();
			}
		}

		private void add(ByteBuffer data) {
			if (!data.hasRemaining()) {
				return;
			}
			boolean pause = false;
			WsStream.this.lock.lock();
			try {
				WsStream.this.received.add(data);
				WsStream.this.receivedBytes += data.remaining();
				if (WsStream.this.receivedBytes > WsStream.this.highWaterMark && !WsStream.this.pausedByStream) {
					WsStream.this.pausedByStream = true;
					pause = true;
				}
				signal();
			}
			finally {
				WsStream.this.lock.unlock();
			}
			if (pause) {
				WsStream.this.client.pause();
			}
		}

		private void changed() {
			WsStream.this.lock.lock();
			try {
				signal();
			}
			finally {
				WsStream.this.lock.unlock();
			}
		}

	}

	private final class Input extends InputStream {

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			int read = read(one, 0, 1);
			return (read == -1) ? -1 : one[0] & 0xFF;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			Objects.checkFromIndexSize(offset, length, buffer.length);
			if (length == 0) {
				return 0;
			}
			boolean resume = false;
			int read = 0;
			WsStream.this.lock.lock();
			try {
				while (WsStream.this.received.isEmpty()) {
					if (WsStream.this.ended) {
						if (WsStream.this.failure != null) {
							throw WsStream.this.failure;
						}
						return -1;
					}
					await();
				}
				while (read < length && !WsStream.this.received.isEmpty()) {
					ByteBuffer head = WsStream.this.received.peekFirst();
					int count = Math.min(length - read, head.remaining());
					head.get(buffer, offset + read, count);
					read += count;
					if (!head.hasRemaining()) {
						WsStream.this.received.pollFirst();
					}
				}
				WsStream.this.receivedBytes -= read;
				if (WsStream.this.pausedByStream && WsStream.this.receivedBytes <= WsStream.this.highWaterMark / 2) {
					WsStream.this.pausedByStream = false;
					resume = true;
				}
			}
			finally {
				WsStream.this.lock.unlock();
			}
			if (resume) {
				WsStream.this.client.resume();
			}
			return read;
		}

		@Override
		public int available() {
			WsStream.this.lock.lock();
			try {
				return (int) Math.min(Integer.MAX_VALUE, WsStream.this.receivedBytes);
			}
			finally {
				WsStream.this.lock.unlock();
			}
		}

	}

	private final class Output extends OutputStream {

		@Override
		public void write(int b) throws IOException {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] buffer, int offset, int length) throws IOException {
			Objects.checkFromIndexSize(offset, length, buffer.length);
			if (length == 0) {
				return;
			}
			byte[] message = new byte[length];
			System.arraycopy(buffer, offset, message, 0, length);
			WsStream.this.lock.lock();
			try {
				checkWritable();
				while (WsStream.this.client.readyState() == ReadyState.CONNECTING
						|| WsStream.this.client.bufferedAmount() > WsStream.this.highWaterMark) {
					await();
					checkWritable();
				}
				if (!WsStream.this.client.isOpen()) {
					throw new IOException("Cannot write: the WebSocket to " + WsStream.this.client.url() + " is "
							+ WsStream.this.client.readyState());
				}
				CompletableFuture<Void> send;
				try {
					send = WsStream.this.client.send(message);
				}
				catch (IllegalStateException ex) {
					throw new IOException(ex.getMessage(), ex);
				}
				WsStream.this.lastSend = send;
				send.whenComplete((result, ex) -> sent(ex));
			}
			finally {
				WsStream.this.lock.unlock();
			}
		}

		private void sent(@Nullable Throwable failure) {
			WsStream.this.lock.lock();
			try {
				if (failure != null && WsStream.this.sendFailure == null) {
					WsStream.this.sendFailure = failure;
				}
				signal();
			}
			finally {
				WsStream.this.lock.unlock();
			}
		}

		private void checkWritable() throws IOException {
			if (WsStream.this.outputClosed) {
				throw new IOException("The output of the stream over " + WsStream.this.client.url() + " is closed");
			}
			Throwable failure = WsStream.this.sendFailure;
			if (failure != null) {
				throw new IOException("A message to " + WsStream.this.client.url() + " could not be sent", failure);
			}
			if (WsStream.this.client.readyState() == ReadyState.CLOSED) {
				throw new IOException("Cannot write: the WebSocket to " + WsStream.this.client.url() + " is CLOSED");
			}
		}

		@Override
		public void flush() throws IOException {
			WsStream.this.lock.lock();
			try {
				while (!WsStream.this.lastSend.isDone()) {
					await();
				}
				Throwable failure = WsStream.this.sendFailure;
				if (failure != null) {
					throw new IOException("A message to " + WsStream.this.client.url() + " could not be sent",
							failure);
				}
			}
			finally {
				WsStream.this.lock.unlock();
			}
		}

		@Override
		public void close() throws IOException {
			WsStream.this.lock.lock();
			try {
				if (WsStream.this.outputClosed) {
					return;
				}
				WsStream.this.outputClosed = true;
			}
			finally {
				WsStream.this.lock.unlock();
			}
			// the close frame goes after the queued messages: no need to wait for them
			if (WsStream.this.client.readyState() != ReadyState.CLOSED) {
				WsStream.this.client.close();
			}
			Throwable failure;
			WsStream.this.lock.lock();
			try {
				failure = WsStream.this.sendFailure;
			}
			finally {
				WsStream.this.lock.unlock();
			}
			if (failure != null) {
				throw new IOException("A message to " + WsStream.this.client.url() + " could not be sent", failure);
			}
		}

	}

}
