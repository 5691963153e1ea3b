package io.wsboot.autoconfigure.actuate;

import java.time.Clock;

import io.wsboot.autoconfigure.WsAutoConfiguration;
import io.wsboot.autoconfigure.relay.WsRelayAutoConfiguration;
import io.wsboot.relay.MessageRelay;
import io.wsboot.server.WsServer;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the Actuator support of the WebSocket server: the
 * {@code websockets} endpoint, exposed by Boot's usual
 * {@code management.endpoints.web.exposure.include}, the {@code websockets} health
 * contributor and, when there is a {@link MessageRelay}, the {@code websocketsRelay}
 * one.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { WsAutoConfiguration.class, WsRelayAutoConfiguration.class })
@ConditionalOnBean(WsServer.class)
public final class WsActuateAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.springframework.boot.actuate.endpoint.annotation.Endpoint",
			"org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint" })
	static class EndpointConfiguration {

		// nested, so that its condition is read only where its class is present
		@Configuration(proxyBeanMethods = false)
		@ConditionalOnAvailableEndpoint(WebSocketsEndpoint.class)
		static class AvailableEndpointConfiguration {

			@Bean
			ConnectionOpenTimes wsConnectionOpenTimes() {
				return new ConnectionOpenTimes(Clock.systemUTC());
			}

			@Bean
			@ConditionalOnMissingBean
			WebSocketsEndpoint webSocketsEndpoint(WsServer server, ConnectionOpenTimes openTimes) {
				return new WebSocketsEndpoint(server, openTimes);
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.springframework.boot.health.contributor.HealthIndicator",
			"org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator" })
	static class HealthConfiguration {

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnEnabledHealthIndicator("websockets")
		static class EnabledHealthConfiguration {

			@Bean
			@ConditionalOnMissingBean(name = "websocketsHealthIndicator")
			HealthIndicator websocketsHealthIndicator(WsServer server) {
				return new WebSocketsHealthIndicator(server);
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnBean(MessageRelay.class)
		@ConditionalOnEnabledHealthIndicator("websocketsrelay")
		static class RelayHealthConfiguration {

			@Bean
			@ConditionalOnMissingBean(name = "websocketsRelayHealthIndicator")
			HealthIndicator websocketsRelayHealthIndicator(MessageRelay relay) {
				return new RelayHealthIndicator(relay);
			}

		}

	}

}
