package io.wsboot.client;

import io.wsboot.ReadyState;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

import javax.net.ssl.SSLContext;

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
 * client.whenClosed().join(); // in a main(): wait until the client is closed for good
 * </pre>
 *
 * A client opens its connection at once, in the background, as {@code ws} does:
 * {@code connect} returns a client that is {@link ReadyState#CONNECTING}, and
 * {@link WsClientListener#onOpen} (or {@link #whenOpen()}) tells when it is open;
 * {@link #whenClosed()} tells when it is closed for good. Every method is safe to call
 * from any thread. Sends never block: they are queued and written in order, one at a
 * time, and the returned future completes when the message is written. A send while the
 * connection is not open fails at once with an {@link IllegalStateException}, so nothing
 * is dropped unseen.
 * <p>
 * The transport is the JDK's {@link java.net.http.WebSocket}: no dependency, HTTP
 * proxies through CONNECT, TLS with hostname verification. It answers pings by itself,
 * and negotiates no extension, so {@link #extensions()} is always empty.
 *
 * @since 0.1.0
 */
// long for an interface: it is the documentation of the client's and the builder's whole API
public interface WsClient {

	/**
	 * Return a builder with the defaults of a client made without Spring: no heartbeat, no
	 * reconnect, a 10 second handshake timeout.
	 * @return a new builder
	 */
	static Builder builder() {
		return new DefaultWsClientBuilder();
	}

	/**
	 * Open a client with the defaults of {@link #builder()}.
	 * @param url the URL, {@code ws://} or {@code wss://}
	 * @param listener receives the client's events
	 * @return the client, {@link ReadyState#CONNECTING}
	 */
	static WsClient connect(String url, WsClientListener listener) {
		return builder().connect(url, listener);
	}

	/**
	 * Return the URL the client connects to.
	 * @return the URL
	 */
	URI url();

	/**
	 * Return the state of the connection. {@link ReadyState#CONNECTING} while a handshake
	 * is under way or a reconnect is scheduled; {@link ReadyState#CLOSED} is final.
	 * @return the ready state
	 */
	ReadyState readyState();

	/**
	 * Return whether the connection is open.
	 * @return {@code true} when {@link #readyState()} is {@link ReadyState#OPEN}
	 */
	default boolean isOpen() {
		return readyState() == ReadyState.OPEN;
	}

	/**
	 * Return the number of bytes of the messages queued by {@code send} and not yet
	 * written to the network. Back to {@code 0} when the connection ends: the messages
	 * not written are then failed.
	 * @return the buffered amount in bytes
	 */
	long bufferedAmount();

	/**
	 * Return the subprotocol the server selected among the ones offered.
	 * @return the subprotocol, or an empty string when none was selected or the
	 * connection never opened
	 */
	String protocol();

	/**
	 * Return the negotiated extensions. The JDK's client offers none, so none are ever
	 * negotiated: messages are not compressed.
	 * @return an empty list
	 */
	List<String> extensions();

	/**
	 * Return a future that completes when the connection first opens, and fails with the
	 * error that ended the first attempt (a {@link WsConnectException} when the handshake
	 * failed) unless a reconnect follows, or when the client is closed before opening.
	 * @return a future of this client
	 */
	CompletableFuture<WsClient> whenOpen();

	/**
	 * Return a future that completes, once, when the client is closed for good: after
	 * {@link #close(int, String) close} or {@link #terminate() terminate}, after a close
	 * that is not followed by a reconnect, or when the reconnect attempts are used up. It
	 * completes with the code and reason of the last close event, after the listeners
	 * received that event, and never fails: a client that could not connect completes it
	 * with 1006 and the reason of the failed handshake. A {@code main()} waits on it so
	 * that the program does not exit while the client is at work:
	 * {@code client.whenClosed().join()}. Never wait on it in a listener: it completes
	 * after the listeners' close event, on the thread that delivers the events.
	 * @return a future of the final close
	 */
	CompletableFuture<Close> whenClosed();

	/**
	 * Add a listener. Events that happened before are not replayed.
	 * @param listener the listener
	 */
	void addListener(WsClientListener listener);

	/**
	 * Remove a listener.
	 * @param listener the listener
	 */
	void removeListener(WsClientListener listener);

	/**
	 * Send a text message.
	 * @param text the message
	 * @return completes when the message is written, fails when the connection ends first
	 * @throws IllegalStateException when the connection is not open
	 */
	CompletableFuture<Void> send(String text);

	/**
	 * Send a binary message. The array must not be changed until the message is written.
	 * @param data the message
	 * @return completes when the message is written, fails when the connection ends first
	 * @throws IllegalStateException when the connection is not open
	 */
	default CompletableFuture<Void> send(byte[] data) {
		return send(ByteBuffer.wrap(data));
	}

	/**
	 * Send a binary message: the buffer's remaining bytes. The buffer's content must not
	 * be changed until the message is written; its position is left as it is.
	 * @param data the message
	 * @return completes when the message is written, fails when the connection ends first
	 * @throws IllegalStateException when the connection is not open
	 */
	CompletableFuture<Void> send(ByteBuffer data);

	/**
	 * Send a ping with an empty payload.
	 * @return completes when the ping is written
	 * @throws IllegalStateException when the connection is not open
	 */
	default CompletableFuture<Void> ping() {
		return ping(new byte[0]);
	}

	/**
	 * Send a ping; the server answers with a pong carrying the same payload, which
	 * {@link WsClientListener#onPong} receives.
	 * @param payload the payload, at most 125 bytes
	 * @return completes when the ping is written
	 * @throws IllegalStateException when the connection is not open
	 */
	CompletableFuture<Void> ping(byte[] payload);

	/**
	 * Send an unsolicited pong with an empty payload.
	 * @return completes when the pong is written
	 * @throws IllegalStateException when the connection is not open
	 */
	default CompletableFuture<Void> pong() {
		return pong(new byte[0]);
	}

	/**
	 * Send an unsolicited pong. Pings need no answer from the application: the client
	 * answers them by itself.
	 * @param payload the payload, at most 125 bytes
	 * @return completes when the pong is written
	 * @throws IllegalStateException when the connection is not open
	 */
	CompletableFuture<Void> pong(byte[] payload);

	/**
	 * Start the closing handshake with 1000 (normal closure).
	 * @see #close(int, String)
	 */
	default void close() {
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
	void close(int code, String reason);

	/**
	 * Drop the connection at once, without a closing handshake; queued messages are
	 * failed. The close event reports 1006 (abnormal closure). Never followed by a
	 * reconnect.
	 */
	void terminate();

	/**
	 * Stop reading: no message event until {@link #resume()}, and the server is slowed
	 * down by TCP flow control once the buffers between are full. The client heartbeat is
	 * suspended meanwhile, since nothing is read.
	 */
	void pause();

	/**
	 * Read again after {@link #pause()}.
	 */
	void resume();

	/**
	 * Return whether the client is paused.
	 * @return {@code true} between {@link #pause()} and {@link #resume()}
	 */
	boolean isPaused();

	/**
	 * The close that ended a client for good, as {@link #whenClosed()} reports it: the
	 * code and reason of its last close event.
	 *
	 * @param code the close code; 1006 when the connection ended without a closing
	 * handshake, or never opened
	 * @param reason the close reason, possibly empty
	 */
	record Close(int code, String reason) {

	}

	/**
	 * Builds {@link WsClient}s: options first, then {@link #connect(String, WsClientListener)
	 * connect} as many clients as needed. The clients of one builder share its HTTP client
	 * and its scheduler thread. The auto-configured builder bean is a new builder for each
	 * injection point, with the {@code ws.client.*} properties applied. Not thread-safe
	 * while being configured; {@code connect} may be called from any thread.
	 */
	interface Builder {

		/**
		 * Set the longest time the opening handshake may take, TCP connection, proxy
		 * tunnel and TLS included.
		 * @param handshakeTimeout the timeout; default 10 seconds
		 * @return this builder
		 */
		Builder handshakeTimeout(Duration handshakeTimeout);

		/**
		 * Set the {@code Origin} header of the handshake, as a browser would send it.
		 * @param origin the origin, such as {@code https://app.example.com}, or
		 * {@code null} for none (the default)
		 * @return this builder
		 */
		Builder origin(@Nullable String origin);

		/**
		 * Add a header to the handshake request, such as {@code Authorization} or
		 * {@code Cookie}. The headers of the handshake itself ({@code Host},
		 * {@code Connection}, {@code Upgrade}, {@code Sec-WebSocket-*}) are the client's:
		 * setting one fails.
		 * @param name the header name
		 * @param value the header value
		 * @return this builder
		 */
		Builder header(String name, String value);

		/**
		 * Set the subprotocols offered to the server, in order of preference; the one it
		 * selects is the client's {@link WsClient#protocol()}.
		 * @param subprotocols the subprotocols; none by default
		 * @return this builder
		 */
		default Builder subprotocols(String... subprotocols) {
			return subprotocols(List.of(subprotocols));
		}

		/**
		 * Set the subprotocols offered to the server, in order of preference.
		 * @param subprotocols the subprotocols
		 * @return this builder
		 */
		Builder subprotocols(List<String> subprotocols);

		/**
		 * Connect through an HTTP proxy, with a CONNECT tunnel for {@code ws://} and
		 * {@code wss://} alike.
		 * @param host the proxy's host
		 * @param port the proxy's port
		 * @return this builder
		 */
		default Builder proxy(String host, int port) {
			return proxy(InetSocketAddress.createUnresolved(host, port));
		}

		/**
		 * Connect through an HTTP proxy, with a CONNECT tunnel.
		 * @param proxy the proxy's address, or {@code null} to connect directly (the
		 * default)
		 * @return this builder
		 */
		Builder proxy(@Nullable InetSocketAddress proxy);

		/**
		 * Set the TLS context of {@code wss://} connections, such as one that trusts a
		 * private certificate authority. The server's host name is verified against its
		 * certificate whatever the context.
		 * @param sslContext the context, or {@code null} for the JDK's default (the
		 * default)
		 * @return this builder
		 */
		Builder sslContext(@Nullable SSLContext sslContext);

		/**
		 * Set the longest time to wait, after {@link WsClient#close(int, String)}, for the
		 * server's close frame before dropping the connection.
		 * @param closeTimeout the timeout; default 30 seconds
		 * @return this builder
		 */
		Builder closeTimeout(Duration closeTimeout);

		/**
		 * Set the largest message accepted from the server, summed over its fragments; a
		 * larger one is reported as an error and closes the connection with 1008.
		 * @param maxMessageSize the size in bytes; default 100 MiB
		 * @return this builder
		 */
		Builder maxMessageSize(long maxMessageSize);

		/**
		 * Set whether to terminate a connection that has heard nothing from the server
		 * (ping or any other frame) for the heartbeat interval plus margin; its close
		 * event reports 1006. For servers that ping, as the starter's does.
		 * @param heartbeat whether the heartbeat is on; off by default
		 * @return this builder
		 */
		Builder heartbeat(boolean heartbeat);

		/**
		 * Set the time between two pings of the server.
		 * @param heartbeatInterval the server's ping interval; default 30 seconds
		 * @return this builder
		 */
		Builder heartbeatInterval(Duration heartbeatInterval);

		/**
		 * Set the time allowed, on top of the interval, for latency and the server's
		 * scheduling.
		 * @param heartbeatMargin the margin; default 5 seconds
		 * @return this builder
		 */
		Builder heartbeatMargin(Duration heartbeatMargin);

		/**
		 * Set whether to reconnect when the connection is lost (1006), or the server goes
		 * away (1001), fails (1011), restarts (1012) or is overloaded (1013), and when a
		 * handshake fails for a reason that may pass. Never after a close or terminate
		 * the application asked for.
		 * @param reconnect whether to reconnect; off by default
		 * @return this builder
		 */
		Builder reconnect(boolean reconnect);

		/**
		 * Set the delay before the first reconnect attempt.
		 * @param initialDelay the delay; default 1 second
		 * @return this builder
		 */
		Builder reconnectInitialDelay(Duration initialDelay);

		/**
		 * Set the longest delay between two reconnect attempts.
		 * @param maxDelay the delay; default 30 seconds
		 * @return this builder
		 */
		Builder reconnectMaxDelay(Duration maxDelay);

		/**
		 * Set the factor from one reconnect delay to the next.
		 * @param multiplier the factor, at least 1; default 2
		 * @return this builder
		 */
		Builder reconnectMultiplier(double multiplier);

		/**
		 * Set the largest fraction of each reconnect delay taken off at random, so that
		 * clients dropped together do not come back together.
		 * @param jitter the fraction, from 0 to 1; default 0.5
		 * @return this builder
		 */
		Builder reconnectJitter(double jitter);

		/**
		 * Set the number of failed reconnect attempts after which to give up.
		 * @param maxAttempts the number, {@code 0} for no limit (the default)
		 * @return this builder
		 */
		Builder reconnectMaxAttempts(int maxAttempts);

		/**
		 * Set the scheduler of the heartbeat checks, close timeouts and reconnect delays.
		 * By default the builder makes one daemon thread, shared by its clients, that
		 * stops when idle.
		 * @param scheduler the scheduler
		 * @return this builder
		 */
		Builder scheduler(ScheduledExecutorService scheduler);

		/**
		 * Open a client, with no listener yet.
		 * @param url the URL: {@code ws://} or {@code wss://} ({@code http://} and
		 * {@code https://} are taken for them), without fragment
		 * @return the client, {@link ReadyState#CONNECTING}
		 */
		default WsClient connect(String url) {
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
		default WsClient connect(String url, WsClientListener listener) {
			return connect(URI.create(url), listener);
		}

		/**
		 * Open a client.
		 * @param url the URL: {@code ws://} or {@code wss://} ({@code http://} and
		 * {@code https://} are taken for them), without fragment
		 * @param listener receives the client's events, from the first
		 * @return the client, {@link ReadyState#CONNECTING}
		 */
		WsClient connect(URI url, WsClientListener listener);

	}

}
