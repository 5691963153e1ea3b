package io.wsboot.it.relay;

import java.util.ArrayList;
import java.util.List;

import io.wsboot.ConnectionRegistry;
import io.wsboot.relay.ClusterCounts;
import io.wsboot.relay.MessageRelay;
import io.wsboot.test.WsTestClient;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One running instance of {@link RelayApplication}, on a random port, relayed through a
 * {@link RedisServer}.
 */
final class Instance implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final List<WsTestClient> clients = new ArrayList<>();

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
		WsTestClient client = WsTestClient.connect(url);
		this.clients.add(client);
		String hello = client.awaitText();
		if (!hello.startsWith("id:")) {
			throw new IllegalStateException("Expected the connection id but got " + hello);
		}
		return new Client(client, hello.substring(3));
	}

	void closeClients() {
		this.clients.forEach(WsTestClient::close);
		this.clients.clear();
	}

	@Override
	public void close() {
		closeClients();
		this.context.close();
	}

	record Client(WsTestClient ws, String id) {

		String awaitText() {
			return this.ws.awaitText();
		}

		byte[] awaitBinary() {
			return this.ws.awaitBinary();
		}

	}

}
