package io.wsboot.server;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import io.wsboot.HandshakeRequest;
import jakarta.websocket.Session;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * The container-facing handler of one endpoint: opens and registers connections, gathers
 * message parts up to the endpoint's maximum size, dispatches events to the endpoint's
 * callbacks, and isolates their failures to the connection that caused them.
 */
final class EndpointHandler implements WebSocketHandler {

	static final String CONNECTION_ATTRIBUTE = ServerConnection.class.getName();

	private static final Log logger = LogFactory.getLog(EndpointHandler.class);

	private static final boolean JAKARTA_PRESENT = ClassUtils.isPresent("jakarta.websocket.Session",
			EndpointHandler.class.getClassLoader());

	private static final boolean JETTY_PRESENT = ClassUtils.isPresent("org.eclipse.jetty.websocket.api.Session",
			EndpointHandler.class.getClassLoader());

	private static final String TOMCAT_BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

	// a message too big to take: its remaining parts are dropped
	private static final MessageParts DISCARD = MessageParts.binary();

	private final String endpointId;

	private final EndpointSettings settings;

	private final EndpointCallbacks callbacks;

	private final InMemoryConnectionRegistry registry;

	private final Executor closer;

	private final GracefulClose lifecycle;

	// open connections plus upgrades under way, against the endpoint's connection limit
	private final AtomicInteger slots = new AtomicInteger();

	EndpointHandler(String endpointId, EndpointSettings settings, EndpointCallbacks callbacks,
			InMemoryConnectionRegistry registry, Executor closer, GracefulClose lifecycle) {
		this.endpointId = endpointId;
		this.settings = settings;
		this.callbacks = callbacks;
		this.registry = registry;
		this.closer = closer;
		this.lifecycle = lifecycle;
	}

	/**
	 * Note an upgrade request about to be checked: a shutdown waits for it until
	 * {@link #upgradeEnded(boolean)} or until its connection opens.
	 */
	void upgradeStarted() {
		this.registry.upgradeStarted();
	}

	/**
	 * End an upgrade request that opened no connection.
	 * @param reserved whether it had {@link #reserveSlot() reserved} a slot
	 */
	void upgradeEnded(boolean reserved) {
		if (reserved) {
			releaseSlot();
		}
		this.registry.upgradeEnded();
	}

	/**
	 * Reserve a place for a connection about to be upgraded.
	 * @return {@code false} when the endpoint's connection limit is reached
	 */
	boolean reserveSlot() {
		int max = this.settings.maxConnections();
		while (true) {
			int taken = this.slots.get();
			if (taken >= max) {
				return false;
			}
			if (this.slots.compareAndSet(taken, taken + 1)) {
				return true;
			}
		}
	}

	private void releaseSlot() {
		this.slots.decrementAndGet();
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		ServerConnection connection;
		HandshakeRequest handshake;
		try {
			Map<String, Object> attributes = session.getAttributes();
			handshake = HandshakeCapture.takeRequest(attributes);
			Map<String, String> pathParams = HandshakeCapture.takePathParams(attributes);
			String path = handshake.uri().getRawPath();
			List<String> extensions = session.getExtensions().stream().map(WebSocketExtension::getName).toList();
			String protocol = session.getAcceptedProtocol();
			connection = new ServerConnection(this.registry.connectionId(session.getId()), this.endpointId, path, pathParams, handshake,
					attributes, (protocol != null) ? protocol : "", extensions, this.settings, writer(session),
					this.closer);
			attributes.put(CONNECTION_ATTRIBUTE, connection);
			this.registry.add(connection);
		}
		finally {
			// after the add: a shutdown sees the upgrade or its connection at every moment
			this.registry.upgradeEnded();
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Opened " + connection + " from " + handshake.remoteAddress());
		}
		try {
			this.callbacks.onOpen(connection, session);
		}
		catch (Throwable ex) {
			callbackFailed(connection, session, "open", ex);
		}
		if (!this.lifecycle.isAccepting()) {
			// accepted before the shutdown began and opened after it closed the others
			connection.close(1001, "Going away");
		}
	}

	private FrameWriter writer(WebSocketSession session) {
		if (JETTY_PRESENT) {
			FrameWriter jetty = JettySessions.writer(session, this.settings);
			if (jetty != null) {
				return jetty;
			}
		}
		if (JAKARTA_PRESENT && session instanceof NativeWebSocketSession nativeSession) {
			Session standard = nativeSession.getNativeSession(Session.class);
			if (standard != null) {
				// bounds the blocking writes that remain: pings and close frames
				standard.getUserProperties().put(TOMCAT_BLOCKING_SEND_TIMEOUT, this.settings.sendTimeLimit().toMillis());
				return new StandardFrameWriter(standard);
			}
		}
		return new SessionFrameWriter(session);
	}

