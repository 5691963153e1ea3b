package io.wsboot.it.send;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.wsboot.WsConnection;
import io.wsboot.it.AbstractEndToEndTests;
import io.wsboot.it.app.ItApplication;
import io.wsboot.testfixture.RecordingClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code WsConnection.send} is safe from any thread: many threads sending to one
 * connection at once never interleave frames, lose or reorder a thread's messages, or
 * fail.
 */
@SpringBootTest(classes = ItApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class ConcurrentSendTests extends AbstractEndToEndTests {

	private static final int THREADS = 16;

	private static final int MESSAGES_EACH = 500;

	@Test
	void sixteenThreadsSendingToOneConnectionDeliverEveryMessageIntactAndInOrder(CapturedOutput output)
			throws Exception {
		RecordingClient client = connect("/feed", "target");
		WsConnection connection = serverSide("target");

		CountDownLatch start = new CountDownLatch(1);
		ExecutorService executor = Executors.newFixedThreadPool(THREADS);
		List<Future<Integer>> senders = new ArrayList<>();
		try {
			for (int t = 0; t < THREADS; t++) {
				int thread = t;
				senders.add(executor.submit(() -> {
					start.await();
					int queued = 0;
					for (int i = 0; i < MESSAGES_EACH; i++) {
						String message = message(thread, i);
						// half the threads send text, half binary, to the same queue
						boolean sent = (thread % 2 == 0) ? connection.send(message)
								: connection.send(message.getBytes(StandardCharsets.UTF_8));
						queued += sent ? 1 : 0;
					}
					return queued;
				}));
			}
			start.countDown();
			for (Future<Integer> sender : senders) {
				assertThat(sender.get(30, TimeUnit.SECONDS)).as("messages queued by a thread").isEqualTo(MESSAGES_EACH);
			}
		}
		finally {
			executor.shutdownNow();
		}

		int total = THREADS * MESSAGES_EACH;
		await().untilAsserted(() -> assertThat(client.receivedCount()).isEqualTo(total));
		List<List<String>> byThread = new ArrayList<>();
		for (int t = 0; t < THREADS; t++) {
			byThread.add(new ArrayList<>());
		}
		for (Object received : client.received()) {
			String message = (received instanceof byte[] bytes) ? new String(bytes, StandardCharsets.UTF_8)
					: (String) received;
			int thread = Integer.parseInt(message.substring(0, message.indexOf(':')));
			assertThat(received).as("message type of thread %d", thread)
				.isInstanceOf((thread % 2 == 0) ? String.class : byte[].class);
			byThread.get(thread).add(message);
		}
		for (int t = 0; t < THREADS; t++) {
			List<String> expected = new ArrayList<>();
			for (int i = 0; i < MESSAGES_EACH; i++) {
				expected.add(message(t, i));
			}
			assertThat(byThread.get(t)).as("messages of thread %d, in order", t).isEqualTo(expected);
		}

		assertThat(connection.isOpen()).isTrue();
		await().untilAsserted(() -> assertThat(connection.bufferedAmount()).isZero());
		assertThat(client.isOpen()).isTrue();
		assertThat(client.error()).isNull();
		assertThat(this.events.errorsOf(connection.id())).isEmpty();
		assertThat(output).doesNotContain(" WARN ", " ERROR ", "Exception");
	}

	private static String message(int thread, int i) {
		// sizes vary so that frames of different lengths would show any interleaving
		return thread + ":" + i + ":" + "abcdefghijklmnopqrstuvwxyz0123456789".repeat(i % 3) + "#";
	}

}
