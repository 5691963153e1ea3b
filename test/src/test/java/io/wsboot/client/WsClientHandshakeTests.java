package io.wsboot.client;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import io.wsboot.ReadyState;
import io.wsboot.test.WsTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The opening handshake: what the client sends, and how a failed one is reported.
 */
@ClientServerTest
class WsClientHandshakeTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final int port;

	private final WsClient.Builder builder;

	WsClientHandshakeTests(@LocalServerPort int port, @Autowired WsClient.Builder builder) {
		this.port = port;
		this.builder = builder;
	}

	@Test
	void sendsOriginExtraHeadersAndOfferedSubprotocols() {
		this.builder.origin("https://app.example").header("X-Token", "abc").subprotocols("chat");
		try (WsTestClient client = WsTestClient.connect(this.builder, url("/handshake"))) {
			assertThat(client.awaitText())
				.isEqualTo("origin=https://app.example;x-token=abc;offered=[chat];protocol=chat");
			assertThat(client.client().protocol()).isEqualTo("chat");
		}
	}

	@Test
	void originTheServerDoesNotAllowIsRefusedWith403() {
		this.builder.origin("https://elsewhere.example");
		WsTestClient client = WsTestClient.connect(this.builder, url("/handshake"));
		Throwable error = client.awaitError();
		assertThat(error).isInstanceOf(WsConnectException.class)
			.hasMessageEndingWith("the server answered the upgrade request with HTTP 403");
		assertThat(((WsConnectException) error).status()).isEqualTo(403);
		assertThat(client.awaitClose().code()).isEqualTo(1006);
		assertThat(client.client().readyState()).isEqualTo(ReadyState.CLOSED);
	}

	@Test
	void headersOfTheHandshakeItselfAreRefusedWithAHint() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.builder.header("Sec-WebSocket-Protocol", "chat"))
			.withMessageContaining("is set by the client itself: offer subprotocols with subprotocols(...)");
		assertThatIllegalArgumentException().isThrownBy(() -> this.builder.header("Host", "example.com"))
			.withMessageContaining("'Host' is set by the client itself");
		assertThatIllegalArgumentException().isThrownBy(() -> this.builder.connect("http2://localhost/"))
			.withMessageContaining("starts with ws:// or wss://");
		assertThatIllegalArgumentException().isThrownBy(() -> this.builder.connect(url("/echo#fragment")))
			.withMessageContaining("has no fragment");
	}

	@Test
	void handshakeTimeoutEndsAnUnansweredHandshakeWithAClearError() throws IOException {
		this.builder.handshakeTimeout(Duration.ofMillis(300));
		try (UnansweringServer unanswering = new UnansweringServer()) {
			String url = "ws://localhost:" + unanswering.port() + "/";
			WsTestClient client = WsTestClient.connect(this.builder, url);
			assertThat(client.awaitError()).isInstanceOf(WsConnectException.class)
				.hasMessage("Could not connect to " + url + ": no handshake response within 300 ms (the handshake timeout)");
			assertThat(client.awaitClose().code()).isEqualTo(1006);
			assertThat(client.events()).containsExactly("error " + WsConnectException.class.getName(), "close 1006");
			assertThat(client.client().whenOpen()).failsWithin(TIMEOUT);
		}
	}

	@Test
	void refusedConnectionIsReportedAsSuch() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		WsTestClient client = WsTestClient.connect(this.builder, "ws://localhost:" + closedPort + "/");
		assertThat(client.awaitError()).isInstanceOf(WsConnectException.class).hasMessageEndingWith(": connection refused");
	}

	@Test
	void httpAndHttpsUrlsAreTakenForWsAndWss() {
		try (WsTestClient client = WsTestClient.connect(this.builder, "http://localhost:" + this.port + "/echo")) {
			client.awaitOpen();
			assertThat(client.client().url()).hasScheme("ws");
		}
	}

	private String url(String path) {
		return "ws://localhost:" + this.port + path;
	}

}