	@Override
	public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) {
		ServerConnection connection = connection(session);
		if (connection == null) {
			return;
		}
		connection.markAlive();
		connection.reader(Thread.currentThread());
		try {
			if (message instanceof TextMessage text) {
				connection.markReceived();
				onText(connection, session, text);
			}
			else if (message instanceof BinaryMessage binary) {
				connection.markReceived();
				onBinary(connection, session, binary);
			}
			else if (message instanceof PongMessage pong) {
				this.callbacks.onPong(connection, session, copy(pong.getPayload()));
			}
		}
		catch (Throwable ex) {
			callbackFailed(connection, session, "message", ex);
		}
		finally {
			connection.reader(null);
		}
	}

	private void onText(ServerConnection connection, WebSocketSession session, TextMessage message) throws Exception {
		MessageParts parts = connection.parts();
		if (parts == DISCARD) {
			return;
		}
		String part = message.getPayload();
		long max = this.settings.maxMessageSize();
		if (this.callbacks.takesParts()) {
			if (count(connection, parts, Frame.utf8Length(part), message.isLast()) > max) {
				tooBig(connection);
				return;
			}
			this.callbacks.onPart(connection, session, message);
			return;
		}
		if (parts == null && message.isLast()) {
			// the common case: a whole message in one part, delivered without a copy
			if (part.length() * 3L > max && Frame.utf8Length(part) > max) {
				tooBig(connection);
				return;
			}
			this.callbacks.onText(connection, session, part);
			return;
		}
		if (parts == null) {
			parts = MessageParts.text();
			connection.parts(parts);
		}
		if (parts.add(part) > max) {
			tooBig(connection);
			return;
		}
		if (message.isLast()) {
			connection.parts(null);
			this.callbacks.onText(connection, session, parts.toText());
		}
	}

	private void onBinary(ServerConnection connection, WebSocketSession session, BinaryMessage message)
			throws Exception {
		MessageParts parts = connection.parts();
		if (parts == DISCARD) {
			return;
		}
		ByteBuffer part = message.getPayload();
		long max = this.settings.maxMessageSize();
		if (this.callbacks.takesParts()) {
			if (count(connection, parts, part.remaining(), message.isLast()) > max) {
				tooBig(connection);
				return;
			}
			this.callbacks.onPart(connection, session, message);
			return;
		}
		if (parts == null && message.isLast()) {
			if (part.remaining() > max) {
				tooBig(connection);
				return;
			}
			// the container reuses its buffer: the endpoint gets its own copy
			this.callbacks.onBinary(connection, session, copy(part));
			return;
		}
		if (parts == null) {
			parts = MessageParts.binary();
			connection.parts(parts);
		}
		if (parts.add(part) > max) {
			tooBig(connection);
			return;
		}
		if (message.isLast()) {
			connection.parts(null);
			this.callbacks.onBinary(connection, session, parts.toBinary());
		}
	}

	/**
	 * Count the size of a message passed on in parts.
	 */
	private long count(ServerConnection connection, @Nullable MessageParts parts, long partSize, boolean last) {
		// parts passed on are only counted: an empty binary MessageParts holds the total
		MessageParts counter = (parts != null) ? parts : MessageParts.binary();
		long size = counter.count(partSize);
		connection.parts(last ? null : counter);
		return size;
	}

	private void tooBig(ServerConnection connection) {
		connection.parts(DISCARD);
		if (logger.isDebugEnabled()) {
			logger.debug("Closing " + connection + ": message larger than " + this.settings.maxMessageSize()
					+ " bytes");
		}
		connection.close(1009, "Message too big");
	}

	@Override
	public void handleTransportError(WebSocketSession session, Throwable exception) {
		ServerConnection connection = connection(session);
		if (connection == null) {
			return;
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Transport error on " + connection, exception);
		}
		if (!connection.markErrorReported()) {
			// the error callback runs once per connection, as the close callback does
			return;
		}
		try {
			this.callbacks.onError(connection, session, exception);
		}
		catch (Throwable ex) {
			logger.warn("Error callback of endpoint '" + this.endpointId + "' failed on connection '"
					+ connection.id() + "'", ex);
		}
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) {
		ServerConnection connection = connection(session);
		if (connection == null || !connection.markClosed()) {
			return;
		}
		this.registry.remove(connection);
		releaseSlot();
		CloseStatus reported = connection.reported(closeStatus);
		if (logger.isDebugEnabled()) {
			logger.debug("Closed " + connection + " with " + reported);
		}
		try {
			this.callbacks.onClose(connection, session, reported);
		}
		catch (Throwable ex) {
			logger.warn("Close callback of endpoint '" + this.endpointId + "' failed on connection '"
					+ connection.id() + "'", ex);
		}
	}

	@Override
	public boolean supportsPartialMessages() {
		// parts are gathered here, so the container's buffers stay small whatever the
		// maximum message size
		return true;
	}

	private void callbackFailed(ServerConnection connection, WebSocketSession session, String event, Throwable ex) {
		boolean handled = false;
		if (this.callbacks.handlesErrors(ex)) {
			try {
				this.callbacks.onError(connection, session, ex);
				handled = true;
			}
			catch (Throwable errorCallbackFailure) {
				ex.addSuppressed(errorCallbackFailure);
			}
		}
		boolean close = this.settings.closeOnError();
		if (!handled) {
			logger.warn("Endpoint '" + this.endpointId + "' failed handling " + event + " on connection '"
					+ connection.id() + "'" + (close ? "; closing it with 1011" : ""), ex);
		}
		if (close) {
			connection.close(1011, "Internal error");
		}
	}

	private static @Nullable ServerConnection connection(WebSocketSession session) {
		return (ServerConnection) session.getAttributes().get(CONNECTION_ATTRIBUTE);
	}

	private static ByteBuffer copy(ByteBuffer buffer) {
		ByteBuffer copy = ByteBuffer.allocate(buffer.remaining());
		copy.put(buffer.duplicate());
		return copy.flip();
	}

}
