package io.wsboot.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.wsboot.autoconfigure.client.WsClientAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WsClientAutoConfiguration}, in a context without a web server.
 */
class WsClientAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WsClientAutoConfiguration.class));

	@Test
	void providesANewBuilderToEachInjectionPointWithoutAWebServer() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			WsClient.Builder first = context.getBean(WsClient.Builder.class);
			WsClient.Builder second = context.getBean(WsClient.Builder.class);
			assertThat(first).isNotSameAs(second);
			first.header("X-Only-Here", "1");
			assertThat(second).extracting("headers").isEqualTo(Map.of());
		});
	}

	@Test
	void appliesTheDefaultsOfAClientMadeWithoutSpring() {
		this.runner.run((context) -> {
			WsClient.Builder builder = context.getBean(WsClient.Builder.class);
			WsClient.Builder plain = WsClient.builder();
			for (String option : List.of("handshakeTimeout", "origin", "headers", "subprotocols", "proxy",
					"sslContext", "closeTimeout", "maxMessageSize", "heartbeat", "heartbeatInterval", "heartbeatMargin",
					"reconnect", "reconnectInitialDelay", "reconnectMaxDelay", "reconnectMultiplier", "reconnectJitter",
					"reconnectMaxAttempts")) {
				assertThat(builder).extracting(option).as(option).isEqualTo(extract(plain, option));
			}
		});
	}

	@Test
	void appliesEveryProperty() {
		this.runner
			.withPropertyValues("ws.client.handshake-timeout=3s", "ws.client.origin=https://app.example",
					"ws.client.headers.Authorization=Bearer abc", "ws.client.subprotocols=v2,v1",
					"ws.client.close-timeout=4s", "ws.client.max-message-size=1MB", "ws.client.proxy.host=proxy.example",
					"ws.client.proxy.port=3128", "ws.client.heartbeat.enabled=true", "ws.client.heartbeat.interval=20s",
					"ws.client.heartbeat.margin=2s", "ws.client.reconnect.enabled=true",
					"ws.client.reconnect.initial-delay=500ms", "ws.client.reconnect.max-delay=1m",
					"ws.client.reconnect.multiplier=3", "ws.client.reconnect.jitter=0.2",
					"ws.client.reconnect.max-attempts=7")
			.run((context) -> {
				WsClient.Builder builder = context.getBean(WsClient.Builder.class);
				assertThat(builder).extracting("handshakeTimeout").isEqualTo(Duration.ofSeconds(3));
				assertThat(builder).extracting("origin").isEqualTo("https://app.example");
				assertThat(builder).extracting("headers").isEqualTo(Map.of("Authorization", "Bearer abc"));
				assertThat(builder).extracting("subprotocols").isEqualTo(List.of("v2", "v1"));
				assertThat(builder).extracting("closeTimeout").isEqualTo(Duration.ofSeconds(4));
				assertThat(builder).extracting("maxMessageSize").isEqualTo(1024L * 1024);
				assertThat(builder).extracting("proxy").hasToString("proxy.example/<unresolved>:3128");
				assertThat(builder).extracting("heartbeat").isEqualTo(true);
				assertThat(builder).extracting("heartbeatInterval").isEqualTo(Duration.ofSeconds(20));
				assertThat(builder).extracting("heartbeatMargin").isEqualTo(Duration.ofSeconds(2));
				assertThat(builder).extracting("reconnect").isEqualTo(true);
				assertThat(builder).extracting("reconnectInitialDelay").isEqualTo(Duration.ofMillis(500));
				assertThat(builder).extracting("reconnectMaxDelay").isEqualTo(Duration.ofMinutes(1));
				assertThat(builder).extracting("reconnectMultiplier").isEqualTo(3.0);
				assertThat(builder).extracting("reconnectJitter").isEqualTo(0.2);
				assertThat(builder).extracting("reconnectMaxAttempts").isEqualTo(7);
			});
	}

	@Test
	void appliesCustomizersInOrderAfterTheProperties() {
		this.runner.withPropertyValues("ws.client.origin=https://from.properties")
			.withUserConfiguration(Customizers.class)
			.run((context) -> assertThat(context.getBean(WsClient.Builder.class)).extracting("origin")
				.isEqualTo("https://from.properties|first|second"));
	}

	@Test
	void backsOffWhenTheApplicationDefinesItsOwnBuilder() {
		this.runner.withUserConfiguration(OwnBuilder.class).run((context) -> {
			assertThat(context).hasSingleBean(WsClient.Builder.class);
			assertThat(context.getBean(WsClient.Builder.class)).isSameAs(context.getBean(OwnBuilder.class).builder);
		});
	}

	@Test
	void namesTheOffendingPropertyWhenAValueIsRefused() {
		this.runner.withPropertyValues("ws.client.reconnect.jitter=1.5")
			.run((context) -> assertThat(catchBuilder(context)).hasStackTraceContaining(
					"Invalid ws.client.reconnect.jitter: Reconnect jitter must be from 0 to 1 but was 1.5"));
		this.runner.withPropertyValues("ws.client.proxy.host=proxy.example")
			.run((context) -> assertThat(catchBuilder(context))
				.hasStackTraceContaining("Property 'ws.client.proxy.host' is set ('proxy.example') but 'ws.client.proxy.port' is not."));
		this.runner.withPropertyValues("ws.client.headers.Sec-WebSocket-Key=abc")
			.run((context) -> assertThat(catchBuilder(context))
				.hasStackTraceContaining("Invalid ws.client.headers.Sec-WebSocket-Key: Header 'Sec-WebSocket-Key' is set by the client itself"));
		this.runner.withPropertyValues("ws.client.ssl.bundle=missing")
			.run((context) -> assertThat(catchBuilder(context)).hasStackTraceContaining("missing"));
	}

	private static Throwable catchBuilder(ApplicationContext context) {
		try {
			context.getBean(WsClient.Builder.class);
			return new AssertionError("No failure");
		}
		catch (RuntimeException ex) {
			return ex;
		}
	}

	private static Object extract(Object target, String field) {
		return assertThat(target).extracting(field).actual();
	}

	@Configuration(proxyBeanMethods = false)
	static class Customizers {

		@Bean
		@Order(2)
		WsClientCustomizer second() {
			return (builder) -> builder.origin(extract(builder, "origin") + "|second");
		}

		@Bean
		@Order(1)
		WsClientCustomizer first() {
			return (builder) -> builder.origin(extract(builder, "origin") + "|first");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnBuilder {

		final WsClient.Builder builder = WsClient.builder();

		@Bean
		WsClient.Builder myBuilder() {
			return this.builder;
		}

	}

}
