package io.wsboot;

import org.springframework.http.HttpHeaders;

/**
 * What a {@link HandshakeGuard} decided: accept the upgrade, or reject it with an HTTP
 * status and, optionally, headers such as {@code Retry-After} or
 * {@code WWW-Authenticate}. Immutable.
 */
public final class HandshakeDecision {

	private static final HandshakeDecision ACCEPT = new HandshakeDecision(101, HttpHeaders.EMPTY);

	private final int status;

	private final HttpHeaders headers;

	private HandshakeDecision(int status, HttpHeaders headers) {
		this.status = status;
		this.headers = headers;
	}

	/**
	 * Accept the upgrade.
	 * @return the decision
	 */
	public static HandshakeDecision accept() {
		return ACCEPT;
	}

	/**
	 * Reject the upgrade.
	 * @param status the HTTP status of the response, from 400 to 599, such as 401, 403,
	 * 429 or 503
	 * @return the decision
	 */
	public static HandshakeDecision reject(int status) {
		if (status < 400 || status > 599) {
			throw new IllegalArgumentException("A rejected upgrade needs a 4xx or 5xx status but got " + status);
		}
		return new HandshakeDecision(status, HttpHeaders.EMPTY);
	}

	/**
	 * Return a decision like this one that also sends a header in the response.
	 * @param name the header name
	 * @param value the header value
	 * @return the decision
	 */
	public HandshakeDecision header(String name, String value) {
		HttpHeaders headers = new HttpHeaders();
		headers.putAll(this.headers);
		headers.add(name, value);
		return new HandshakeDecision(this.status, HttpHeaders.readOnlyHttpHeaders(headers));
	}

	/**
	 * Return whether the upgrade is accepted.
	 * @return {@code true} when accepted
	 */
	public boolean isAccepted() {
		return this.status == 101;
	}

	/**
	 * Return the HTTP status: 101 when accepted.
	 * @return the status
	 */
	public int status() {
		return this.status;
	}

	/**
	 * Return the headers to send in the response.
	 * @return the headers, read-only
	 */
	public HttpHeaders headers() {
		return this.headers;
	}

	@Override
	public String toString() {
		return isAccepted() ? "accept" : "reject " + this.status;
	}

}
