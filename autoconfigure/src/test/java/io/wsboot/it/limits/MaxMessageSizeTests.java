package io.wsboot.it.limits;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

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
 * A message larger than {@code ws.max-message-size}, whole or summed over its fragments,
 * closes the connection with 1009 and never reaches the handler; one of exactly the
 * limit is delivered. An endpoint's own {@code ws.endpoints.<id>.max-message-size}
 * overrides the global one.
 */
@SpringBootTest(classes = ItApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "ws.max-message-size=1KB", "ws.endpoints.rooms.max-message-size=4KB" })
class MaxMessageSizeTests extends AbstractEndToEndTests {

	private static final int LIMIT = 1024;

	@Test
	void textOverTheLimitInOneFrameClosesWith1009AndNeverReachesTheHandler() throws Exception {
		assertClosedWith1009WithoutReachingTheHandler(Frame.text("x".repeat(LIMIT + 1)));
	}

	@Test
	void textOverTheLimitInFragmentsClosesWith1009AndNeverReachesTheHandler() throws Exception {
		// no fragment is over the limit; together they are
		byte[] part = "y".repeat(400).getBytes(StandardCharsets.UTF_8);
		assertClosedWith1009WithoutReachingTheHandler(Frame.of(RawWebSocket.TEXT, part).withFin(false),
				Frame.of(RawWebSocket.CONTINUATION, part).withFin(false), Frame.of(RawWebSocket.CONTINUATION, part));
	}

	@Test
	void textOverTheLimitInManySmallFragmentsClosesWith1009() throws Exception {
		byte[] part = "z".repeat(100).getBytes(StandardCharsets.UTF_8);
		Frame[] frames = new Frame[11];
		frames[0] = Frame.of(RawWebSocket.TEXT, part).withFin(false);
		for (int i = 1; i < frames.length; i++) {
			frames[i] = Frame.of(RawWebSocket.CONTINUATION, part).withFin(i == frames.length - 1);
		}
		assertClosedWith1009WithoutReachingTheHandler(frames);
	}

	@Test
	void textUnderTheLimitInCharsButOverItInBytesClosesWith1009() throws Exception {
		// 400 characters, 1200 bytes of UTF-8
		assertClosedWith1009WithoutReachingTheHandler(Frame.text("語".repeat(400)));
	}

	@Test
	void binaryOverTheLimitClosesWith1009AndNeverReachesTheHandler() throws Exception {
		assertClosedWith1009WithoutReachingTheHandler(Frame.binary(new byte[LIMIT + 1]));
	}

	@Test
	void binaryOverTheLimitInFragmentsClosesWith1009AndNeverReachesTheHandler() throws Exception {
		assertClosedWith1009WithoutReachingTheHandler(Frame.of(RawWebSocket.BINARY, new byte[600]).withFin(false),
				Frame.of(RawWebSocket.CONTINUATION, new byte[600]));
	}

	@Test
	void messagesOfExactlyTheLimitAreDelivered() throws Exception {
		RawWebSocket client = openRaw("/echo");
		String text = "a".repeat(LIMIT);
		client.sendText(text);
		assertThat(client.readText()).isEqualTo(text);

		byte[] half = "b".repeat(LIMIT / 2).getBytes(StandardCharsets.UTF_8);
		client.send(Frame.of(RawWebSocket.TEXT, half).withFin(false));
		client.send(Frame.of(RawWebSocket.CONTINUATION, half));
		assertThat(client.readText()).isEqualTo("b".repeat(LIMIT));

		byte[] data = new byte[LIMIT];
		Arrays.fill(data, (byte) 7);
		client.sendBinary(data);
		assertThat(client.readMessage().payload()).isEqualTo(data);
		assertThat(serverSide(client).isOpen()).isTrue();
	}

	@Test
	void limitAppliesToEachMessageNotToTheConnection() throws Exception {
		RawWebSocket client = openRaw("/echo");
		String text = "c".repeat(LIMIT - 24);
		for (int i = 0; i < 10; i++) {
			client.sendText(text);
			assertThat(client.readText()).isEqualTo(text);
		}
	}

	@Test
	void realClientSendingTooMuchIsClosedWith1009() {
		RecordingClient client = connect("/echo", "too-much");
		client.sendText("fits");
		assertThat(client.nextText()).isEqualTo("fits");
		client.sendText("d".repeat(LIMIT * 4));
		assertThat(client.closeStatus().join().code()).isEqualTo(1009);
	}

	@Test
	void endpointSettingOverridesTheGlobalLimit() throws Exception {
		RawWebSocket rooms = openRaw("/rooms/big");
		String text = "r".repeat(4 * LIMIT - 10);
		rooms.sendText(text);
		assertThat(rooms.readText()).isEqualTo("big: " + text);
		rooms.sendText("r".repeat(4 * LIMIT + 1));
		Optional<Frame> close = rooms.readUntilClose();
		assertThat(close).isPresent();
		assertThat(close.get().closeCode()).isEqualTo(1009);
	}

	private void assertClosedWith1009WithoutReachingTheHandler(Frame... frames) throws Exception {
		int handledBefore = this.events.messages("echo");
		RawWebSocket client = openRaw("/echo");
		WsConnection connection = serverSide(client);
		for (Frame frame : frames) {
			client.send(frame);
		}
		Optional<Frame> close = client.readUntilClose();
		assertThat(close).as("close frame").isPresent();
		assertThat(close.get().closeCode()).isEqualTo(1009);
		// the close callback runs after every message of the connection was dispatched
		await().untilAsserted(() -> assertThat(this.events.closesOf(connection.id())).singleElement()
			.satisfies((closed) -> assertThat(closed.code()).isEqualTo(1009)));
		assertThat(this.events.messages("echo")).as("messages given to the handler").isEqualTo(handledBefore);
		awaitCount("echo", 0);
	}

}
