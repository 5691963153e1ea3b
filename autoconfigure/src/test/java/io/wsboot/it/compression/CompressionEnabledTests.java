package io.wsboot.it.compression;

import java.io.ByteArrayOutputStream;
import java.util.zip.Inflater;

import io.wsboot.it.AbstractEndToEndTests;
import io.wsboot.it.app.ItApplication;
import io.wsboot.testfixture.RawWebSocket;
import io.wsboot.testfixture.RawWebSocket.Frame;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code ws.compression.enabled=true} permessage-deflate is negotiated with clients
 * that offer it, and messages really are compressed; an endpoint can turn it off.
 */
@SpringBootTest(classes = ItApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "ws.compression.enabled=true", "ws.endpoints.feed.compression.enabled=false" })
class CompressionEnabledTests extends AbstractEndToEndTests {

	@Test
	void offeredDeflateIsNegotiatedAndMessagesAreCompressed() throws Exception {
		RawWebSocket client = open(raw("/echo").header("Sec-WebSocket-Extensions", "permessage-deflate"));
		assertThat(client.handshakeResponse().header("Sec-WebSocket-Extensions")).startsWith("permessage-deflate");
		assertThat(serverSide(client).extensions()).containsExactly("permessage-deflate");

		// a client may send uncompressed messages; the server's answer is compressed
		String text = "compress me ".repeat(200);
		client.sendText(text);
		Frame echo = client.readFrame();
		assertThat(echo.opcode()).isEqualTo(RawWebSocket.TEXT);
		assertThat(echo.rsv()).as("RSV1, the compressed bit").isEqualTo(0b100);
		assertThat(echo.payload().length).isLessThan(text.length() / 4);
		assertThat(inflate(echo.payload())).isEqualTo(text);
	}

	@Test
	void clientThatOffersNothingGetsNoExtension() throws Exception {
		RawWebSocket client = openRaw("/echo");
		assertThat(client.handshakeResponse().headers()).doesNotContainKey("Sec-WebSocket-Extensions");
		client.sendText("plain");
		Frame echo = client.readFrame();
		assertThat(echo.rsv()).isZero();
		assertThat(echo.text()).isEqualTo("plain");
	}

	@Test
	void realClientOfferingDeflateGetsItAndEchoesThroughIt() throws Exception {
		try (TomcatClient client = TomcatClient.connect(uri("/echo"), true)) {
			assertThat(client.session().getExtensions()).extracting((extension) -> extension.getName())
				.containsExactly("permessage-deflate");
			assertThat(serverSide(client.name()).extensions()).containsExactly("permessage-deflate");
			client.send("short");
			assertThat(client.nextText()).isEqualTo("short");
			String text = "日本語 and text ".repeat(1000);
			client.send(text);
			assertThat(client.nextText()).isEqualTo(text);
		}
	}

	@Test
	void endpointWithCompressionTurnedOffDoesNotNegotiateIt() throws Exception {
		RawWebSocket client = open(raw("/feed").header("Sec-WebSocket-Extensions", "permessage-deflate"));
		assertThat(client.handshakeResponse().headers()).doesNotContainKey("Sec-WebSocket-Extensions");
		assertThat(serverSide(client).extensions()).isEmpty();
	}

	private static String inflate(byte[] payload) throws Exception {
		// RFC 7692: the sender removed the trailing 00 00 ff ff of the deflate block
		Inflater inflater = new Inflater(true);
		byte[] input = new byte[payload.length + 4];
		System.arraycopy(payload, 0, input, 0, payload.length);
		input[payload.length + 2] = (byte) 0xFF;
		input[payload.length + 3] = (byte) 0xFF;
		inflater.setInput(input);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[4096];
		while (!inflater.needsInput()) {
			int count = inflater.inflate(buffer);
			if (count == 0 && inflater.needsInput()) {
				break;
			}
			out.write(buffer, 0, count);
		}
		inflater.end();
		return out.toString(java.nio.charset.StandardCharsets.UTF_8);
	}

}
