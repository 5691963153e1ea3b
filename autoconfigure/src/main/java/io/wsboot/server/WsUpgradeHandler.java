package io.wsboot.server;

import java.io.IOException;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * The protocol handler the container runs an upgraded connection with: reads go from the
 * container's non-blocking input to the connection's {@link MessageReader}, writes from
 * its {@link ServerConnection} to the non-blocking output. Public only because the
 * container instantiates it; applications never use it.
 *
 * @since 0.1.0
 */
public final class WsUpgradeHandler implements HttpUpgradeHandler {

	private static final Log logger = LogFactory.getLog(WsUpgradeHandler.class);

	private static final boolean TOMCAT = ClassUtils.isPresent("org.apache.tomcat.util.net.SocketWrapperBase",
			WsUpgradeHandler.class.getClassLoader());

	private @Nullable Upgrade upgrade;

	private @Nullable ServerConnection connection;

	/**
	 * Create a handler; the container does, when the upgrade request is accepted.
	 */
	public WsUpgradeHandler() {
	}

	/**
	 * Take what the handshake decided, before the container calls {@link #init}.
	 */
	void prepare(Upgrade upgrade) {
		this.upgrade = upgrade;
	}

	@Override
	public void init(WebConnection webConnection) {
		Upgrade upgrade = this.upgrade;
		if (upgrade == null) {
			throw new IllegalStateException("WsUpgradeHandler used without a handshake");
		}
		this.upgrade = null;
		ServletInputStream input;
		ServletOutputStream output;
		try {
			input = webConnection.getInputStream();
			output = webConnection.getOutputStream();
		}
		catch (IOException ex) {
			logger.debug("Upgraded connection failed before it opened", ex);
			upgrade.handler().upgradeEnded(true);
			closeQuietly(webConnection);
			return;
		}
		ServletTransport transport = new ServletTransport(webConnection, output);
		ServerConnection connection = upgrade.handler().open(upgrade, transport);
		this.connection = connection;
		transport.connection = connection;
		MessageReader reader = upgrade.handler().reader(connection, upgrade.deflate());
		// the write listener first: it puts the output in non-blocking mode, so that the
		// open callback's sends never block
		output.setWriteListener(transport);
		upgrade.handler().opened(connection);
		input.setReadListener(new Reader(connection, reader, input, upgrade.handler()));
	}

	@Override
	public void destroy() {
		ServerConnection connection = this.connection;
		if (connection != null) {
			connection.onTransportClosed();
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
	 * The output side: a {@link Transport} over the container's non-blocking output.
	 */
	private static final class ServletTransport implements Transport, WriteListener {

		private final WebConnection webConnection;

		private final ServletOutputStream output;

		private @Nullable ServerConnection connection;

		ServletTransport(WebConnection webConnection, ServletOutputStream output) {
			this.webConnection = webConnection;
			this.output = output;
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
		public void flush() throws IOException {
			this.output.flush();
		}

		@Override
		public void close() {
			closeQuietly(this.webConnection);
			if (TOMCAT) {
				TomcatSockets.close(this.output);
			}
		}

		@Override
		public void onWritePossible() {
			ServerConnection connection = this.connection;
			if (connection != null) {
				connection.onWritePossible();
			}
		}

		@Override
		public void onError(Throwable error) {
			ServerConnection connection = this.connection;
			if (connection != null) {
				if (logger.isDebugEnabled()) {
					logger.debug("Write to " + connection + " failed", error);
				}
				connection.onTransportClosed();
			}
		}

	}

	/**
	 * The input side: reads what the container has into a lent buffer and parses it.
	 */
	private static final class Reader implements ReadListener {

		private final ServerConnection connection;

		private final MessageReader reader;

		private final ServletInputStream input;

		private final EndpointHandler handler;

		Reader(ServerConnection connection, MessageReader reader, ServletInputStream input, EndpointHandler handler) {
			this.connection = connection;
			this.reader = reader;
			this.input = input;
			this.handler = handler;
		}

		@Override
		public void onDataAvailable() throws IOException {
			ReadBuffers buffers = this.handler.readBuffers();
			byte[] buffer = buffers.take();
			try {
				while (this.input.isReady()) {
					int read = this.input.read(buffer);
					if (read < 0) {
						this.connection.onTransportClosed();
						return;
					}
					if (read == 0) {
						return;
					}
					this.reader.feed(buffer, 0, read);
					if (this.connection.isFinished()) {
						return;
					}
				}
			}
			finally {
				buffers.giveBack(buffer);
			}
		}

		@Override
		public void onAllDataRead() {
			this.connection.onTransportClosed();
		}

		@Override
		public void onError(Throwable error) {
			this.handler.transportError(this.connection, error);
			this.connection.onTransportClosed();
		}

	}

}
