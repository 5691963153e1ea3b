package io.wsboot.autoconfigure.client;

import java.time.Duration;
import java.util.Map;


import io.wsboot.client.WsClient;
import io.wsboot.client.WsClientCustomizer;
import io.wsboot.server.WsConfigurationException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Scope;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the WebSocket client: a {@link WsClient.Builder} for each
 * injection point (a prototype bean, as Spring Boot's {@code RestClient.Builder}), with
 * the {@code ws.client.*} properties applied, then every {@link WsClientCustomizer} bean.
 * The builders share one scheduler thread. Needs no web server: a batch job or a CLI
 * application gets the builder too.
 */
@AutoConfiguration(afterName = "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration")
@ConditionalOnClass(name = "java.net.http.WebSocket")
@EnableConfigurationProperties(WsClientProperties.class)
public final class WsClientAutoConfiguration {

	@Bean
	ClientScheduler wsClientScheduler() {
		return new ClientScheduler();
	}

	@Bean
	@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
	@ConditionalOnMissingBean
	WsClient.Builder wsClientBuilder(WsClientProperties properties, ClientScheduler scheduler,
			ObjectProvider<SslBundles> sslBundles, ObjectProvider<WsClientCustomizer> customizers,
			Environment environment) {
		WsClient.Builder builder = WsClient.builder().scheduler(scheduler.executor());
		apply(properties, sslBundles, environment, builder);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder;
	}

	private static void apply(WsClientProperties properties, ObjectProvider<SslBundles> sslBundles,
			Environment environment, WsClient.Builder builder) {
		set(environment, "handshake-timeout", () -> builder.handshakeTimeout(properties.getHandshakeTimeout()));
		set(environment, "origin", () -> builder.origin(properties.getOrigin()));
		for (Map.Entry<String, String> header : properties.getHeaders().entrySet()) {
			set(environment, "headers." + header.getKey(), () -> builder.header(header.getKey(), header.getValue()));
		}
		set(environment, "subprotocols", () -> builder.subprotocols(properties.getSubprotocols()));
		set(environment, "close-timeout", () -> builder.closeTimeout(properties.getCloseTimeout()));
		set(environment, "max-message-size", () -> builder.maxMessageSize(properties.getMaxMessageSize().toBytes()));
		WsClientProperties.Proxy proxy = properties.getProxy();
		if (proxy.getHost() != null) {
			Integer port = proxy.getPort();
			if (port == null) {
				throw new WsConfigurationException("Property 'ws.client.proxy.host' is set ('" + proxy.getHost()
						+ "') but 'ws.client.proxy.port' is not.", "Set 'ws.client.proxy.port' to the proxy's port.");
			}
			set(environment, "proxy.port", () -> builder.proxy(proxy.getHost(), port));
		}
		String bundle = properties.getSsl().getBundle();
		if (bundle != null) {
			SslBundles bundles = sslBundles.getIfAvailable();
			if (bundles == null) {
				throw new WsConfigurationException(
						"Property 'ws.client.ssl.bundle' is '" + bundle + "' but the application has no SSL bundles.",
						"Define the bundle under 'spring.ssl.bundle', or remove 'ws.client.ssl.bundle'.");
			}
			builder.sslContext(bundles.getBundle(bundle).createSslContext());
		}
		WsClientProperties.Heartbeat heartbeat = properties.getHeartbeat();
		builder.heartbeat(heartbeat.isEnabled());
		set(environment, "heartbeat.interval", () -> builder.heartbeatInterval(heartbeat.getInterval()));
		set(environment, "heartbeat.margin", () -> builder.heartbeatMargin(heartbeat.getMargin()));
		WsClientProperties.Reconnect reconnect = properties.getReconnect();
		builder.reconnect(reconnect.isEnabled());
		set(environment, "reconnect.initial-delay", () -> builder.reconnectInitialDelay(reconnect.getInitialDelay()));
		set(environment, "reconnect.max-delay", () -> builder.reconnectMaxDelay(reconnect.getMaxDelay()));
		set(environment, "reconnect.multiplier", () -> builder.reconnectMultiplier(reconnect.getMultiplier()));
		set(environment, "reconnect.jitter", () -> builder.reconnectJitter(reconnect.getJitter()));
		if (reconnect.getMaxDelay().compareTo(reconnect.getInitialDelay()) < 0) {
			throw new WsConfigurationException("Property 'ws.client.reconnect.max-delay' ("
					+ written(environment, "ws.client.reconnect.max-delay", reconnect.getMaxDelay())
					+ ") must not be shorter than 'ws.client.reconnect.initial-delay' ("
					+ written(environment, "ws.client.reconnect.initial-delay", reconnect.getInitialDelay()) + ").",
					"Raise 'ws.client.reconnect.max-delay' or lower 'ws.client.reconnect.initial-delay'.");
		}
		Integer maxAttempts = reconnect.getMaxAttempts();
		if (maxAttempts != null) {
			set(environment, "reconnect.max-attempts", () -> builder.reconnectMaxAttempts(maxAttempts));
		}
	}

	/**
	 * Return a value as the user wrote it, or in milliseconds when it is not written.
	 */
	private static String written(Environment environment, String property, Duration value) {
		String raw = environment.getProperty(property);
		return (raw != null) ? raw : value.toMillis() + "ms";
	}

	/**
	 * Apply one property, naming it when its value is refused.
	 */
	private static void set(Environment environment, String property, Runnable setter) {
		try {
			setter.run();
		}
		catch (IllegalArgumentException ex) {
			String reason = ex.getMessage();
			String written = environment.getProperty("ws.client." + property);
			if (reason != null && written != null && reason.contains(" but was ")) {
				// the builder shows a Duration as PT0S: show the value as the user wrote it
				reason = reason.substring(0, reason.lastIndexOf(" but was ")) + " but was " + written;
			}
			throw new WsConfigurationException("Invalid ws.client." + property + ": " + reason + ".",
					"Fix the value of 'ws.client." + property + "'.", ex);
		}
	}

}
