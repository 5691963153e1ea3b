package io.wsboot.server;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.wsboot.HandshakeRequest;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.util.CollectionUtils;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Keeps what a connection needs from its handshake request, which the container
 * recycles once the upgrade is done: a {@link HandshakeRequest} and the path variables.
 */
final class HandshakeCapture {

	private static final String REQUEST_ATTRIBUTE = HandshakeCapture.class.getName() + ".request";

	private static final String PATH_PARAMS_ATTRIBUTE = HandshakeCapture.class.getName() + ".pathParams";

	private static final MultiValueMap<String, String> NO_QUERY_PARAMS = CollectionUtils
		.unmodifiableMultiValueMap(new LinkedMultiValueMap<>(0));

	boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
			Map<String, Object> attributes) {
		URI uri = request.getURI();
		// a copy: the request's headers are a view of the container's request, which is
		// recycled once the upgrade is done; a compact one, kept as long as the connection
		HttpHeaders headers = HandshakeHeaders.copyOf(request.getHeaders());
		attributes.put(REQUEST_ATTRIBUTE, new HandshakeRequest(uri, headers, queryParams(uri), cookies(headers),
				remoteAddress(request), principal(request)));
		attributes.put(PATH_PARAMS_ATTRIBUTE, pathParams(request));
		return true;
	}

	static HandshakeRequest takeRequest(Map<String, Object> attributes) {
		HandshakeRequest request = (HandshakeRequest) attributes.remove(REQUEST_ATTRIBUTE);
		if (request == null) {
			throw new IllegalStateException("No handshake request captured");
		}
		return request;
	}

	static HandshakeRequest peekRequest(Map<String, Object> attributes) {
		HandshakeRequest request = (HandshakeRequest) attributes.get(REQUEST_ATTRIBUTE);
		if (request == null) {
			throw new IllegalStateException("No handshake request captured");
		}
		return request;
	}

	@SuppressWarnings("unchecked")
	static Map<String, String> takePathParams(Map<String, Object> attributes) {
		Map<String, String> params = (Map<String, String>) attributes.remove(PATH_PARAMS_ATTRIBUTE);
		return (params != null) ? params : Map.of();
	}

	private static MultiValueMap<String, String> queryParams(URI uri) {
		if (uri.getRawQuery() == null) {
			return NO_QUERY_PARAMS;
		}
		MultiValueMap<String, String> raw = UriComponentsBuilder.fromUri(uri).build().getQueryParams();
		MultiValueMap<String, String> decoded = new LinkedMultiValueMap<>(raw.size());
		raw.forEach((name, values) -> {
			for (String value : values) {
				decoded.add(UriUtils.decode(name, StandardCharsets.UTF_8),
						(value != null) ? UriUtils.decode(value, StandardCharsets.UTF_8) : "");
			}
		});
		return CollectionUtils.unmodifiableMultiValueMap(decoded);
	}

	private static Map<String, String> cookies(HttpHeaders headers) {
		List<String> values = headers.get(HttpHeaders.COOKIE);
		if (values == null || values.isEmpty()) {
			return Map.of();
		}
		Map<String, String> cookies = new LinkedHashMap<>();
		for (String header : values) {
			for (String pair : header.split(";")) {
				int equals = pair.indexOf('=');
				if (equals > 0) {
					String value = pair.substring(equals + 1).trim();
					if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
						value = value.substring(1, value.length() - 1);
					}
					cookies.putIfAbsent(pair.substring(0, equals).trim(), value);
				}
			}
		}
		return Collections.unmodifiableMap(cookies);
	}

	private static @Nullable InetSocketAddress remoteAddress(ServerHttpRequest request) {
		try {
			return request.getRemoteAddress();
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static @Nullable Principal principal(ServerHttpRequest request) {
		return request.getPrincipal();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> pathParams(ServerHttpRequest request) {
		if (request instanceof ServletServerHttpRequest servletRequest) {
			HttpServletRequest servlet = servletRequest.getServletRequest();
			Object variables = servlet.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
			if (variables instanceof Map<?, ?> map && !map.isEmpty()) {
				return Map.copyOf((Map<String, String>) map);
			}
		}
		return Map.of();
	}

}
