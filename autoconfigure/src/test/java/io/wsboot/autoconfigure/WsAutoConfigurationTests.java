package io.wsboot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import io.wsboot.ConnectionRegistry;
import io.wsboot.OnOpen;
import io.wsboot.OnTextMessage;
import io.wsboot.PathParam;
import io.wsboot.WsEndpoint;
import io.wsboot.server.WsServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.ApplicationContextAssertProvider;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.server.support.WebSocketHandlerMapping;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link WsAutoConfiguration}.
 */
class WsAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WsAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
				WebMvcAutoConfiguration.class));

	// Defaults and conditions

	@Test
	void servesAnAnnotatedEndpointWithTheDefaults() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(ConnectionRegistry.class);
			assertThat(context).hasSingleBean(RouteTable.class);
			assertThat(context).hasSingleBean(WsServer.class);
			assertThat(context).getBean("wsHandlerMapping").isInstanceOf(SimpleUrlHandlerMapping.class);
			SimpleUrlHandlerMapping mapping = context.getBean("wsHandlerMapping", SimpleUrlHandlerMapping.class);
			assertThat(mapping.getUrlMap()).containsOnlyKeys("/echo");
			assertThat(mapping.getOrder()).isEqualTo(WsServer.HANDLER_MAPPING_ORDER);
			assertThat(context.getBean("wsHeartbeat", SmartLifecycle.class).isRunning()).isTrue();
			assertThat(context.getBean("wsGracefulShutdown", SmartLifecycle.class).isRunning()).isTrue();
		});
	}

	@Test
	void bindsTheDocumentedDefaultProperties() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class).run((context) -> {
			WsProperties properties = context.getBean(WsProperties.class);
			assertThat(properties.isEnabled()).isTrue();
			assertThat(properties.getMaxMessageSize()).isEqualTo(DataSize.ofKilobytes(64));
			assertThat(properties.getHeartbeat().isEnabled()).isTrue();
			assertThat(properties.getHeartbeat().getInterval()).isEqualTo(Duration.ofSeconds(30));
			assertThat(properties.getCompression().isEnabled()).isFalse();
			assertThat(properties.getSendBufferLimit()).isEqualTo(DataSize.ofMegabytes(1));
			assertThat(properties.getSendTimeLimit()).isEqualTo(Duration.ofSeconds(10));
			assertThat(properties.getShutdown().getTimeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(properties.getEndpoints()).isEmpty();
			// the sweep runs as often as the shortest interval or limit: the send time limit
			assertThat(context.getBean(WsServer.class).sweepInterval()).isEqualTo(Duration.ofSeconds(10));
		});
	}

	@Test
	void servesAWebSocketHandlerBeanAsItIs() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class, RawConfiguration.class).run((context) -> {
			SimpleUrlHandlerMapping mapping = context.getBean("wsHandlerMapping", SimpleUrlHandlerMapping.class);
			assertThat(mapping.getUrlMap()).containsOnlyKeys("/echo", "/raw");
		});
	}

	@Test
	void mapsYamlPathsInsteadOfAnnotationPaths() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class)
			.withPropertyValues("ws.endpoints.echo.paths[0]=/a", "ws.endpoints.echo.paths[1]=/b")
			.run((context) -> assertThat(context.getBean("wsHandlerMapping", SimpleUrlHandlerMapping.class).getUrlMap())
				.containsOnlyKeys("/a", "/b"));
	}

	@Test
	void mapsNothingWithoutEndpoints() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(ConnectionRegistry.class);
			assertThat(context.getBean("wsHandlerMapping", SimpleUrlHandlerMapping.class).getUrlMap()).isEmpty();
		});
	}

	@Test
	void backsOffWhenTheUserDefinesABeanNamedWsHandlerMapping() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class, UserHandlerMappingConfiguration.class)
			.run((context) -> {
				assertThat(context.getBean("wsHandlerMapping"))
					.isSameAs(context.getBean(UserHandlerMappingConfiguration.class).mapping);
				assertThat(context.getBean("wsHandlerMapping", SimpleUrlHandlerMapping.class).getUrlMap()).isEmpty();
				assertThat(context).hasSingleBean(ConnectionRegistry.class);
			});
	}

	@Test
	void backsOffWhenTheUserDefinesARouteTable() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class, UserRouteTableConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(RouteTable.class);
				assertThat(context.getBean(RouteTable.class))
					.isSameAs(context.getBean(UserRouteTableConfiguration.class).routes);
				// the user's table has no route: /echo is not served
				assertThat(context.getBean("wsHandlerMapping", SimpleUrlHandlerMapping.class).getUrlMap()).isEmpty();
			});
	}

	@Test
	void backsOffWhenTheUserDefinesAWsServer() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class, UserServerConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(WsServer.class);
				assertThat(context.getBean(WsServer.class))
					.isSameAs(context.getBean(UserServerConfiguration.class).server);
				assertThat(context.getBean("wsHandlerMapping", SimpleUrlHandlerMapping.class).getUrlMap()).isEmpty();
			});
	}

	@Test
	void backsOffWhenTheUserDefinesAConnectionRegistry() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class, UserRegistryConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(ConnectionRegistry.class);
				assertThat(context.getBean(ConnectionRegistry.class))
					.isSameAs(context.getBean(UserRegistryConfiguration.class).registry);
				assertThat(context).doesNotHaveBean("wsConnectionRegistry");
			});
	}

	@Test
	void backsOffWhenTheUserDefinesABeanNamedWsHeartbeat() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class, UserLifecyclesConfiguration.class)
			.run((context) -> {
				assertThat(context.getBean("wsHeartbeat"))
					.isSameAs(context.getBean(UserLifecyclesConfiguration.class).heartbeat);
				assertThat(context.getBean(WsServer.class).heartbeat().isRunning()).isFalse();
			});
	}

	@Test
	void backsOffWhenTheUserDefinesABeanNamedWsGracefulShutdown() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class, UserLifecyclesConfiguration.class)
			.run((context) -> {
				assertThat(context.getBean("wsGracefulShutdown"))
					.isSameAs(context.getBean(UserLifecyclesConfiguration.class).gracefulShutdown);
				assertThat(context.getBean(WsServer.class).gracefulShutdown().isRunning()).isFalse();
			});
	}

	@Test
	void backsOffWhenTheUserDefinesTomcatBuffers() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class, UserTomcatBuffersConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(TomcatBuffers.class);
				assertThat(context.getBean(TomcatBuffers.class).size()).isEqualTo(4096);
			});
	}

	@Test
	void liftsTomcatsMaxConnectionsWhenTheApplicationSetsNone() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(TomcatMaxConnections.class));
	}

	@Test
	void leavesTomcatsMaxConnectionsAloneWhenTheApplicationSetsIt() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class)
			.withPropertyValues("server.tomcat.max-connections=100")
			.run((context) -> assertThat(context).doesNotHaveBean(TomcatMaxConnections.class));
	}

	@Test
	void leavesTomcatsMaxConnectionsAloneWithoutTomcat() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class)
			.withClassLoader(new FilteredClassLoader("org.apache.coyote"))
			.run((context) -> assertThat(context).doesNotHaveBean(TomcatMaxConnections.class));
	}

	@Test
	void backsOffWhenTheUserDefinesTomcatMaxConnections() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class, UserTomcatMaxConnectionsConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(TomcatMaxConnections.class);
				assertThat(context.getBean(TomcatMaxConnections.class))
					.isSameAs(context.getBean(UserTomcatMaxConnectionsConfiguration.class).customizer);
			});
	}

	@Test
	void doesNothingWhenDisabled() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class)
			.withPropertyValues("ws.enabled=false")
			.run((context) -> assertNoWsBeans(context));
	}

	@Test
	void doesNothingInANonWebApplication() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WsAutoConfiguration.class))
			.withUserConfiguration(EchoConfiguration.class)
			.run((context) -> assertNoWsBeans(context));
	}

	@Test
	void doesNothingWithoutSpringWebSocket() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class)
			.withClassLoader(new FilteredClassLoader(WebSocketHandler.class))
			.run((context) -> assertNoWsBeans(context));
	}

	@Test
	void doesNothingWithoutSpringMvc() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class)
			.withClassLoader(new FilteredClassLoader(DispatcherServlet.class))
			.run((context) -> assertNoWsBeans(context));
	}

	// Per-endpoint settings

	@Test
	void anEndpointHeartbeatIntervalOverridesTheGlobalOneForThatEndpointOnly() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class, DemoConfiguration.class)
			.withPropertyValues("ws.heartbeat.interval=30s", "ws.endpoints.demo.heartbeat.interval=10s")
			.run((context) -> {
				Map<String, Duration> intervals = new LinkedHashMap<>();
				for (RouteTable.Endpoint endpoint : context.getBean(RouteTable.class).endpoints()) {
					intervals.put(endpoint.id(), endpoint.settings().heartbeatInterval());
				}
				assertThat(intervals).containsOnly(Map.entry("demo", Duration.ofSeconds(10)),
						Map.entry("echo", Duration.ofSeconds(30)));
			});
	}

	@Test
	void sweepsAsOftenAsTheShortestEndpointInterval() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class, DemoConfiguration.class)
			.withPropertyValues("ws.endpoints.demo.heartbeat.interval=4s")
			.run((context) -> assertThat(context.getBean(WsServer.class).sweepInterval())
				.isEqualTo(Duration.ofSeconds(4)));
	}

	// Startup failures

	@Test
	void failsOnAPathClaimedByTwoAnnotatedBeans() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class, EchoCopyConfiguration.class)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("'/echo'")
				.hasMessageContaining("@WsEndpoint bean 'echo'")
				.hasMessageContaining("@WsEndpoint bean 'echoCopy'"));
	}

	@Test
	void failsOnAPathClaimedByAnAnnotationAndByYaml() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class)
			.withPropertyValues("ws.endpoints.other.handler=echo", "ws.endpoints.other.paths=/echo")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("Path '/echo' of endpoint 'other' ('ws.endpoints.other')")
				.hasMessageContaining("by endpoint 'echo' (@WsEndpoint bean 'echo')"));
	}

	@Test
	void failsOnAHandlerPropertyNamingAMissingBean() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class)
			.withPropertyValues("ws.endpoints.x.handler=missing", "ws.endpoints.x.paths=/x")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("'ws.endpoints.x.handler'")
				.hasMessageContaining("'missing'"));
	}

	@Test
	void failsOnAYamlEndpointWithNeitherHandlerNorAnnotatedBean() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class)
			.withPropertyValues("ws.endpoints.x.paths=/x")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("'ws.endpoints.x' has no 'handler' and no @WsEndpoint bean has id 'x'"));
	}

	@Test
	void failsOnAnEndpointWithoutPaths() {
		this.contextRunner.withUserConfiguration(NowhereConfiguration.class)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("@WsEndpoint bean 'nowhere' declares no path"));
	}

	@Test
	void failsOnAPathThatDoesNotStartWithASlash() {
		this.contextRunner.withUserConfiguration(RelativeConfiguration.class)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("@WsEndpoint bean 'relative' has path 'chat' which does not start with '/'"));
	}

	@Test
	void failsOnAnEndpointBeanWithoutCallbacksNamingTheBean() {
		this.contextRunner.withUserConfiguration(NoCallbacksConfiguration.class)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("@WsEndpoint bean 'nothing'")
				.hasMessageContaining("is neither a WebSocketHandler nor has a method annotated"));
	}

	@Test
	void failsOnACallbackWithAnUnsupportedParameterNamingTheMethod() {
		this.contextRunner.withUserConfiguration(UnsupportedParameterConfiguration.class)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("Method UnsupportedParameter.onText(String, Long)")
				.hasMessageContaining("unsupported type java.lang.Long"));
	}

	@Test
	void failsOnAPathParamAbsentFromThePath() {
		this.contextRunner.withUserConfiguration(RoomsConfiguration.class)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("@PathParam(\"user\") of method Rooms.onOpen(String, String)")
				.hasMessageContaining("'/rooms/{room}'"));
	}

	@Test
	void acceptsAPathParamPresentInThePath() {
		this.contextRunner.withUserConfiguration(RoomsConfiguration.class)
			.withPropertyValues("ws.endpoints.rooms.paths=/rooms/{room}/users/{user}")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void failsOnANonPositiveGlobalHeartbeatIntervalNamingTheProperty() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class)
			.withPropertyValues("ws.heartbeat.interval=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("Property 'ws.heartbeat.interval' must be positive"));
	}

	@Test
	void failsOnANonPositiveGlobalHeartbeatIntervalWithoutEndpointsNamingTheProperty() {
		this.contextRunner.withPropertyValues("ws.heartbeat.interval=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("Property 'ws.heartbeat.interval' must be positive"));
	}

	@Test
	void failsOnANonPositiveEndpointMaxMessageSizeNamingTheProperty() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class)
			.withPropertyValues("ws.endpoints.echo.max-message-size=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("Property 'ws.endpoints.echo.max-message-size' must be positive"));
	}

	@Test
	void failsOnTwoEndpointBeansWithTheSameId() {
		this.contextRunner.withUserConfiguration(SameIdConfiguration.class)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("@WsEndpoint beans 'first' and 'second' use the same endpoint id 'shared'"));
	}

	// Configuration metadata

	@Test
	void configurationMetadataDescribesEveryProperty() throws IOException {
		String json = ownMetadata();
		List<String> names = JsonPath.read(json, "$.properties[*].name");
		assertThat(names).contains("ws.enabled", "ws.max-message-size", "ws.send-buffer-limit", "ws.send-time-limit",
				"ws.heartbeat.enabled", "ws.heartbeat.interval", "ws.compression.enabled", "ws.shutdown.timeout",
				"ws.endpoints");
		List<Map<String, Object>> properties = JsonPath.read(json, "$.properties[*]");
		assertThat(properties).allSatisfy((property) -> assertThat(property.get("description"))
			.as("description of %s", property.get("name"))
			.asString()
			.isNotBlank());
	}

	static String ownMetadata() throws IOException {
		// every Boot jar has one too: take the one beside our classes
		String location = WsProperties.class.getProtectionDomain().getCodeSource().getLocation().toString();
		for (URL url : Collections.list(WsAutoConfigurationTests.class.getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json"))) {
			if (url.toString().startsWith(location)) {
				try (InputStream in = url.openStream()) {
					return new String(in.readAllBytes(), StandardCharsets.UTF_8);
				}
			}
		}
		throw new IllegalStateException("No configuration metadata under " + location);
	}

	private static void assertNoWsBeans(ApplicationContextAssertProvider<?> context) {
		assertThat(context).hasNotFailed();
		assertThat(context).doesNotHaveBean(WsProperties.class);
		assertThat(context).doesNotHaveBean(ConnectionRegistry.class);
		assertThat(context).doesNotHaveBean(RouteTable.class);
		assertThat(context).doesNotHaveBean(WsServer.class);
		assertThat(context).doesNotHaveBean("wsHandlerMapping");
	}

	// Endpoints and configurations

	@WsEndpoint("/echo")
	static class Echo {

		@OnTextMessage
		String onText(String text) {
			return text;
		}

	}

	@WsEndpoint("/demo")
	static class Demo {

		@OnTextMessage
		void onText(String text) {
		}

	}

	@WsEndpoint("/raw")
	static class Raw extends TextWebSocketHandler {

	}

	@WsEndpoint
	static class Nowhere {

		@OnOpen
		void onOpen() {
		}

	}

	@WsEndpoint("chat")
	static class Relative {

		@OnOpen
		void onOpen() {
		}

	}

	@WsEndpoint("/nothing")
	static class NoCallbacks {

		void onText(String text) {
		}

	}

	@WsEndpoint("/unsupported")
	static class UnsupportedParameter {

		@OnTextMessage
		void onText(String text, Long count) {
		}

	}

	@WsEndpoint("/rooms/{room}")
	static class Rooms {

		@OnOpen
		void onOpen(@PathParam("room") String room, @PathParam("user") String user) {
		}

	}

	@WsEndpoint(paths = "/first", id = "shared")
	static class First {

		@OnOpen
		void onOpen() {
		}

	}

	@WsEndpoint(paths = "/second", id = "shared")
	static class Second {

		@OnOpen
		void onOpen() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class EchoConfiguration {

		@Bean
		Echo echo() {
			return new Echo();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class EchoCopyConfiguration {

		@Bean
		Echo echoCopy() {
			return new Echo();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DemoConfiguration {

		@Bean
		Demo demo() {
			return new Demo();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RawConfiguration {

		@Bean
		Raw raw() {
			return new Raw();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NowhereConfiguration {

		@Bean
		Nowhere nowhere() {
			return new Nowhere();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RelativeConfiguration {

		@Bean
		Relative relative() {
			return new Relative();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NoCallbacksConfiguration {

		@Bean
		NoCallbacks nothing() {
			return new NoCallbacks();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UnsupportedParameterConfiguration {

		@Bean
		UnsupportedParameter unsupported() {
			return new UnsupportedParameter();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RoomsConfiguration {

		@Bean
		Rooms rooms() {
			return new Rooms();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SameIdConfiguration {

		@Bean
		First first() {
			return new First();
		}

		@Bean
		Second second() {
			return new Second();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserRouteTableConfiguration {

		final RouteTable routes = RouteTable.build(Map.of(), (name) -> false, new WsProperties());

		@Bean
		RouteTable userRoutes() {
			return this.routes;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserServerConfiguration {

		final WsServer server = WsServer.builder().defaults(RouteTable.settings(new WsProperties())).build();

		@Bean
		WsServer userServer() {
			return this.server;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserRegistryConfiguration {

		final ConnectionRegistry registry = mock(ConnectionRegistry.class);

		@Bean
		ConnectionRegistry userRegistry() {
			return this.registry;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserLifecyclesConfiguration {

		final SmartLifecycle heartbeat = new NoOpLifecycle();

		final SmartLifecycle gracefulShutdown = new NoOpLifecycle();

		@Bean
		SmartLifecycle wsHeartbeat() {
			return this.heartbeat;
		}

		@Bean
		SmartLifecycle wsGracefulShutdown() {
			return this.gracefulShutdown;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserTomcatBuffersConfiguration {

		@Bean
		TomcatBuffers userTomcatBuffers() {
			return new TomcatBuffers(4096);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserTomcatMaxConnectionsConfiguration {

		final TomcatMaxConnections customizer = new TomcatMaxConnections();

		@Bean
		TomcatMaxConnections userTomcatMaxConnections() {
			return this.customizer;
		}

	}

	static class NoOpLifecycle implements SmartLifecycle {

		private volatile boolean running;

		@Override
		public void start() {
			this.running = true;
		}

		@Override
		public void stop() {
			this.running = false;
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserHandlerMappingConfiguration {

		final WebSocketHandlerMapping mapping = new WebSocketHandlerMapping();

		@Bean
		WebSocketHandlerMapping wsHandlerMapping() {
			return this.mapping;
		}

	}

}
