package io.wsboot.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * The {@link WebSocketSession} a Spring {@link org.springframework.web.socket.WebSocketHandler}
 * endpoint sees: a view of its {@link ServerConnection}. Sends are queued like any other,
 * so they are safe from any thread and never block.
 */
final class ConnectionSession implements WebSocketSession {

	private final ServerConnection connection;

	private final List<WebSocketExtension> extensions;

	ConnectionSession(ServerConnection connection) {
		this.connection = connection;
		this.extensions = connection.extensions().stream().map(WebSocketExtension::new).toList();
	}

	@Override
	public String getId() {
		return this.connection.id();
	}

	@Override
	public @Nullable URI getUri() {
		return this.connection.handshake().uri();
	}

	@Override
	public HttpHeaders getHandshakeHeaders() {
		return this.connection.handshake().headers();
	}

	@Override
	public Map<String, Object> getAttributes() {
		return this.connection.attributes();
	}

	@Override
	public @Nullable Principal getPrincipal() {
		return this.connection.handshake().principal();
	}

	@Override
	public @Nullable InetSocketAddress getLocalAddress() {
		return this.connection.localAddress();
	}

	@Override
	public @Nullable InetSocketAddress getRemoteAddress() {
		return this.connection.handshake().remoteAddress();
	}

	@Override
	public @Nullable String getAcceptedProtocol() {
		String protocol = this.connection.protocol();
		return protocol.isEmpty() ? null : protocol;
	}

	@Override
	public void setTextMessageSizeLimit(int messageSizeLimit) {
		throw new UnsupportedOperationException("Set ws.max-message-size instead");
	}

	@Override
	public int getTextMessageSizeLimit() {
		return (int) Math.min(Integer.MAX_VALUE, this.connection.settings().maxMessageSize());
	}

	@Override
	public void setBinaryMessageSizeLimit(int messageSizeLimit) {
		throw new UnsupportedOperationException("Set ws.max-message-size instead");
	}

	@Override
	public int getBinaryMessageSizeLimit() {
		return getTextMessageSizeLimit();
	}

	@Override
	public List<WebSocketExtension> getExtensions() {
		return this.extensions;
	}

	@Override
	public void sendMessage(WebSocketMessage<?> message) throws IOException {
		if (!message.isLast()) {
			throw new IllegalArgumentException("Partial messages cannot be sent through wsboot; send whole ones");
		}
		if (message instanceof TextMessage text) {
			this.connection.send(text.getPayload());
		}
		else if (message instanceof BinaryMessage binary) {
			this.connection.send(binary.getPayload());
		}
		else if (message instanceof PingMessage ping) {
			this.connection.ping(bytes(ping.getPayload()));
		}
		else if (message instanceof PongMessage pong) {
			this.connection.pong(bytes(pong.getPayload()));
		}
		else {
			throw new IllegalArgumentException("Unsupported message type " + message.getClass().getName());
		}
	}

	@Override
	public boolean isOpen() {
		return this.connection.isOpen();
	}

	@Override
	public void close() {
		this.connection.close();
	}

	@Override
	public void close(CloseStatus status) {
		this.connection.close(status.getCode(), (status.getReason() != null) ? status.getReason() : "");
	}

	@Override
	public String toString() {
		return "ConnectionSession[" + this.connection + "]";
	}

	private static byte[] bytes(ByteBuffer payload) {
		byte[] bytes = new byte[payload.remaining()];
		payload.duplicate().get(bytes);
		return bytes;
	}

}
