package io.wsboot.autoconfigure;

import io.wsboot.OnTextMessage;
import io.wsboot.WsEndpoint;
import io.wsboot.autoconfigure.client.WsClientAutoConfiguration;
import io.wsboot.client.WsClient;
import io.wsboot.server.WsConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Startup failures of a wrong configuration, as Spring Boot reports them through
 * {@link WsConfigurationFailureAnalyzer}: a description naming the bean, method, path or
 * property, with values as written, and an action.
 */
@ExtendWith(OutputCaptureExtension.class)
class WsConfigurationFailureAnalyzerTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WsAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
				WebMvcAutoConfiguration.class))
		.withBean("echo", Echo.class, Echo::new);

	@Test
	void anApplicationWithABadValueFailsInSpringBootsForm(CapturedOutput output) {
		SpringApplication application = new SpringApplication(BadApplication.class);
		application.setWebApplicationType(WebApplicationType.SERVLET);
		assertThatException()
			.isThrownBy(() -> application.run("--server.port=0", "--ws.heartbeat.interval=0s").close());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Description:")
			.contains("Property 'ws.heartbeat.interval' must be positive but was 0s.")
			.contains("Action:")
			.contains("Set 'ws.heartbeat.interval' to a positive duration, such as 30s, or turn the heartbeat off "
					+ "with 'ws.heartbeat.enabled=false'.")
			.doesNotContain("PT0S");
	}

	@Test
	void showsADurationAsWritten() {
		FailureAnalysis analysis = analyze("ws.endpoints.echo.heartbeat.interval=0ms");
		assertThat(analysis.getDescription())
			.isEqualTo("Property 'ws.endpoints.echo.heartbeat.interval' must be positive but was 0ms.");
		assertThat(analysis.getAction()).contains("'ws.endpoints.echo.heartbeat.enabled=false'");
	}

	@Test
	void showsASizeAsWritten() {
		FailureAnalysis analysis = analyze("ws.endpoints.echo.max-message-size=-1");
		assertThat(analysis.getDescription())
			.isEqualTo("Property 'ws.endpoints.echo.max-message-size' must be positive but was -1.");
		assertThat(analysis.getAction()).isEqualTo("Set 'ws.endpoints.echo.max-message-size' to a positive size, "
				+ "such as 64KB.");
	}

	@Test
	void tellsHowToLiftTheConnectionLimit() {
		FailureAnalysis analysis = analyze("ws.max-connections=0");
		assertThat(analysis.getDescription()).isEqualTo("Property 'ws.max-connections' must be positive but was 0.");
		assertThat(analysis.getAction()).isEqualTo("Set 'ws.max-connections' to a positive number, or remove it for "
				+ "no limit.");
	}

	@Test
	void namesTheKnownIdsForAnUnknownEndpointId() {
		FailureAnalysis analysis = analyze("ws.endpoints.ecko.paths=/x");
		assertThat(analysis.getDescription())
			.isEqualTo("Property 'ws.endpoints.ecko' has no 'handler' and no @WsEndpoint bean has id 'ecko'.");
		assertThat(analysis.getAction()).isEqualTo("Set 'ws.endpoints.ecko.handler' to a bean name, or use the id "
				+ "of a @WsEndpoint bean (echo) as the key.");
	}

	@Test
	void namesAMissingHandlerBean() {
		FailureAnalysis analysis = analyze("ws.endpoints.x.handler=missing", "ws.endpoints.x.paths=/x");
		assertThat(analysis.getDescription())
			.isEqualTo("Property 'ws.endpoints.x.handler' names bean 'missing' but no such bean exists.");
		assertThat(analysis.getAction()).contains("define a bean named 'missing'");
	}

	@Test
	void namesBothOwnersOfAPath() {
		FailureAnalysis analysis = analyze("ws.endpoints.other.handler=echo", "ws.endpoints.other.paths=/echo");
		assertThat(analysis.getDescription()).isEqualTo("Path '/echo' of endpoint 'other' ('ws.endpoints.other') is "
				+ "already claimed as '/echo' by endpoint 'echo' (@WsEndpoint bean 'echo').");
		assertThat(analysis.getAction()).startsWith("Serve each path from one endpoint only");
	}

	@Test
	void doesNotCallAHandlerBeanThatIsNotAnnotatedAWsEndpointOne() {
		FailureAnalysis analysis = analyze(this.contextRunner.withBean("plain", Plain.class, Plain::new)
			.withPropertyValues("ws.endpoints.x.handler=plain", "ws.endpoints.x.paths=/x"));
		assertThat(analysis.getDescription()).startsWith("Bean 'plain' (" + Plain.class.getName() + ")")
			.contains("is neither a WebSocketHandler nor has a method annotated")
			.doesNotContain("@WsEndpoint bean");
		assertThat(analysis.getAction()).startsWith("Annotate a method of Plain with @OnTextMessage");
	}

	@Test
	void namesTheMethodOfABadCallbackSignature() {
		FailureAnalysis analysis = analyze(this.contextRunner.withBean("bad", BadSignature.class, BadSignature::new));
		assertThat(analysis.getDescription()).isEqualTo("Method BadSignature.onText(String, Long) of @WsEndpoint "
				+ "bean 'bad', annotated @OnTextMessage, has parameter 1 of unsupported type java.lang.Long.");
		assertThat(analysis.getAction()).startsWith("Use only parameters of these types: ");
	}

	@Test
	void namesAPathParamWithoutAVariable() {
		FailureAnalysis analysis = analyze(this.contextRunner.withBean("rooms", Rooms.class, Rooms::new));
		assertThat(analysis.getDescription()).isEqualTo("@PathParam(\"user\") of method Rooms.onText(String, "
				+ "String) has no variable in path '/rooms/{room}' of endpoint 'rooms'.");
		assertThat(analysis.getAction()).isEqualTo("Add {user} to the path, or set the endpoint's paths in "
				+ "'ws.endpoints.rooms.paths'.");
	}

	@Test
	void showsAClientDurationAsWritten() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WsClientAutoConfiguration.class))
			.withPropertyValues("ws.client.handshake-timeout=0s")
			.run((context) -> {
				Throwable failure = catchThrowable(() -> context.getBean(WsClient.Builder.class));
				WsConfigurationException cause = findCause(failure, WsConfigurationException.class);
				FailureAnalysis analysis = new WsConfigurationFailureAnalyzer().analyze(failure);
				assertThat(analysis.getCause()).isSameAs(cause);
				assertThat(analysis.getDescription()).startsWith("Invalid ws.client.handshake-timeout: ")
					.endsWith(" but was 0s.")
					.doesNotContain("PT0S");
				assertThat(analysis.getAction()).isEqualTo("Fix the value of 'ws.client.handshake-timeout'.");
			});
	}

	private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (type.isInstance(candidate)) {
				return type.cast(candidate);
			}
		}
		throw new AssertionError("No " + type.getSimpleName() + " in " + failure);
	}

	@Test
	void givesANestedClassAnIdThatKeysYaml() {
		// component scanning names a nested class Outer.Inner bean 'outer.Inner'
		this.contextRunner.withBean("outer.Inner", Echo.class, Echo::new)
			.withPropertyValues("ws.endpoints.echo.paths=/first", "ws.endpoints.outer-Inner.paths=/nested")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(RouteTable.class).endpoints())
					.anySatisfy((endpoint) -> {
						assertThat(endpoint.id()).isEqualTo("outer-Inner");
						assertThat(endpoint.beanName()).isEqualTo("outer.Inner");
						assertThat(endpoint.paths()).containsExactly("/nested");
					});
				assertThat(context.getBean("wsHandlerMapping", SimpleUrlHandlerMapping.class).getUrlMap())
					.containsOnlyKeys("/first", "/nested");
			});
	}

	private FailureAnalysis analyze(String... properties) {
		return analyze(this.contextRunner.withPropertyValues(properties));
	}

	private static FailureAnalysis analyze(WebApplicationContextRunner runner) {
		FailureAnalysis[] analysis = new FailureAnalysis[1];
		runner.run((context) -> {
			assertThat(context).hasFailed();
			analysis[0] = new WsConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
		});
		assertThat(analysis[0]).as("analysis").isNotNull();
		return analysis[0];
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class BadApplication {

		@Bean
		Echo echo() {
			return new Echo();
		}

	}

	@WsEndpoint("/echo")
	static class Echo {

		@OnTextMessage
		String onText(String text) {
			return text;
		}

	}

	static class Plain {

		void onText(String text) {
		}

	}

	@WsEndpoint("/bad")
	static class BadSignature {

		@OnTextMessage
		void onText(String text, Long count) {
		}

	}

	@WsEndpoint("/rooms/{room}")
	static class Rooms {

		@OnTextMessage
		void onText(String text, @io.wsboot.PathParam("user") String user) {
		}

	}

}
