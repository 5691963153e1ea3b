package io.wsboot.it.obs;

import java.time.Duration;

import io.wsboot.WsConnection;
import io.wsboot.WsConnectionClosedEvent;
import io.wsboot.it.AbstractEndToEndTests;
import io.wsboot.testfixture.RawWebSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every connection's start and end reach the application's {@code @EventListener}
 * methods, with the close code and reason; the server names its port and paths once it
 * listens.
 */
@ExtendWith(OutputCaptureExtension.class)
// a context of its own, so that its start is captured
@SpringBootTest(classes = ObsApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "test.context=connection-events")
class ConnectionEventsTests extends AbstractEndToEndTests {

	@Autowired
	private RecordedEvents recorded;

	@Test
	void openAndCloseArePublishedWithTheCloseCodeAndReason() throws Exception {
		RawWebSocket client = openRaw("/text-only");
		WsConnection connection = serverSide(client);
		await().untilAsserted(() -> assertThat(this.recorded.openedIds()).contains(connection.id()));
		assertThat(this.recorded.closedOf(connection.id())).isEmpty();
		assertThat(client.closeHandshake(4000, "bye")).isPresent();
		await().untilAsserted(() -> assertThat(this.recorded.closedOf(connection.id())).singleElement()
			.satisfies((event) -> {
				assertThat(event.getCode()).isEqualTo(4000);
				assertThat(event.getReason()).isEqualTo("bye");
				assertThat(event.getConnection().endpointId()).isEqualTo("text-only");
			}));
	}

	@Test
	void anAbortedConnectionIsPublishedAs1006() throws Exception {
		RawWebSocket client = openRaw("/text-only");
		WsConnection connection = serverSide(client);
		client.abort();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.recorded.closedOf(connection.id()))
				.extracting(WsConnectionClosedEvent::getCode)
				.containsExactly(1006));
	}

	@Test
	void startupNamesThePortAndEveryPath(CapturedOutput output) {
		assertThat(output.getOut()).contains("WebSocket server listening on port " + this.port + ": ")
			.contains("/text-only (text-only)")
			.contains("/binary-only (binary-only)")
			.contains("/greetings (greetings)");
	}

}
