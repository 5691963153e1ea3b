package io.wsboot.test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.wsboot.OnBinaryMessage;
import io.wsboot.OnTextMessage;
import io.wsboot.ReadyState;
import io.wsboot.WsConnection;
import io.wsboot.WsEndpoint;
import io.wsboot.client.WsClient;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link WsTestClient} against a real server on a random port, the way an application's
 * test uses it: the auto-configured {@link WsClient.Builder}, a conversation, a close.
 */
@SpringBootTest(classes = WsTestClientTests.TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class WsTestClientTests {

	@LocalServerPort
	private int port;

	@Autowired
	private WsClient.Builder builder;

	@Test
	void awaitsEachReplyInTurnAndListsThemAll() {
		try (WsTestClient client = WsTestClient.connect(this.builder, url()).awaitOpen()) {
			client.send("one").send("two");
			assertThat(client.awaitText()).isEqualTo("one");
			assertThat(client.awaitText()).isEqualTo("two");
			client.send("three".getBytes(StandardCharsets.UTF_8));
			assertThat(client.awaitBinary()).asString(StandardCharsets.UTF_8).isEqualTo("three");
			assertThat(client.texts()).containsExactly("one", "two");
			assertThat(client.events()).startsWith("open");
		}
	}

	@Test
	void awaitsTheServersClose() {
		WsTestClient client = WsTestClient.connect(this.builder, url()).awaitOpen();
		client.send("bye");
		assertThat(client.awaitClose()).isEqualTo(new WsTestClient.Close(4000, "bye"));
		assertThat(client.awaitReadyState(ReadyState.CLOSED).client().readyState()).isEqualTo(ReadyState.CLOSED);
	}

	@Test
	void aWaitThatTimesOutNamesWhatWasAwaitedAndTheUrl() {
		try (WsTestClient client = WsTestClient.connect(url()).awaitOpen().timeout(Duration.ofMillis(200))) {
			assertThatExceptionOfType(ConditionTimeoutException.class).isThrownBy(client::awaitText)
				.withMessageContaining("text message")
				.withMessageContaining(url());
		}
	}

	@Test
	void closeReturnsOnceTheClientIsClosed() {
		WsTestClient client = WsTestClient.connect(url()).awaitOpen();
		client.close();
		assertThat(client.client().readyState()).isEqualTo(ReadyState.CLOSED);
		assertThat(client.awaitClose().code()).isEqualTo(1000);
	}

	private String url() {
		return "ws://localhost:" + this.port + "/echo";
	}

	@SpringBootApplication
	static class TestApplication {

		@WsEndpoint("/echo")
		static class Echo {

			@OnTextMessage
			String onText(String message, WsConnection connection) {
				if (message.equals("bye")) {
					connection.close(4000, "bye");
					return null;
				}
				return message;
			}

			@OnBinaryMessage
			ByteBuffer onBinary(ByteBuffer message) {
				return message;
			}

		}

	}

}
