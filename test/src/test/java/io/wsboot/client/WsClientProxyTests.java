package io.wsboot.client;

import io.wsboot.test.WsTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connecting through an HTTP proxy, set by {@code ws.client.proxy.*}: the JDK's client
 * tunnels even {@code ws://} with CONNECT.
 */
@ClientServerTest
class WsClientProxyTests {

	private static final ConnectProxy proxy = new ConnectProxy();

	private final int port;

	private final WsClient.Builder builder;

	WsClientProxyTests(@LocalServerPort int port, @Autowired WsClient.Builder builder) {
		this.port = port;
		this.builder = builder;
	}

	@DynamicPropertySource
	static void proxyProperties(DynamicPropertyRegistry registry) {
		registry.add("ws.client.proxy.host", () -> "localhost");
		registry.add("ws.client.proxy.port", proxy::port);
	}

	@AfterAll
	static void stopProxy() throws Exception {
		proxy.close();
	}

	@Test
	void connectsThroughTheProxyWithConnect() {
		try (WsTestClient client = WsTestClient.connect(this.builder, "ws://localhost:" + this.port + "/echo")) {
			client.awaitOpen().send("through the tunnel");
			assertThat(client.awaitText()).isEqualTo("through the tunnel");
		}
		assertThat(proxy.requestLines()).contains("CONNECT localhost:" + this.port + " HTTP/1.1");
	}

	@Test
	void connectsDirectlyWhenTheProxyIsRemoved() {
		int tunnelsBefore = proxy.requestLines().size();
		try (WsTestClient client = WsTestClient.connect(this.builder.proxy(null), "ws://localhost:" + this.port + "/echo")) {
			client.awaitOpen().send("direct");
			assertThat(client.awaitText()).isEqualTo("direct");
		}
		assertThat(proxy.requestLines()).hasSize(tunnelsBefore);
	}

}
