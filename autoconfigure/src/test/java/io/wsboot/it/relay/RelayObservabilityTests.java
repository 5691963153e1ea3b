package io.wsboot.it.relay;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.wsboot.it.relay.Instance.Client;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay seen from outside, on two instances and a real {@code redis-server}: its
 * meters, its health over HTTP as Redis goes and comes back, and the topics of the
 * {@code websockets} Actuator endpoint.
 */
@Tag("e2e")
class RelayObservabilityTests {

	private static final String[] ACTUATOR = { "--management.endpoints.web.exposure.include=health,websockets",
			"--management.endpoint.health.show-details=always" };

	private final HttpClient http = HttpClient.newHttpClient();

	private RedisServer redis;

	private Instance a;

	private Instance b;

	@AfterEach
	void stopAll() throws Exception {
		if (this.a != null) {
			this.a.close();
		}
		if (this.b != null) {
			this.b.close();
		}
		if (this.redis != null) {
			this.redis.close();
		}
	}

	@Test
	void publishedReceivedAndLostAreMetersOfEachInstance() throws Exception {
		this.redis = RedisServer.onFreePort().start();
		this.a = Instance.start(this.redis);
		this.b = Instance.start(this.redis);
		await().until(() -> this.a.relay().isConnected() && this.b.relay().isConnected());
		Client onA = this.a.connect("room");
		Client onB = this.b.connect("room");
		MeterRegistry metersA = this.a.bean(MeterRegistry.class);
		MeterRegistry metersB = this.b.bean(MeterRegistry.class);
		assertThat(count(metersA, "published")).isZero();
		assertThat(count(metersB, "received")).isZero();

		for (int i = 0; i < 5; i++) {
			this.a.registry().publish("room", "message " + i);
		}
		for (int i = 0; i < 5; i++) {
			assertThat(onA.awaitText()).isEqualTo("message " + i);
			assertThat(onB.awaitText()).isEqualTo("message " + i);
		}
		await().untilAsserted(() -> assertThat(count(metersA, "published")).isEqualTo(5));
		assertThat(count(metersB, "received")).isEqualTo(5);
		assertThat(count(metersA, "received")).isZero();
		assertThat(count(metersB, "published")).isZero();
		assertThat(count(metersA, "lost")).isZero();

		this.redis.stop();
		await().until(() -> !this.a.relay().isConnected());
		for (int i = 0; i < 3; i++) {
			assertThat(this.a.registry().publish("room", "local " + i)).isEqualTo(1);
		}
		assertThat(count(metersA, "lost")).isEqualTo(3);
		assertThat(count(metersA, "published")).isEqualTo(5);
	}

	@Test
	void relayHealthIsUpWhileConnectedDownWhileRedisIsUnreachableAndUpWhenItIsBack() throws Exception {
		this.redis = RedisServer.onFreePort().start();
		this.a = Instance.start(this.redis, ACTUATOR);
		await().until(() -> this.a.relay().isConnected());
		HttpResponse<String> up = get(this.a, "/actuator/health/websocketsRelay");
		assertThat(up.statusCode()).isEqualTo(200);
		DocumentContext upJson = JsonPath.parse(up.body());
		assertThat(upJson.read("$.status", String.class)).isEqualTo("UP");
		assertThat(upJson.read("$.details.type", String.class)).isEqualTo("redis");
		assertThat(upJson.read("$.details", Map.class)).doesNotContainKey("error");
		// beside the server's own
		DocumentContext all = JsonPath.parse(get(this.a, "/actuator/health").body());
		assertThat(all.read("$.components.websockets.status", String.class)).isEqualTo("UP");
		assertThat(all.read("$.components.websocketsRelay.status", String.class)).isEqualTo("UP");

		this.redis.stop();
		await().untilAsserted(() -> {
			HttpResponse<String> down = get(this.a, "/actuator/health/websocketsRelay");
			assertThat(down.statusCode()).isEqualTo(503);
			DocumentContext json = JsonPath.parse(down.body());
			assertThat(json.read("$.status", String.class)).isEqualTo("DOWN");
			assertThat(json.read("$.details.error", String.class)).containsIgnoringCase("redis");
		});
		// the server itself still serves
		assertThat(JsonPath.parse(get(this.a, "/actuator/health/websockets").body()).read("$.status", String.class))
			.isEqualTo("UP");

		this.redis.start();
		await().untilAsserted(() -> {
			HttpResponse<String> back = get(this.a, "/actuator/health/websocketsRelay");
			assertThat(back.statusCode()).isEqualTo(200);
			assertThat(JsonPath.parse(back.body()).read("$.status", String.class)).isEqualTo("UP");
		});
	}

	@Test
	void websocketsEndpointListsTopicsWithThisInstancesSubscribersAndEachConnectionsTopics() throws Exception {
		this.redis = RedisServer.onFreePort().start();
		this.a = Instance.start(this.redis, ACTUATOR);
		this.b = Instance.start(this.redis, ACTUATOR);
		Client red1 = this.a.connect("red");
		this.a.connect("red");
		Client blue = this.a.connect("blue");
		// on the other instance: not counted on A
		this.b.connect("red");

		HttpResponse<String> response = get(this.a, "/actuator/websockets");
		assertThat(response.statusCode()).isEqualTo(200);
		DocumentContext json = JsonPath.parse(response.body());
		assertThat(json.read("$.endpoints.rooms.topics", Map.class)).isEqualTo(Map.of("blue", 1, "red", 2));
		assertThat(JsonPath.parse(get(this.b, "/actuator/websockets").body())
			.read("$.endpoints.rooms.topics", Map.class)).isEqualTo(Map.of("red", 1));

		DocumentContext connections = JsonPath.parse(get(this.a, "/actuator/websockets/rooms").body());
		List<String> blueTopics = connections.read("$.connections[?(@.id == '" + blue.id() + "')].topics[*]");
		assertThat(blueTopics).containsExactly("blue");
		List<String> redTopics = connections.read("$.connections[?(@.id == '" + red1.id() + "')].topics[*]");
		assertThat(redTopics).containsExactly("red");
	}

	private double count(MeterRegistry registry, String name) {
		FunctionCounter counter = registry.find("ws.relay.messages." + name).tag("relay", "redis").functionCounter();
		assertThat(counter).as(name).isNotNull();
		return counter.count();
	}

	private HttpResponse<String> get(Instance instance, String path) throws Exception {
		return this.http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + instance.port() + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
