package io.wsboot.bench.rawspring;

import java.io.IOException;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * Sends every message back to its sender. Only the container's thread for this session
 * sends on it, so the session needs no decorator.
 */
class EchoHandler extends TextWebSocketHandler {

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
		session.sendMessage(message);
	}

	@Override
	protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
		try {
			session.sendMessage(message);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
