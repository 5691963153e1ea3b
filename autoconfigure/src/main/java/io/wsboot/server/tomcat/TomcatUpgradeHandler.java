package io.wsboot.server.tomcat;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

import io.wsboot.server.Transport;
import io.wsboot.server.Upgrade;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.WebConnection;
import org.apache.catalina.connector.RequestFacade;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.coyote.http11.upgrade.InternalHttpUpgradeHandler;
import org.apache.tomcat.util.net.AbstractEndpoint.Handler.SocketState;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.SSLSupport;
import org.apache.tomcat.util.net.SocketEvent;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.jspecify.annotations.Nullable;

import org.springframework.web.util.WebUtils;

/**
 * The protocol handler Tomcat runs an upgraded connection with, on Tomcat's own socket
 * rather than through the Servlet streams over it, as Tomcat's WebSocket implementation
 * does: Tomcat's poller still detects reads and writes and its workers still run them
 * ({@link #upgradeDispatch}), while the reads and writes go to the socket directly.
 * <p>
 * What that saves is the streams' bookkeeping: a Servlet output asks the socket whether
 * it can write under a monitor before each write and each flush, and again in between,
 * where the connection's writer, which is one thread at a time, needs to ask once. A
 * flush that does not go out is made again once the socket is writable.
 * <p>
 * Public only because Tomcat instantiates it; applications never use it.
 *
 * @since 0.1.0
 */
public final class TomcatUpgradeHandler implements InternalHttpUpgradeHandler {

	private static final Log logger = LogFactory.getLog(TomcatUpgradeHandler.class);

	private @Nullable Upgrade upgrade;

	private @Nullable SocketWrapperBase<?> socket;

	/**
	 * The class loader of the application, bound around the callbacks as Tomcat binds
	 * it for a Servlet upgrade handler.
	 */
	private @Nullable ClassLoader classLoader;

	private @Nullable SocketTransport transport;

	private boolean opened;

	/**
	 * Create a handler; Tomcat does, when the upgrade request is accepted.
	 */
	public TomcatUpgradeHandler() {
	}

	/**
	 * Upgrade the given request with this handler if Tomcat's.
	 * @param servletRequest the upgrade request, possibly wrapped
	 * @param upgrade the accepted upgrade
	 * @return whether the request is Tomcat's
	 * @throws IOException when Tomcat cannot upgrade it
	 * @throws ServletException when Tomcat cannot create the handler
	 */
	public static boolean upgrade(HttpServletRequest servletRequest, Upgrade upgrade)
			throws IOException, ServletException {
		if (WebUtils.getNativeRequest(servletRequest, RequestFacade.class) == null) {
			return false;
		}
		servletRequest.upgrade(TomcatUpgradeHandler.class).prepare(upgrade);
		return true;
	}

	/**
	 * Take what the handshake decided, before Tomcat calls {@link #init}.
	 * @param upgrade the accepted upgrade
	 */
	public void prepare(Upgrade upgrade) {
		this.upgrade = upgrade;
		this.classLoader = Thread.currentThread().getContextClassLoader();
	}

	@Override
	public void setSocketWrapper(SocketWrapperBase<?> wrapper) {
		this.socket = wrapper;
	}

	@Override
	public void setSslSupport(SSLSupport sslSupport) {
	}

	@Override
	public void init(WebConnection webConnection) {
		Upgrade upgrade = this.upgrade;
		SocketWrapperBase<?> socket = this.socket;
		if (upgrade == null || socket == null) {
			throw new IllegalStateException("TomcatUpgradeHandler used without a handshake or a socket");
		}
		ClassLoader previous = bind();
		try {
			SocketTransport transport = new SocketTransport(socket, upgrade);
			this.transport = transport;
			if (!upgrade.open(transport)) {
				// closed since the handshake (a shutdown's timeout, say): the socket is
				// closed, and the first dispatch says so to Tomcat
				return;
			}
			this.opened = true;
			upgrade.opened();
		}
		finally {
			unbind(previous);
		}
	}

	@Override
	public SocketState upgradeDispatch(SocketEvent status) {
		Upgrade upgrade = this.upgrade;
		SocketWrapperBase<?> socket = this.socket;
		if (upgrade == null || socket == null || !this.opened || upgrade.isFinished()) {
			return SocketState.CLOSED;
		}
		ClassLoader previous = bind();
		try {
			switch (status) {
				case OPEN_READ -> {
					return read(upgrade, socket);
				}
				case OPEN_WRITE -> {
					SocketTransport transport = this.transport;
					if (transport != null) {
						transport.writeEvent();
					}
					upgrade.onWritePossible();
					return upgrade.isFinished() ? SocketState.CLOSED : SocketState.UPGRADED;
				}
				default -> {
					// STOP, DISCONNECT, ERROR, TIMEOUT: the socket is gone, or going
					upgrade.onTransportClosed();
					return SocketState.CLOSED;
				}
			}
		}
		finally {
			unbind(previous);
		}
	}

