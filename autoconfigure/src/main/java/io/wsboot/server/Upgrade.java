package io.wsboot.server;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

import io.wsboot.HandshakeRequest;
import org.jspecify.annotations.Nullable;

/**
 * An accepted upgrade, handed from the handshake to the container adapter that carries
 * the upgraded socket: what the handshake decided and, once the adapter has
 * {@link #open opened} it, the connection's entry points for what the socket does
 * (bytes read, output ready again, closed).
 * <p>
 * SPI for the engine's container adapters ({@code io.wsboot.server.servlet},
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
	 * Create and register the connection over the given transport. Its open callback
	 * waits for {@link #opened()}, so that the adapter can first make its output
	 * non-blocking.
	 * @param transport the upgraded socket's output
	 */
	public void open(Transport transport) {
		ServerConnection connection = this.dispatcher.open(this, transport);
		this.reader = this.dispatcher.reader(connection, this.deflate);
		this.connection = connection;
	}

	/**
	 * Run the endpoint's open callback of the connection {@link #open opened}.
	 */
	public void opened() {
		this.dispatcher.opened(connection());
	}

	/**
	 * End an upgrade whose socket failed before a connection was {@link #open opened}:
	 * its connection slot is given back.
	 */
	public void abandon() {
		this.dispatcher.upgradeEnded(true);
	}

	/**
	 * Lend a buffer to read the socket into, for one read callback; give it back with
	 * {@link #giveBackReadBuffer}.
	 * @return the buffer
	 */
	public byte[] takeReadBuffer() {
		return this.dispatcher.readBuffers().take();
	}

	/**
	 * Give back a buffer {@link #takeReadBuffer() lent}.
	 * @param buffer the buffer
	 */
	public void giveBackReadBuffer(byte[] buffer) {
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
	 * Nothing before the upgrade is {@link #open opened}.
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
	 * before the upgrade is {@link #open opened}.
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
