package io.wsboot.autoconfigure.metrics;

import java.util.Map;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * A Micrometer {@link Observation} named {@code ws.server.upgrades} around each upgrade
 * request, accepted or refused, so that tracing shows handshakes and, with a meter
 * registry, a timer counts them: tagged with the endpoint id and the HTTP status
 * ({@code 101} when upgraded).
 */
final class UpgradeObservation implements HandshakeInterceptor {

	static final String NAME = "ws.server.upgrades";

	private static final String ATTRIBUTE = UpgradeObservation.class.getName();

	private final ObservationRegistry registry;

	private final String endpointId;

	UpgradeObservation(ObservationRegistry registry, String endpointId) {
		this.registry = registry;
		this.endpointId = endpointId;
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			Map<String, Object> attributes) {
		if (request instanceof ServletServerHttpRequest servletRequest) {
			Observation observation = Observation.createNotStarted(NAME, this.registry)
				.contextualName("websocket upgrade " + this.endpointId)
				.lowCardinalityKeyValue("endpoint", this.endpointId)
				.start();
			servletRequest.getServletRequest().setAttribute(ATTRIBUTE, observation);
		}
		return true;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			@Nullable Exception exception) {
		if (!(request instanceof ServletServerHttpRequest servletRequest)
				|| !(servletRequest.getServletRequest().getAttribute(ATTRIBUTE) instanceof Observation observation)) {
			return;
		}
		servletRequest.getServletRequest().removeAttribute(ATTRIBUTE);
		int status = (response instanceof ServletServerHttpResponse servletResponse)
				? servletResponse.getServletResponse().getStatus() : 0;
		observation.lowCardinalityKeyValues(KeyValues.of("status", Integer.toString(status)));
		if (exception != null) {
			observation.error(exception);
		}
		observation.stop();
	}

}
