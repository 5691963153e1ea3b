package io.wsboot.it.faults;

import java.time.Duration;

import io.wsboot.WsConnection;
import io.wsboot.it.AbstractEndToEndTests;
import io.wsboot.it.app.ItApplication;
import io.wsboot.it.send.SmallSocketBuffers;
import io.wsboot.testfixture.RawWebSocket;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Under the {@code drop} overflow policy, a peer past {@code ws.send-time-limit} is kept,
 * as the README promises for both limits: what it cannot take is dropped and counted,
 * and once it reads again it gets what was queued and what is sent next.
 */
// Tomcat only: SmallSocketBuffers shrinks Tomcat's socket buffers so that this peer falls behind
@Tag("tomcat")
@SpringBootTest(classes = ItApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "ws.endpoints.feed.overflow-policy=drop", "ws.endpoints.feed.send-time-limit=300ms" })
@Import(SmallSocketBuffers.class)
class DropPolicySendTimeLimitTests extends AbstractEndToEndTests {

	@Test
	void peerStalledPastTheSendTimeLimitIsKeptAndItsMessagesDropped() throws Exception {
		RawWebSocket stalled = open(raw("/feed").receiveBufferSize(4096));
		WsConnection connection = serverSide(stalled);
		String message = "s".repeat(1024);
		int queued = 0;
		// far under the 1 MB send buffer limit, far over what the sockets hold
		for (int i = 0; i < 100; i++) {
			queued += connection.send(i + ":" + message) ? 1 : 0;
		}
		assertThat(queued).isEqualTo(100);

		// ten times the send time limit, stalled all along
		await().during(Duration.ofSeconds(3))
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(connection.isOpen()).as("stalled peer open").isTrue());
		assertThat(connection.send("past the limit")).as("send past the time limit").isFalse();
		assertThat(connection.droppedMessages()).isEqualTo(1);

		for (int i = 0; i < queued; i++) {
			assertThat(stalled.readText()).isEqualTo(i + ":" + message);
		}
		await().untilAsserted(() -> assertThat(connection.bufferedAmount()).isZero());
		assertThat(connection.send("reading again")).isTrue();
		assertThat(stalled.readText()).isEqualTo("reading again");
		assertThat(this.events.closesOf(connection.id())).isEmpty();
	}

}
