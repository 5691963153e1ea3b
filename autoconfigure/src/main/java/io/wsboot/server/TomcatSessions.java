package io.wsboot.server;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import org.apache.tomcat.websocket.WsSession;

import org.springframework.web.socket.CloseStatus;

/**
 * Tomcat specifics, kept apart so that nothing loads Tomcat classes on other containers.
 */
final class TomcatSessions {

	private TomcatSessions() {
	}

	/**
	 * Close the socket at once: Tomcat tries the close frame for at most 50 ms (its
	 * timeout for closes other than 1000) and reports {@code reported} to the local
	 * endpoint.
	 */
	static boolean abort(Session session, CloseStatus sent, CloseStatus reported) {
		if (!(session instanceof WsSession wsSession)) {
			return false;
		}
		wsSession.doClose(reason(sent), reason(reported), true);
		return true;
	}

	private static CloseReason reason(CloseStatus status) {
		return new CloseReason(CloseReason.CloseCodes.getCloseCode(status.getCode()), status.getReason());
	}

}
