package io.wsboot.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import io.wsboot.ConnectionRegistry;
import io.wsboot.HandshakeGuard;
import io.wsboot.HandshakeResponseCustomizer;
import io.wsboot.MessageCodec;
import io.wsboot.WsEndpoint;
import io.wsboot.relay.MessageRelay;
import io.wsboot.server.WsServer;
import io.wsboot.server.WsServerListener;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

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
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.validation.Validator;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;
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
@AutoConfiguration(afterName = { "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration",
		"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
		"org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration" })
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

	/**
	 * Name of the default {@link MessageCodec} bean: JSON, when Jackson is present.
	 */
	static final String DEFAULT_CODEC_BEAN = "wsMessageCodec";

	private static final boolean BEAN_VALIDATION_PRESENT = ClassUtils.isPresent("jakarta.validation.Validator",
			WsAutoConfiguration.class.getClassLoader());

	@Bean
	@ConditionalOnMissingBean
	WsServer wsServer(ListableBeanFactory beanFactory, RouteTable routes, WsProperties properties,
			ObjectProvider<HandshakeGuard> guards, ObjectProvider<HandshakeResponseCustomizer> customizers,
			Environment environment, ObjectProvider<WsServerListener> listeners,
			ObjectProvider<WsServerBuilderCustomizer> builderCustomizers, ObjectProvider<MessageRelay> relay) {
		WsServer.Builder builder = WsServer.builder()
			.defaults(RouteTable.settings(properties, environment::getProperty))
			.shutdownTimeout(properties.getShutdown().getTimeout())
			.guards(guards.orderedStream().toList())
			.customizers(customizers.orderedStream().toList())
			.listeners(listeners.orderedStream().toList())
			.validator(BEAN_VALIDATION_PRESENT ? BeanValidation.find(beanFactory) : null)
			.relay(relay.getIfAvailable());
		for (RouteTable.Endpoint endpoint : routes.endpoints()) {
			builder.endpoint(endpoint.id(), endpoint.beanName(), () -> beanFactory.getBean(endpoint.beanName()),
					endpoint.paths(), endpoint.settings(), RouteTable::variables, () -> codec(beanFactory, endpoint));
		}
		builderCustomizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	private static @Nullable MessageCodec codec(ListableBeanFactory beanFactory, RouteTable.Endpoint endpoint) {
		String name = (endpoint.codec() != null) ? endpoint.codec() : DEFAULT_CODEC_BEAN;
		return beanFactory.containsBean(name) ? beanFactory.getBean(name, MessageCodec.class) : null;
	}

	@Bean
	WsServerListener wsConnectionEventPublisher(ApplicationEventPublisher publisher) {
		return new ConnectionEventPublisher(publisher);
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
	@ConditionalOnClass(name = "org.springframework.boot.web.server.context.WebServerInitializedEvent")
	static class ListeningLogConfiguration {

		@Bean
		ListeningLogger wsListeningLogger(WsServer server) {
			return new ListeningLogger(server);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JsonMapper.class)
	static class JacksonCodecConfiguration {

		@Bean(DEFAULT_CODEC_BEAN)
		@ConditionalOnMissingBean(name = DEFAULT_CODEC_BEAN)
		MessageCodec wsMessageCodec(ObjectProvider<JsonMapper> jsonMapper) {
			return new JsonMessageCodec(jsonMapper.getIfAvailable(() -> JsonMapper.builder().build()));
		}

	}

	/**
	 * Finds the application's Bean Validation validator, kept apart so that its types
	 * load only when Bean Validation is present.
	 */
	private static final class BeanValidation {

		static @Nullable Validator find(ListableBeanFactory beanFactory) {
			jakarta.validation.Validator validator = beanFactory.getBeanProvider(jakarta.validation.Validator.class)
				.getIfUnique();
			if (validator == null) {
				return null;
			}
			return (validator instanceof Validator spring) ? spring : new SpringValidatorAdapter(validator);
		}

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
