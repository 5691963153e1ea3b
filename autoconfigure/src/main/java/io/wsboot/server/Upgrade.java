package io.wsboot.server;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import io.wsboot.HandshakeRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.CloseStatus;

/**
 * An accepted upgrade, handed from the handshake to the container adapter that carries
 * the upgraded socket: what the handshake decided and, once the adapter has
 * {@link #open opened} it, the connection's entry points for what the socket does
 * (bytes read, output ready again, closed).
 * <p>
 * SPI for the engine's container adapters ({@code io.wsboot.server.tomcat},
 * {@code io.wsboot.server.jetty}), public only because they live in packages of their
 * own; not for applications. An adapter calls it from one thread at a time, as the
 * container delivers the socket's events.
 *
 * @since 0.1.0
 */
public final class Upgrade {

	private final EndpointDispatcher dispatcher;

	private final HandshakeRequest handshake;

	private final Map<String, String> pathParams;

	private final Map<String, Object> attributes;

	private final String protocol;

	private final List<String> extensions;

	private final PerMessageDeflate.@Nullable Negotiated deflate;

	private final @Nullable InetSocketAddress localAddress;

	private @Nullable ServerConnection connection;

	private @Nullable MessageReader reader;

	/**
	 * Create an upgrade.
	 * @param dispatcher the endpoint's dispatcher
	 * @param handshake the handshake request
	 * @param pathParams the values of the path's template variables
	 * @param attributes the connection's attributes
	 * @param protocol the selected subprotocol, empty for none
	 * @param extensions the names of the negotiated extensions
	 * @param deflate what permessage-deflate agreed on, {@code null} without it
	 * @param localAddress the address the request came to
	 */
	Upgrade(EndpointDispatcher dispatcher, HandshakeRequest handshake, Map<String, String> pathParams,
			Map<String, Object> attributes, String protocol, List<String> extensions,
			PerMessageDeflate.@Nullable Negotiated deflate, @Nullable InetSocketAddress localAddress) {
		this.dispatcher = dispatcher;
		this.handshake = handshake;
		this.pathParams = pathParams;
		this.attributes = attributes;
		this.protocol = protocol;
		this.extensions = extensions;
		this.deflate = deflate;
		this.localAddress = localAddress;
	}

	EndpointDispatcher dispatcher() {
		return this.dispatcher;
	}

	HandshakeRequest handshake() {
		return this.handshake;
	}

	Map<String, String> pathParams() {
		return this.pathParams;
	}

	Map<String, Object> attributes() {
		return this.attributes;
	}

	String protocol() {
		return this.protocol;
	}

	List<String> extensions() {
		return this.extensions;
	}

	PerMessageDeflate.@Nullable Negotiated deflate() {
		return this.deflate;
	}

	@Nullable InetSocketAddress localAddress() {
		return this.localAddress;
	}

	/**
	 * Create and register the connection, before the 101 goes out: a broadcast sent once
	 * the client has its 101 reaches it, queued until the container hands over the
	 * socket and the adapter {@link #open opens} it.
	 */
	void register() {
		ServerConnection connection = this.dispatcher.register(this);
		this.reader = this.dispatcher.reader(connection, this.deflate);
		this.connection = connection;
	}

	/**
	 * Give the {@link #register registered} connection its socket: what was sent to it
	 * meanwhile goes out. Its open callback waits for {@link #opened()}, so that the
	 * adapter can first make its output non-blocking.
	 * @param transport the upgraded socket's output
	 * @return {@code false} when the connection was closed meanwhile: the transport is
	 * closed, the endpoint told of the open and the close, and the adapter neither calls
	 * {@link #opened()} nor reads
	 */
	public boolean open(Transport transport) {
		ServerConnection connection = connection();
		if (connection.attach(transport)) {
			return true;
		}
		CloseStatus closed = connection.takeUnreportedClose();
		if (closed != null) {
			// closed after its 101, before its socket came (terminated, or a shutdown's
			// timeout): the endpoint sees it open and close, as its client did
			this.dispatcher.opened(connection);
			this.dispatcher.reportClosed(connection, closed);
		}
		return false;
	}

	/**
	 * Run the endpoint's open callback of the connection {@link #open opened}; then what
	 * was sent to it since the handshake goes out, ahead of what the callback sent.
	 */
	public void opened() {
		ServerConnection connection = connection();
		this.dispatcher.opened(connection);
		connection.onWritePossible();
	}

	/**
	 * End an upgrade whose socket failed before it was {@link #open opened} (or whose 101
	 * could not be written): the connection goes, without its endpoint ever seeing it,
	 * and its slot is given back.
	 */
	public void abandon() {
		ServerConnection connection = this.connection;
		if (connection != null) {
			connection.onTransportClosed();
			// its client never had it open, nor does its endpoint
			connection.takeUnreportedClose();
		}
		else {
			this.dispatcher.upgradeEnded(true);
		}
	}

	/**
	 * Lend a buffer to read the socket into, for one read callback; give it back with
	 * {@link #giveBackReadBuffer}. It is a heap buffer, cleared, whose array starts at
	 * its position 0.
	 * @return the buffer
	 */
	public ByteBuffer takeReadBuffer() {
		return this.dispatcher.readBuffers().take();
	}

	/**
	 * Give back a buffer {@link #takeReadBuffer() lent}.
	 * @param buffer the buffer
	 */
	public void giveBackReadBuffer(ByteBuffer buffer) {
		this.dispatcher.readBuffers().giveBack(buffer);
	}

	/**
	 * Take bytes read from the socket: frames, in pieces that may end anywhere.
	 * @param buf the buffer
	 * @param off where the bytes start
	 * @param len how many there are
	 */
	public void onRead(byte[] buf, int off, int len) {
		this.reader.feed(buf, off, len);
	}

	/**
	 * Return whether the connection is done with its socket, so that the adapter reads no
	 * further.
	 * @return whether it is
	 */
	public boolean isFinished() {
		return this.connection.isFinished();
	}

	/**
	 * The output takes bytes again after {@link Transport#isReady()} said it did not.
	 * Nothing before the connection is {@link #register registered}.
	 */
	public void onWritePossible() {
		ServerConnection connection = this.connection;
		if (connection != null) {
			connection.onWritePossible();
		}
	}

	/**
	 * The socket failed: report it to the endpoint, once. The adapter then calls
	 * {@link #onTransportClosed()}.
	 * @param error the failure
	 */
	public void onTransportError(Throwable error) {
		ServerConnection connection = this.connection;
		if (connection != null) {
			this.dispatcher.transportError(connection, error);
		}
	}

	/**
	 * The socket is gone: the peer closed it or the container dropped it. Nothing
	 * before the connection is {@link #register registered}.
	 */
	public void onTransportClosed() {
		ServerConnection connection = this.connection;
		if (connection != null) {
			connection.onTransportClosed();
		}
	}

	/**
	 * Release what the reader holds outside the heap's reach (the inflater), once the
	 * socket is closed.
	 */
	public void release() {
		MessageReader reader = this.reader;
		if (reader != null) {
			reader.release();
		}
	}

	@Override
	public String toString() {
		ServerConnection connection = this.connection;
		return (connection != null) ? connection.toString() : "upgrade to " + this.handshake.uri();
	}

	private ServerConnection connection() {
		ServerConnection connection = this.connection;
		if (connection == null) {
			throw new IllegalStateException("Upgrade not opened");
		}
		return connection;
	}

}
