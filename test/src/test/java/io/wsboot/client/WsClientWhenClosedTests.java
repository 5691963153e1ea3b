package io.wsboot.client;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.wsboot.ReadyState;
import io.wsboot.client.ClientTestApplication.ServerLog;
import io.wsboot.test.WsTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link WsClient#whenClosed()}: completed once, with the last close event, when the
 * client is closed for good, and not while a reconnect is to follow.
 */
@ClientServerTest
class WsClientWhenClosedTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final String base;

	private final WsClient.Builder builder;

	private final ServerLog serverLog;

	WsClientWhenClosedTests(@LocalServerPort int port, @Autowired WsClient.Builder builder,
			@Autowired ServerLog serverLog) {
		this.base = "ws://localhost:" + port;
		this.builder = builder;
		this.serverLog = serverLog;
	}

	/**
	 * Return the future of the client's final close, and the events its listeners had
	 * received when it completed.
	 */
	private static CompletableFuture<List<String>> eventsWhenClosed(WsTestClient client) {
		return client.client().whenClosed().thenApply((close) -> client.events());
	}

	@Test
	void completesWithTheCodeAndReasonOfACloseTheApplicationAskedFor() {
		// the echo endpoint without heartbeat: no ping among the events
		WsTestClient client = WsTestClient.connect(this.builder, this.base + "/silent").awaitOpen();
		CompletableFuture<WsClient.Close> closed = client.client().whenClosed();
		CompletableFuture<List<String>> events = eventsWhenClosed(client);
		assertThat(closed).isNotDone();
		client.client().close(4000, "done here");
		assertThat(closed).succeedsWithin(TIMEOUT).isEqualTo(new WsClient.Close(4000, "done here"));
		// completed after the listeners heard of the close
		assertThat(events).succeedsWithin(TIMEOUT).isEqualTo(List.of("open", "close 4000"));
		assertThat(client.client().readyState()).isEqualTo(ReadyState.CLOSED);
		await().untilAsserted(() -> assertThat(this.serverLog.closes()).contains("/silent 4000 done here"));
		// once completed, it stays so for every caller
		assertThat(client.client().whenClosed()).isCompletedWithValue(new WsClient.Close(4000, "done here"));
	}

	@Test
	void completesWhenTheServerClosesWithACodeThatIsNotFollowedByAReconnect() {
		this.builder.reconnect(true).reconnectInitialDelay(Duration.ZERO);
		WsTestClient client = WsTestClient.connect(this.builder, this.base + "/command").awaitOpen();
		CompletableFuture<List<String>> events = eventsWhenClosed(client);
		client.send("close 4001 see you");
		assertThat(client.client().whenClosed()).succeedsWithin(TIMEOUT)
			.isEqualTo(new WsClient.Close(4001, "see you"));
		assertThat(events).succeedsWithin(TIMEOUT).isEqualTo(List.of("open", "close 4001"));
	}

	@Test
	void completesWith1006AfterTerminate() {
		WsTestClient client = WsTestClient.connect(this.builder, this.base + "/echo").awaitOpen();
		client.client().terminate();
		assertThat(client.client().whenClosed()).succeedsWithin(TIMEOUT)
			.isEqualTo(new WsClient.Close(1006, "Terminated"));
	}

	@Test
	void completesWith1006AndTheHandshakeErrorWhenTheClientNeverOpened() {
		WsClient client = this.builder.connect(this.base + "/nowhere");
		assertThat(client.whenClosed()).succeedsWithin(TIMEOUT)
			.isEqualTo(new WsClient.Close(1006, "Could not connect to " + this.base
					+ "/nowhere: the server answered the upgrade request with HTTP 404"));
		assertThat(client.whenOpen()).isCompletedExceptionally();
	}

	@Test
	void completesWhenClosedWhileTheHandshakeIsUnderWay() throws IOException {
		try (UnansweringServer unanswering = new UnansweringServer()) {
			WsClient client = this.builder.connect("ws://localhost:" + unanswering.port() + "/");
			assertThat(client.whenClosed()).isNotDone();
			client.close();
			assertThat(client.whenClosed()).succeedsWithin(TIMEOUT)
				.isEqualTo(new WsClient.Close(1006, "Closed before the connection was established"));
		}
	}

	@Test
	void waitsThroughAReconnectAndCompletesWhenTheClientIsClosedForGood() {
		this.builder.reconnect(true).reconnectInitialDelay(Duration.ofMillis(50));
		WsTestClient client = WsTestClient.connect(this.builder, this.base + "/command").awaitOpen();
		CompletableFuture<List<String>> events = eventsWhenClosed(client);
		client.send("fail");
		assertThat(client.awaitClose().code()).isEqualTo(1011);
		client.awaitEvent("reconnected 1");
		assertThat(client.client().whenClosed()).isNotDone();
		client.client().close(1000, "bye");
		assertThat(client.client().whenClosed()).succeedsWithin(TIMEOUT).isEqualTo(new WsClient.Close(1000, "bye"));
		assertThat(events).succeedsWithin(TIMEOUT)
			.isEqualTo(List.of("open", "close 1011", "reconnecting 1", "open", "reconnected 1", "close 1000"));
	}

	@Test
	void completesWithTheLostConnectionsCloseWhenClosedWhileWaitingToReconnect() {
		this.builder.reconnect(true)
			.reconnectInitialDelay(Duration.ofMinutes(1))
			.reconnectMaxDelay(Duration.ofMinutes(1));
		WsTestClient client = WsTestClient.connect(this.builder, this.base + "/command").awaitOpen();
		client.send("fail");
		WsTestClient.Close lost = client.awaitClose();
		assertThat(lost.code()).isEqualTo(1011);
		client.awaitEvent("reconnecting 1");
		assertThat(client.client().whenClosed()).isNotDone();
		client.client().close();
		assertThat(client.client().whenClosed()).succeedsWithin(TIMEOUT)
			.isEqualTo(new WsClient.Close(lost.code(), lost.reason()));
		assertThat(client.client().readyState()).isEqualTo(ReadyState.CLOSED);
	}

	@Test
	void completesWhenTheReconnectAttemptsAreUsedUp() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		this.builder.reconnect(true).reconnectInitialDelay(Duration.ofMillis(20)).reconnectMaxAttempts(2);
		String url = "ws://localhost:" + closedPort + "/";
		WsTestClient client = WsTestClient.connect(this.builder, url);
		CompletableFuture<List<String>> events = eventsWhenClosed(client);
		assertThat(client.client().whenClosed()).succeedsWithin(TIMEOUT)
			.isEqualTo(new WsClient.Close(1006, "Could not connect to " + url + ": connection refused"));
		String error = "error " + WsConnectException.class.getName();
		assertThat(events).succeedsWithin(TIMEOUT)
			.isEqualTo(List.of(error, "close 1006", "reconnecting 1", error, "close 1006", "reconnecting 2", error,
					"close 1006"));
	}

	@Test
	void isACopyThatTheCallerCannotCompleteForOthers() {
		WsTestClient client = WsTestClient.connect(this.builder, this.base + "/echo").awaitOpen();
		client.client().whenClosed().complete(new WsClient.Close(4999, "not really"));
		assertThat(client.client().whenClosed()).isNotDone();
		client.client().close();
		assertThat(client.client().whenClosed()).succeedsWithin(TIMEOUT).isEqualTo(new WsClient.Close(1000, ""));
	}

}
