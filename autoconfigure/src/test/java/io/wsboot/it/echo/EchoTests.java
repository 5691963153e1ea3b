package io.wsboot.it.echo;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import io.wsboot.it.AbstractEndToEndTests;
import io.wsboot.it.app.ItApplication;
import io.wsboot.testfixture.RawWebSocket;
import io.wsboot.testfixture.RecordingClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An echo endpoint returns text and binary messages byte for byte, across the frame
 * length encodings and the container's buffer boundaries.
 */
@SpringBootTest(classes = ItApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "ws.max-message-size=128KB")
class EchoTests extends AbstractEndToEndTests {

	@ParameterizedTest(name = "{0} bytes")
	@ValueSource(ints = { 0, 1, 125, 126, 127, 8191, 8192, 8193, 65535, 65536, 65537, 131072 })
	void textOfEverySizeComesBackIdentical(int size) {
		RecordingClient client = connect("/echo", "text-" + size);
		String text = ascii(size);
		client.sendText(text);
		assertThat(client.nextText()).isEqualTo(text);
	}

	@ParameterizedTest(name = "{0} bytes")
	@ValueSource(ints = { 0, 1, 125, 126, 127, 8191, 8192, 8193, 65535, 65536, 65537, 131072 })
	void binaryOfEverySizeComesBackIdentical(int size) {
		RecordingClient client = connect("/echo", "binary-" + size);
		byte[] data = random(size);
		client.sendBinary(data);
		assertThat(client.nextBinary()).isEqualTo(data);
	}

	@Test
	void multiByteTextComesBackIdentical() {
		RecordingClient client = connect("/echo", "utf8");
		String text = "héllo wörld — 日本語 — 🎉🚀 — ∑ℵ";
		client.sendText(text);
		assertThat(client.nextText()).isEqualTo(text);
	}

	@Test
	void multiByteTextSpanningTheContainerBuffersComesBackIdentical() {
		RecordingClient client = connect("/echo", "utf8-large");
		// 3- and 4-byte characters, so that buffer boundaries fall inside characters
		String text = "日本語🎉".repeat(9000);
		assertThat(text.getBytes(StandardCharsets.UTF_8)).hasSizeGreaterThan(65536).hasSizeLessThan(131072);
		client.sendText(text);
		assertThat(client.nextText()).isEqualTo(text);
	}

	@Test
	void messagesComeBackInTheOrderTheyWereSent() {
		RecordingClient client = connect("/echo", "order");
		for (int i = 0; i < 200; i++) {
			if (i % 2 == 0) {
				client.sendText("message " + i);
			}
			else {
				client.sendBinary(("message " + i).getBytes(StandardCharsets.UTF_8));
			}
		}
		for (int i = 0; i < 200; i++) {
			Object message = client.nextMessage();
			if (i % 2 == 0) {
				assertThat(message).isEqualTo("message " + i);
			}
			else {
				assertThat(message).isEqualTo(("message " + i).getBytes(StandardCharsets.UTF_8));
			}
		}
	}

	@Test
	void fragmentedTextFromARawClientComesBackWhole() throws Exception {
		RawWebSocket client = openRaw("/echo");
		client.send(RawWebSocket.Frame.of(RawWebSocket.TEXT, "日本".getBytes(StandardCharsets.UTF_8)).withFin(false));
		// a fragment boundary inside a character: 語 is E8 AA 9E
		client.send(RawWebSocket.Frame.of(RawWebSocket.CONTINUATION, new byte[] { (byte) 0xE8, (byte) 0xAA })
			.withFin(false));
		client.send(RawWebSocket.Frame.of(RawWebSocket.CONTINUATION, new byte[] { (byte) 0x9E, 'x' }));
		RawWebSocket.Message echo = client.readMessage();
		assertThat(echo.opcode()).isEqualTo(RawWebSocket.TEXT);
		assertThat(echo.text()).isEqualTo("日本語x");
	}

	@Test
	void fragmentedBinaryFromARawClientComesBackWhole() throws Exception {
		RawWebSocket client = openRaw("/echo");
		byte[] data = random(70_000);
		client.send(RawWebSocket.Frame.of(RawWebSocket.BINARY, slice(data, 0, 10)).withFin(false));
		client.send(RawWebSocket.Frame.of(RawWebSocket.CONTINUATION, slice(data, 10, 50_000)).withFin(false));
		client.send(RawWebSocket.Frame.ping("between fragments".getBytes(StandardCharsets.UTF_8)));
		client.send(RawWebSocket.Frame.of(RawWebSocket.CONTINUATION, slice(data, 50_000, 70_000)));
		RawWebSocket.Message echo = client.readMessage();
		assertThat(echo.opcode()).isEqualTo(RawWebSocket.BINARY);
		assertThat(echo.payload()).isEqualTo(data);
		assertThat(client.controlFrames()).singleElement().satisfies((pong) -> {
			assertThat(pong.opcode()).isEqualTo(RawWebSocket.PONG);
			assertThat(pong.text()).isEqualTo("between fragments");
		});
	}

	private static String ascii(int size) {
		StringBuilder text = new StringBuilder(size);
		for (int i = 0; i < size; i++) {
			text.append((char) ('a' + (i % 26)));
		}
		return text.toString();
	}

	private static byte[] random(int size) {
		byte[] data = new byte[size];
		new Random(size).nextBytes(data);
		return data;
	}

	private static byte[] slice(byte[] data, int from, int to) {
		byte[] part = new byte[to - from];
		System.arraycopy(data, from, part, 0, part.length);
		return part;
	}

}
