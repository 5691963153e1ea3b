package io.wsboot.server;

import java.nio.ByteBuffer;

import io.wsboot.MessageCodec;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.CloseStatus;

/**
 * The engine's side of one endpoint: opens and registers its connections (each holding a
 * slot of the endpoint's {@link ConnectionLimit}), dispatches their events to the
 * endpoint's callbacks, and isolates the callbacks' failures to the connection that
 * caused them.
 */
final class EndpointDispatcher implements ServerConnection.Closed {

	private static final Log logger = LogFactory.getLog(EndpointDispatcher.class);

	private final String endpointId;

	private final EndpointSettings settings;

	private final EndpointCallbacks callbacks;

	private final InMemoryConnectionRegistry registry;

	private final GracefulClose lifecycle;

	private final ReadBuffers readBuffers;

	private final ConnectionLimit limit;

	private final ServerListeners listeners;

	private final @Nullable MessageCodec codec;

	EndpointDispatcher(String endpointId, EndpointSettings settings, EndpointCallbacks callbacks,
			InMemoryConnectionRegistry registry, GracefulClose lifecycle, ReadBuffers readBuffers,
			ServerListeners listeners, @Nullable MessageCodec codec) {
		this.listeners = listeners;
		this.codec = codec;
		this.endpointId = endpointId;
		this.settings = settings;
		this.callbacks = callbacks;
		this.registry = registry;
		this.lifecycle = lifecycle;
		this.readBuffers = readBuffers;
		this.limit = new ConnectionLimit(settings.maxConnections());
	}

	String endpointId() {
		return this.endpointId;
	}

	EndpointSettings settings() {
		return this.settings;
	}

	ReadBuffers readBuffers() {
		return this.readBuffers;
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
	 * @param reserved whether it had reserved a slot of the {@link #limit()}
	 */
	void upgradeEnded(boolean reserved) {
		if (reserved) {
			this.limit.release();
		}
		this.registry.upgradeEnded();
	}

	ConnectionLimit limit() {
		return this.limit;
	}

	/**
	 * Create and register the connection of an accepted upgrade, before its 101 goes out,
	 * so that whatever is sent to the endpoint once the client has the 101 reaches it; it
	 * holds the slot the request reserved, and its socket is attached when the container
	 * hands it over.
	 */
	ServerConnection register(Upgrade upgrade) {
		int windowBits = (upgrade.deflate() != null) ? upgrade.deflate().serverMaxWindowBits() : 0;
		ServerConnection connection = new ServerConnection(this.registry.newConnectionId(), this.endpointId,
				upgrade.handshake().uri().getRawPath(), upgrade.pathParams(), upgrade.handshake(),
				upgrade.attributes(), upgrade.protocol(), upgrade.extensions(), this.settings,
				upgrade.localAddress(), windowBits, ServerConnection.NOT_ATTACHED, this, this.listeners, this.codec);
		try {
			this.registry.add(connection);
		}
		finally {
			// after the add: a shutdown sees the upgrade or its connection at every moment
			this.registry.upgradeEnded();
		}
		return connection;
	}

	MessageReader reader(ServerConnection connection, PerMessageDeflate.@Nullable Negotiated deflate) {
		return new MessageReader(connection, this, this.settings.maxMessageSize(),
				(deflate != null) ? new PerMessageDeflate(deflate) : null);
	}

	/**
	 * Run the open callback of a connection whose socket is attached.
	 */
	void opened(ServerConnection connection) {
		if (logger.isDebugEnabled()) {
			logger.debug("Opened " + connection + " from " + connection.handshake().remoteAddress());
		}
		this.listeners.opened(connection);
		try {
			this.callbacks.onOpen(connection);
		}
		catch (Throwable ex) {
			callbackFailed(connection, "open", ex);
		}
		if (!this.lifecycle.isAccepting()) {
			// accepted before the shutdown began and opened after it closed the others
			connection.close(1001, "Going away");
		}
	}

	void text(ServerConnection connection, String text) {
		try {
			this.callbacks.onText(connection, text);
		}
		catch (Throwable ex) {
			callbackFailed(connection, "message", ex);
		}
	}

	void binary(ServerConnection connection, ByteBuffer data) {
		try {
			this.callbacks.onBinary(connection, data);
		}
		catch (Throwable ex) {
			callbackFailed(connection, "message", ex);
		}
	}

	void pong(ServerConnection connection, ByteBuffer payload) {
		try {
			this.callbacks.onPong(connection, payload);
		}
		catch (Throwable ex) {
			callbackFailed(connection, "pong", ex);
		}
	}

	/**
	 * Report a failure of the connection's transport to the endpoint, once.
	 */
	void transportError(ServerConnection connection, Throwable exception) {
		if (logger.isDebugEnabled()) {
			logger.debug("Transport error on " + connection, exception);
		}
		if (!connection.markErrorReported()) {
			return;
		}
		try {
			this.callbacks.onError(connection, exception);
		}
		catch (Throwable ex) {
			logger.warn("Error callback of endpoint '" + this.endpointId + "' failed on connection '"
					+ connection.id() + "'", ex);
		}
	}

	@Override
	public void closed(ServerConnection connection, int code, String reason) {
		// the place first: whoever sees the connection gone can take it
		this.limit.release();
		this.registry.remove(connection);
		// until the peer answers or the close times out, the sweep watches it
		this.registry.addClosing(connection);
		if (connection.isFinished()) {
			this.registry.removeClosing(connection);
		}
		CloseStatus status = new CloseStatus(code, reason);
		if (logger.isDebugEnabled()) {
			logger.debug("Closed " + connection + " with " + status);
		}
		if (connection.markClosed(status)) {
			reportClosed(connection, status);
		}
	}

	/**
	 * Run the close callback of a connection {@link #opened opened} for the endpoint.
	 */
	void reportClosed(ServerConnection connection, CloseStatus status) {
		try {
			this.callbacks.onClose(connection, status);
		}
		catch (Throwable ex) {
			logger.warn("Close callback of endpoint '" + this.endpointId + "' failed on connection '"
					+ connection.id() + "'", ex);
		}
		this.listeners.closed(connection, status);
	}

	ServerListeners listeners() {
		return this.listeners;
	}

	@Override
	public void finished(ServerConnection connection) {
		this.registry.removeClosing(connection);
	}

	private void callbackFailed(ServerConnection connection, String event, Throwable ex) {
		boolean handled = false;
		if (this.callbacks.handlesErrors(ex)) {
			try {
				this.callbacks.onError(connection, ex);
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

}
