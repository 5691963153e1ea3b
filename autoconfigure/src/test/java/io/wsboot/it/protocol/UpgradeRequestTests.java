package io.wsboot.it.protocol;

import java.io.IOException;

import io.wsboot.HandshakeDecision;
import io.wsboot.HandshakeGuard;
import io.wsboot.it.app.ItApplication;
import io.wsboot.testfixture.RawWebSocket;
import io.wsboot.testfixture.RawWebSocket.HandshakeResponse;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 6455 section 4 and the handshake policy: upgrade requests that are oversized,
 * malformed, from another site or refused by a guard get their HTTP status and no
 * connection, and the server goes on serving. The rooms endpoint allows two origins;
 * the others allow their own origin only.
 */
// Tomcat only: the containers' own HTTP limits differ (Jetty answers oversized headers with 431
// and has no limit on their number)
@Tag("tomcat")
@SpringBootTest(classes = { ItApplication.class, UpgradeRequestTests.Guard.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "ws.endpoints.rooms.allowed-origins=https://app.example.com,https://*.example.org")
class UpgradeRequestTests extends AbstractProtocolTests {

	// Header floods: Tomcat's limits are 100 headers and 8 KiB of request head

	@Test
	void upgradeWithAFloodOfSmallHeadersIsRefusedWith400() throws Exception {
		RawWebSocket open = openRaw("/echo");
		RawWebSocket.Builder flood = raw("/echo");
		for (int i = 0; i < 500; i++) {
			flood.header("X-Flood-" + i, "x");
		}
		assertRefused(flood, 400);
		assertServing(open);
	}

	@Test
	void upgradeWithHeadersPastTheSizeLimitIsRefusedWith400() throws Exception {
		RawWebSocket open = openRaw("/echo");
		RawWebSocket.Builder flood = raw("/echo");
		for (int i = 0; i < 50; i++) {
			flood.header("X-Flood-" + i, "f".repeat(1000));
		}
		assertRefused(flood, 400);
		assertServing(open);
	}

	@Test
	void upgradeWithOneHugeHeaderIsRefusedWith400() throws Exception {
		RawWebSocket open = openRaw("/echo");
		assertRefused(raw("/echo").header("Cookie", "session=" + "c".repeat(32 * 1024)), 400);
		assertServing(open);
	}

	@Test
	void manyHeaderFloodsInARowLeaveTheServerServing() throws Exception {
		RawWebSocket open = openRaw("/echo");
		for (int n = 0; n < 20; n++) {
			RawWebSocket.Builder flood = raw("/echo");
			for (int i = 0; i < 200; i++) {
				flood.header("X-Flood-" + i, "v".repeat(100));
			}
			assertRefused(flood, 400);
		}
		assertServing(open);
	}

	// Malformed upgrades

	@Test
	void upgradeWithoutAKeyIsRefusedWith400() throws Exception {
		assertRefused(raw("/echo").withoutHeader("Sec-WebSocket-Key"), 400);
	}

	@Test
	void upgradeWithAnotherVersionIsRefusedWith426NamingVersion13() throws Exception {
		HandshakeResponse response = raw("/echo").header("Sec-WebSocket-Version", "8").request();
		// RFC 6455 section 4.4: 426 Upgrade Required, with the versions the server speaks
		assertThat(response.status()).isEqualTo(426);
		assertThat(response.header("Sec-WebSocket-Version")).isEqualTo("13");
		assertThat(this.registry.count()).isZero();
	}

	@Test
	void upgradeWithHeadersInAnyCaseAndConnectionListIsAccepted() throws Exception {
		// as Firefox sends it
		RawWebSocket client = open(raw("/echo").header("Upgrade", "WebSocket").header("Connection", "keep-alive, Upgrade"));
		client.sendText("mixed case");
		assertThat(client.readText()).isEqualTo("mixed case");
	}

	// Origins

	@Test
	void upgradeWithoutAnOriginIsAccepted() throws Exception {
		// not a browser: nothing for the origin check to protect
		RawWebSocket client = open(raw("/echo").withoutHeader("Origin"));
		assertThat(client.handshakeResponse().status()).isEqualTo(101);
		assertThat(open(raw("/rooms/a")).handshakeResponse().status()).isEqualTo(101);
	}

	@Test
	void upgradeFromTheSameOriginIsAccepted() throws Exception {
		RawWebSocket client = open(raw("/echo").header("Origin", "http://localhost:" + this.port));
		assertThat(client.handshakeResponse().status()).isEqualTo(101);
	}

	@ParameterizedTest(name = "Origin: {0}")
	@ValueSource(strings = { "null", "https://localhost:{port}", "http://localhost:1", "http://localhost.evil.io:{port}",
			"http://localhost:{port}@evil.io", "http://evil.io" })
	void upgradeFromAnOriginPosingAsTheSameOriginIsRefusedWith403(String origin) throws Exception {
		assertRefused(raw("/echo").header("Origin", origin.replace("{port}", String.valueOf(this.port))), 403);
	}

	@ParameterizedTest(name = "Origin: {0}")
	@ValueSource(strings = { "https://app.example.com", "https://chat.example.org", "https://a.b.example.org" })
	void upgradeFromAnAllowedOriginIsAccepted(String origin) throws Exception {
		RawWebSocket client = open(raw("/rooms/a").header("Origin", origin));
		assertThat(client.handshakeResponse().status()).isEqualTo(101);
	}

	@ParameterizedTest(name = "Origin: {0}")
	@ValueSource(strings = { "null", "https://app.example.com.evil.io", "http://app.example.com",
			"https://app.example.com:8443", "https://app.example.com.", "https://evilapp.example.com",
			"https://example.org", "https://evilexample.org", "https://example.org.evil.io",
			"https://app.example.com@evil.io" })
	void upgradeFromAnOriginPosingAsAnAllowedOneIsRefusedWith403(String origin) throws Exception {
		assertRefused(raw("/rooms/a").header("Origin", origin), 403);
	}

	@ParameterizedTest(name = "{0} with Origin: {1}")
	@CsvSource({ "/echo, http://localhost:{port}.evil.io", "/echo, http://[::1", "/rooms/a, https://app.example.com:x",
			"/rooms/a, https://app.example.com:99999" })
	void upgradeWithAnOriginThatIsNotAUrlIsRefusedWith403(String path, String origin) throws Exception {
		assertRefused(raw(path).header("Origin", origin.replace("{port}", String.valueOf(this.port))), 403);
	}

	// Guards

	@ParameterizedTest(name = "{0} with {1}: {2}")
	@CsvSource({ "401, WWW-Authenticate, Bearer realm=\"ws\"", "403, X-Denied-Because, banned",
			"429, Retry-After, 30", "503, Retry-After, 120" })
	void guardRefusalCarriesTheGuardsStatusAndHeaders(int status, String header, String value) throws Exception {
		int opensBefore = this.events.opens("guarded");
		HandshakeResponse response = raw("/guarded?deny=" + status).request();
		assertThat(response.status()).isEqualTo(status);
		assertThat(response.header(header)).isEqualTo(value);
		assertThat(response.header("Sec-WebSocket-Accept")).isNull();
		assertThat(this.events.opens("guarded")).as("connections opened").isEqualTo(opensBefore);
		assertThat(this.registry.count()).isZero();
	}

	@Test
	void guardLetsInWhatItAccepts() throws Exception {
		RawWebSocket client = openRaw("/guarded");
		client.sendText("in");
		assertThat(client.readText()).isEqualTo("in");
	}

	private void assertRefused(RawWebSocket.Builder request, int status) throws IOException {
		HandshakeResponse response = request.request();
		assertThat(response.status()).as(response.statusLine()).isEqualTo(status);
		assertThat(response.header("Sec-WebSocket-Accept")).isNull();
	}

	private void assertServing(RawWebSocket open) throws Exception {
		open.sendText("still open");
		assertThat(open.readText()).isEqualTo("still open");
		assertStillServing();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Guard {

		@Bean
		HandshakeGuard denyOnRequest() {
			return HandshakeGuard.forEndpoints((request, endpointId) -> {
				String deny = request.queryParam("deny");
				if (deny == null) {
					return HandshakeDecision.accept();
				}
				return switch (deny) {
					case "401" -> HandshakeDecision.reject(401).header("WWW-Authenticate", "Bearer realm=\"ws\"");
					case "403" -> HandshakeDecision.reject(403).header("X-Denied-Because", "banned");
					case "429" -> HandshakeDecision.reject(429).header("Retry-After", "30");
					default -> HandshakeDecision.reject(503).header("Retry-After", "120");
				};
			}, "guarded");
		}

	}

}
