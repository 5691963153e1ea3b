package io.wsboot.it.routes;

import java.net.InetSocketAddress;
import java.util.Map;

import io.wsboot.HandshakeRequest;
import io.wsboot.WsConnection;
import io.wsboot.it.AbstractEndToEndTests;
import io.wsboot.it.app.ItApplication;
import io.wsboot.it.app.RoomEndpoint;
import io.wsboot.testfixture.RawWebSocket;
import io.wsboot.testfixture.RawWebSocket.HandshakeResponse;
import io.wsboot.testfixture.RecordingClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The handshake: which paths upgrade, what path templates bind, and what a connection
 * keeps of its handshake request.
 */
@SpringBootTest(classes = ItApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class HandshakeTests extends AbstractEndToEndTests {

	@ParameterizedTest
	@ValueSource(strings = { "/nope", "/echo/more", "/rooms", "/rooms/", "/rooms/a/b", "/ECHO" })
	void unknownPathIsRefusedWith404AndNoUpgrade(String path) throws Exception {
		HandshakeResponse response = raw(path).request();
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.header("Upgrade")).isNull();
		assertThat(response.header("Sec-WebSocket-Accept")).isNull();
		assertThat(this.registry.count()).isZero();
	}

	@Test
	void plainHttpRequestToAnEndpointPathIsNotUpgraded() throws Exception {
		HandshakeResponse response = raw("/echo").withoutHeader("Upgrade")
			.withoutHeader("Connection")
			.withoutHeader("Sec-WebSocket-Key")
			.withoutHeader("Sec-WebSocket-Version")
			.request();
		assertThat(response.status()).isNotEqualTo(101).isGreaterThanOrEqualTo(400);
		assertThat(response.header("Upgrade")).isNull();
	}

	@Test
	void knownPathUpgradesWithTheRightAccept() throws Exception {
		RawWebSocket client = openRaw("/echo");
		HandshakeResponse response = client.handshakeResponse();
		assertThat(response.status()).isEqualTo(101);
		assertThat(response.header("Upgrade")).isEqualToIgnoringCase("websocket");
		client.sendText("up");
		assertThat(client.readText()).isEqualTo("up");
	}

	@Test
	void pathTemplateBindsThePathParamAndThePathParams() {
		RecordingClient client = connect("/rooms/42", "room-42");
		client.sendText("hi");
		assertThat(client.nextText()).isEqualTo("42: hi");

		WsConnection connection = serverSide("room-42");
		assertThat(connection.endpointId()).isEqualTo("rooms");
		assertThat(connection.path()).isEqualTo("/rooms/42");
		assertThat(connection.pathParams()).isEqualTo(Map.of("room", "42"));
		assertThat(connection.attributes()).containsEntry(RoomEndpoint.ROOM, "42");
	}

	@Test
	void pathTemplateValueIsDecoded() {
		RecordingClient client = connect("/rooms/blue%20room", "blue-room");
		client.sendText("hi");
		assertThat(client.nextText()).isEqualTo("blue room: hi");
		WsConnection connection = serverSide("blue-room");
		assertThat(connection.pathParams()).isEqualTo(Map.of("room", "blue room"));
		assertThat(connection.path()).isEqualTo("/rooms/blue%20room");
	}

	@Test
	void eachConnectionGetsItsOwnPathParams() {
		RecordingClient red = connect("/rooms/red", "red");
		RecordingClient green = connect("/rooms/green", "green");
		red.sendText("a");
		green.sendText("b");
		assertThat(red.nextText()).isEqualTo("red: a");
		assertThat(green.nextText()).isEqualTo("green: b");
		assertThat(serverSide("red").pathParams()).containsEntry("room", "red");
		assertThat(serverSide("green").pathParams()).containsEntry("room", "green");
	}

	@Test
	void handshakeRequestExposesQueryHeadersCookiesAndRemoteAddress() throws Exception {
		RawWebSocket client = open(raw("/rooms/lobby?user=alice&tag=a&tag=b&name=J%C3%BCrgen&empty=")
			.header("X-Custom", "custom value")
			.header("Cookie", "session=s3cr3t; theme=\"dark\"")
			.header("Sec-WebSocket-Protocol", "chat.v2, chat.v1"));

		WsConnection connection = serverSide(client);
		HandshakeRequest handshake = connection.handshake();
		// registered before its open callback ran, as ws lists a client before its event
		await().untilAsserted(
				() -> assertThat(connection.attributes().get(RoomEndpoint.HANDSHAKE)).isSameAs(handshake));
		assertThat(connection.attributes().get(RoomEndpoint.ROOM)).isEqualTo("lobby");

		assertThat(handshake.uri().getPath()).isEqualTo("/rooms/lobby");
		assertThat(handshake.queryParam("user")).isEqualTo("alice");
		assertThat(handshake.queryParams().get("tag")).containsExactly("a", "b");
		assertThat(handshake.queryParam("name")).isEqualTo("Jürgen");
		assertThat(handshake.queryParam("empty")).isEmpty();
		assertThat(handshake.queryParam("absent")).isNull();

		assertThat(handshake.header("x-custom")).isEqualTo("custom value");
		assertThat(handshake.header("X-CUSTOM")).isEqualTo("custom value");
		assertThat(handshake.header("absent")).isNull();

		assertThat(handshake.cookie("session")).isEqualTo("s3cr3t");
		assertThat(handshake.cookie("theme")).isEqualTo("dark");
		assertThat(handshake.cookies()).containsOnlyKeys("session", "theme");
		assertThat(handshake.offeredProtocols()).containsExactly("chat.v2", "chat.v1");

		InetSocketAddress remote = handshake.remoteAddress();
		assertThat(remote).isNotNull();
		assertThat(remote.getAddress().isLoopbackAddress()).isTrue();
		assertThat(remote.getPort()).isEqualTo(client.localPort());
		assertThat(handshake.principal()).isNull();
	}

	@Test
	void handshakeRequestOutlivesTheHttpRequest() {
		RecordingClient client = connect("/rooms/kept?user=bob", "kept");
		WsConnection connection = serverSide("kept");
		// the container recycles the HTTP request after the upgrade; the copy stays
		for (int i = 0; i < 5; i++) {
			client.sendText("tick " + i);
			assertThat(client.nextText()).isEqualTo("kept: tick " + i);
		}
		assertThat(connection.handshake().queryParam("user")).isEqualTo("bob");
		assertThat(connection.handshake().header(CLIENT_HEADER)).isEqualTo("kept");
		assertThat(connection.handshake().uri().getPath()).isEqualTo("/rooms/kept");
	}

}
