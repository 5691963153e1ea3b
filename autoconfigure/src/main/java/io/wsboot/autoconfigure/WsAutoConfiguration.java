package io.wsboot.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import io.wsboot.ConnectionRegistry;
import io.wsboot.HandshakeGuard;
import io.wsboot.HandshakeResponseCustomizer;
import io.wsboot.WsEndpoint;
import io.wsboot.relay.MessageRelay;
import io.wsboot.server.WsServer;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.socket.WebSocketHandler;

/**
 * Auto-configuration of wsboot: serves every {@link WsEndpoint} bean and every
 * {@code ws.endpoints} route through the {@link WsServer} engine, whose one handler
 * mapping matches upgrade requests only, so an application's own
 * {@code WebSocketConfigurer} keeps working beside it.
 *
 * @since 0.1.0
 */
@AutoConfiguration(afterName = "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration")
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ WebSocketHandler.class, DispatcherServlet.class })
@ConditionalOnBooleanProperty(name = "ws.enabled", matchIfMissing = true)
@EnableConfigurationProperties(WsProperties.class)
public final class WsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RouteTable wsRouteTable(ListableBeanFactory beanFactory, WsProperties properties, Environment environment) {
		Map<String, WsEndpoint> annotated = new LinkedHashMap<>();
		for (String beanName : beanFactory.getBeanNamesForAnnotation(WsEndpoint.class)) {
			WsEndpoint annotation = beanFactory.findAnnotationOnBean(beanName, WsEndpoint.class);
			if (annotation != null) {
				annotated.put(beanName, annotation);
			}
		}
		return RouteTable.build(annotated, beanFactory::containsBean, properties, environment::getProperty);
	}

	@Bean
	@ConditionalOnMissingBean
	WsServer wsServer(ListableBeanFactory beanFactory, RouteTable routes, WsProperties properties,
			ObjectProvider<HandshakeGuard> guards, ObjectProvider<HandshakeResponseCustomizer> customizers,
			Environment environment, ObjectProvider<MessageRelay> relay) {
		WsServer.Builder builder = WsServer.builder()
			.defaults(RouteTable.settings(properties, environment::getProperty))
			.shutdownTimeout(properties.getShutdown().getTimeout())
			.guards(guards.orderedStream().toList())
			.customizers(customizers.orderedStream().toList())
			.relay(relay.getIfAvailable());
		for (RouteTable.Endpoint endpoint : routes.endpoints()) {
			builder.endpoint(endpoint.id(), endpoint.beanName(), () -> beanFactory.getBean(endpoint.beanName()),
					endpoint.paths(), endpoint.settings(), RouteTable::variables);
		}
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean
	ConnectionRegistry wsConnectionRegistry(WsServer server) {
		return server.registry();
	}

	@Bean
	@ConditionalOnMissingBean(name = "wsHandlerMapping")
	HandlerMapping wsHandlerMapping(WsServer server) {
		return server.handlerMapping();
	}

	@Bean
	@ConditionalOnMissingBean(name = "wsHeartbeat")
	SmartLifecycle wsHeartbeat(WsServer server) {
		return server.heartbeat();
	}

	@Bean
	@ConditionalOnMissingBean(name = "wsGracefulShutdown")
	SmartLifecycle wsGracefulShutdown(WsServer server) {
		return server.gracefulShutdown();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.apache.tomcat.websocket.server.WsSci",
			"org.springframework.boot.tomcat.TomcatConnectorCustomizer" })
	@ConditionalOnBooleanProperty(name = "ws.tomcat.tune-buffers", matchIfMissing = true)
	static class TomcatConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TomcatBuffers wsTomcatBuffers(WsProperties properties) {
			return new TomcatBuffers((int) properties.getTomcat().getBufferSize().toBytes());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.apache.coyote.AbstractProtocol",
			"org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory" })
	@Conditional(TomcatMaxConnectionsNotSet.class)
	static class TomcatMaxConnectionsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TomcatMaxConnections wsTomcatMaxConnections() {
			return new TomcatMaxConnections();
		}

	}

	/**
	 * Matches when the application has not set {@code server.tomcat.max-connections}.
	 */
	static class TomcatMaxConnectionsNotSet extends NoneNestedConditions {

		TomcatMaxConnectionsNotSet() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnProperty("server.tomcat.max-connections")
		static class Set {

		}

	}

}
