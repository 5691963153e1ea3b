package io.wsboot.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Writes through Spring's {@link WebSocketSession}, for containers without the Jakarta
 * WebSocket API. Its writes block the writing thread.
 */
final class SessionFrameWriter implements FrameWriter {

	private final WebSocketSession session;

	SessionFrameWriter(WebSocketSession session) {
		this.session = session;
	}

	@Override
	public boolean writeText(String text, Consumer<@Nullable Throwable> done) throws IOException {
		this.session.sendMessage(new TextMessage(text));
		return false;
	}

	@Override
	public boolean writeBinary(ByteBuffer data, Consumer<@Nullable Throwable> done) throws IOException {
		this.session.sendMessage(new BinaryMessage(data));
		return false;
	}

	@Override
	public void writeTextNow(String text) throws IOException {
		this.session.sendMessage(new TextMessage(text));
	}

	@Override
	public void writeBinaryNow(ByteBuffer data) throws IOException {
		this.session.sendMessage(new BinaryMessage(data));
	}

	@Override
	public void writePing(ByteBuffer payload) throws IOException {
		this.session.sendMessage(new PingMessage(payload));
	}

	@Override
	public void close(CloseStatus status) throws IOException {
		this.session.close(status);
	}

	@Override
	public void abort(CloseStatus sent, CloseStatus reported) {
		try {
			this.session.close(sent);
		}
		catch (IOException | RuntimeException ex) {
			// the peer is gone already: nothing more to do
		}
	}

}
