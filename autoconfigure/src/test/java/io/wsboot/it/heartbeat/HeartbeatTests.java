package io.wsboot.it.heartbeat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.wsboot.ReadyState;
import io.wsboot.WsConnection;
import io.wsboot.it.AbstractEndToEndTests;
import io.wsboot.it.app.ItApplication;
import io.wsboot.testfixture.RawWebSocket;
import io.wsboot.testfixture.RawWebSocket.Frame;
import io.wsboot.testfixture.RecordingClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With a 200 ms heartbeat, a peer that does not answer pings is terminated while a live
 * one stays open; the feed endpoint turns its heartbeat off.
 */
@SpringBootTest(classes = ItApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "ws.heartbeat.interval=200ms", "ws.endpoints.feed.heartbeat.enabled=false" })
class HeartbeatTests extends AbstractEndToEndTests {

	private static final Duration FIVE_INTERVALS = Duration.ofMillis(1000);

	@Override
	protected boolean seesHeartbeatPings() {
		return true;
	}

	@Test
	void peerThatNeverAnswersIsTerminatedWhileALiveClientStaysOpen() throws Exception {
		RecordingClient live = connect("/echo", "live");
		WsConnection liveConnection = serverSide("live");
		RawWebSocket dead = openRaw("/echo");
		WsConnection deadConnection = serverSide(dead);
		assertThat(this.registry.count("echo")).isEqualTo(2);

		// the dead peer reads but never answers: it is pinged, then dropped
		Frame ping = dead.readFrame();
		assertThat(ping.opcode()).isEqualTo(RawWebSocket.PING);
		Optional<Frame> close = dead.readUntilClose();
		close.ifPresent((frame) -> assertThat(frame.closeCode()).isEqualTo(1001));

		await().untilAsserted(() -> assertThat(this.events.closesOf(deadConnection.id())).singleElement()
			.satisfies((closed) -> assertThat(closed.code()).isEqualTo(1006)));
		assertThat(deadConnection.readyState()).isEqualTo(ReadyState.CLOSED);
		awaitCount("echo", 1);
		assertThat(this.registry.find(deadConnection.id())).isEmpty();

		// the live client, which answers, stays open across five more intervals
		int pingsBefore = live.pingsReceived();
		await().during(FIVE_INTERVALS)
			.atMost(FIVE_INTERVALS.multipliedBy(3))
			.until(() -> live.isOpen() && this.registry.find(liveConnection.id()).isPresent());
		assertThat(live.pingsReceived()).as("pings the live client answered").isGreaterThanOrEqualTo(pingsBefore + 3);
		live.sendText("still here");
		assertThat(live.nextText()).isEqualTo("still here");
		assertThat(this.events.closesOf(liveConnection.id())).isEmpty();
		// the dead peer's close callback ran once, and later sweeps did not run it again
		assertThat(this.events.closesOf(deadConnection.id())).hasSize(1);
	}

	@Test
	void peerThatNeverAnswersAndNeverReadsIsTerminated() throws Exception {
		RawWebSocket dead = openRaw("/echo");
		WsConnection connection = serverSide(dead);
		await().untilAsserted(() -> assertThat(this.events.closesOf(connection.id())).hasSize(1));
		assertThat(this.events.closesOf(connection.id()).get(0).code()).isEqualTo(1006);
		awaitCount("echo", 0);
	}

	@Test
	void aRawClientThatAnswersPingsWithPongsStaysOpen() throws Exception {
		RawWebSocket client = openRaw("/echo");
		WsConnection connection = serverSide(client);
		AtomicInteger pings = new AtomicInteger();
		await().during(FIVE_INTERVALS).atMost(FIVE_INTERVALS.multipliedBy(3)).until(() -> {
			answerPings(client, pings, () -> client.sendPong(new byte[0]));
			return this.registry.find(connection.id()).isPresent();
		});
		assertThat(pings).hasValueGreaterThanOrEqualTo(4);
		client.sendText("alive");
		assertThat(client.readText()).isEqualTo("alive");
	}

	@Test
	void anyMessageFromThePeerCountsAsAnAnswer() throws Exception {
		RawWebSocket client = openRaw("/echo");
		WsConnection connection = serverSide(client);
		AtomicInteger pings = new AtomicInteger();
		// answers each ping with a text message, never with a pong
		await().during(FIVE_INTERVALS).atMost(FIVE_INTERVALS.multipliedBy(3)).until(() -> {
			answerPings(client, pings, () -> client.sendText("not a pong"));
			return this.registry.find(connection.id()).isPresent();
		});
		assertThat(pings).hasValueGreaterThanOrEqualTo(4);
		assertThat(this.events.closesOf(connection.id())).isEmpty();
	}

	@Test
	void pingFromThePeerDoesNotCountAsAnAnswer() throws Exception {
		RawWebSocket client = openRaw("/echo");
		WsConnection connection = serverSide(client);
		AtomicInteger pings = new AtomicInteger();
		// answers each ping with a ping of its own: the container answers those itself,
		// unseen by the application, so they prove nothing to the heartbeat
		await().atMost(FIVE_INTERVALS.multipliedBy(3)).until(() -> {
			if (this.registry.find(connection.id()).isEmpty()) {
				return true;
			}
			try {
				answerPings(client, pings, () -> client.sendPing("are you there?".getBytes(StandardCharsets.UTF_8)));
			}
			catch (IOException ex) {
				// terminated while answering: the registry says so on the next poll
			}
			return false;
		});
		assertThat(this.events.closesOf(connection.id())).singleElement()
			.satisfies((closed) -> assertThat(closed.code()).isEqualTo(1006));
	}

	@Test
	void endpointWithHeartbeatTurnedOffIsNotPinged() throws Exception {
		RawWebSocket silent = openRaw("/feed");
		WsConnection connection = serverSide(silent);
		// were it pinged, it would not answer and be gone within two intervals
		await().during(FIVE_INTERVALS).atMost(FIVE_INTERVALS.multipliedBy(3)).until(() -> {
			assertThat(silent.readFrame(Duration.ofMillis(10))).as("frame sent to the feed client").isEmpty();
			return this.registry.find(connection.id()).isPresent();
		});
		assertThat(connection.isOpen()).isTrue();
	}

	private static void answerPings(RawWebSocket client, AtomicInteger pings, IoAction answer) throws Exception {
		Optional<Frame> frame = client.readFrame(Duration.ofMillis(10));
		if (frame.isPresent() && frame.get().opcode() == RawWebSocket.PING) {
			pings.incrementAndGet();
			answer.run();
		}
	}

	@FunctionalInterface
	private interface IoAction {

		void run() throws Exception;

	}

}
