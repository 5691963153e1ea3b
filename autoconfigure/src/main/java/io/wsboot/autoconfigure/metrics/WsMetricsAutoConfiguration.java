package io.wsboot.autoconfigure.metrics;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.wsboot.autoconfigure.WsAutoConfiguration;
import io.wsboot.autoconfigure.WsServerBuilderCustomizer;
import io.wsboot.autoconfigure.relay.WsRelayAutoConfiguration;
import io.wsboot.relay.MessageRelay;
import io.wsboot.server.WsServer;
import io.wsboot.server.WsServerListener;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the server's Micrometer meters, when the application has a
 * {@link MeterRegistry} ({@code ws.metrics.enabled=false} turns them off, listener and
 * all), with the relay's counts when there is a {@link MessageRelay}, and of an
 * {@code Observation} around each upgrade request, when it has an
 * {@link ObservationRegistry}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { WsAutoConfiguration.class, WsRelayAutoConfiguration.class },
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
				"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@ConditionalOnBean(WsServer.class)
public final class WsMetricsAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	@ConditionalOnBooleanProperty(name = "ws.metrics.enabled", matchIfMissing = true)
	static class MetersConfiguration {

		@Bean
		WsServerListener wsServerMeters(MeterRegistry meterRegistry) {
			return new ServerMeters(meterRegistry);
		}

		@Bean
		ServerGauges wsServerGauges(WsServer server) {
			return new ServerGauges(server);
		}

		@Bean
		@ConditionalOnBean(MessageRelay.class)
		RelayMeters wsRelayMeters(MessageRelay relay) {
			return new RelayMeters(relay);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ObservationRegistry.class)
	@ConditionalOnBean(ObservationRegistry.class)
	static class ObservationConfiguration {

		@Bean
		WsServerBuilderCustomizer wsUpgradeObservation(ObservationRegistry observationRegistry) {
			return (builder) -> builder
				.interceptors((endpointId) -> List.of(new UpgradeObservation(observationRegistry, endpointId)));
		}

	}

}
