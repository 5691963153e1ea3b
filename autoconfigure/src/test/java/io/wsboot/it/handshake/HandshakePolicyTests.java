package io.wsboot.it.handshake;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.wsboot.HandshakeDecision;
import io.wsboot.HandshakeGuard;
import io.wsboot.HandshakeResponseCustomizer;
import io.wsboot.it.AbstractEndToEndTests;
import io.wsboot.it.app.ItApplication;
import io.wsboot.testfixture.RawWebSocket;
import io.wsboot.testfixture.RawWebSocket.HandshakeFailedException;
import io.wsboot.testfixture.RawWebSocket.HandshakeResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Which upgrade requests open a connection: origins, the connection limit, subprotocols
 * and the application's guards, each refusing with its own HTTP status before any
 * connection exists; accepted upgrades get the application's response headers.
 */
@SpringBootTest(classes = { ItApplication.class, HandshakePolicyTests.Policy.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "ws.endpoints.rooms.allowed-origins=https://allowed.example,https://*.trusted.example",
				"ws.endpoints.chat.max-connections=2", "ws.endpoints.feed.subprotocols=chat.v2,chat.v1",
				"ws.endpoints.feed.subprotocol-required=true" })
class HandshakePolicyTests extends AbstractEndToEndTests {

	@ParameterizedTest
	@ValueSource(strings = { "https://evil.example", "http://allowed.example", "https://trusted.example.evil" })
	void crossSiteOriginIsRefusedWith403(String origin) throws Exception {
		HandshakeResponse response = raw("/rooms/a").header("Origin", origin).request();
		assertThat(response.status()).isEqualTo(403);
		assertThat(response.header("Upgrade")).isNull();
		assertThat(this.registry.count()).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://allowed.example", "https://app.trusted.example" })
	void allowedOriginIsAccepted(String origin) throws Exception {
		RawWebSocket client = open(raw("/rooms/a").header("Origin", origin));
		client.sendText("hi");
		assertThat(client.readText()).isEqualTo("a: hi");
	}

	@Test
	void sameOriginIsAlwaysAccepted() throws Exception {
		RawWebSocket client = open(raw("/echo").header("Origin", "http://localhost:" + this.port));
		assertThat(client.handshakeResponse().status()).isEqualTo(101);
	}

	@Test
	void endpointWithoutAllowedOriginsRefusesOtherOrigins() throws Exception {
		// the origins allowed on rooms are not allowed on echo
		assertThat(raw("/echo").header("Origin", "https://allowed.example").request().status()).isEqualTo(403);
	}

	@Test
	void connectionLimitRefusesTheNextUpgradeWith503UntilOneCloses() throws Exception {
		RawWebSocket first = openRaw("/chat");
		openRaw("/chat");
		awaitCount("chat", 2);

		HandshakeResponse refused = raw("/chat").request();
		assertThat(refused.status()).isEqualTo(503);
		assertThat(refused.header("Retry-After")).isEqualTo("5");
		// other endpoints have no limit
		openRaw("/echo");

		first.closeHandshake(1000, "");
		awaitCount("chat", 1);
		RawWebSocket third = openRaw("/chat");
		third.sendText("in");
		assertThat(third.readText()).isEqualTo("in");
	}

	@Test
	void upgradesThatFailAfterTheLimitCheckDoNotUseUpPlaces() throws Exception {
		// refused by the handshake itself, after the policy let them through
		for (int i = 0; i < 5; i++) {
			HandshakeResponse response = raw("/chat").header("Sec-WebSocket-Version", "8").request();
			assertThat(response.status()).isNotEqualTo(101).isGreaterThanOrEqualTo(400);
		}
		openRaw("/chat");
		openRaw("/chat");
		awaitCount("chat", 2);
	}

	@Test
	void upgradesWhoseResponseCustomizerFailsDoNotUseUpPlaces() throws Exception {
		// past the limit check, a customizer throws: the upgrade fails and frees its place
		for (int i = 0; i < 5; i++) {
			assertThat(raw("/chat?customizer=fail").request().status()).isEqualTo(500);
		}
		openRaw("/chat");
		openRaw("/chat");
		awaitCount("chat", 2);
	}

	@Test
	void upgradesWhoseClientIsGoneBeforeTheResponseDoNotUseUpPlaces() throws Exception {
		// each reserves a place, then its 101 finds the socket reset
		for (int i = 0; i < 5; i++) {
			raw("/chat").resetAfterRequest();
		}
		// once the server is done with them, both places are free again
		await().until(() -> canOpenAtOnce("/chat", 2));
	}

	@Test
	void offeredSubprotocolIsNegotiated() throws Exception {
		RawWebSocket client = open(raw("/feed").header("Sec-WebSocket-Protocol", "chat.v3, chat.v1"));
		assertThat(client.handshakeResponse().header("Sec-WebSocket-Protocol")).isEqualTo("chat.v1");
		assertThat(serverSide(client).protocol()).isEqualTo("chat.v1");
	}

	@Test
	void clientsOrderOfPreferenceDecidesTheSubprotocol() throws Exception {
		// the server lists chat.v2 first; the client prefers chat.v1
		RawWebSocket client = open(raw("/feed").header("Sec-WebSocket-Protocol", "chat.v1, chat.v2"));
		assertThat(client.handshakeResponse().header("Sec-WebSocket-Protocol")).isEqualTo("chat.v1");
	}

	@Test
	void clientOfferingNoSpokenSubprotocolIsRefusedWith400() throws Exception {
		assertThat(raw("/feed").request().status()).isEqualTo(400);
		assertThat(raw("/feed").header("Sec-WebSocket-Protocol", "chat.v9").request().status()).isEqualTo(400);
	}

	@Test
	void endpointWithoutSubprotocolsNegotiatesNone() throws Exception {
		RawWebSocket client = open(raw("/echo").header("Sec-WebSocket-Protocol", "chat.v1"));
		assertThat(client.handshakeResponse().header("Sec-WebSocket-Protocol")).isNull();
		assertThat(serverSide(client).protocol()).isEmpty();
	}

	@Test
	void guardRejectionCarriesItsStatusAndHeaders() throws Exception {
		HandshakeResponse refused = raw("/guarded").request();
		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.header("WWW-Authenticate")).isEqualTo("Bearer");
		assertThat(this.registry.count()).isZero();

		RawWebSocket client = openRaw("/guarded?token=secret");
		client.sendText("let in");
		assertThat(client.readText()).isEqualTo("let in");
	}

