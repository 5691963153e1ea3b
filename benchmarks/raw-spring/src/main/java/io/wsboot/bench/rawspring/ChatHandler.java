package io.wsboot.bench.rawspring;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * Sends every text message to every open connection, the sender included. Sessions are
 * wrapped in a {@link ConcurrentWebSocketSessionDecorator} since several threads broadcast
 * at once; its limits are wsboot's defaults (10 s, 1 MiB).
 */
class ChatHandler extends TextWebSocketHandler {

	private static final int SEND_TIME_LIMIT = 10_000;

	private static final int BUFFER_SIZE_LIMIT = 1024 * 1024;

	private final Map<String, WebSocketSession> sessions = new ConcurrentHashMap<>();

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		this.sessions.put(session.getId(),
				new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT, BUFFER_SIZE_LIMIT));
	}

	@Override
	protected void handleTextMessage(WebSocketSession sender, TextMessage message) {
		for (WebSocketSession session : this.sessions.values()) {
			try {
				session.sendMessage(message);
			}
			catch (IOException | RuntimeException ex) {
				// a slow or broken peer: the decorator closes it; the others still get the message
				this.sessions.remove(session.getId());
			}
		}
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		this.sessions.remove(session.getId());
	}

}
