package io.wsboot.client;

import java.time.Duration;

import io.wsboot.ReadyState;
import io.wsboot.test.WsTestClient;
import io.wsboot.testfixture.SelfSignedCertificate;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code wss://} against the starter's server on HTTPS with a self-signed certificate
 * for {@code localhost}, which the client trusts through the SSL bundle named by
 * {@code ws.client.ssl.bundle}.
 */
@SpringBootTest(classes = ClientTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "ws.client.ssl.bundle=trusted")
class WsClientTlsTests {

	private static final SelfSignedCertificate certificate = SelfSignedCertificate.forLocalhost();

	private final int port;

	private final WsClient.Builder builder;

	WsClientTlsTests(@LocalServerPort int port, @Autowired WsClient.Builder builder) {
		this.port = port;
		this.builder = builder;
	}

	@DynamicPropertySource
	static void tls(DynamicPropertyRegistry registry) {
		registry.add("server.ssl.key-store", () -> "file:" + certificate.keyStore());
		registry.add("server.ssl.key-store-password", () -> SelfSignedCertificate.PASSWORD);
		registry.add("server.ssl.key-store-type", () -> "PKCS12");
		registry.add("spring.ssl.bundle.pem.trusted.truststore.certificate", () -> "file:" + certificate.certificate());
	}

	@Test
	void connectsOverWssWhenTheCertificateIsTrustedThroughAnSslBundle() {
		try (WsTestClient client = WsTestClient.connect(this.builder, "wss://localhost:" + this.port + "/echo")) {
			client.awaitOpen().send("secret");
			assertThat(client.awaitText()).isEqualTo("secret");
		}
	}

	@Test
	void refusesACertificateItDoesNotTrustWithAClearError() {
		// the JDK's default trust store, and reconnect on: a certificate problem is not retried
		WsClient.Builder untrusting = WsClient.builder().reconnect(true).reconnectInitialDelay(Duration.ZERO);
		String url = "wss://localhost:" + this.port + "/echo";
		WsTestClient client = WsTestClient.connect(untrusting, url);
		assertThat(client.awaitError()).isInstanceOf(WsConnectException.class)
			.hasMessageStartingWith("Could not connect to " + url + ": the server's certificate is not trusted (")
			.hasMessageEndingWith("trust it with ws.client.ssl.bundle or WsClient.Builder.sslContext(...)");
		assertThat(client.awaitClose().code()).isEqualTo(1006);
		assertThat(client.client().readyState()).isEqualTo(ReadyState.CLOSED);
		assertThat(client.events()).containsExactly("error " + WsConnectException.class.getName(), "close 1006");
	}

	@Test
	void refusesATrustedCertificateThatDoesNotNameTheHost() {
		// the certificate names localhost only: hostname verification refuses the IP address
		String url = "wss://127.0.0.1:" + this.port + "/echo";
		WsTestClient client = WsTestClient.connect(this.builder, url);
		assertThat(client.awaitError()).isInstanceOf(WsConnectException.class)
			.hasMessageStartingWith("Could not connect to " + url
					+ ": the server's certificate is not valid for host '127.0.0.1' (hostname verification is on): ");
		assertThat(client.awaitClose().code()).isEqualTo(1006);
	}

}
