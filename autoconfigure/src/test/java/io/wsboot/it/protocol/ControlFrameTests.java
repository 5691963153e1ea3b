package io.wsboot.it.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.wsboot.WsConnection;
import io.wsboot.it.app.ItApplication;
import io.wsboot.testfixture.RawWebSocket;
import io.wsboot.testfixture.RawWebSocket.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 6455 section 5.5 (Autobahn case 2): a ping is answered by a pong with the same
 * payload, a pong nobody asked for is ignored, and a control frame longer than 125 bytes
 * or fragmented fails the connection with 1002.
 */
@SpringBootTest(classes = ItApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class ControlFrameTests extends AbstractProtocolTests {

	@ParameterizedTest(name = "{0} bytes")
	@ValueSource(ints = { 0, 1, 125 })
	void pingIsAnsweredWithAPongOfTheSamePayload(int size) throws Exception {
		RawWebSocket client = openRaw("/echo");
		byte[] payload = new byte[size];
		new Random(size).nextBytes(payload);
		client.sendPing(payload);
		Frame pong = client.readFrame();
		assertThat(pong.opcode()).isEqualTo(RawWebSocket.PONG);
		assertThat(pong.fin()).isTrue();
		assertThat(pong.masked()).as("masked").isFalse();
		assertThat(pong.payload()).isEqualTo(payload);
	}

	@Test
	void everyPingOfASeriesIsAnsweredInOrder() throws Exception {
		RawWebSocket client = openRaw("/echo");
		List<Frame> pings = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			pings.add(Frame.ping(("ping " + i).getBytes(StandardCharsets.UTF_8)));
		}
		client.sendAll(pings);
		for (int i = 0; i < 10; i++) {
			Frame pong = client.readFrame();
			assertThat(pong.opcode()).isEqualTo(RawWebSocket.PONG);
			assertThat(pong.text()).isEqualTo("ping " + i);
		}
	}

	@Test
	void pingOf126BytesFailsWith1002() throws Exception {
		assertFailsWith(1002, Frame.ping(new byte[126]));
	}

	@Test
	void pongOf126BytesFailsWith1002() throws Exception {
		assertFailsWith(1002, Frame.pong(new byte[126]));
	}

	@Test
	void fragmentedPingFailsWith1002() throws Exception {
		assertFailsWith(1002, Frame.ping("part".getBytes(StandardCharsets.UTF_8)).withFin(false),
				Frame.of(RawWebSocket.CONTINUATION, "rest".getBytes(StandardCharsets.UTF_8)));
	}

	@ParameterizedTest(name = "{0} bytes")
	@ValueSource(ints = { 0, 10, 125 })
	void unsolicitedPongIsIgnored(int size) throws Exception {
		RawWebSocket client = openRaw("/echo");
		WsConnection connection = serverSide(client);
		client.sendPong(new byte[size]);
		client.sendText("after the pong");
		// the first frame back is the echo: the pong was not answered, nor did it fail
		Frame next = client.readFrame();
		assertThat(next.opcode()).isEqualTo(RawWebSocket.TEXT);
		assertThat(next.text()).isEqualTo("after the pong");
		assertThat(connection.isOpen()).isTrue();
		assertThat(this.events.closesOf(connection.id())).isEmpty();
		assertThat(client.readFrame(Duration.ofMillis(100))).as("frame after the echo").isEmpty();
	}

	@Test
	void nothingIsAnsweredAfterTheClosingHandshake() throws Exception {
		RawWebSocket client = openRaw("/echo");
		WsConnection connection = serverSide(client);
		// in one write: the close, then frames the server must no longer answer
		client.sendAll(List.of(Frame.close(1000, ""), Frame.ping("late".getBytes(StandardCharsets.UTF_8)),
				Frame.text("late")));
		Frame close = client.readFrame();
		assertThat(close.opcode()).isEqualTo(RawWebSocket.CLOSE);
		assertThat(close.closeCode()).isEqualTo(1000);
		assertThat(client.readUntilEndOfStream()).as("end of stream after the close frame").isTrue();
		assertClosedOnceWith(connection, 1000);
	}

}
