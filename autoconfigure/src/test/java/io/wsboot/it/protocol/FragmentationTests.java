package io.wsboot.it.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.wsboot.WsConnection;
import io.wsboot.it.app.ItApplication;
import io.wsboot.testfixture.RawWebSocket;
import io.wsboot.testfixture.RawWebSocket.Frame;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 6455 section 5.4 (Autobahn case 5): a fragmented message reaches the handler whole,
 * with control frames between its fragments answered at once; a continuation with no
 * message to continue, or a new message before the last one ended, fails the connection
 * with 1002.
 */
@SpringBootTest(classes = ItApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class FragmentationTests extends AbstractProtocolTests {

	private static final byte[] PART = "part".getBytes(StandardCharsets.UTF_8);

	@Test
	void fragmentedTextWithPingsBetweenItsFragmentsGetsThePongsThenTheWholeMessage() throws Exception {
		RawWebSocket client = openRaw("/echo");
		List<Frame> frames = new ArrayList<>();
		StringBuilder whole = new StringBuilder();
		for (int i = 0; i < 5; i++) {
			String fragment = "fragment " + i + ";";
			whole.append(fragment);
			int opcode = (i == 0) ? RawWebSocket.TEXT : RawWebSocket.CONTINUATION;
			frames.add(Frame.of(opcode, fragment.getBytes(StandardCharsets.UTF_8)).withFin(i == 4));
			if (i < 4) {
				frames.add(Frame.ping(("ping " + i).getBytes(StandardCharsets.UTF_8)));
			}
		}
		client.sendAll(frames);

		// the message is complete only with its last fragment: every pong comes first
		for (int i = 0; i < 4; i++) {
			Frame pong = client.readFrame();
			assertThat(pong.opcode()).as("frame %d", i).isEqualTo(RawWebSocket.PONG);
			assertThat(pong.text()).isEqualTo("ping " + i);
		}
		RawWebSocket.Message echo = client.readMessage();
		assertThat(echo.opcode()).isEqualTo(RawWebSocket.TEXT);
		assertThat(echo.text()).isEqualTo(whole.toString());
		assertThat(client.controlFrames()).isEmpty();
	}

	@Test
	void fragmentedTextSentOneFrameAtATimeWithPingsIsAnsweredAsItGoes() throws Exception {
		RawWebSocket client = openRaw("/echo");
		client.send(Frame.of(RawWebSocket.TEXT, "one ".getBytes(StandardCharsets.UTF_8)).withFin(false));
		client.sendPing("first".getBytes(StandardCharsets.UTF_8));
		// answered while the message is still open
		Frame pong = client.readFrame();
		assertThat(pong.opcode()).isEqualTo(RawWebSocket.PONG);
		assertThat(pong.text()).isEqualTo("first");
		client.send(Frame.of(RawWebSocket.CONTINUATION, "two".getBytes(StandardCharsets.UTF_8)));
		assertThat(client.readText()).isEqualTo("one two");
	}

	@Test
	void textFragmentedOneByteAtATimeComesBackWhole() throws Exception {
		RawWebSocket client = openRaw("/echo");
		// multi-byte characters: every other fragment boundary falls inside one
		byte[] text = "Hello-µ@ßöäüàá-UTF-8!!".getBytes(StandardCharsets.UTF_8);
		List<Frame> frames = new ArrayList<>();
		for (int i = 0; i < text.length; i++) {
			int opcode = (i == 0) ? RawWebSocket.TEXT : RawWebSocket.CONTINUATION;
			frames.add(Frame.of(opcode, new byte[] { text[i] }).withFin(i == text.length - 1));
		}
		client.sendAll(frames);
		assertThat(client.readText()).isEqualTo("Hello-µ@ßöäüàá-UTF-8!!");
	}

	@Test
	void emptyFragmentsAreAllowed() throws Exception {
		RawWebSocket client = openRaw("/echo");
		client.sendAll(List.of(Frame.of(RawWebSocket.TEXT, new byte[0]).withFin(false),
				Frame.of(RawWebSocket.CONTINUATION, PART).withFin(false),
				Frame.of(RawWebSocket.CONTINUATION, new byte[0])));
		assertThat(client.readText()).isEqualTo("part");
		client.sendAll(List.of(Frame.of(RawWebSocket.BINARY, new byte[0]).withFin(false),
				Frame.of(RawWebSocket.CONTINUATION, new byte[0])));
		assertThat(client.readMessage().payload()).isEmpty();
	}

	@Test
	void continuationWithoutAStartFailsWith1002() throws Exception {
		assertFailsWith(1002, Frame.of(RawWebSocket.CONTINUATION, PART));
	}

	@Test
	void unfinishedContinuationWithoutAStartFailsWith1002() throws Exception {
		assertFailsWith(1002, Frame.of(RawWebSocket.CONTINUATION, PART).withFin(false));
	}

	@Test
	void continuationAfterTheMessageEndedFailsWith1002() throws Exception {
		RawWebSocket client = openRaw("/echo");
		WsConnection connection = serverSide(client);
		client.sendAll(List.of(Frame.of(RawWebSocket.TEXT, PART).withFin(false),
				Frame.of(RawWebSocket.CONTINUATION, PART), Frame.of(RawWebSocket.CONTINUATION, PART)));
		assertThat(client.readText()).isEqualTo("partpart");
		assertThat(closeCode(client)).isEqualTo(1002);
		assertClosedOnceWith(connection, 1002);
	}

	@Test
	void newTextMessageBeforeTheLastOneEndedFailsWith1002() throws Exception {
		assertFailsWith(1002, Frame.of(RawWebSocket.TEXT, PART).withFin(false), Frame.text("another"));
	}

	@Test
	void newBinaryMessageBeforeTheLastOneEndedFailsWith1002() throws Exception {
		assertFailsWith(1002, Frame.of(RawWebSocket.BINARY, PART).withFin(false), Frame.binary(PART));
	}

}
