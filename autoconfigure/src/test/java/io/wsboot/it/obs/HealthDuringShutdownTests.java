package io.wsboot.it.obs;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.jayway.jsonpath.JsonPath;
import io.wsboot.it.AbstractEndToEndTests;
import io.wsboot.server.WsServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code websockets} health contributor goes out of service the moment a graceful
 * shutdown begins, while the web server still answers.
 */
@SpringBootTest(classes = ObsApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "management.endpoint.health.show-details=always")
@DirtiesContext
class HealthDuringShutdownTests extends AbstractEndToEndTests {

	@Autowired
	private WsServer server;

	@Test
	void healthIsOutOfServiceOnceTheGracefulShutdownBegins() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		URI health = URI.create("http://localhost:" + this.port + "/actuator/health/websockets");
		HttpResponse<String> before = http.send(HttpRequest.newBuilder(health).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(before.statusCode()).isEqualTo(200);
		assertThat(JsonPath.parse(before.body()).read("$.status", String.class)).isEqualTo("UP");
		this.server.gracefulShutdown().stop();
		HttpResponse<String> after = http.send(HttpRequest.newBuilder(health).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(after.statusCode()).isEqualTo(503);
		assertThat(JsonPath.parse(after.body()).read("$.status", String.class)).isEqualTo("OUT_OF_SERVICE");
		HttpResponse<String> overall = http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/health")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(JsonPath.parse(overall.body()).read("$.components.websockets.status", String.class))
			.isEqualTo("OUT_OF_SERVICE");
	}

}
