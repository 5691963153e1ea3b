package io.wsboot.sample;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/**
 * A JDK {@link WebSocket} client that records every whole message it receives and the
 * close code it was sent, for tests to assert on.
 */
public final class RecordingClient implements AutoCloseable {

	private static final long TIMEOUT_SECONDS = 10;

	private final List<String> texts = new CopyOnWriteArrayList<>();

	private final List<byte[]> binaries = new CopyOnWriteArrayList<>();

	private final AtomicInteger closeCode = new AtomicInteger(-1);

	private final WebSocket socket;

	private RecordingClient(URI uri) throws Exception {
		this.socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.connectTimeout(Duration.ofSeconds(TIMEOUT_SECONDS))
			.buildAsync(uri, new Recorder())
			.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
	}

	/**
	 * Open a connection to a path of the local server.
	 * @param port the server port
	 * @param path the path, such as {@code /echo}
	 * @return the open client
	 * @throws Exception when the handshake fails or times out
	 */
	public static RecordingClient connect(int port, String path) throws Exception {
		return new RecordingClient(URI.create("ws://localhost:" + port + path));
	}

	/**
	 * Send a text message and wait until it is written.
	 * @param text the message
	 * @throws Exception when the send fails or times out
	 */
	public void send(String text) throws Exception {
		this.socket.sendText(text, true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
	}

	/**
	 * Send a binary message and wait until it is written.
	 * @param data the message
	 * @throws Exception when the send fails or times out
	 */
	public void send(byte[] data) throws Exception {
		this.socket.sendBinary(ByteBuffer.wrap(data), true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
	}

	/**
	 * Send text messages one after the other without waiting: the JDK client allows one
	 * outstanding send, so each starts when the previous one is written.
	 * @param texts the messages, in order
	 * @return completes when the last message is written
	 */
	public CompletableFuture<?> sendInOrder(List<String> texts) {
		CompletableFuture<WebSocket> chain = CompletableFuture.completedFuture(this.socket);
		for (String text : texts) {
			chain = chain.thenCompose((socket) -> socket.sendText(text, true));
		}
		return chain;
	}

	/**
	 * Return the text messages received so far, in order.
	 * @return the text messages
	 */
	public List<String> texts() {
		return List.copyOf(this.texts);
	}

	/**
	 * Return the binary messages received so far, in order.
	 * @return the binary messages
	 */
	public List<byte[]> binaries() {
		return List.copyOf(this.binaries);
	}

	/**
	 * Return the close code the server sent.
	 * @return the code, or {@code -1} while the server has not closed
	 */
	public int closeCode() {
		return this.closeCode.get();
	}

	@Override
	public void close() throws Exception {
		try {
			if (!this.socket.isOutputClosed()) {
				this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
			}
			await().until(this.socket::isInputClosed);
		}
		finally {
			this.socket.abort();
		}
	}

	/**
	 * Gathers message parts into whole messages. The JDK calls a listener one event at a
	 * time, so the builders need no locking.
	 */
	private final class Recorder implements WebSocket.Listener {

		private final StringBuilder text = new StringBuilder();

		private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

		@Override
		public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
			this.text.append(data);
			if (last) {
				RecordingClient.this.texts.add(this.text.toString());
				this.text.setLength(0);
			}
			socket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
			byte[] bytes = new byte[data.remaining()];
			data.get(bytes);
			this.binary.writeBytes(bytes);
			if (last) {
				RecordingClient.this.binaries.add(this.binary.toByteArray());
				this.binary.reset();
			}
			socket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
			RecordingClient.this.closeCode.set(statusCode);
			return null;
		}

	}

}
