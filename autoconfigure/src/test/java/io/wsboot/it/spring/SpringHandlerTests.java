package io.wsboot.it.spring;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.wsboot.WsConnection;
import io.wsboot.WsEndpoint;
import io.wsboot.it.AbstractEndToEndTests;
import io.wsboot.it.app.Events;
import io.wsboot.testfixture.RecordingClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Spring {@code WebSocketHandler} bean annotated {@code @WsEndpoint} is served by the
 * starter, and an application's own {@code @EnableWebSocket} endpoint and a controller on
 * the endpoint's path keep working beside it in the same application.
 */
@SpringBootTest(classes = SpringHandlerTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class SpringHandlerTests extends AbstractEndToEndTests {

	@Autowired
	private SpringEchoHandler springEcho;

	@Test
	void webSocketHandlerBeanEchoesThroughSessionSendMessage() {
		RecordingClient client = connect("/spring", "spring");
		client.sendText("hello spring");
		assertThat(client.nextText()).isEqualTo("hello spring");
		client.sendBinary("bytes".getBytes(StandardCharsets.UTF_8));
		assertThat(client.nextBinary()).isEqualTo("bytes".getBytes(StandardCharsets.UTF_8));

		// served by the starter: registered under the bean name, the default endpoint id
		WsConnection connection = serverSide("spring");
		assertThat(connection.endpointId()).isEqualTo("springEcho");
		assertThat(this.registry.count("springEcho")).isEqualTo(1);
	}

	@Test
	void webSocketHandlerBeanSessionCloseReachesTheClient() {
		RecordingClient client = connect("/spring", "closer");
		String id = serverSide("closer").id();
		client.sendText("close");
		assertThat(client.closeStatus().join()).isEqualTo(new RecordingClient.CloseStatus(4000, "asked to"));
		await().untilAsserted(() -> assertThat(this.springEcho.closes).contains(id + "=4000"));
	}

	@Test
	void applicationsOwnWebSocketConfigurerEndpointKeepsWorking() {
		RecordingClient own = connect("/own", "own");
		own.sendText("hi");
		assertThat(own.nextText()).isEqualTo("own: hi");
		// not a connection of the starter
		assertThat(this.registry.count()).isZero();

		RecordingClient starter = connect("/spring", "beside");
		starter.sendText("both");
		assertThat(starter.nextText()).isEqualTo("both");
		own.sendText("still");
		assertThat(own.nextText()).isEqualTo("own: still");
		assertThat(this.registry.count()).isEqualTo(1);
	}

	@Test
	void controllerOnTheSamePathServesPlainHttpWhileUpgradesReachTheEndpoint() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/spring")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("plain http");

		RecordingClient client = connect("/spring", "upgraded");
		client.sendText("upgraded");
		assertThat(client.nextText()).isEqualTo("upgraded");
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableWebSocket
	@Import({ Events.class, PlainController.class })
	static class App implements WebSocketConfigurer {

		@Bean
		SpringEchoHandler springEcho() {
			return new SpringEchoHandler();
		}

		@Override
		public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
			registry.addHandler(new OwnHandler(), "/own");
		}

	}

	/**
	 * Echoes through {@link WebSocketSession#sendMessage}; closes with 4000 on
	 * {@code "close"}.
	 */
	@WsEndpoint("/spring")
	static class SpringEchoHandler extends AbstractWebSocketHandler {

		final List<String> closes = new CopyOnWriteArrayList<>();

		@Override
		protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
			if (message.getPayload().equals("close")) {
				session.close(new CloseStatus(4000, "asked to"));
				return;
			}
			session.sendMessage(new TextMessage(message.getPayload()));
		}

		@Override
		protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) throws Exception {
			session.sendMessage(new BinaryMessage(message.getPayload()));
		}

		@Override
		public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
			this.closes.add(session.getId() + "=" + status.getCode());
		}

	}

	/**
	 * A controller on the path of the starter's endpoint.
	 */
	@RestController
	static class PlainController {

		@GetMapping("/spring")
		String plain() {
			return "plain http";
		}

	}

	/**
	 * The application's own handler, registered through {@link WebSocketConfigurer}.
	 */
	static class OwnHandler extends TextWebSocketHandler {

		@Override
		protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
			session.sendMessage(new TextMessage("own: " + message.getPayload()));
		}

	}

}
