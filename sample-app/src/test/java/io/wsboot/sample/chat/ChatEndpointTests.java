package io.wsboot.sample.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.wsboot.ConnectionRegistry;
import io.wsboot.test.WsTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link ChatEndpoint} on {@code /chat}, the path {@code application.yml} gives it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ChatEndpointTests {

	private static final int MESSAGES_PER_CLIENT = 20;

	private final int port;

	private final ConnectionRegistry registry;

	ChatEndpointTests(@LocalServerPort int port, @Autowired ConnectionRegistry registry) {
		this.port = port;
		this.registry = registry;
	}

	@Test
	void broadcastsEveryMessageToEveryClientSenderIncludedInSendOrder() throws Exception {
		List<String> names = List.of("alice", "bob", "carol");
		List<WsTestClient> clients = new ArrayList<>();
		try {
			for (int i = 0; i < names.size(); i++) {
				clients.add(WsTestClient.connect("ws://localhost:" + this.port + "/chat").awaitOpen());
			}
			// a message sent before a peer is registered would rightly miss it
			await().until(() -> this.registry.count("chat") == names.size());
			List<CompletableFuture<?>> sends = new ArrayList<>();
			List<String> everything = new ArrayList<>();
			for (int i = 0; i < names.size(); i++) {
				List<String> messages = messages(names.get(i));
				everything.addAll(messages);
				// the three clients send at the same time, each in its own order
				WsTestClient client = clients.get(i);
				sends.add(CompletableFuture.runAsync(() -> messages.forEach(client::send)));
			}
			CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
			for (WsTestClient client : clients) {
				await().untilAsserted(() -> assertThat(client.texts()).hasSameSizeAs(everything));
				assertThat(client.texts()).containsExactlyInAnyOrderElementsOf(everything);
				for (String name : names) {
					assertThat(client.texts()).filteredOn((text) -> text.startsWith(name + ":"))
						.containsExactlyElementsOf(messages(name));
				}
			}
		}
		finally {
			for (WsTestClient client : clients) {
				client.close();
			}
		}
	}

	private static List<String> messages(String name) {
		return IntStream.rangeClosed(1, MESSAGES_PER_CLIENT).mapToObj((i) -> name + ": message " + i).toList();
	}

}
