package io.wsboot.server;

import java.util.List;

import io.wsboot.WsConnection;
import io.wsboot.server.WsServerListener.MessageType;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.web.socket.CloseStatus;

/**
 * The engine's side of its {@link WsServerListener}s: each call site is one line, and
 * with no listener for an event every call returns at its first branch, so that an
 * application without meters pays neither a measurement nor an allocation per message.
 */
final class ServerListeners {

	static final ServerListeners NONE = new ServerListeners(List.of());

	private static final Log logger = LogFactory.getLog(ServerListeners.class);

	private final WsServerListener[] listeners;

	private final boolean active;

	// per message, only the listeners that override the method are called: one that
	// only wants connection events costs a message nothing
	private final WsServerListener[] receivers;

	private final WsServerListener[] senders;

	private final WsServerListener[] droppers;

	ServerListeners(List<WsServerListener> listeners) {
		this.listeners = listeners.toArray(WsServerListener[]::new);
		this.active = this.listeners.length > 0;
		this.receivers = overriding(listeners, "messageReceived", WsConnection.class, MessageType.class, long.class,
				boolean.class);
		this.senders = overriding(listeners, "messageSent", String.class, MessageType.class, long.class, int.class);
		this.droppers = overriding(listeners, "dropped", WsConnection.class);
	}

	private static WsServerListener[] overriding(List<WsServerListener> listeners, String name,
			Class<?>... parameterTypes) {
		return listeners.stream().filter((listener) -> {
			try {
				return listener.getClass().getMethod(name, parameterTypes).getDeclaringClass() != WsServerListener.class;
			}
			catch (NoSuchMethodException ex) {
				return true;
			}
		}).toArray(WsServerListener[]::new);
	}

	void upgradeRejected(String endpointId, int status) {
		if (!this.active) {
			return;
		}
		for (WsServerListener listener : this.listeners) {
			try {
				listener.upgradeRejected(endpointId, status);
			}
			catch (RuntimeException ex) {
				failed(listener, ex);
			}
		}
	}

	void opened(ServerConnection connection) {
		if (!this.active) {
			return;
		}
		for (WsServerListener listener : this.listeners) {
			try {
				listener.opened(connection);
			}
			catch (RuntimeException ex) {
				failed(listener, ex);
			}
		}
	}

	void closed(ServerConnection connection, CloseStatus status) {
		if (!this.active) {
			return;
		}
		String reason = (status.getReason() != null) ? status.getReason() : "";
		for (WsServerListener listener : this.listeners) {
			try {
				listener.closed(connection, status.getCode(), reason);
			}
			catch (RuntimeException ex) {
				failed(listener, ex);
			}
		}
	}

	/**
	 * Report a message received; pongs are not messages.
	 * @param text whether it is a text message
	 * @param bytes its length in bytes
	 */
	void received(ServerConnection connection, boolean text, long bytes) {
		if (this.receivers.length == 0) {
			return;
		}
		MessageType type = text ? MessageType.TEXT : MessageType.BINARY;
		for (WsServerListener listener : this.receivers) {
			try {
				listener.messageReceived(connection, type, bytes, true);
			}
			catch (RuntimeException ex) {
				failed(listener, ex);
			}
		}
	}

	/**
	 * Report a send of one connection.
	 * @return {@code queued}, so that a send returns through this call
	 */
	boolean sent(ServerConnection connection, Frame frame, boolean queued) {
		if (queued && this.senders.length > 0) {
			sent(connection.endpointId(), frame, 1);
		}
		return queued;
	}

	/**
	 * Report a broadcast.
	 * @return {@code recipients}, so that a broadcast returns through this call
	 */
	int sent(String endpointId, Frame frame, int recipients) {
		if (recipients == 0 || this.senders.length == 0) {
			return recipients;
		}
		MessageType type = (frame.type() == Frame.Type.TEXT) ? MessageType.TEXT : MessageType.BINARY;
		long bytes = frame.size();
		for (WsServerListener listener : this.senders) {
			try {
				listener.messageSent(endpointId, type, bytes, recipients);
			}
			catch (RuntimeException ex) {
				failed(listener, ex);
			}
		}
		return recipients;
	}

	void dropped(ServerConnection connection) {
		if (this.droppers.length == 0) {
			return;
		}
		for (WsServerListener listener : this.droppers) {
			try {
				listener.dropped(connection);
			}
			catch (RuntimeException ex) {
				failed(listener, ex);
			}
		}
	}

	void heartbeatTerminated(ServerConnection connection) {
		if (!this.active) {
			return;
		}
		for (WsServerListener listener : this.listeners) {
			try {
				listener.heartbeatTerminated(connection);
			}
			catch (RuntimeException ex) {
				failed(listener, ex);
			}
		}
	}

	private static void failed(WsServerListener listener, RuntimeException ex) {
		// a listener's failure must not fail the connection it was told about
		logger.warn("WebSocket server listener " + listener + " failed", ex);
	}

}
