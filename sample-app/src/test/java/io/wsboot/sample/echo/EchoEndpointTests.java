package io.wsboot.sample.echo;

import java.nio.charset.StandardCharsets;

import io.wsboot.test.WsTestClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link EchoEndpoint} on {@code /echo}, and on {@code /foo} and {@code /bar}, which only
 * {@code application.yml} declares.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class EchoEndpointTests {

	private final int port;

	EchoEndpointTests(@LocalServerPort int port) {
		this.port = port;
	}

	@ParameterizedTest
	@ValueSource(strings = { "/echo", "/foo", "/bar" })
	void echoesTextUnchanged(String path) throws Exception {
		String multiByte = "héllo wörld ✓ 🙂 <b>&amp;</b>";
		// larger than the container's read buffer, so it arrives in parts and is gathered
		String large = "x".repeat(40_000);
		try (WsTestClient client = WsTestClient.connect("ws://localhost:" + this.port + path).awaitOpen()) {
			client.send(multiByte);
			client.send("");
			client.send(large);
			await().untilAsserted(() -> assertThat(client.texts()).hasSize(3));
			assertThat(client.texts()).containsExactly(multiByte, "", large);
			assertThat(client.binaries()).isEmpty();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "/echo", "/foo", "/bar" })
	void echoesBinaryUnchanged(String path) throws Exception {
		byte[] everyByte = new byte[256];
		for (int i = 0; i < everyByte.length; i++) {
			everyByte[i] = (byte) i;
		}
		byte[] large = new byte[40_000];
		for (int i = 0; i < large.length; i++) {
			large[i] = (byte) (i * 31);
		}
		try (WsTestClient client = WsTestClient.connect("ws://localhost:" + this.port + path).awaitOpen()) {
			client.send(everyByte);
			client.send(large);
			client.send("text too".getBytes(StandardCharsets.UTF_8));
			await().untilAsserted(() -> assertThat(client.binaries()).hasSize(3));
			assertThat(client.binaries()).containsExactly(everyByte, large, "text too".getBytes(StandardCharsets.UTF_8));
			assertThat(client.texts()).isEmpty();
		}
	}

}
