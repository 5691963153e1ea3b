package io.wsboot.it.obs;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.wsboot.WsConnection;
import io.wsboot.it.AbstractEndToEndTests;
import io.wsboot.testfixture.RawWebSocket;
import io.wsboot.testfixture.RawWebSocket.Frame;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code websockets} Actuator endpoint and health contributor, over HTTP.
 */
@SpringBootTest(classes = ObsApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,websockets,metrics",
				"management.endpoint.health.show-details=always", "ws.endpoints.text-only.max-connections=50" })
class WebSocketsEndpointTests extends AbstractEndToEndTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void listsEveryEndpointWithItsSettingsAndOpenConnections() throws Exception {
		openRaw("/text-only");
		awaitCount("text-only", 1);
		HttpResponse<String> response = get("/actuator/websockets");
		assertThat(response.statusCode()).isEqualTo(200);
		DocumentContext json = JsonPath.parse(response.body());
		assertThat(json.read("$.accepting", Boolean.class)).isTrue();
		assertThat(json.read("$.endpoints['text-only'].paths", List.class)).containsExactly("/text-only");
		assertThat(json.read("$.endpoints['text-only'].bean", String.class)).isEqualTo("textOnlyEndpoint");
		assertThat(json.read("$.endpoints['text-only'].connections", Integer.class)).isEqualTo(1);
		assertThat(json.read("$.endpoints['text-only'].settings.maxMessageSize", Long.class)).isEqualTo(65536L);
		assertThat(json.read("$.endpoints['text-only'].settings.maxConnections", Integer.class)).isEqualTo(50);
		assertThat(json.read("$.endpoints['text-only'].settings.sendTimeLimit", String.class)).isEqualTo("10s");
		// joined by nobody here: see RelayObservabilityTests for topics
		assertThat(json.read("$.endpoints['text-only'].topics", Map.class)).isEmpty();
		assertThat(json.read("$.endpoints['greetings'].connections", Integer.class)).isZero();
		assertThat(json.read("$.endpoints", Map.class)).containsKeys("binary-only", "typed", "shout", "roll-call");
	}

	@Test
	void listsTheConnectionsOfAnEndpointUpToTheLimit() throws Exception {
		RawWebSocket first = openRaw("/text-only");
		WsConnection firstConnection = serverSide(first);
		// the endpoint orders the connections by when each opened (its open callback ran),
		// which comes after its client has the 101, once the container hands over the
		// socket: the second opens only once the first has
		awaitListedAsOpened(firstConnection);
		WsConnection secondConnection = serverSide(openRaw("/text-only"));
		awaitListedAsOpened(secondConnection);
		DocumentContext all = JsonPath.parse(get("/actuator/websockets/text-only").body());
		assertThat(all.read("$.total", Integer.class)).isEqualTo(2);
		assertThat(all.read("$.connections", List.class)).hasSize(2);
		HttpResponse<String> response = get("/actuator/websockets/text-only?limit=1");
		assertThat(response.statusCode()).isEqualTo(200);
		DocumentContext json = JsonPath.parse(response.body());
		assertThat(json.read("$.total", Integer.class)).isEqualTo(2);
		assertThat(json.read("$.connections", List.class)).hasSize(1);
		// oldest first
		assertThat(json.read("$.connections[0].id", String.class)).isEqualTo(firstConnection.id());
		assertThat(json.read("$.connections[0].path", String.class)).isEqualTo("/text-only");
		assertThat(json.read("$.connections[0].remoteAddress", String.class))
			.endsWith(":" + first.localPort());
		assertThat(json.read("$.connections[0].openedAt", String.class)).isNotBlank();
		assertThat(json.read("$.connections[0].readyState", String.class)).isEqualTo("OPEN");
		assertThat(json.read("$.connections[0].bufferedAmount", Long.class)).isZero();
		assertThat(json.read("$.connections[0].droppedMessages", Long.class)).isZero();
		assertThat(json.read("$.connections[0].topics", List.class)).isEmpty();
	}

	@Test
	void unknownEndpointIsNotFound() throws Exception {
		assertThat(get("/actuator/websockets/nowhere").statusCode()).isEqualTo(404);
	}

	@Test
	void deleteClosesTheConnectionWithTheCodeAndReasonGiven() throws Exception {
		RawWebSocket other = openRaw("/text-only");
		RawWebSocket client = openRaw("/text-only");
		WsConnection connection = serverSide(client);
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(uri("/actuator/websockets/text-only/" + connection.id() + "?code=4001&reason=bye"))
					.DELETE()
					.build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(JsonPath.parse(response.body()).read("$.id", String.class)).isEqualTo(connection.id());
		Optional<Frame> close = client.readUntilClose();
		assertThat(close).isPresent();
		assertThat(close.get().closeCode()).isEqualTo(4001);
		assertThat(close.get().closeReason()).isEqualTo("bye");
		other.sendText("untouched");
		assertThat(other.readText()).isEqualTo("untouched");
	}

	@Test
	void deleteOfAConnectionThatIsNotOpenClosesNothing() throws Exception {
		RawWebSocket client = openRaw("/text-only");
		WsConnection connection = serverSide(client);
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(uri("/actuator/websockets/text-only/no-such-connection")).DELETE().build(),
				HttpResponse.BodyHandlers.ofString());
		// Actuator's answer to a delete operation that returns nothing
		assertThat(response.statusCode()).isEqualTo(204);
		HttpResponse<String> otherEndpoint = this.http.send(
				HttpRequest.newBuilder(uri("/actuator/websockets/binary-only/" + connection.id())).DELETE().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(otherEndpoint.statusCode()).isEqualTo(204);
		assertThat(connection.isOpen()).isTrue();
		client.sendText("still open");
		assertThat(client.readText()).isEqualTo("still open");
	}

	@Test
	void healthIsUpWhileServing() throws Exception {
		HttpResponse<String> response = get("/actuator/health/websockets");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(JsonPath.parse(response.body()).read("$.status", String.class)).isEqualTo("UP");
	}

	private void awaitListedAsOpened(WsConnection connection) {
		await().untilAsserted(() -> {
			DocumentContext json = JsonPath.parse(get("/actuator/websockets/text-only").body());
			List<String> openedAt = json.read("$.connections[?(@.id == '" + connection.id() + "')].openedAt");
			assertThat(openedAt).as("when %s opened", connection).singleElement().isNotNull();
		});
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	@Override
	protected URI uri(String target) {
		return target.startsWith("/actuator") ? URI.create("http://localhost:" + this.port + target)
				: super.uri(target);
	}

}
