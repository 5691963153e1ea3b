package io.wsboot.server.servlet;

import java.io.IOException;

import io.wsboot.server.Transport;
import io.wsboot.server.Upgrade;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The protocol handler the container runs an upgraded connection with: reads go from the
 * container's non-blocking input to the connection, writes from the connection to the
 * non-blocking output. Public only because the container instantiates it; applications
 * never use it.
 *
 * @since 0.1.0
 */
public final class WsUpgradeHandler implements HttpUpgradeHandler {

	private static final Log logger = LogFactory.getLog(WsUpgradeHandler.class);

	private @Nullable Upgrade upgrade;

	/**
	 * Create a handler; the container does, when the upgrade request is accepted.
	 */
	public WsUpgradeHandler() {
	}

	/**
	 * Take what the handshake decided, before the container calls {@link #init}.
	 * @param upgrade the accepted upgrade
	 */
	public void prepare(Upgrade upgrade) {
		this.upgrade = upgrade;
	}

	@Override
	public void init(WebConnection webConnection) {
		Upgrade upgrade = this.upgrade;
		if (upgrade == null) {
			throw new IllegalStateException("WsUpgradeHandler used without a handshake");
		}
		ServletInputStream input;
		ServletOutputStream output;
		try {
			input = webConnection.getInputStream();
			output = webConnection.getOutputStream();
		}
		catch (IOException ex) {
			abandon(upgrade, webConnection, ex);
			return;
		}
		ServletTransport transport = new ServletTransport(webConnection, output, upgrade);
		// the write listener before the connection is opened: opening writes what was
		// sent to it since the handshake, and sends and the heartbeat may write at once,
		// while until the listener is set the output is neither non-blocking nor able to
		// say isReady()
		try {
			output.setWriteListener(transport);
		}
		catch (IllegalStateException ex) {
			// the output closed already: the client went away after the 101
			abandon(upgrade, webConnection, ex);
			return;
		}
		if (!upgrade.open(transport)) {
			// closed since the handshake (a shutdown's timeout, say): the socket is closed
			return;
		}
		upgrade.opened();
		input.setReadListener(new Reader(upgrade, input));
	}

	/**
	 * Give up an upgrade whose connection failed before it opened: its place is given
	 * back and the socket closed.
	 */
	private void abandon(Upgrade upgrade, WebConnection webConnection, Exception failure) {
		logger.debug("Upgraded connection failed before it opened", failure);
		this.upgrade = null;
		upgrade.abandon();
		closeQuietly(webConnection);
	}

	@Override
	public void destroy() {
		Upgrade upgrade = this.upgrade;
		if (upgrade != null) {
			upgrade.onTransportClosed();
		}
	}

	private static void closeQuietly(WebConnection webConnection) {
		try {
			webConnection.close();
		}
		catch (Exception ex) {
			logger.debug("Failed to close an upgraded connection", ex);
		}
	}

	/**
	 * The output side: a {@link Transport} over the container's non-blocking output, and
	 * the container's callbacks on it.
	 */
	private static final class ServletTransport implements Transport, WriteListener {

		private final WebConnection webConnection;

		private final ServletOutputStream output;

		private final Upgrade upgrade;

		ServletTransport(WebConnection webConnection, ServletOutputStream output, Upgrade upgrade) {
			this.webConnection = webConnection;
			this.output = output;
			this.upgrade = upgrade;
		}

		@Override
		public boolean isReady() {
			return this.output.isReady();
		}

		@Override
		public void write(byte[] bytes) throws IOException {
			this.output.write(bytes);
		}

		@Override
		public boolean flush() throws IOException {
			// a flush while the output is not ready is illegal: the container finishes
			// the earlier write, then calls the write listener
			if (!this.output.isReady()) {
				return false;
			}
			this.output.flush();
			return true;
		}

		@Override
		public void close() {
			closeQuietly(this.webConnection);
		}

		@Override
		public void onWritePossible() {
			this.upgrade.onWritePossible();
		}

		@Override
		public void onError(Throwable error) {
			if (logger.isDebugEnabled()) {
				logger.debug("Write to " + this.upgrade + " failed", error);
			}
			this.upgrade.onTransportClosed();
		}

	}

	/**
	 * The input side: reads what the container has into a lent buffer and parses it.
	 */
	private static final class Reader implements ReadListener {

		private final Upgrade upgrade;

		private final ServletInputStream input;

		Reader(Upgrade upgrade, ServletInputStream input) {
			this.upgrade = upgrade;
			this.input = input;
		}

		@Override
		public void onDataAvailable() throws IOException {
			Upgrade upgrade = this.upgrade;
			byte[] buffer = upgrade.takeReadBuffer();
			try {
				while (this.input.isReady()) {
					int read = this.input.read(buffer);
					if (read < 0) {
						upgrade.onTransportClosed();
						return;
					}
					if (read == 0) {
						return;
					}
					upgrade.onRead(buffer, 0, read);
					if (upgrade.isFinished()) {
						return;
					}
				}
			}
			finally {
				upgrade.giveBackReadBuffer(buffer);
			}
		}

		@Override
		public void onAllDataRead() {
			this.upgrade.onTransportClosed();
		}

		@Override
		public void onError(Throwable error) {
			this.upgrade.onTransportError(error);
			this.upgrade.onTransportClosed();
		}

	}

}
