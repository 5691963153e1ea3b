package io.wsboot.autoconfigure.metrics;

import java.util.function.Consumer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wsboot.OnTextMessage;
import io.wsboot.WsEndpoint;
import io.wsboot.autoconfigure.WsAutoConfiguration;
import io.wsboot.relay.MessageRelay;
import io.wsboot.relay.RelayMessage;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WsMetricsAutoConfiguration}.
 */
class WsMetricsAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WsAutoConfiguration.class, WsMetricsAutoConfiguration.class,
				DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class))
		.withUserConfiguration(EchoConfiguration.class);

	@Test
	void recordsMetersWhenTheApplicationHasAMeterRegistry() {
		this.contextRunner.withUserConfiguration(RegistryConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(ServerMeters.class).hasSingleBean(ServerGauges.class);
			context.getBean(ServerGauges.class).bindTo(context.getBean(MeterRegistry.class));
			assertThat(context.getBean(MeterRegistry.class).find("ws.server.connections").tag("endpoint", "echo")
				.gauge()).isNotNull();
		});
	}

	@Test
	void backsOffWithoutAMeterRegistry() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(ServerMeters.class)
			.doesNotHaveBean(ServerGauges.class));
	}

	@Test
	void backsOffWhenMetricsAreDisabled() {
		this.contextRunner.withUserConfiguration(RegistryConfiguration.class)
			.withPropertyValues("ws.metrics.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ServerMeters.class)
				.doesNotHaveBean(ServerGauges.class));
	}

	@Test
	void backsOffWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ServerMeters.class));
	}

	@Test
	void countsTheRelaysMessagesWhenThereIsARelay() {
		this.contextRunner.withUserConfiguration(RegistryConfiguration.class, RelayConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(RelayMeters.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				context.getBean(RelayMeters.class).bindTo(registry);
				assertThat(counter(registry, "published").count()).isEqualTo(3);
				assertThat(counter(registry, "received").count()).isEqualTo(2);
				assertThat(counter(registry, "lost").count()).isEqualTo(1);
			});
	}

	@Test
	void hasNoRelayMetersWithoutARelay() {
		this.contextRunner.withUserConfiguration(RegistryConfiguration.class)
			.run((context) -> assertThat(context).doesNotHaveBean(RelayMeters.class));
	}

	private static FunctionCounter counter(MeterRegistry registry, String name) {
		FunctionCounter counter = registry.find("ws.relay.messages." + name).tag("relay", "StubRelay").functionCounter();
		assertThat(counter).as(name).isNotNull();
		return counter;
	}

	@WsEndpoint(value = "/echo", id = "echo")
	static class Echo {

		@OnTextMessage
		String onText(String text) {
			return text;
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
	static class RelayConfiguration {

		@Bean
		StubRelay relay() {
			return new StubRelay();
		}

	}

	static class StubRelay implements MessageRelay {

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
			return true;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RegistryConfiguration {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
