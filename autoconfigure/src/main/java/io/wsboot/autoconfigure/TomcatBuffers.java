package io.wsboot.autoconfigure;

import jakarta.servlet.ServletContext;
import jakarta.websocket.server.ServerContainer;
import org.apache.catalina.connector.Connector;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.web.context.ServletContextAware;

/**
 * Sizes Tomcat's per-connection WebSocket buffers. Tomcat allocates each of them, for
 * every connection, at its full size: at its defaults an idle connection held about
 * 79 KiB of heap here. The starter gathers large messages itself, so none of them needs
 * to hold a whole message, and a small size only means more, smaller reads and writes
 * for large messages.
 */
final class TomcatBuffers implements TomcatConnectorCustomizer, ServletContextAware {

	/**
	 * The system property Tomcat reads, once, for the size of each WebSocket session's
	 * input, output and encoder buffers.
	 */
	static final String DEFAULT_BUFFER_SIZE_PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

	private final int size;

	TomcatBuffers(int size) {
		this.size = size;
		// read once, when Tomcat's WebSocket support starts: this bean is created before
		if (System.getProperty(DEFAULT_BUFFER_SIZE_PROPERTY) == null) {
			System.setProperty(DEFAULT_BUFFER_SIZE_PROPERTY, Integer.toString(size));
		}
	}

	int size() {
		return this.size;
	}

	@Override
	public void customize(Connector connector) {
		connector.setProperty("socket.appReadBufSize", Integer.toString(this.size));
		connector.setProperty("socket.appWriteBufSize", Integer.toString(this.size));
	}

	@Override
	public void setServletContext(ServletContext servletContext) {
		Object container = servletContext.getAttribute(ServerContainer.class.getName());
		if (container instanceof ServerContainer serverContainer) {
			serverContainer.setDefaultMaxTextMessageBufferSize(this.size);
			serverContainer.setDefaultMaxBinaryMessageBufferSize(this.size);
		}
	}

}
