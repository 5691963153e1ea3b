package io.wsboot.sample.democlients;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.wsboot.client.WsClient;
import io.wsboot.client.WsClientListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The "Multiple WebSocket Servers" example of the {@code ws} documentation, seen from the
 * client side: once the application is ready, one client connects to {@code /foo} and
 * one to {@code /bar} of this very server, each sends a message when open, and every
 * reply is logged at INFO. On with {@code --sample.demo-clients=true}.
 */
@Component
@ConditionalOnBooleanProperty("sample.demo-clients")
public class DemoClients implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

	private static final Log logger = LogFactory.getLog(DemoClients.class);

	private static final List<String> PATHS = List.of("/foo", "/bar");

	private final WsClient.Builder builder;

	private final Environment environment;

	private final List<WsClient> clients = new CopyOnWriteArrayList<>();

	private final List<String> replies = new CopyOnWriteArrayList<>();

	public DemoClients(WsClient.Builder builder, Environment environment) {
		this.builder = builder;
		this.environment = environment;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		int port = this.environment.getRequiredProperty("local.server.port", Integer.class);
		for (String path : PATHS) {
			this.clients.add(this.builder.connect("ws://localhost:" + port + path, new Conversation(path)));
		}
	}

	/**
	 * Return the replies received so far, as {@code <path>: <reply>}.
	 * @return the replies
	 */
	public List<String> replies() {
		return List.copyOf(this.replies);
	}

	@Override
	public void destroy() {
		this.clients.forEach(WsClient::close);
	}

	/**
	 * One client's side: say hello on open, log what comes back.
	 */
	private final class Conversation implements WsClientListener {

		private final String path;

		Conversation(String path) {
			this.path = path;
		}

		@Override
		public void onOpen(WsClient client) {
			client.send("Hello from the " + this.path + " demo client");
		}

		@Override
		public void onTextMessage(WsClient client, String text) {
			logger.info("Reply on " + this.path + ": " + text);
			DemoClients.this.replies.add(this.path + ": " + text);
		}

		@Override
		public void onError(WsClient client, Throwable error) {
			logger.warn("Demo client on " + this.path + " failed", error);
		}

	}

}
