package io.wsboot.test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.wsboot.ReadyState;
import io.wsboot.client.WsClient;
import io.wsboot.client.WsClientListener;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * A {@link WsClient} for tests: it records everything it receives in an inbox and waits
 * for it with Awaitility, so a test reads as a conversation and never sleeps.
 *
 * <pre class="code">
 * &#64;SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
 * class EchoTests {
 *
 *     &#64;Test
 *     void echoes(&#64;LocalServerPort int port, &#64;Autowired WsClient.Builder builder) {
 *         try (WsTestClient client = WsTestClient.connect(builder, "ws://localhost:" + port + "/echo")) {
 *             client.awaitOpen().send("hello");
 *             assertThat(client.awaitText()).isEqualTo("hello");
 *         }
 *     }
 *
 * }
 * </pre>
 *
 * Each {@code awaitX} method takes the next item of its kind that no {@code awaitX} took
 * yet, waiting for it up to the timeout ({@link #DEFAULT_TIMEOUT} unless set); the
 * listing methods ({@link #texts()}, {@link #events()}, ...) return everything received.
 * A wait that times out fails with Awaitility's {@code ConditionTimeoutException}, which
 * names what was awaited and from which URL.
 */
public final class WsTestClient implements AutoCloseable {

	/**
	 * Time the await methods wait unless {@link #timeout(Duration)} says otherwise.
	 */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

	private final WsClient client;

	private final Inbox inbox;

	private volatile Duration timeout = DEFAULT_TIMEOUT;

	private WsTestClient(WsClient client, Inbox inbox) {
		this.client = client;
		this.inbox = inbox;
	}

	/**
	 * Connect a client made with the defaults of {@link WsClient#builder()}.
	 * @param url the URL
	 * @return the test client, connecting
	 */
	public static WsTestClient connect(String url) {
		return connect(WsClient.builder(), url);
	}

	/**
	 * Connect a client made by a builder, such as the auto-configured one.
	 * @param builder the builder
	 * @param url the URL
	 * @return the test client, connecting
	 */
	public static WsTestClient connect(WsClient.Builder builder, String url) {
		Inbox inbox = new Inbox();
		return new WsTestClient(builder.connect(url, inbox), inbox);
	}

	/**
	 * Set the time the await methods wait.
	 * @param timeout the timeout
	 * @return this test client
	 */
	public WsTestClient timeout(Duration timeout) {
		this.timeout = Objects.requireNonNull(timeout, "timeout");
		return this;
	}

	/**
	 * Return the client, for everything this class does not wrap.
	 * @return the client
	 */
	public WsClient client() {
		return this.client;
	}

	/**
	 * Send a text message and wait until it is written.
	 * @param text the message
	 * @return this test client
	 */
	public WsTestClient send(String text) {
		return written(this.client.send(text), "text message");
	}

	/**
	 * Send a binary message and wait until it is written.
	 * @param data the message
	 * @return this test client
	 */
	public WsTestClient send(byte[] data) {
		return written(this.client.send(data), "binary message");
	}

	private WsTestClient written(CompletableFuture<Void> send, String what) {
		try {
			send.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
			return this;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while sending a " + what + " to " + this.client.url(), ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not send a " + what + " to " + this.client.url(), ex);
		}
	}

	/**
	 * Wait until the connection is open.
	 * @return this test client
	 */
	public WsTestClient awaitOpen() {
		return awaitReadyState(ReadyState.OPEN);
	}

	/**
	 * Wait until the client is in a state.
	 * @param state the state
	 * @return this test client
	 */
	public WsTestClient awaitReadyState(ReadyState state) {
		waiting("ready state " + state).until(() -> this.client.readyState() == state);
		return this;
	}

	/**
	 * Wait for the next text message.
	 * @return the message
	 */
	public String awaitText() {
		return next(this.inbox.unreadTexts, "text message");
	}

	/**
	 * Wait for the next binary message.
	 * @return the message
	 */
	public byte[] awaitBinary() {
		return next(this.inbox.unreadBinaries, "binary message");
	}

	/**
	 * Wait for the next ping.
	 * @return its payload
	 */
	public byte[] awaitPing() {
		return next(this.inbox.unreadPings, "ping");
	}

	/**
	 * Wait for the next pong.
	 * @return its payload
	 */
	public byte[] awaitPong() {
		return next(this.inbox.unreadPongs, "pong");
	}

	/**
	 * Wait for the next close event.
	 * @return its code and reason
	 */
	public Close awaitClose() {
		return next(this.inbox.unreadCloses, "close event");
	}

	/**
	 * Wait for the next error event.
	 * @return the error
	 */
	public Throwable awaitError() {
		return next(this.inbox.unreadErrors, "error event");
	}

	/**
	 * Wait until an event is in {@link #events()}.
	 * @param event the event, such as {@code "reconnected 1"}
	 * @return this test client
	 */
	public WsTestClient awaitEvent(String event) {
		waiting("event '" + event + "'").until(() -> this.inbox.events.contains(event));
		return this;
	}

	/**
	 * Return every text message received, in order.
	 * @return the text messages
	 */
	public List<String> texts() {
		return List.copyOf(this.inbox.texts);
	}

	/**
	 * Return every binary message received, in order.
	 * @return the binary messages
	 */
	public List<byte[]> binaries() {
		return List.copyOf(this.inbox.binaries);
	}

	/**
	 * Return every event received, in order, in words: {@code open}, {@code text <n>
	 * chars}, {@code binary <n> bytes}, {@code ping}, {@code pong}, {@code close <code>},
	 * {@code error <class name>}, {@code reconnecting <attempt>},
	 * {@code reconnected <attempts>}.
	 * @return the events
	 */
	public List<String> events() {
		return List.copyOf(this.inbox.events);
	}

	/**
	 * Close the connection with 1000 and wait until it is closed; terminate it if the
	 * server does not answer within the timeout.
	 */
	@Override
	public void close() {
		if (this.client.readyState() == ReadyState.CLOSED) {
			return;
		}
		this.client.close();
		try {
			awaitReadyState(ReadyState.CLOSED);
		}
		finally {
			this.client.terminate();
		}
	}

	@Override
	public String toString() {
		return "WsTestClient[" + this.client + ", events=" + this.inbox.events + "]";
	}

	private <T> T next(BlockingQueue<T> unread, String what) {
		return waiting("next " + what).until(unread::poll, Objects::nonNull);
	}

	private ConditionFactory waiting(String what) {
		return Awaitility.await(what + " from " + this.client.url())
			.atMost(this.timeout)
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(10));
	}

	/**
	 * A close event.
	 *
	 * @param code the close code
	 * @param reason the close reason
	 */
	public record Close(int code, String reason) {

	}

	/**
	 * Records the events of the client.
	 */
	private static final class Inbox implements WsClientListener {

		private final List<String> events = new CopyOnWriteArrayList<>();

		private final List<String> texts = new CopyOnWriteArrayList<>();

		private final List<byte[]> binaries = new CopyOnWriteArrayList<>();

		private final BlockingQueue<String> unreadTexts = new LinkedBlockingQueue<>();

		private final BlockingQueue<byte[]> unreadBinaries = new LinkedBlockingQueue<>();

		private final BlockingQueue<byte[]> unreadPings = new LinkedBlockingQueue<>();

		private final BlockingQueue<byte[]> unreadPongs = new LinkedBlockingQueue<>();

		private final BlockingQueue<Close> unreadCloses = new LinkedBlockingQueue<>();

		private final BlockingQueue<Throwable> unreadErrors = new LinkedBlockingQueue<>();

		@Override
		public void onOpen(WsClient client) {
			this.events.add("open");
		}

		@Override
		public void onTextMessage(WsClient client, String text) {
			this.texts.add(text);
			this.unreadTexts.add(text);
			this.events.add("text " + text.length() + " chars");
		}

		@Override
		public void onBinaryMessage(WsClient client, ByteBuffer data) {
			byte[] bytes = bytes(data);
			this.binaries.add(bytes);
			this.unreadBinaries.add(bytes);
			this.events.add("binary " + bytes.length + " bytes");
		}

		@Override
		public void onPing(WsClient client, ByteBuffer payload) {
			this.unreadPings.add(bytes(payload));
			this.events.add("ping");
		}

		@Override
		public void onPong(WsClient client, ByteBuffer payload) {
			this.unreadPongs.add(bytes(payload));
			this.events.add("pong");
		}

		@Override
		public void onClose(WsClient client, int code, String reason) {
			this.unreadCloses.add(new Close(code, reason));
			this.events.add("close " + code);
		}

		@Override
		public void onError(WsClient client, Throwable error) {
			this.unreadErrors.add(error);
			this.events.add("error " + error.getClass().getName());
		}

		@Override
		public void onReconnecting(WsClient client, int attempt, Duration delay) {
			this.events.add("reconnecting " + attempt);
		}

		@Override
		public void onReconnected(WsClient client, int attempts) {
			this.events.add("reconnected " + attempts);
		}

		private static byte[] bytes(ByteBuffer data) {
			byte[] bytes = new byte[data.remaining()];
			data.duplicate().get(bytes);
			return bytes;
		}

	}

}
