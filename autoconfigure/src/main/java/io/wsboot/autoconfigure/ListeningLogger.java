package io.wsboot.autoconfigure;

import java.util.stream.Collectors;

import io.wsboot.server.WsServer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Logs, once the web server listens, its port and every WebSocket path: the
 * {@code listening} event of {@code ws}.
 */
final class ListeningLogger implements ApplicationListener<WebServerInitializedEvent> {

	private static final Log logger = LogFactory.getLog(WsServer.class);

	private final WsServer server;

	ListeningLogger(WsServer server) {
		this.server = server;
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		// the management server, when on its own port, serves no endpoint
		if (event.getApplicationContext().getServerNamespace() != null || this.server.endpoints().isEmpty()) {
			return;
		}
		logger.info(message(event.getWebServer().getPort()));
	}

	String message(int port) {
		return "WebSocket server listening on port " + port + ": " + this.server.endpoints()
			.stream()
			.flatMap((endpoint) -> endpoint.paths().stream().map((path) -> path + " (" + endpoint.id() + ")"))
			.collect(Collectors.joining(", "));
	}

}
