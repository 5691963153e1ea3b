package io.wsboot.it.tomcat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.wsboot.it.AbstractEndToEndTests;
import io.wsboot.it.app.ItApplication;
import io.wsboot.testfixture.RawWebSocket;
import org.apache.coyote.AbstractProtocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tomcat's {@code max-connections} (8192 by default) against the starter, which lifts it
 * when the application has not set it. Opening 8193 connections would pass the open-files
 * limit of many machines, so here Tomcat's default is shrunk to {@value #SHRUNK_DEFAULT} by a
 * customizer that runs where Spring Boot's sets it.
 */
@Tag("e2e")
@Tag("tomcat")
class TomcatMaxConnectionsTests {

	static final int SHRUNK_DEFAULT = 5;

	@Nested
	@SpringBootTest(classes = ItApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
	@Import(ShrunkTomcatDefault.class)
	class WhenTheApplicationSetsNone extends AbstractEndToEndTests {

		private final List<RawWebSocket> sockets = new ArrayList<>();

		@Autowired
		private WebServerApplicationContext context;

		@AfterEach
		void closeSockets() throws IOException {
			for (RawWebSocket socket : this.sockets) {
				socket.close();
			}
		}

		@Test
		void theConnectorHasNoLimit() {
			assertThat(maxConnections(this.context)).isEqualTo(-1);
		}

		@Test
		void servesMoreConnectionsThanTomcatsDefaultAllows() throws IOException {
			int count = 3 * SHRUNK_DEFAULT;
			for (int i = 0; i < count; i++) {
				this.sockets.add(RawWebSocket.to(this.port, "/echo").readTimeout(Duration.ofSeconds(5)).open());
			}
			await().untilAsserted(() -> assertThat(this.registry.count("echo")).isEqualTo(count));
			RawWebSocket last = this.sockets.get(count - 1);
			last.sendText("still served");
			assertThat(last.readText()).isEqualTo("still served");
		}

	}

	@Nested
	@SpringBootTest(classes = ItApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = "server.tomcat.max-connections=" + SHRUNK_DEFAULT)
	class WhenTheApplicationSetsMaxConnections extends AbstractEndToEndTests {

		private final List<RawWebSocket> sockets = new ArrayList<>();

		@Autowired
		private WebServerApplicationContext context;

		@AfterEach
		void closeSockets() throws IOException {
			for (RawWebSocket socket : this.sockets) {
				socket.close();
			}
		}

		@Test
		void theApplicationsValueWins() throws IOException {
			assertThat(maxConnections(this.context)).isEqualTo(SHRUNK_DEFAULT);
			for (int i = 0; i < SHRUNK_DEFAULT; i++) {
				this.sockets.add(RawWebSocket.to(this.port, "/echo").open());
			}
			await().untilAsserted(() -> assertThat(this.registry.count("echo")).isEqualTo(SHRUNK_DEFAULT));
			CompletableFuture<RawWebSocket> sixth = CompletableFuture.supplyAsync(() -> {
				try {
					return RawWebSocket.to(this.port, "/echo").readTimeout(Duration.ofSeconds(20)).open();
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
			// Tomcat accepts no sixth connection: its upgrade waits in the backlog, unanswered
			await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> !sixth.isDone());
			assertThat(this.registry.count("echo")).isEqualTo(SHRUNK_DEFAULT);
			this.sockets.remove(0).close();
			RawWebSocket served = sixth.join();
			this.sockets.add(served);
			served.sendText("served once one closed");
			assertThat(served.readText()).isEqualTo("served once one closed");
		}

	}

	static int maxConnections(WebServerApplicationContext context) {
		TomcatWebServer server = (TomcatWebServer) context.getWebServer();
		return ((AbstractProtocol<?>) server.getTomcat().getConnector().getProtocolHandler()).getMaxConnections();
	}

	/**
	 * Sets Tomcat's limit where Spring Boot's customizer sets its default of 8192, to
	 * stand for that default in a test that cannot open 8193 connections.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class ShrunkTomcatDefault {

		@Bean
		WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> shrunkTomcatDefault() {
			return new ShrunkDefaultCustomizer();
		}

	}

	static class ShrunkDefaultCustomizer
			implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

		@Override
		public void customize(ConfigurableTomcatWebServerFactory factory) {
			factory.addConnectorCustomizers((connector) -> ((AbstractProtocol<?>) connector.getProtocolHandler())
				.setMaxConnections(SHRUNK_DEFAULT));
		}

		@Override
		public int getOrder() {
			return 0;
		}

	}

}