	@Test
	void responseCustomizerAddsHeadersToAcceptedUpgradesOnly() throws Exception {
		RawWebSocket client = openRaw("/echo");
		assertThat(client.handshakeResponse().header("X-Endpoint")).isEqualTo("echo");
		assertThat(raw("/guarded").request().header("X-Endpoint")).isNull();
	}

	/**
	 * Whether the given number of connections to an endpoint can be open at the same
	 * time; closes those it opened, and waits until the server has seen them closed.
	 */
	private boolean canOpenAtOnce(String target, int count) throws IOException {
		List<RawWebSocket> opened = new ArrayList<>();
		try {
			for (int i = 0; i < count; i++) {
				opened.add(openRaw(target));
			}
			return true;
		}
		catch (HandshakeFailedException ex) {
			assertThat(ex.response().status()).as("refusal of an upgrade over the limit").isEqualTo(503);
			return false;
		}
		finally {
			for (RawWebSocket client : opened) {
				client.closeHandshake(1000, "");
			}
			awaitCount(target.substring(1), 0);
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Policy {

		@Bean
		HandshakeGuard tokenGuard() {
			return HandshakeGuard.forEndpoints((request, endpointId) -> "secret".equals(request.queryParam("token"))
					? HandshakeDecision.accept() : HandshakeDecision.reject(401).header("WWW-Authenticate", "Bearer"),
					"guarded");
		}

		@Bean
		HandshakeResponseCustomizer endpointHeader() {
			return (request, endpointId, headers) -> {
				if ("fail".equals(request.queryParam("customizer"))) {
					throw new IllegalStateException("Customizer failing as told");
				}
				headers.add("X-Endpoint", endpointId);
			};
		}

	}

}
