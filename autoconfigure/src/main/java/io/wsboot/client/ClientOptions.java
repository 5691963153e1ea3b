package io.wsboot.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link DefaultWsClient} is made with, fixed when it is built.
 *
 * @param handshakeTimeout the longest time the opening handshake may take
 * @param headers the extra headers of the handshake, {@code Origin} included
 * @param subprotocols the subprotocols offered, in order of preference
 * @param closeTimeout how long to wait for the server's close frame
 * @param maxMessageSize the largest message accepted, in bytes
 * @param heartbeat the longest silence of the server (interval plus margin), or
 * {@code null} for no heartbeat
 * @param reconnect the delays between reconnect attempts, or {@code null} for no
 * reconnect
 */
record ClientOptions(Duration handshakeTimeout, Map<String, String> headers, List<String> subprotocols,
		Duration closeTimeout, long maxMessageSize, @Nullable Duration heartbeat,
		@Nullable ReconnectBackoff reconnect) {

	/**
	 * Start an opening handshake with these options.
	 * @param httpClient the HTTP client that makes the connection
	 * @param url the URL
	 * @param listener receives the events of the connection
	 * @return completes with the open connection, or fails with why it did not open
	 */
	CompletableFuture<WebSocket> handshake(HttpClient httpClient, URI url, WebSocket.Listener listener) {
		try {
			WebSocket.Builder builder = httpClient.newWebSocketBuilder().connectTimeout(this.handshakeTimeout);
			this.headers.forEach(builder::header);
			if (!this.subprotocols.isEmpty()) {
				builder.subprotocols(this.subprotocols.get(0),
						this.subprotocols.subList(1, this.subprotocols.size()).toArray(String[]::new));
			}
			return builder.buildAsync(url, listener);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

}
