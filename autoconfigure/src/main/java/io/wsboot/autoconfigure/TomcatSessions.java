package io.wsboot.autoconfigure;

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
	 * timeout for abnormal closes) and reports 1006 to the local endpoint.
	 */
	static boolean abort(Session session, CloseStatus status) {
		if (!(session instanceof WsSession wsSession)) {
			return false;
		}
		CloseReason.CloseCode code = CloseReason.CloseCodes.getCloseCode(status.getCode());
		wsSession.doClose(new CloseReason(code, status.getReason()),
				new CloseReason(CloseReason.CloseCodes.CLOSED_ABNORMALLY, status.getReason()), true);
		return true;
	}

}
