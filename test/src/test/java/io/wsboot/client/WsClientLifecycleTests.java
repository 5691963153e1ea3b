package io.wsboot.client;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.wsboot.ReadyState;
import io.wsboot.client.ClientTestApplication.Gate;
import io.wsboot.client.ClientTestApplication.ServerLog;
import io.wsboot.test.WsTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * The states of a client, its URL, subprotocol and extensions, closing, terminating,
 * and what it buffers.
 */
@ClientServerTest
class WsClientLifecycleTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final int MIB = 1024 * 1024;

	private final String base;

	private final WsClient.Builder builder;

	private final ServerLog serverLog;

	private final Gate gate;

	WsClientLifecycleTests(@LocalServerPort int port, @Autowired WsClient.Builder builder,
			@Autowired ServerLog serverLog, @Autowired Gate gate) {
		this.base = "ws://localhost:" + port;
		this.builder = builder;
		this.serverLog = serverLog;
		this.gate = gate;
	}

	@AfterEach
	void openGate() {
		this.gate.open();
	}

	@Test
	void readyStateGoesFromConnectingToOpenToClosingToClosed() throws IOException {
		try (UnansweringServer unanswering = new UnansweringServer()) {
			WsClient connecting = this.builder.connect("ws://localhost:" + unanswering.port() + "/");
			// the server never answers, so the handshake is under way for as long as we look
			assertThat(connecting.readyState()).isEqualTo(ReadyState.CONNECTING);
			assertThat(connecting.isOpen()).isFalse();
			connecting.close();
			assertThat(connecting.readyState()).isEqualTo(ReadyState.CLOSED);
		}
		List<ReadyState> seenByListeners = new ArrayList<>();
		WsClient client = this.builder.connect(this.base + "/paused", new WsClientListener() {

			@Override
			public void onOpen(WsClient client) {
				seenByListeners.add(client.readyState());
			}

			@Override
			public void onClose(WsClient client, int code, String reason) {
				seenByListeners.add(client.readyState());
			}

		});
		assertThat(client.whenOpen()).succeedsWithin(TIMEOUT);
		assertThat(client.readyState()).isEqualTo(ReadyState.OPEN);
		assertThat(client.isOpen()).isTrue();
		// a reader that does not read keeps the close frame behind the data queued before it
		this.gate.close();
		for (int i = 0; i < 32; i++) {
			client.send(new byte[MIB]);
		}
		client.close();
		assertThat(client.readyState()).isEqualTo(ReadyState.CLOSING);
		this.gate.open();
		await().until(client::readyState, ReadyState.CLOSED::equals);
		assertThat(seenByListeners).containsExactly(ReadyState.OPEN, ReadyState.CLOSED);
	}

	@Test
	void reportsUrlNegotiatedSubprotocolAndNoExtensions() {
		this.builder.subprotocols("superchat", "chat");
		try (WsTestClient client = WsTestClient.connect(this.builder, this.base + "/handshake").awaitOpen()) {
			assertThat(client.client().url()).isEqualTo(URI.create(this.base + "/handshake"));
			assertThat(client.client().protocol()).isEqualTo("superchat");
			assertThat(client.client().extensions()).isEmpty();
			assertThat(client.awaitText()).endsWith(";protocol=superchat");
		}
		try (WsTestClient client = WsTestClient.connect(WsClient.builder(), this.base + "/handshake").awaitOpen()) {
			assertThat(client.client().protocol()).isEmpty();
		}
	}

	@Test
	void closeSendsCodeAndReasonAndReportsTheServersAnswer() {
		try (WsTestClient client = WsTestClient.connect(this.builder, this.base + "/echo").awaitOpen()) {
			client.client().close(4000, "done here");
			assertThat(client.awaitClose()).isEqualTo(new WsTestClient.Close(4000, "done here"));
			assertThat(client.client().readyState()).isEqualTo(ReadyState.CLOSED);
			await().untilAsserted(() -> assertThat(this.serverLog.closes()).contains("/echo 4000 done here"));
		}
	}

	@Test
	void closeRefusesCodesAClientMayNotSend() {
		try (WsTestClient client = WsTestClient.connect(this.builder, this.base + "/echo").awaitOpen()) {
			assertThatIllegalArgumentException().isThrownBy(() -> client.client().close(1006, ""))
				.withMessageContaining("1006 cannot be sent by a client");
			assertThatIllegalArgumentException().isThrownBy(() -> client.client().close(1000, "x".repeat(124)))
				.withMessageContaining("at most 123 bytes");
			assertThat(client.client().isOpen()).isTrue();
		}
	}

	@Test
	void serverCloseIsReportedWithItsCodeAndReason() {
		try (WsTestClient client = WsTestClient.connect(this.builder, this.base + "/command").awaitOpen()) {
			client.send("close 4001 see you");
			assertThat(client.awaitClose()).isEqualTo(new WsTestClient.Close(4001, "see you"));
			assertThat(client.client().readyState()).isEqualTo(ReadyState.CLOSED);
		}
	}

	@Test
	void terminateDropsTheConnectionAtOnceAndReports1006() {
		try (WsTestClient client = WsTestClient.connect(this.builder, this.base + "/echo").awaitOpen()) {
			client.client().terminate();
			assertThat(client.client().readyState()).isEqualTo(ReadyState.CLOSED);
			assertThat(client.awaitClose()).isEqualTo(new WsTestClient.Close(1006, "Terminated"));
			// no closing handshake: the server sees an abnormal closure too
			await().untilAsserted(() -> assertThat(this.serverLog.closes()).anyMatch((close) -> close.startsWith("/echo 1006")));
		}
	}

	@Test
	void sendWhileNotOpenFailsAtOnceWithAClearError() throws IOException {
		try (UnansweringServer unanswering = new UnansweringServer()) {
			WsClient connecting = this.builder.connect("ws://localhost:" + unanswering.port() + "/");
			assertThatIllegalStateException().isThrownBy(() -> connecting.send("too early"))
				.withMessageContaining("Cannot send a text message")
				.withMessageContaining("is CONNECTING (the opening handshake is under way");
			connecting.terminate();
		}
		WsTestClient client = WsTestClient.connect(this.builder, this.base + "/echo").awaitOpen();
		client.close();
		assertThatIllegalStateException().isThrownBy(() -> client.client().send(new byte[] { 1 }))
			.withMessageContaining("Cannot send a binary message")
			.withMessageContaining("is CLOSED (the connection is closed)");
		assertThatIllegalStateException().isThrownBy(() -> client.client().ping());
	}

	@Test
	void bufferedAmountRisesUnderAPausedReaderAndReturnsToZero() {
		this.gate.close();
		int passedBefore = this.gate.passed();
		try (WsTestClient client = WsTestClient.connect(this.builder, this.base + "/paused").awaitOpen()) {
			assertThat(client.client().bufferedAmount()).isZero();
			List<CompletableFuture<Void>> sends = new ArrayList<>();
			for (int i = 0; i < 32; i++) {
				sends.add(client.client().send(ByteBuffer.allocate(MIB)));
			}
			assertThat(client.client().bufferedAmount()).isPositive().isLessThanOrEqualTo(32L * MIB);
			// the first messages fill the network buffers, then writing stalls
			await().until(() -> sends.get(0).isDone());
			assertThat(sends.get(31)).isNotDone();
			assertThat(client.client().bufferedAmount()).isPositive();
			this.gate.open();
			await().until(() -> client.client().bufferedAmount() == 0);
			assertThat(CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))).succeedsWithin(TIMEOUT);
			await().until(() -> this.gate.passed() - passedBefore == 32);
		}
	}

	@Test
	void sendsNotWrittenFailWhenTheConnectionEnds() {
		this.gate.close();
		try (WsTestClient client = WsTestClient.connect(this.builder, this.base + "/paused").awaitOpen()) {
			List<CompletableFuture<Void>> sends = new ArrayList<>();
			for (int i = 0; i < 32; i++) {
				sends.add(client.client().send(new byte[MIB]));
			}
			client.client().terminate();
			assertThat(client.client().bufferedAmount()).isZero();
			assertThat(sends.get(31)).failsWithin(TIMEOUT)
				.withThrowableThat()
				.havingRootCause()
				.isInstanceOf(IOException.class)
				.withMessageContaining("ended (1006) before the frame was written");
		}
	}

	@Test
	void whenOpenFailsWithTheHandshakeError() {
		WsClient client = this.builder.connect(this.base + "/nowhere");
		assertThat(client.whenOpen()).failsWithin(TIMEOUT)
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(WsConnectException.class)
			.withMessage("Could not connect to " + this.base + "/nowhere: the server answered the upgrade request with HTTP 404");
		assertThat(client.readyState()).isEqualTo(ReadyState.CLOSED);
	}

}
