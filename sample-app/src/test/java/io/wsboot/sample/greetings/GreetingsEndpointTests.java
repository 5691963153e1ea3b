package io.wsboot.sample.greetings;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.wsboot.test.WsTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link GreetingsEndpoint}: JSON in and out, 1007 for anything else; and the Actuator
 * endpoints the sample exposes.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class GreetingsEndpointTests {

	private final int port;

	GreetingsEndpointTests(@LocalServerPort int port) {
		this.port = port;
	}

	@Test
	void greetsByNameInJson() throws Exception {
		try (WsTestClient client = WsTestClient.connect("ws://localhost:" + this.port + "/greetings").awaitOpen()) {
			client.send("{\"name\":\"Ada\"}");
			await().untilAsserted(() -> assertThat(client.texts()).containsExactly("{\"greeting\":\"Hello, Ada!\"}"));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "Ada", "{\"name\":\"\"}", "{}", "[\"Ada\"]", "{\"name\":" })
	void anythingElseClosesWith1007(String message) throws Exception {
		try (WsTestClient client = WsTestClient.connect("ws://localhost:" + this.port + "/greetings").awaitOpen()) {
			client.send(message);
			assertThat(client.awaitClose().code()).isEqualTo(1007);
			assertThat(client.texts()).isEmpty();
		}
	}

	@Test
	void actuatorExposesHealthMetricsAndWebsockets() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		// UP without any Redis: the sample runs without a relay by default
		HttpResponse<String> health = get(http, "/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"websockets\":{\"status\":\"UP\"")
			.doesNotContain("\"redis\"");
		assertThat(get(http, "/actuator/websockets").body())
			.contains("\"greetings\":{\"paths\":[\"/greetings\"]")
			.contains("\"echoEndpoint\"");
		try (WsTestClient client = WsTestClient.connect("ws://localhost:" + this.port + "/greetings").awaitOpen()) {
			client.send("{\"name\":\"Grace\"}");
			await().untilAsserted(() -> assertThat(client.texts()).hasSize(1));
			HttpResponse<String> meter = get(http,
					"/actuator/metrics/ws.server.messages.received?tag=endpoint:greetings");
			assertThat(meter.statusCode()).isEqualTo(200);
			assertThat(meter.body()).contains("\"COUNT\"");
		}
	}

	private HttpResponse<String> get(HttpClient http, String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
