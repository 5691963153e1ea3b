package io.wsboot.sample;

import io.wsboot.test.WsTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ws.*} properties given on the command line, over those of
 * {@code application.yml}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		args = { "--ws.max-message-size=16B", "--ws.compression.enabled=true" })
class CommandLinePropertiesTests {

	private final int port;

	CommandLinePropertiesTests(@LocalServerPort int port) {
		this.port = port;
	}

	@Test
	void closesWith1009AMessageLargerThanTheMaxMessageSize() throws Exception {
		try (WsTestClient client = WsTestClient.connect("ws://localhost:" + this.port + "/echo").awaitOpen()) {
			client.send("sixteen bytes ok");
			await().untilAsserted(() -> assertThat(client.texts()).containsExactly("sixteen bytes ok"));
			client.send("seventeen bytes!!");
			assertThat(client.awaitClose().code()).isEqualTo(1009);
			assertThat(client.texts()).containsExactly("sixteen bytes ok");
		}
	}

	@Test
	void negotiatesPermessageDeflateWhenCompressionIsEnabled() throws Exception {
		RawHandshake response = RawHandshake.offeringDeflate(this.port, "/echo");
		assertThat(response.statusLine()).startsWith("HTTP/1.1 101");
		assertThat(response.header("Sec-WebSocket-Extensions"))
			.anySatisfy((extension) -> assertThat(extension).startsWith("permessage-deflate"));
	}

}
