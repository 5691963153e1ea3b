package io.wsboot.it.faults.security;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.wsboot.OnOpen;
import io.wsboot.OnTextMessage;
import io.wsboot.WsConnection;
import io.wsboot.WsEndpoint;
import io.wsboot.it.AbstractEndToEndTests;
import io.wsboot.it.app.Events;
import io.wsboot.testfixture.RawWebSocket;
import io.wsboot.testfixture.RawWebSocket.HandshakeResponse;
import io.wsboot.testfixture.RecordingClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An upgrade request is an HTTP request like any other to Spring Security: refused by
 * the filter chain (401, 403) before wsboot sees it when it is not authenticated or
 * authorized, and when it is, its principal is on the connection and reaches the
 * callbacks' {@link Principal} parameters.
 */
@SpringBootTest(classes = SpringSecurityTests.SecuredApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		// the other tests' application.properties turns Spring Security off: back on here
		properties = "spring.autoconfigure.exclude=")
class SpringSecurityTests extends AbstractEndToEndTests {

	@Autowired
	private WhoAmIEndpoint endpoint;

	@Test
	void unauthenticatedUpgradeToASecuredPathIsRefusedBySpringSecurityWith401() throws Exception {
		int opensBefore = this.endpoint.opens();
		HandshakeResponse response = raw("/secured").request();
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).startsWith("Basic");
		assertThat(response.header("Sec-WebSocket-Accept")).isNull();
		assertThat(this.endpoint.opens()).as("connections opened").isEqualTo(opensBefore);
	}

	@Test
	void upgradeWithAWrongPasswordIsRefusedWith401() throws Exception {
		int opensBefore = this.endpoint.opens();
		HandshakeResponse response = raw("/secured").header("Authorization", basic("alice", "wrong")).request();
		assertThat(response.status()).isEqualTo(401);
		assertThat(this.endpoint.opens()).as("connections opened").isEqualTo(opensBefore);
	}

	@Test
	void authenticatedUpgradeWithoutTheRequiredRoleIsRefusedWith403() throws Exception {
		int opensBefore = this.endpoint.opens();
		HandshakeResponse response = raw("/admin").header("Authorization", basic("alice", "alice-password")).request();
		assertThat(response.status()).isEqualTo(403);
		assertThat(response.header("Sec-WebSocket-Accept")).isNull();
		assertThat(this.endpoint.opens()).as("connections opened").isEqualTo(opensBefore);
	}

	@Test
	void authenticatedUpgradePutsThePrincipalOnTheConnectionAndInTheCallbacks() throws Exception {
		RawWebSocket client = open(raw("/secured").header("Authorization", basic("alice", "alice-password")));
		client.sendText("hello");
		assertThat(client.readText()).isEqualTo("alice: hello");

		WsConnection connection = serverSide(client);
		assertThat(connection.handshake().principal()).isNotNull();
		assertThat(connection.handshake().principal().getName()).isEqualTo("alice");
		assertThat(connection.attributes()).containsEntry(WhoAmIEndpoint.PRINCIPAL_AT_OPEN, "alice");
	}

	@Test
	void userWithTheRequiredRoleIsLetInWithItsPrincipal() throws Exception {
		RawWebSocket client = open(raw("/admin").header("Authorization", basic("bob", "bob-password")));
		client.sendText("hello");
		assertThat(client.readText()).isEqualTo("bob: hello");
	}

	@Test
	void realClientAuthenticatedWithBasicIsLetIn() {
		RecordingClient client = connect("/secured",
				Map.of(CLIENT_HEADER, "real", "Authorization", basic("alice", "alice-password")));
		client.sendText("from a real client");
		assertThat(client.nextText()).isEqualTo("alice: from a real client");
		assertThat(serverSide("real").handshake().principal().getName()).isEqualTo("alice");
	}

	@Test
	void upgradeToAPermittedPathHasNoPrincipal() throws Exception {
		RawWebSocket client = openRaw("/public");
		client.sendText("hello");
		assertThat(client.readText()).isEqualTo("anonymous: hello");
		assertThat(serverSide(client).handshake().principal()).isNull();
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ WhoAmIEndpoint.class, Events.class })
	static class SecuredApplication {

		@Bean
		SecurityFilterChain security(HttpSecurity http) {
			return http
				.authorizeHttpRequests((requests) -> requests.requestMatchers("/admin")
					.hasRole("ADMIN")
					.requestMatchers("/secured")
					.authenticated()
					.anyRequest()
					.permitAll())
				.httpBasic(Customizer.withDefaults())
				.build();
		}

		@Bean
		UserDetailsService users() {
			return new InMemoryUserDetailsManager(
					User.withUsername("alice").password("{noop}alice-password").roles("USER").build(),
					User.withUsername("bob").password("{noop}bob-password").roles("USER", "ADMIN").build());
		}

	}

	/**
	 * Answers each message with the name of the principal its text callback was given,
	 * and keeps the one its open callback was given.
	 */
	@WsEndpoint(value = { "/secured", "/admin", "/public" }, id = "secured")
	static class WhoAmIEndpoint {

		static final String PRINCIPAL_AT_OPEN = "principal at open";

		private final AtomicInteger opens = new AtomicInteger();

		@OnOpen
		void onOpen(WsConnection connection, Principal principal) {
			this.opens.incrementAndGet();
			if (principal != null) {
				connection.attributes().put(PRINCIPAL_AT_OPEN, principal.getName());
			}
		}

		@OnTextMessage
		String onText(Principal principal, String message) {
			return ((principal != null) ? principal.getName() : "anonymous") + ": " + message;
		}

		int opens() {
			return this.opens.get();
		}

	}

}
