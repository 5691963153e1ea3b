package io.wsboot.it.heartbeat;

import java.time.Duration;

import io.wsboot.WsConnection;
import io.wsboot.it.AbstractEndToEndTests;
import io.wsboot.it.app.ItApplication;
import io.wsboot.testfixture.RawWebSocket;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code ws.heartbeat.enabled=false} no ping is sent, and a silent peer is kept.
 */
@SpringBootTest(classes = ItApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "ws.heartbeat.enabled=false", "ws.heartbeat.interval=200ms" })
class HeartbeatDisabledTests extends AbstractEndToEndTests {

	@Override
	protected boolean seesHeartbeatPings() {
		return true;
	}

	@Test
	void noPingArrivesAndASilentPeerStaysOpen() throws Exception {
		RawWebSocket silent = openRaw("/echo");
		WsConnection connection = serverSide(silent);
		// five intervals of the configured 200 ms
		await().during(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(3)).until(() -> {
			assertThat(silent.readFrame(Duration.ofMillis(10))).as("frame sent to the silent client").isEmpty();
			return this.registry.find(connection.id()).isPresent();
		});
		assertThat(connection.isOpen()).isTrue();
		silent.sendText("still open");
		assertThat(silent.readText()).isEqualTo("still open");
	}

}
