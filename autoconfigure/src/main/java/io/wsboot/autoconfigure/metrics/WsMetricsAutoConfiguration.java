package io.wsboot.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.wsboot.autoconfigure.WsAutoConfiguration;
import io.wsboot.server.WsServer;
import io.wsboot.server.WsServerListener;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the server's Micrometer meters, when the application has a
 * {@link MeterRegistry}; {@code ws.metrics.enabled=false} turns them off, listener and
 * all.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = WsAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, WsServer.class })
@ConditionalOnBooleanProperty(name = "ws.metrics.enabled", matchIfMissing = true)
public final class WsMetricsAutoConfiguration {

	@Bean
	WsServerListener wsServerMeters(MeterRegistry meterRegistry) {
		return new ServerMeters(meterRegistry);
	}

	@Bean
	ServerGauges wsServerGauges(WsServer server) {
		return new ServerGauges(server);
	}

}
