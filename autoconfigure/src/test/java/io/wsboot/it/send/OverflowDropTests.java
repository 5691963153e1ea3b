package io.wsboot.it.send;

import java.util.ArrayList;
import java.util.List;

import io.wsboot.WsConnection;
import io.wsboot.it.AbstractEndToEndTests;
import io.wsboot.it.app.ItApplication;
import io.wsboot.testfixture.RawWebSocket;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Under the {@code drop} overflow policy a peer that does not keep up is kept, and the
 * messages past its send buffer limit are dropped: it receives exactly the messages
 * whose send returned {@code true}, in order.
 */
// Tomcat only: SmallSocketBuffers shrinks Tomcat's socket buffers so that this peer falls behind
@Tag("tomcat")
@SpringBootTest(classes = ItApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "ws.endpoints.feed.overflow-policy=drop", "ws.endpoints.feed.send-buffer-limit=16KB" })
@Import(SmallSocketBuffers.class)
class OverflowDropTests extends AbstractEndToEndTests {

	@Test
	void slowPeerIsKeptAndGetsExactlyTheMessagesThatWereQueued() throws Exception {
		RawWebSocket slow = open(raw("/feed").receiveBufferSize(4096));
		WsConnection connection = serverSide(slow);
		String padding = "d".repeat(1024);
		List<String> queued = new ArrayList<>();
		int dropped = 0;
		for (int i = 0; i < 300; i++) {
			String message = i + ":" + padding;
			if (connection.send(message)) {
				queued.add(message);
			}
			else {
				dropped++;
			}
		}
		assertThat(dropped).isPositive();
		assertThat(connection.droppedMessages()).isEqualTo(dropped);
		assertThat(connection.isOpen()).isTrue();

		for (String message : queued) {
			assertThat(slow.readText()).isEqualTo(message);
		}
		await().untilAsserted(() -> assertThat(connection.bufferedAmount()).isZero());
		assertThat(connection.send("after")).isTrue();
		assertThat(slow.readText()).isEqualTo("after");
		assertThat(this.events.closesOf(connection.id())).isEmpty();
	}

}
