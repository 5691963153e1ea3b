package io.wsboot.autoconfigure.actuate;

import java.util.function.Consumer;

import io.wsboot.OnTextMessage;
import io.wsboot.WsEndpoint;
import io.wsboot.autoconfigure.WsAutoConfiguration;
import io.wsboot.relay.MessageRelay;
import io.wsboot.relay.RelayMessage;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WsActuateAutoConfiguration}.
 */
class WsActuateAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WsAutoConfiguration.class, WsActuateAutoConfiguration.class,
				DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class))
		.withUserConfiguration(EchoConfiguration.class);

	@Test
	void endpointIsLeftOutUntilExposed() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(WebSocketsEndpoint.class)
			.doesNotHaveBean(ConnectionOpenTimes.class));
	}

	@Test
	void endpointIsThereWhenExposed() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=websockets")
			.run((context) -> {
				assertThat(context).hasSingleBean(WebSocketsEndpoint.class).hasSingleBean(ConnectionOpenTimes.class);
				assertThat(context.getBean(WebSocketsEndpoint.class).endpoints().endpoints()).containsOnlyKeys("echo");
			});
	}

	@Test
	void healthIsUpWhileAccepting() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasBean("websocketsHealthIndicator");
			HealthIndicator health = context.getBean("websocketsHealthIndicator", HealthIndicator.class);
			assertThat(health.health().getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void healthBacksOffWhenDisabled() {
		this.contextRunner.withPropertyValues("management.health.websockets.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("websocketsHealthIndicator"));
	}

	@Test
	void relayHealthIsUpWhileTheRelayIsConnectedAndDownWithItsFailureWhileNot() {
		this.contextRunner.withUserConfiguration(RelayConfiguration.class).run((context) -> {
			assertThat(context).hasBean("websocketsHealthIndicator").hasBean("websocketsRelayHealthIndicator");
			HealthIndicator health = context.getBean("websocketsRelayHealthIndicator", HealthIndicator.class);
			StubRelay relay = context.getBean(StubRelay.class);
			Health up = health.health();
			assertThat(up.getStatus()).isEqualTo(Status.UP);
			assertThat(up.getDetails()).containsEntry("type", "StubRelay")
				.containsEntry("published", 3L)
				.doesNotContainKey("error");
			relay.connected = false;
			Health down = health.health();
			assertThat(down.getStatus()).isEqualTo(Status.DOWN);
			assertThat(down.getDetails()).containsEntry("error", "broker unreachable").containsEntry("lost", 1L);
		});
	}

	@Test
	void hasNoRelayHealthWithoutARelay() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean("websocketsRelayHealthIndicator"));
	}

	@Test
	void relayHealthBacksOffWhenDisabled() {
		this.contextRunner.withUserConfiguration(RelayConfiguration.class)
			.withPropertyValues("management.health.websocketsrelay.enabled=false")
			.run((context) -> assertThat(context).hasBean("websocketsHealthIndicator")
				.doesNotHaveBean("websocketsRelayHealthIndicator"));
	}

	@Test
	void backsOffWithoutActuator() {
		this.contextRunner
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate", "org.springframework.boot.health"))
			.withPropertyValues("management.endpoints.web.exposure.include=websockets")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean("websocketsHealthIndicator")
				.doesNotHaveBean("webSocketsEndpoint"));
	}

	@WsEndpoint(value = "/echo", id = "echo")
	static class Echo {

		@OnTextMessage
		String onText(String text) {
			return text;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RelayConfiguration {

		@Bean
		StubRelay relay() {
			return new StubRelay();
		}

	}

	static class StubRelay implements MessageRelay {

		volatile boolean connected = true;

		@Override
		public void start(String instanceId, Consumer<RelayMessage> receiver) {
		}

		@Override
		public boolean publish(RelayMessage message) {
			return true;
		}

		@Override
		public void stop() {
		}

		@Override
		public long published() {
			return 3;
		}

		@Override
		public long received() {
			return 2;
		}

		@Override
		public long lost() {
			return 1;
		}

		@Override
		public boolean isConnected() {
			return this.connected;
		}

		@Override
		public String failure() {
			return this.connected ? null : "broker unreachable";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class EchoConfiguration {

		@Bean
		Echo echo() {
			return new Echo();
		}

	}

}
