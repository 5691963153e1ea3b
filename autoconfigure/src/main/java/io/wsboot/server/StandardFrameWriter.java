package io.wsboot.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;
import org.springframework.web.socket.CloseStatus;

/**
 * Writes through the Jakarta WebSocket API's asynchronous remote, so a write to a peer
 * that does not read parks no thread.
 */
final class StandardFrameWriter implements FrameWriter {

	private static final boolean TOMCAT_PRESENT = ClassUtils.isPresent("org.apache.tomcat.websocket.WsSession",
			StandardFrameWriter.class.getClassLoader());

	private final Session session;

	private final SendHandler handler;

	private volatile @Nullable Consumer<@Nullable Throwable> done;

	StandardFrameWriter(Session session) {
		this.session = session;
		this.handler = this::onResult;
	}

	private void onResult(SendResult result) {
		Consumer<@Nullable Throwable> callback = this.done;
		this.done = null;
		if (callback != null) {
			callback.accept(result.isOK() ? null : result.getException());
		}
	}

	@Override
	public boolean writeText(String text, Consumer<@Nullable Throwable> done) throws IOException {
		this.done = done;
		try {
			this.session.getAsyncRemote().sendText(text, this.handler);
		}
		catch (RuntimeException ex) {
			this.done = null;
			throw new IOException("Failed to send text message", ex);
		}
		return true;
	}

	@Override
	public boolean writeBinary(ByteBuffer data, Consumer<@Nullable Throwable> done) throws IOException {
		this.done = done;
		try {
			this.session.getAsyncRemote().sendBinary(data, this.handler);
		}
		catch (RuntimeException ex) {
			this.done = null;
			throw new IOException("Failed to send binary message", ex);
		}
		return true;
	}

	@Override
	public void writeTextNow(String text) throws IOException {
		try {
			this.session.getBasicRemote().sendText(text);
		}
		catch (RuntimeException ex) {
			throw new IOException("Failed to send text message", ex);
		}
	}

	@Override
	public void writeBinaryNow(ByteBuffer data) throws IOException {
		try {
			this.session.getBasicRemote().sendBinary(data);
		}
		catch (RuntimeException ex) {
			throw new IOException("Failed to send binary message", ex);
		}
	}

	@Override
	public void writePing(ByteBuffer payload) throws IOException {
		try {
			this.session.getBasicRemote().sendPing(payload);
		}
		catch (RuntimeException ex) {
			throw new IOException("Failed to send ping", ex);
		}
	}

	@Override
	public void close(CloseStatus status) throws IOException {
		this.session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(status.getCode()), status.getReason()));
	}

	@Override
	public void abort(CloseStatus sent, CloseStatus reported) {
		if (TOMCAT_PRESENT && TomcatSessions.abort(this.session, sent, reported)) {
			return;
		}
		try {
			close(sent);
		}
		catch (IOException | RuntimeException ex) {
			// the peer is gone already: nothing more to do
		}
	}

}