	/**
	 * Read what the socket has, until it has nothing; Tomcat's poller then waits for more.
	 * <p>
	 * A plain socket on the NIO connector is read directly from its channel, with what the
	 * buffer holds rather than what Tomcat's read buffer holds (1 KiB by default, see
	 * {@code ws.tomcat.buffer-size}) at a time, and without copying through that buffer.
	 * A read that leaves room in the buffer has taken all the socket had, so the next one,
	 * which would find nothing, is not made: the poller is level-triggered, and comes back
	 * at once for bytes that came in between. Over TLS, and on the NIO2 connector, Tomcat's
	 * socket reads (and decrypts) until it has nothing.
	 */
	private static SocketState read(Upgrade upgrade, SocketWrapperBase<?> socket) {
		ByteBuffer buffer = upgrade.takeReadBuffer();
		try {
			while (true) {
				buffer.clear();
				NioChannel channel = socket.getSocketBufferHandler().isReadBufferEmpty() ? plainChannel(socket)
						: null;
				int read = (channel != null) ? channel.read(buffer) : socket.read(false, buffer);
				if (read < 0) {
					upgrade.onTransportClosed();
					return SocketState.CLOSED;
				}
				if (read == 0) {
					return SocketState.UPGRADED;
				}
				upgrade.onRead(buffer.array(), 0, read);
				if (upgrade.isFinished()) {
					return SocketState.CLOSED;
				}
				if (channel != null && buffer.hasRemaining()) {
					return SocketState.UPGRADED;
				}
			}
		}
		catch (EOFException ex) {
			upgrade.onTransportClosed();
			return SocketState.CLOSED;
		}
		catch (IOException ex) {
			upgrade.onTransportError(ex);
			upgrade.onTransportClosed();
			return SocketState.CLOSED;
		}
		finally {
			upgrade.giveBackReadBuffer(buffer);
		}
	}

	/**
	 * The socket's channel, if it is a plain one of the NIO connector, which the engine
	 * may read and write past Tomcat's buffers: not encrypted ({@code SecureNioChannel} is
	 * a subclass, as is the channel of a closed socket). A read past them also needs
	 * Tomcat's read buffer empty (the first read after the handshake may find bytes
	 * there), a write past them its write buffers.
	 */
	private static @Nullable NioChannel plainChannel(SocketWrapperBase<?> socket) {
		if (socket.getSocket() instanceof NioChannel channel && channel.getClass() == NioChannel.class) {
			return channel;
		}
		return null;
	}

	private @Nullable ClassLoader bind() {
		ClassLoader classLoader = this.classLoader;
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		if (classLoader == null || classLoader == previous) {
			return null;
		}
		thread.setContextClassLoader(classLoader);
		return previous;
	}

	private static void unbind(@Nullable ClassLoader previous) {
		if (previous != null) {
			Thread.currentThread().setContextClassLoader(previous);
		}
	}

	@Override
	public void timeoutAsync(long now) {
		// upgraded sockets have no timeouts in Tomcat: the engine's sweep has them
	}

	@Override
	public void pause() {
		// the engine's graceful shutdown closes the connections, with 1001
	}

	@Override
	public void destroy() {
		Upgrade upgrade = this.upgrade;
		if (upgrade != null) {
			upgrade.onTransportClosed();
		}
	}

	/**
	 * The connection's output, on the socket: the connection's writer, one thread at a
	 * time, writes into the socket's buffer and flushes it without blocking.
	 */
	private static final class SocketTransport implements Transport {

		/**
		 * The most a direct write gives the channel in one call.
		 */
		private static final int CHUNK = 64 * 1024;

		private final SocketWrapperBase<?> socket;

		private final Upgrade upgrade;

		/**
		 * The size of Tomcat's write buffer, past which a frame is written to the channel.
		 */
		private final int writeBufferSize;

		/**
		 * Whether the socket is registered for the write event and the event has not
		 * come: Tomcat's poller takes each registration as an event of its own, and
		 * wakes up for it.
		 */
		private volatile boolean writeInterest;

		SocketTransport(SocketWrapperBase<?> socket, Upgrade upgrade) {
			this.socket = socket;
			this.upgrade = upgrade;
			this.writeBufferSize = socket.getSocketBufferHandler().getWriteBuffer().capacity();
		}

		@Override
		public boolean isReady() {
			if (this.socket.canWrite()) {
				return true;
			}
			awaitWriteEvent();
			return false;
		}

		/**
		 * Write into Tomcat's write buffer, or past it: a frame larger than that buffer
		 * (1 KiB by default, see {@code ws.tomcat.buffer-size}) would go out one buffer
		 * at a time, a system call and a copy each, so on a plain socket whose buffers
		 * are empty it goes to the channel directly, {@link #CHUNK} bytes a call (the
		 * JDK copies a heap buffer through a direct one of each call's size, cached per
		 * thread), and Tomcat keeps what the socket does not take.
		 */
		@Override
		public void write(byte[] bytes) throws IOException {
			SocketWrapperBase<?> socket = this.socket;
			NioChannel channel;
			if (bytes.length > this.writeBufferSize && (channel = plainChannel(socket)) != null
					&& socket.canWrite() && socket.getSocketBufferHandler().isWriteBufferEmpty()) {
				ByteBuffer view = ByteBuffer.wrap(bytes);
				while (view.hasRemaining()) {
					int end = Math.min(view.position() + CHUNK, bytes.length);
					view.limit(end);
					channel.write(view);
					view.limit(bytes.length);
					if (view.position() < end) {
						break;
					}
				}
				if (view.hasRemaining()) {
					socket.write(false, bytes, view.position(), view.remaining());
				}
				return;
			}
			socket.write(false, bytes, 0, bytes.length);
		}

		@Override
		public boolean flush() throws IOException {
			if (this.socket.flush(false)) {
				// bytes left over: flushed again at the write event
				awaitWriteEvent();
				return false;
			}
			return true;
		}

		private void awaitWriteEvent() {
			if (!this.writeInterest) {
				this.writeInterest = true;
				this.socket.registerWriteInterest();
			}
		}

		/**
		 * The write event came: cleared before the connection's callback runs, so that a
		 * writer that finds the socket full after it registers again.
		 */
		void writeEvent() {
			this.writeInterest = false;
		}

		@Override
		public void close() {
			if (logger.isTraceEnabled()) {
				logger.trace("Closing the socket of " + this.upgrade);
			}
			this.socket.close();
		}

		@Override
		public String toString() {
			return "Tomcat socket " + this.socket;
		}

	}

}
