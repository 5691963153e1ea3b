package io.wsboot.autoconfigure;

import org.apache.catalina.connector.Connector;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;

/**
 * Sizes Tomcat's per-connection socket buffers. Tomcat allocates both of them, for every
 * connection, at their full size (8 KiB each by default) and keeps them while the
 * connection is open; the engine reads into buffers it lends for the length of a read, so
 * a WebSocket connection needs little more than a small socket buffer of its own. A small
 * size only means more, smaller reads and writes for large messages.
 */
final class TomcatBuffers implements TomcatConnectorCustomizer {

	private final int size;

	TomcatBuffers(int size) {
		this.size = size;
	}

	int size() {
		return this.size;
	}

	@Override
	public void customize(Connector connector) {
		connector.setProperty("socket.appReadBufSize", Integer.toString(this.size));
		connector.setProperty("socket.appWriteBufSize", Integer.toString(this.size));
	}

}
