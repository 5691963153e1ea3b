package io.wsboot.sample.chat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat page, {@code static/index.html}, served at {@code /}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ChatPageTests {

	private final int port;

	ChatPageTests(@LocalServerPort int port) {
		this.port = port;
	}

	@Test
	void servesTheChatPageAtTheRoot() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/")).build(),
					BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/html"));
		assertThat(response.body()).contains("<input id=\"message\"")
			.contains("<button id=\"send\" type=\"submit\"")
			.contains("location.host + \"/chat\"")
			.contains("new WebSocket(url)")
			.doesNotContain("innerHTML")
			.doesNotContain("http://", "https://");
	}

}
