package io.wsboot.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.wsboot.ReadyState;
import io.wsboot.client.ClientTestApplication.ServerLog;
import io.wsboot.test.WsTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Messages, pings and pongs between the client and the starter's server.
 */
@ClientServerTest
class WsClientMessagingTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final String base;

	private final WsClient.Builder builder;

	private final ServerLog serverLog;

	WsClientMessagingTests(@LocalServerPort int port, @Autowired WsClient.Builder builder,
			@Autowired ServerLog serverLog) {
		this.base = "ws://localhost:" + port;
		this.builder = builder;
		this.serverLog = serverLog;
	}

	@Test
	void sendsTextAndBinaryAndCompletesEachSendWhenWritten() {
		String multiByte = "héllo wörld ✓ 🙂";
		// larger than the JDK's receive buffer, so it arrives in parts and is gathered
		String large = "x".repeat(300_000);
		byte[] everyByte = new byte[256];
		for (int i = 0; i < everyByte.length; i++) {
			everyByte[i] = (byte) i;
		}
		try (WsTestClient client = WsTestClient.connect(this.builder, this.base + "/echo").awaitOpen()) {
			CompletableFuture<Void> text = client.client().send(multiByte);
			CompletableFuture<Void> binary = client.client().send(everyByte);
			CompletableFuture<Void> largeText = client.client().send(large);
			assertThat(text).succeedsWithin(TIMEOUT);
			assertThat(binary).succeedsWithin(TIMEOUT);
			assertThat(largeText).succeedsWithin(TIMEOUT);
			assertThat(client.awaitText()).isEqualTo(multiByte);
			assertThat(client.awaitBinary()).isEqualTo(everyByte);
			assertThat(client.awaitText()).isEqualTo(large);
			assertThat(client.events()).filteredOn((event) -> !event.equals("ping")).startsWith("open", "text 16 chars", "binary 256 bytes", "text 300000 chars");
		}
	}

	@Test
	void worksWithoutSpringFromTheStaticFactory() {
		List<String> received = new CopyOnWriteArrayList<>();
		WsClient client = WsClient.connect(this.base + "/echo", new WsClientListener() {

			@Override
			public void onOpen(WsClient client) {
				client.send("no Spring here");
			}

			@Override
			public void onTextMessage(WsClient client, String text) {
				received.add(text);
				client.close();
			}

		});
		await().until(client::readyState, ReadyState.CLOSED::equals);
		assertThat(received).containsExactly("no Spring here");
	}

	@Test
	void pingWithPayloadIsAnsweredWithPongCarryingIt() {
		try (WsTestClient client = WsTestClient.connect(this.builder, this.base + "/echo").awaitOpen()) {
			byte[] payload = "are you there?".getBytes(StandardCharsets.UTF_8);
			assertThat(client.client().ping(payload)).succeedsWithin(TIMEOUT);
			assertThat(client.awaitPong()).isEqualTo(payload);
		}
	}

	@Test
	void serverPingIsReportedWithItsPayloadAndAnsweredByItself() {
		try (WsTestClient client = WsTestClient.connect(this.builder, this.base + "/command").awaitOpen()) {
			client.send("ping knock-knock");
			assertThat(client.awaitPing()).isEqualTo("knock-knock".getBytes(StandardCharsets.UTF_8));
			// the JDK answered with a pong carrying the ping's payload
			await().untilAsserted(() -> assertThat(this.serverLog.pongs()).contains("knock-knock"));
		}
	}

	@Test
	void pongWithPayloadReachesTheServer() {
		try (WsTestClient client = WsTestClient.connect(this.builder, this.base + "/echo").awaitOpen()) {
			assertThat(client.client().pong("unsolicited".getBytes(StandardCharsets.UTF_8))).succeedsWithin(TIMEOUT);
			await().untilAsserted(() -> assertThat(this.serverLog.pongs()).contains("unsolicited"));
		}
	}

	@Test
	void messageLargerThanMaxMessageSizeIsReportedAndClosesWith1008() {
		this.builder.maxMessageSize(1000);
		try (WsTestClient client = WsTestClient.connect(this.builder, this.base + "/command").awaitOpen()) {
			client.send("text 999");
			assertThat(client.awaitText()).hasSize(999);
			client.send("text 1001");
			assertThat(client.awaitError()).isInstanceOf(IOException.class).hasMessageContaining("larger than 1000 bytes");
			assertThat(client.awaitClose().code()).isEqualTo(1008);
			assertThat(client.texts()).hasSize(1);
			await().untilAsserted(() -> assertThat(this.serverLog.closes()).contains("/command 1008 Message too big"));
		}
	}

}
