package io.wsboot.server;

import java.util.List;
import java.util.Map;

import io.wsboot.HandshakeDecision;
import io.wsboot.HandshakeGuard;
import io.wsboot.HandshakeRequest;
import io.wsboot.HandshakeResponseCustomizer;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.util.WebUtils;

/**
 * Decides, for one endpoint, whether an upgrade request may open a connection, in this
 * order: shutdown (503), origin (403), subprotocol (400), the application's
 * {@link HandshakeGuard}s (their status), then the connection limit (503). An accepted
 * request gets the headers of the application's {@link HandshakeResponseCustomizer}s.
 */
final class HandshakePolicy {

	private static final Log logger = LogFactory.getLog(HandshakePolicy.class);

	private static final String RESERVED_ATTRIBUTE = HandshakePolicy.class.getName() + ".reserved";

	/**
	 * Seconds a client refused for load is told to wait.
	 */
	static final String RETRY_AFTER_SECONDS = "5";

	private final String endpointId;

	private final EndpointSettings settings;

	private final EndpointDispatcher dispatcher;

	private final GracefulClose lifecycle;

	private final List<HandshakeGuard> guards;

	private final List<HandshakeResponseCustomizer> customizers;

	private final @Nullable CorsConfiguration origins;

	private final ServerListeners listeners;

	HandshakePolicy(String endpointId, EndpointSettings settings, EndpointDispatcher dispatcher, GracefulClose lifecycle,
			List<HandshakeGuard> guards, List<HandshakeResponseCustomizer> customizers, ServerListeners listeners) {
		this.listeners = listeners;
		this.endpointId = endpointId;
		this.settings = settings;
		this.dispatcher = dispatcher;
		this.lifecycle = lifecycle;
		this.guards = List.copyOf(guards);
		this.customizers = List.copyOf(customizers);
		this.origins = origins(settings.allowedOrigins());
	}

	private static @Nullable CorsConfiguration origins(List<String> allowed) {
		if (allowed.isEmpty()) {
			return null;
		}
		CorsConfiguration configuration = new CorsConfiguration();
		configuration.setAllowedOriginPatterns(allowed);
		return configuration;
	}

	boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
			Map<String, Object> attributes) {
		// counted before the shutdown check, so that a shutdown either refuses the
		// request or waits for its connection
		this.dispatcher.upgradeStarted();
		boolean accepted = false;
		try {
			accepted = accept(request, response, attributes);
			return accepted;
		}
		finally {
			if (!accepted) {
				// refused, or failed after reserving its slot (a customizer threw)
				this.dispatcher.upgradeEnded(takeReservation(request));
			}
		}
	}

	private boolean accept(ServerHttpRequest request, ServerHttpResponse response, Map<String, Object> attributes) {
		if (!this.lifecycle.isAccepting()) {
			return refuse(response, HandshakeDecision.reject(503).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS),
					"the server is shutting down");
		}
		if (!isAllowedOrigin(request)) {
			return refuse(response, HandshakeDecision.reject(403),
					"origin " + request.getHeaders().getOrigin() + " is not allowed");
		}
		if (this.settings.subprotocolRequired() && !offersSubprotocol(request)) {
			return refuse(response, HandshakeDecision.reject(400),
					"none of the subprotocols " + this.settings.subprotocols() + " was offered");
		}
		HandshakeRequest handshake = HandshakeCapture.peekRequest(attributes);
		for (HandshakeGuard guard : this.guards) {
			HandshakeDecision decision = guard.check(handshake, this.endpointId);
			if (!decision.isAccepted()) {
				return refuse(response, decision, "rejected by " + guard);
			}
		}
		if (!this.dispatcher.limit().reserve()) {
			return refuse(response, HandshakeDecision.reject(503).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS),
					"the limit of " + this.settings.maxConnections() + " connections is reached");
		}
		if (request instanceof ServletServerHttpRequest servletRequest) {
			servletRequest.getServletRequest().setAttribute(RESERVED_ATTRIBUTE, Boolean.TRUE);
		}
		for (HandshakeResponseCustomizer customizer : this.customizers) {
			customizer.customize(handshake, this.endpointId, response.getHeaders());
		}
		return true;
	}

	void afterHandshake(ServerHttpRequest request, ServerHttpResponse response,
			@Nullable Exception exception) {
		if (!takeReservation(request)) {
			return;
		}
		// the slot passes to the connection only when the upgrade happened
		boolean upgraded = exception == null && response instanceof ServletServerHttpResponse servletResponse
				&& servletResponse.getServletResponse().getStatus() == HttpStatus.SWITCHING_PROTOCOLS.value();
		if (!upgraded) {
			this.dispatcher.upgradeEnded(true);
		}
	}

	/**
	 * Note that the request's slot, and its count in graceful shutdown, passed to its
	 * registered connection: {@link #afterHandshake} leaves them alone, even when the
	 * 101 fails.
	 */
	void handedOver(HttpServletRequest servletRequest) {
		servletRequest.removeAttribute(RESERVED_ATTRIBUTE);
	}

	/**
	 * Remove the mark of a reserved slot from a request.
	 * @return whether the request had reserved one
	 */
	private static boolean takeReservation(ServerHttpRequest request) {
		if (!(request instanceof ServletServerHttpRequest servletRequest)
				|| servletRequest.getServletRequest().getAttribute(RESERVED_ATTRIBUTE) == null) {
			return false;
		}
		servletRequest.getServletRequest().removeAttribute(RESERVED_ATTRIBUTE);
		return true;
	}

	private boolean isAllowedOrigin(ServerHttpRequest request) {
		String origin = request.getHeaders().getOrigin();
		if (origin == null) {
			// not a browser: origins only protect browsers from cross-site requests
			return true;
		}
		try {
			if (WebUtils.isSameOrigin(request)) {
				return true;
			}
		}
		catch (IllegalArgumentException ex) {
			// not a URL, so not an origin any browser sends
			return false;
		}
		return this.origins != null && this.origins.checkOrigin(origin) != null;
	}

	private boolean offersSubprotocol(ServerHttpRequest request) {
		List<String> offered = request.getHeaders().getValuesAsList("Sec-WebSocket-Protocol");
		return offered.stream().anyMatch(this.settings.subprotocols()::contains);
	}

	private boolean refuse(ServerHttpResponse response, HandshakeDecision decision, String why) {
		if (logger.isDebugEnabled()) {
			logger.debug("Refused upgrade to endpoint '" + this.endpointId + "' with " + decision.status() + ": " + why);
		}
		this.listeners.upgradeRejected(this.endpointId, decision.status());
		response.setStatusCode(HttpStatusCode.valueOf(decision.status()));
		response.getHeaders().addAll(decision.headers());
		return false;
	}

}
