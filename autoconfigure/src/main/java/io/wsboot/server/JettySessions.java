package io.wsboot.server;

import java.time.Duration;

import org.eclipse.jetty.websocket.api.Session;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.jetty.JettyWebSocketSession;

/**
 * Jetty specifics, kept apart so that nothing loads Jetty classes on other containers.
 */
final class JettySessions {

	private JettySessions() {
	}

	/**
	 * Apply the endpoint's settings to a Jetty session just opened and return its writer.
	 * @return {@code null} when the session is not Jetty's
	 */
	static @Nullable FrameWriter writer(WebSocketSession session, EndpointSettings settings) {
		if (!(session instanceof JettyWebSocketSession jettySession)) {
			return null;
		}
		Session nativeSession = jettySession.getNativeSession();
		// Jetty gathers whole messages itself, at most 64 KiB of them by default, and
		// closes connections idle for 30 s: wsboot's own settings govern both
		nativeSession.setMaxTextMessageSize(settings.maxMessageSize());
		nativeSession.setMaxBinaryMessageSize(settings.maxMessageSize());
		nativeSession.setMaxFrameSize(settings.maxMessageSize());
		nativeSession.setIdleTimeout(Duration.ZERO);
		return new JettyFrameWriter(nativeSession, settings.sendTimeLimit());
	}

}
