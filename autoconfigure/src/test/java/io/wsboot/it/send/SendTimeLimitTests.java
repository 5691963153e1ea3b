package io.wsboot.it.send;

import io.wsboot.WsConnection;
import io.wsboot.it.AbstractEndToEndTests;
import io.wsboot.it.app.ItApplication;
import io.wsboot.testfixture.RawWebSocket;
import io.wsboot.testfixture.RecordingClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A peer whose write has outlasted {@code ws.send-time-limit} is closed by the sweep,
 * even when nothing more is sent to it; a peer that reads is not.
 */
// Tomcat only: SmallSocketBuffers shrinks Tomcat's socket buffers so that this peer falls behind
@Tag("tomcat")
@SpringBootTest(classes = ItApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "ws.send-time-limit=500ms")
@Import(SmallSocketBuffers.class)
class SendTimeLimitTests extends AbstractEndToEndTests {

	@Test
	void peerStalledOnAWriteIsClosedWithoutFurtherSends() throws Exception {
		RecordingClient reader = connect("/feed", "reader");
		WsConnection readerConnection = serverSide("reader");
		RawWebSocket stalled = open(raw("/feed").receiveBufferSize(4096));
		WsConnection stalledConnection = serverSide(stalled);

		// far under the 1 MB send buffer limit, far over what the sockets hold
		String message = "s".repeat(1024);
		for (int i = 0; i < 300; i++) {
			assertThat(stalledConnection.send(message)).isTrue();
			assertThat(readerConnection.send(message)).isTrue();
		}
		assertThat(stalledConnection.bufferedAmount()).isPositive();

		await().untilAsserted(() -> assertThat(this.events.closesOf(stalledConnection.id())).singleElement()
			.satisfies((closed) -> {
				assertThat(closed.code()).isEqualTo(1008);
				assertThat(closed.reason()).isEqualTo("Slow consumer");
			}));
		assertThat(this.registry.find(stalledConnection.id())).isEmpty();

		await().untilAsserted(() -> assertThat(reader.receivedCount()).isEqualTo(300));
		assertThat(readerConnection.isOpen()).isTrue();
		assertThat(this.events.closesOf(readerConnection.id())).isEmpty();
	}

}
