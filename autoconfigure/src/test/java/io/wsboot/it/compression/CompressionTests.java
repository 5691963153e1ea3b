package io.wsboot.it.compression;

import io.wsboot.WsConnection;
import io.wsboot.it.AbstractEndToEndTests;
import io.wsboot.it.app.ItApplication;
import io.wsboot.testfixture.RawWebSocket;
import io.wsboot.testfixture.RawWebSocket.Frame;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.web.socket.WebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * By default permessage-deflate is not negotiated, even with clients that offer it.
 */
@SpringBootTest(classes = ItApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class CompressionTests extends AbstractEndToEndTests {

	@Test
	void offeredDeflateIsNotNegotiatedByDefault() throws Exception {
		RawWebSocket client = open(raw("/echo").header("Sec-WebSocket-Extensions",
				"permessage-deflate; client_max_window_bits"));
		assertThat(client.handshakeResponse().status()).isEqualTo(101);
		assertThat(client.handshakeResponse().headers()).doesNotContainKey("Sec-WebSocket-Extensions");
		assertThat(serverSide(client).extensions()).isEmpty();

		// compressible, and small enough to come back in one frame
		String text = "a".repeat(1000);
		client.sendText(text);
		Frame echo = client.readFrame();
		assertThat(echo.rsv()).as("reserved bits").isZero();
		assertThat(echo.text()).isEqualTo(text);
	}

	@Test
	void realClientOfferingDeflateGetsNone() throws Exception {
		try (TomcatClient client = TomcatClient.connect(uri("/echo"), true)) {
			WebSocketSession session = client.session();
			assertThat(session.getExtensions()).isEmpty();
			WsConnection connection = serverSide(client.name());
			assertThat(connection.extensions()).isEmpty();
			client.send("plain");
			assertThat(client.nextText()).isEqualTo("plain");
		}
	}

}
