package io.wsboot.it.relay;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import io.wsboot.ConnectionRegistry;
import io.wsboot.relay.ClusterCounts;
import io.wsboot.relay.MessageRelay;
import io.wsboot.testfixture.RecordingClient;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One running instance of {@link RelayApplication}, on a random port, relayed through a
 * {@link RedisServer}.
 */
final class Instance implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final List<RecordingClient> clients = new ArrayList<>();

	private Instance(ConfigurableApplicationContext context) {
		this.context = context;
	}

	static Instance start(RedisServer redis, String... extraArgs) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--ws.relay.type=redis",
				"--ws.relay.redis.max-backoff=200ms", "--ws.relay.redis.counts-interval=200ms",
				"--ws.relay.redis.publish-timeout=1s", "--spring.data.redis.timeout=2s",
				"--spring.data.redis.connect-timeout=1s"));
		args.addAll(redis.properties());
		args.addAll(List.of(extraArgs));
		return new Instance(new SpringApplicationBuilder(RelayApplication.class).run(args.toArray(String[]::new)));
	}

	ConnectionRegistry registry() {
		return this.context.getBean(ConnectionRegistry.class);
	}

	MessageRelay relay() {
		return this.context.getBean(MessageRelay.class);
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	ClusterCounts counts() {
		return this.context.getBean(ClusterCounts.class);
	}

	int port() {
		return ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	/**
	 * Connect a client to a room and wait for its connection id.
	 */
	Client connect(String room) {
		return connect(room, null);
	}

	Client connect(String room, String user) {
		String url = "ws://localhost:" + port() + "/rooms/" + room + ((user != null) ? "?user=" + user : "");
		RecordingClient client = RecordingClient.connect(URI.create(url));
		this.clients.add(client);
		String hello = client.nextText();
		if (!hello.startsWith("id:")) {
			throw new IllegalStateException("Expected the connection id but got " + hello);
		}
		return new Client(client, hello.substring(3));
	}

	void closeClients() {
		this.clients.forEach(RecordingClient::close);
		this.clients.clear();
	}

	@Override
	public void close() {
		closeClients();
		this.context.close();
	}

	record Client(RecordingClient ws, String id) {

		String awaitText() {
			return this.ws.nextText();
		}

		byte[] awaitBinary() {
			return this.ws.nextBinary();
		}

	}

}
