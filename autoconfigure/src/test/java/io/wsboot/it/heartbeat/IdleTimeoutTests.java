package io.wsboot.it.heartbeat;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import io.wsboot.WsConnection;
import io.wsboot.it.AbstractEndToEndTests;
import io.wsboot.it.app.Events;
import io.wsboot.it.app.ItApplication;
import io.wsboot.testfixture.RawWebSocket;
import io.wsboot.testfixture.RawWebSocket.Frame;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code ws.endpoints.feed.idle-timeout=300ms}, a feed connection that sends no
 * message for that long is closed with 1001; pongs are not messages; other endpoints
 * have no idle timeout.
 */
@SpringBootTest(classes = ItApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "ws.endpoints.feed.idle-timeout=300ms")
class IdleTimeoutTests extends AbstractEndToEndTests {

	private static final Duration THREE_TIMEOUTS = Duration.ofMillis(900);

	@Test
	void connectionWithoutMessagesIsClosedWith1001() throws Exception {
		RawWebSocket client = openRaw("/feed");
		WsConnection connection = serverSide(client);
		Optional<Frame> close = client.readUntilClose();
		assertThat(close).isPresent();
		assertThat(close.get().closeCode()).isEqualTo(1001);
		assertThat(close.get().closeReason()).isEqualTo("Idle timeout");
		await().untilAsserted(() -> assertThat(this.events.closesOf(connection.id()))
			.containsExactly(new Events.Closed("feed", 1001, "Idle timeout")));
	}

	@Test
	void pongsDoNotKeepAConnectionFromIdling() throws Exception {
		RawWebSocket client = openRaw("/feed");
		WsConnection connection = serverSide(client);
		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> {
			if (!sendQuietly(() -> client.sendPong(new byte[0]))) {
				return true;
			}
			return !this.events.closesOf(connection.id()).isEmpty();
		});
		assertThat(this.events.closesOf(connection.id())).singleElement()
			.satisfies((closed) -> assertThat(closed.code()).isEqualTo(1001));
	}

	@Test
	void connectionThatKeepsSendingStaysOpen() throws Exception {
		RawWebSocket client = openRaw("/feed");
		WsConnection connection = serverSide(client);
		int before = this.events.messages("feed");
		await().during(THREE_TIMEOUTS)
			.atMost(THREE_TIMEOUTS.multipliedBy(3))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> {
				client.sendText("busy");
				return this.registry.find(connection.id()).isPresent();
			});
		assertThat(this.events.messages("feed") - before).isGreaterThanOrEqualTo(10);
		assertThat(connection.isOpen()).isTrue();
	}

	@Test
	void otherEndpointsHaveNoIdleTimeout() throws Exception {
		RawWebSocket client = openRaw("/echo");
		WsConnection connection = serverSide(client);
		await().during(THREE_TIMEOUTS)
			.atMost(THREE_TIMEOUTS.multipliedBy(3))
			.until(() -> this.registry.find(connection.id()).isPresent());
		client.sendText("still open");
		assertThat(client.readText()).isEqualTo("still open");
	}

	private static boolean sendQuietly(IoAction action) {
		try {
			action.run();
			return true;
		}
		catch (IOException ex) {
			// the server has closed the connection
			return false;
		}
	}

	@FunctionalInterface
	private interface IoAction {

		void run() throws IOException;

	}

}
