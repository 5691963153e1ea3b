package io.wsboot.server.jetty;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.wsboot.server.Transport;
import io.wsboot.server.Upgrade;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.jetty.ee11.servlet.ServletContextRequest;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * The engine's transport on Jetty: a Jetty {@link Connection} that takes over the socket's
 * {@link EndPoint} once the 101 response is out, the way Jetty's own WebSocket
 * implementation does. Jetty 12.1's Servlet upgrade ({@code HttpServletRequest.upgrade})
 * hands the upgraded stream the end of the HTTP request's body first, so that a read
 * before the client's first frame arrives sees the end of the input; this connection reads
 * the socket itself.
 * <p>
 * SPI for the engine's handshake, not for applications.
 *
 * @since 0.1.0
 */
public final class JettyConnection extends AbstractConnection implements Connection.UpgradeTo, Transport {

	private static final Log logger = LogFactory.getLog(JettyConnection.class);

	private final Upgrade upgrade;

	private final AtomicBoolean writePending = new AtomicBoolean();

	private final Callback written = Callback.from(this::onWritten, this::onWriteFailed);

	private boolean opened;

	private byte @Nullable [] prefilled;

	private JettyConnection(EndPoint endPoint, Upgrade upgrade) {
		super(endPoint, Runnable::run);
		this.upgrade = upgrade;
	}

	/**
	 * Arrange for the request's socket to be taken over by a new connection once the
	 * response, a 101, is complete.
	 * @param servletRequest the upgrade request
	 * @param upgrade the accepted upgrade
	 * @return whether the request is Jetty's
	 */
	public static boolean upgradeOnCompletion(HttpServletRequest servletRequest, Upgrade upgrade) {
		ServletContextRequest request = ServletContextRequest.getServletContextRequest(servletRequest);
		if (request == null) {
			return false;
		}
		EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
		request.setAttribute(HttpStream.UPGRADE_CONNECTION_ATTRIBUTE, new JettyConnection(endPoint, upgrade));
		return true;
	}

	@Override
	public void onUpgradeTo(ByteBuffer buffer) {
		// bytes the client sent right behind its upgrade request
		if (BufferUtil.hasContent(buffer)) {
			byte[] bytes = new byte[buffer.remaining()];
			buffer.get(bytes);
			this.prefilled = bytes;
		}
	}

	@Override
	public void onOpen() {
		super.onOpen();
		// the heartbeat and the send time limit time the connection, not Jetty's idle timeout
		getEndPoint().setIdleTimeout(0);
		Upgrade upgrade = this.upgrade;
		if (!upgrade.open(this)) {
			// closed since the handshake: the end point is closed
			return;
		}
		this.opened = true;
		upgrade.opened();
		byte[] prefilled = this.prefilled;
		this.prefilled = null;
		if (prefilled != null) {
			upgrade.onRead(prefilled, 0, prefilled.length);
		}
		if (!upgrade.isFinished()) {
			fillInterested();
		}
	}

	@Override
	public void onFillable() {
		if (!this.opened) {
			return;
		}
		Upgrade upgrade = this.upgrade;
		ByteBuffer buffer = upgrade.takeReadBuffer();
		try {
			while (true) {
				BufferUtil.clear(buffer);
				int read = getEndPoint().fill(buffer);
				if (read < 0) {
					upgrade.onTransportClosed();
					return;
				}
				if (read == 0) {
					fillInterested();
					return;
				}
				upgrade.onRead(buffer.array(), buffer.position(), buffer.remaining());
				if (upgrade.isFinished()) {
					return;
				}
			}
		}
		catch (IOException ex) {
			upgrade.onTransportError(ex);
			upgrade.onTransportClosed();
		}
		finally {
			upgrade.giveBackReadBuffer(buffer);
		}
	}

	@Override
	public boolean onIdleExpired(TimeoutException timeout) {
		return false;
	}

	@Override
	public void onClose(@Nullable Throwable cause) {
		super.onClose(cause);
		this.upgrade.onTransportClosed();
		this.upgrade.release();
	}

	// Transport

	@Override
	public boolean isReady() {
		return !this.writePending.get();
	}

	@Override
	public void write(byte[] bytes) {
		this.writePending.set(true);
		getEndPoint().write(this.written, ByteBuffer.wrap(bytes));
	}

	@Override
	public boolean flush() {
		// every write is flushed as it is made
		return true;
	}

	@Override
	public void close() {
		getEndPoint().close();
	}

	private void onWritten() {
		this.writePending.set(false);
		this.upgrade.onWritePossible();
	}

	private void onWriteFailed(Throwable failure) {
		this.writePending.set(false);
		if (logger.isDebugEnabled()) {
			logger.debug("Write to " + this.upgrade + " failed", failure);
		}
		this.upgrade.onTransportClosed();
	}

}
