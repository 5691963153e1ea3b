package io.wsboot.it.obs;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.wsboot.WsConnection;
import io.wsboot.it.AbstractEndToEndTests;
import io.wsboot.it.send.SmallSocketBuffers;
import io.wsboot.testfixture.RawWebSocket;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The meters of what the server does to peers that do not keep up: messages dropped
 * under the drop policy, and heartbeat terminations of peers that answer no ping.
 */
// Tomcat only: SmallSocketBuffers shrinks Tomcat's socket buffers so that this peer falls behind
@Tag("tomcat")
@SpringBootTest(classes = ObsApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "ws.endpoints.text-only.overflow-policy=drop", "ws.endpoints.text-only.send-buffer-limit=16KB",
				"ws.endpoints.binary-only.heartbeat.interval=200ms" })
@Import(SmallSocketBuffers.class)
class DropAndHeartbeatMetersTests extends AbstractEndToEndTests {

	@Autowired
	private MeterRegistry meters;

	@Test
	void droppedMessagesAreCounted() throws Exception {
		RawWebSocket slow = open(raw("/text-only").receiveBufferSize(4096));
		WsConnection connection = serverSide(slow);
		String padding = "d".repeat(1024);
		int dropped = 0;
		for (int i = 0; i < 300; i++) {
			if (!connection.send(i + ":" + padding)) {
				dropped++;
			}
		}
		assertThat(dropped).isPositive();
		assertThat(count("ws.server.messages.dropped", "endpoint", "text-only")).isEqualTo(dropped);
		assertThat(count("ws.server.messages.sent", "endpoint", "text-only", "type", "text"))
			.isEqualTo(300 - dropped);
	}

	@Test
	void heartbeatTerminationsAreCounted() throws Exception {
		// a raw client answers no ping: the heartbeat terminates it
		RawWebSocket silent = openRaw("/binary-only");
		WsConnection connection = serverSide(silent);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(count("ws.server.heartbeat.terminated", "endpoint", "binary-only"))
				.isEqualTo(1));
		await().untilAsserted(() -> assertThat(this.registry.find(connection.id())).isEmpty());
		assertThat(count("ws.server.connections.closed", "endpoint", "binary-only", "code", "1006")).isEqualTo(1);
	}

	private double count(String name, String... tags) {
		Counter counter = this.meters.find(name).tags(tags).counter();
		return (counter != null) ? counter.count() : 0;
	}

}
