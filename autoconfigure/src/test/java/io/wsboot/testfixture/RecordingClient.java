package io.wsboot.testfixture;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real client, the JDK's {@link WebSocket}, that records every message it receives,
 * whole, in order. The JDK client answers pings by itself.
 */
public final class RecordingClient implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final WebSocket webSocket;

	private final Recorder recorder;

	private RecordingClient(WebSocket webSocket, Recorder recorder) {
		this.webSocket = webSocket;
		this.recorder = recorder;
	}

	/**
	 * Connect and wait for the handshake to complete.
	 * @param uri the {@code ws://} URI
	 * @return the open client
	 */
	public static RecordingClient connect(URI uri) {
		return connect(uri, Map.of());
	}

	/**
	 * Connect with extra request headers and wait for the handshake to complete.
	 * @param uri the {@code ws://} URI
	 * @param headers the headers to add to the handshake request
	 * @return the open client
	 */
	public static RecordingClient connect(URI uri, Map<String, String> headers) {
		return connect(Holder.HTTP, uri, headers);
	}

	/**
	 * Connect through the given HTTP client (one with a TLS context of its own, say) and
	 * wait for the handshake to complete.
	 * @param http the HTTP client
	 * @param uri the {@code ws://} or {@code wss://} URI
	 * @param headers the headers to add to the handshake request
	 * @return the open client
	 */
	public static RecordingClient connect(HttpClient http, URI uri, Map<String, String> headers) {
		Recorder recorder = new Recorder();
		WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(TIMEOUT);
		headers.forEach(builder::header);
		WebSocket webSocket = builder.buildAsync(uri, recorder).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
		return new RecordingClient(webSocket, recorder);
	}

	/**
	 * Send a text message and wait until it is written.
	 * @param text the message
	 */
	public synchronized void sendText(String text) {
		this.webSocket.sendText(text, true).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
	}

	/**
	 * Send a binary message and wait until it is written.
	 * @param data the message
	 */
	public synchronized void sendBinary(byte[] data) {
		this.webSocket.sendBinary(ByteBuffer.wrap(data), true).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
	}

	/**
	 * Take the next message received, waiting for it if needed.
	 * @return a {@code String} or a {@code byte[]}
	 * @throws AssertionError when none arrives in time
	 */
	public Object nextMessage() {
		try {
			Object message = this.recorder.inbox.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			if (message == null) {
				throw new AssertionError("No message within " + TIMEOUT + "; closed: " + this.recorder.closed);
			}
			return message;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Take the next message received, expecting text.
	 * @return the text
	 */
	public String nextText() {
		Object message = nextMessage();
		if (!(message instanceof String text)) {
			throw new AssertionError("Expected a text message but got " + describe(message));
		}
		return text;
	}

	/**
	 * Take the next message received, expecting binary.
	 * @return the bytes
	 */
	public byte[] nextBinary() {
		Object message = nextMessage();
		if (!(message instanceof byte[] bytes)) {
			throw new AssertionError("Expected a binary message but got " + describe(message));
		}
		return bytes;
	}

	/**
	 * Return every message received so far, taken or not, in order of arrival.
	 * @return a snapshot: {@code String}s and {@code byte[]}s
	 */
	public List<Object> received() {
		synchronized (this.recorder.all) {
			return new ArrayList<>(this.recorder.all);
		}
	}

	/**
	 * Return the text messages received so far, in order of arrival.
	 * @return a snapshot of the texts
	 */
	public List<String> receivedTexts() {
		return received().stream().filter(String.class::isInstance).map(String.class::cast).toList();
	}

	/**
	 * Return the number of messages received so far.
	 * @return the count
	 */
	public int receivedCount() {
		return this.recorder.count.get();
	}

	/**
	 * Return the number of pings received, each of which the JDK client answered.
	 * @return the count
	 */
	public int pingsReceived() {
		return this.recorder.pings.get();
	}

	/**
	 * Return how the server closed the connection, once it has.
	 * @return the close status, completed when the server's close frame arrived
	 */
	public CompletableFuture<CloseStatus> closeStatus() {
		return this.recorder.closed;
	}

	/**
	 * Return the error the client saw, if any.
	 * @return the error, or {@code null}
	 */
	public Throwable error() {
		return this.recorder.error.get();
	}

	/**
	 * Return whether the connection is open both ways.
	 * @return whether neither input nor output is closed
	 */
	public boolean isOpen() {
		return !this.webSocket.isInputClosed() && !this.webSocket.isOutputClosed();
	}

	/**
	 * Start the closing handshake with 1000 and wait for the server's close frame.
	 */
	@Override
	public void close() {
		if (!this.webSocket.isOutputClosed()) {
			try {
				this.webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
					.join();
			}
			catch (RuntimeException ex) {
				// the connection is gone already
				this.webSocket.abort();
				return;
			}
		}
		try {
			this.recorder.closed.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
		}
		catch (RuntimeException ex) {
			this.webSocket.abort();
		}
	}

	/**
	 * Drop the connection at once, without a close frame.
	 */
	public void abort() {
		this.webSocket.abort();
	}

	private static String describe(Object message) {
		return (message instanceof byte[] bytes) ? "binary of " + bytes.length + " bytes" : "text '" + message + "'";
	}

	/**
	 * How the server closed a connection.
	 *
	 * @param code the close code
	 * @param reason the reason
	 */
	public record CloseStatus(int code, String reason) {

	}

	private static final class Recorder implements WebSocket.Listener {

		private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();

		private final List<Object> all = new ArrayList<>();

		private final AtomicInteger count = new AtomicInteger();

		private final AtomicInteger pings = new AtomicInteger();

		private final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();

		private final AtomicReference<Throwable> error = new AtomicReference<>();

		private final StringBuilder text = new StringBuilder();

		private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

		@Override
		public void onOpen(WebSocket webSocket) {
			// unbounded demand: read everything, and answer pings, as fast as they come
			webSocket.request(Long.MAX_VALUE);
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.text.append(data);
			if (last) {
				add(this.text.toString());
				this.text.setLength(0);
			}
			return null;
		}

		@Override
		public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			byte[] bytes = new byte[data.remaining()];
			data.get(bytes);
			this.binary.writeBytes(bytes);
			if (last) {
				add(this.binary.toByteArray());
				this.binary.reset();
			}
			return null;
		}

		private void add(Object message) {
			synchronized (this.all) {
				this.all.add(message);
			}
			this.count.incrementAndGet();
			this.inbox.add(message);
		}

		@Override
		public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
			// the JDK client sends the pong by itself
			this.pings.incrementAndGet();
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			this.closed.complete(new CloseStatus(statusCode, reason));
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			this.error.compareAndSet(null, error);
			this.closed.completeExceptionally(error);
		}

	}

	private static final class Holder {

		// one client, and so one selector thread, for every connection of the test run
		static final HttpClient HTTP = HttpClient.newHttpClient();

	}

}
