package io.wsboot.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocketHandshakeException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import javax.net.ssl.SSLException;

import org.jspecify.annotations.Nullable;

/**
 * A {@link WsClient} could not open its connection: the opening handshake failed, and
 * the message says why in words — refused connection, handshake timeout, an HTTP status
 * instead of the upgrade, a proxy that refused the tunnel, a server certificate that is
 * not trusted or does not name the host. The original failure is the cause.
 */
public final class WsConnectException extends IOException {

	private static final long serialVersionUID = 1L;

	private final URI url;

	private final int status;

	private final boolean retryable;

	private WsConnectException(URI url, String why, @Nullable Throwable cause, int status, boolean retryable) {
		super("Could not connect to " + url + ": " + why, cause);
		this.url = url;
		this.status = status;
		this.retryable = retryable;
	}

	/**
	 * Return the URL the client tried to connect to.
	 * @return the URL
	 */
	public URI url() {
		return this.url;
	}

	/**
	 * Return the HTTP status the server answered the upgrade request with.
	 * @return the status, or {@code -1} when the server did not answer with one
	 */
	public int status() {
		return this.status;
	}

	/**
	 * Return whether trying again later may succeed: not after a certificate problem, a
	 * client error status other than 408 and 429, or an invalid request.
	 */
	boolean isRetryable() {
		return this.retryable;
	}

	/**
	 * Describe why an opening handshake failed.
	 * @param url the URL of the handshake
	 * @param failure what the JDK's client reported
	 * @param handshakeTimeout the handshake timeout in force
	 * @return the exception to report
	 */
	static WsConnectException of(URI url, Throwable failure, Duration handshakeTimeout) {
		Throwable cause = unwrap(failure);
		if (cause instanceof WsConnectException connectException) {
			return connectException;
		}
		if (cause instanceof WebSocketHandshakeException handshake) {
			int status = handshake.getResponse().statusCode();
			boolean retryable = status >= 500 || status == 408 || status == 429;
			return new WsConnectException(url, "the server answered the upgrade request with HTTP " + status,
					cause, status, retryable);
		}
		if (cause instanceof HttpTimeoutException) {
			return new WsConnectException(url,
					"no handshake response within " + handshakeTimeout.toMillis() + " ms (the handshake timeout)",
					cause, -1, true);
		}
		if (cause instanceof ConnectException) {
			return new WsConnectException(url, "connection refused", cause, -1, true);
		}
		if (cause instanceof SSLException) {
			return tls(url, cause);
		}
		if (cause instanceof IllegalArgumentException) {
			return new WsConnectException(url, "invalid request: " + cause.getMessage(), cause, -1, false);
		}
		if (cause instanceof CancellationException) {
			return new WsConnectException(url, "the handshake was cancelled", cause, -1, false);
		}
		String message = cause.getMessage();
		if (message != null && message.startsWith("Tunnel failed")) {
			return new WsConnectException(url, "the proxy refused the tunnel (" + message + ")", cause, -1, true);
		}
		return new WsConnectException(url, (message != null) ? message : cause.getClass().getName(), cause, -1,
				true);
	}

	/**
	 * Report a connection attempt that was given up.
	 * @param url the URL
	 * @param why why it was given up
	 * @return the exception to report
	 */
	static WsConnectException gaveUp(URI url, String why) {
		return new WsConnectException(url, why, null, -1, false);
	}

	private static WsConnectException tls(URI url, Throwable cause) {
		String host = url.getHost();
		for (Throwable candidate = cause; candidate != null; candidate = candidate.getCause()) {
			String message = String.valueOf(candidate.getMessage());
			if (candidate instanceof CertificateException && message.startsWith("No ")
					&& (message.contains("subject alternative") || message.contains("name matching"))) {
				return new WsConnectException(url, "the server's certificate is not valid for host '" + host
						+ "' (hostname verification is on): " + message, cause, -1, false);
			}
			if (candidate instanceof CertPathBuilderException || message.contains("PKIX path")) {
				return new WsConnectException(url,
						"the server's certificate is not trusted (" + message
								+ "); trust it with ws.client.ssl.bundle or WsClient.Builder.sslContext(...)",
						cause, -1, false);
			}
		}
		return new WsConnectException(url, "the TLS handshake failed: " + cause.getMessage(), cause, -1, true);
	}

	private static Throwable unwrap(Throwable failure) {
		Throwable cause = failure;
		while ((cause instanceof CompletionException || cause instanceof ExecutionException)
				&& cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

}
