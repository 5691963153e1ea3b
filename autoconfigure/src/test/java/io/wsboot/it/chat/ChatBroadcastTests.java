package io.wsboot.it.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.wsboot.it.AbstractEndToEndTests;
import io.wsboot.it.app.ItApplication;
import io.wsboot.testfixture.RecordingClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A chat endpoint that calls {@code registry.broadcast} delivers every message to every
 * connection, each sender's messages in the order it sent them.
 */
@SpringBootTest(classes = ItApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class ChatBroadcastTests extends AbstractEndToEndTests {

	private static final int CLIENTS = 4;

	private static final int MESSAGES_EACH = 50;

	@Test
	void everyClientReceivesEveryMessageInEachSendersOrder() {
		List<RecordingClient> clients = new ArrayList<>();
		for (int i = 0; i < CLIENTS; i++) {
			clients.add(connect("/chat", "chatter-" + i));
		}
		// a broadcast reaches the connections open at that moment: wait for all of them
		awaitCount("chat", CLIENTS);

		// the clients send at the same time, so their messages interleave on the server
		List<CompletableFuture<Void>> senders = new ArrayList<>();
		for (int i = 0; i < CLIENTS; i++) {
			RecordingClient client = clients.get(i);
			String sender = "c" + i;
			senders.add(CompletableFuture.runAsync(() -> {
				for (int n = 0; n < MESSAGES_EACH; n++) {
					client.sendText(sender + ":" + n);
				}
			}));
		}
		CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).join();

		int total = CLIENTS * MESSAGES_EACH;
		for (RecordingClient client : clients) {
			await().untilAsserted(() -> assertThat(client.receivedCount()).isEqualTo(total));
		}
		for (RecordingClient client : clients) {
			List<String> received = client.receivedTexts();
			assertThat(received).hasSize(total).doesNotHaveDuplicates();
			for (int i = 0; i < CLIENTS; i++) {
				String prefix = "c" + i + ":";
				List<String> fromSender = received.stream().filter((text) -> text.startsWith(prefix)).toList();
				List<String> sent = new ArrayList<>();
				for (int n = 0; n < MESSAGES_EACH; n++) {
					sent.add(prefix + n);
				}
				assertThat(fromSender).as("messages from c%d as received by a client", i).isEqualTo(sent);
			}
		}
		assertThat(this.events.messages("chat")).isGreaterThanOrEqualTo(total);
	}

	@Test
	void broadcastReportsHowManyConnectionsItQueuedTo() {
		RecordingClient first = connect("/chat", "listener-1");
		RecordingClient second = connect("/chat", "listener-2");
		awaitCount("chat", 2);

		assertThat(this.registry.broadcast("chat", "from the server")).isEqualTo(2);
		assertThat(this.registry.broadcast("no-such-endpoint", "lost")).isZero();

		assertThat(first.nextText()).isEqualTo("from the server");
		assertThat(second.nextText()).isEqualTo("from the server");
	}

	@Test
	void broadcastExceptLeavesTheSenderOut() {
		RecordingClient sender = connect("/chat", "sender");
		RecordingClient other = connect("/chat", "other");
		awaitCount("chat", 2);

		assertThat(this.registry.broadcastExcept(serverSide("sender"), "not for the sender")).isEqualTo(1);
		assertThat(other.nextText()).isEqualTo("not for the sender");
		// a message sent after it reaches both; the sender's first message is this one
		this.registry.broadcast("chat", "for everyone");
		assertThat(other.nextText()).isEqualTo("for everyone");
		assertThat(sender.nextText()).isEqualTo("for everyone");
	}

}
