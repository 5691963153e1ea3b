package io.wsboot;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.util.MultiValueMap;

/**
 * The HTTP request that opened a WebSocket connection, as it was at the handshake.
 *
 * @param uri the request URI, with its query
 * @param headers the request headers (read-only in the handshake a connection keeps)
 * @param queryParams the decoded query parameters
 * @param cookies the cookies sent with the request, by name
 * @param remoteAddress the address of the peer, when known
 * @param principal the authenticated user, when there is one
 */
public record HandshakeRequest(URI uri, HttpHeaders headers, MultiValueMap<String, String> queryParams,
		Map<String, String> cookies, @Nullable InetSocketAddress remoteAddress, @Nullable Principal principal) {

	/**
	 * Return the first value of a query parameter.
	 * @param name the parameter name
	 * @return the value, or {@code null} when the parameter is absent
	 */
	public @Nullable String queryParam(String name) {
		return this.queryParams.getFirst(name);
	}

	/**
	 * Return the first value of a header.
	 * @param name the header name, in any case
	 * @return the value, or {@code null} when the header is absent
	 */
	public @Nullable String header(String name) {
		return this.headers.getFirst(name);
	}

	/**
	 * Return the value of a cookie.
	 * @param name the cookie name
	 * @return the value, or {@code null} when the cookie is absent
	 */
	public @Nullable String cookie(String name) {
		return this.cookies.get(name);
	}

	/**
	 * Return the subprotocols the client offered, in its order of preference.
	 * @return the offered subprotocols
	 */
	public List<String> offeredProtocols() {
		return this.headers.getValuesAsList("Sec-WebSocket-Protocol");
	}

}
