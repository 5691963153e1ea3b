package io.wsboot.autoconfigure;

import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.wsboot.HandshakeGuard;
import io.wsboot.HandshakeResponseCustomizer;
import io.wsboot.WsEndpoint;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeHandler;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;
import org.springframework.web.socket.server.support.WebSocketHandlerMapping;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

/**
 * Auto-configuration of wsboot: serves every {@link WsEndpoint} bean and every
 * {@code ws.endpoints} route through one {@link WebSocketHandlerMapping} that matches
 * upgrade requests only, so an application's own {@code WebSocketConfigurer} keeps
 * working beside it.
 */
@AutoConfiguration(afterName = "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration")
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ WebSocketHandler.class, DispatcherServlet.class })
@ConditionalOnBooleanProperty(name = "ws.enabled", matchIfMissing = true)
@EnableConfigurationProperties(WsProperties.class)
public final class WsAutoConfiguration {

	/**
	 * Order of the handler mapping: ahead of the application's controllers, so that an
	 * upgrade request reaches the endpoint even where a controller serves the same path.
	 */
	static final int HANDLER_MAPPING_ORDER = -2;

	private static final Log logger = LogFactory.getLog(WsAutoConfiguration.class);

	private static final boolean TOMCAT_PRESENT = ClassUtils.isPresent(
			"org.apache.tomcat.websocket.server.WsHttpUpgradeHandler", WsAutoConfiguration.class.getClassLoader());

	private static final boolean JETTY_PRESENT = ClassUtils.isPresent(
			"org.eclipse.jetty.ee11.websocket.server.JettyWebSocketServerContainer",
			WsAutoConfiguration.class.getClassLoader());

	@Bean
	InMemoryConnectionRegistry wsConnectionRegistry() {
		return new InMemoryConnectionRegistry();
	}

	@Bean
	ConnectionExecutor wsConnectionExecutor() {
		return new ConnectionExecutor();
	}

	@Bean
	RouteTable wsRouteTable(ListableBeanFactory beanFactory, WsProperties properties) {
		Map<String, WsEndpoint> annotated = new LinkedHashMap<>();
		for (String beanName : beanFactory.getBeanNamesForAnnotation(WsEndpoint.class)) {
			WsEndpoint annotation = beanFactory.findAnnotationOnBean(beanName, WsEndpoint.class);
			if (annotation != null) {
				annotated.put(beanName, annotation);
			}
		}
		return RouteTable.build(annotated, beanFactory::containsBean, properties);
	}

	@Bean
	HeartbeatScheduler wsHeartbeatScheduler(InMemoryConnectionRegistry registry, ConnectionExecutor executor,
			RouteTable routes, WsProperties properties) {
		return new HeartbeatScheduler(registry, executor.executor(), Clock.systemUTC(), tick(routes, properties));
	}

	@Bean
	GracefulClose wsGracefulClose(InMemoryConnectionRegistry registry, WsProperties properties) {
		return new GracefulClose(registry, properties.getShutdown().getTimeout());
	}

	@Bean
	@ConditionalOnMissingBean(name = "wsHandlerMapping")
	WebSocketHandlerMapping wsHandlerMapping(ListableBeanFactory beanFactory, RouteTable routes,
			InMemoryConnectionRegistry registry, ConnectionExecutor executor, GracefulClose lifecycle,
			ObjectProvider<HandshakeGuard> guards, ObjectProvider<HandshakeResponseCustomizer> customizers) {
		Map<String, Object> urlMap = new LinkedHashMap<>();
		HandshakeCapture capture = new HandshakeCapture();
		List<HandshakeGuard> orderedGuards = guards.orderedStream().toList();
		List<HandshakeResponseCustomizer> orderedCustomizers = customizers.orderedStream().toList();
		for (RouteTable.Endpoint endpoint : routes.endpoints()) {
			EndpointCallbacks callbacks = callbacks(beanFactory, endpoint);
			EndpointSettings settings = endpoint.settings();
			EndpointHandler handler = new EndpointHandler(endpoint.id(), settings, callbacks, registry,
					executor.executor(), lifecycle);
			HandshakePolicy policy = new HandshakePolicy(endpoint.id(), settings, handler, lifecycle, orderedGuards,
					orderedCustomizers);
			HandshakeHandler handshakeHandler = handshakeHandler(settings);
			for (String path : endpoint.paths()) {
				WebSocketHttpRequestHandler requestHandler = new WebSocketHttpRequestHandler(handler,
						handshakeHandler);
				requestHandler.setHandshakeInterceptors(List.of(capture, policy));
				urlMap.put(path, requestHandler);
				logger.info("Mapped WebSocket endpoint '" + endpoint.id() + "' (bean '" + endpoint.beanName()
						+ "') to " + path);
			}
		}
		WebSocketHandlerMapping mapping = new WebSocketHandlerMapping();
		mapping.setWebSocketUpgradeMatch(true);
		mapping.setUrlMap(urlMap);
		mapping.setOrder(HANDLER_MAPPING_ORDER);
		return mapping;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.apache.tomcat.websocket.server.WsSci",
			"org.springframework.boot.tomcat.TomcatConnectorCustomizer" })
	@ConditionalOnBooleanProperty(name = "ws.tomcat.tune-buffers", matchIfMissing = true)
	static class TomcatConfiguration {

		@Bean
		TomcatBuffers wsTomcatBuffers(WsProperties properties) {
			return new TomcatBuffers((int) properties.getTomcat().getBufferSize().toBytes());
		}

	}

	private static EndpointCallbacks callbacks(ListableBeanFactory beanFactory, RouteTable.Endpoint endpoint) {
		Object bean = beanFactory.getBean(endpoint.beanName());
		if (bean instanceof WebSocketHandler handler) {
			return new HandlerCallbacks(handler);
		}
		MethodCallbacks callbacks = MethodCallbacks.of(bean, endpoint.beanName());
		for (Map.Entry<String, Method> entry : callbacks.pathParams().entrySet()) {
			for (String path : endpoint.paths()) {
				if (!RouteTable.variables(path).contains(entry.getKey())) {
					throw new IllegalStateException("@PathParam(\"" + entry.getKey() + "\") of method "
							+ MethodCallbacks.describe(entry.getValue()) + " has no variable in path '" + path
							+ "' of endpoint '" + endpoint.id() + "'");
				}
			}
		}
		return callbacks;
	}

	private static HandshakeHandler handshakeHandler(EndpointSettings settings) {
		DefaultHandshakeHandler handler;
		if (TOMCAT_PRESENT) {
			handler = settings.compression() ? new DefaultHandshakeHandler()
					: new DefaultHandshakeHandler(new UncompressedUpgradeStrategy());
		}
		else if (JETTY_PRESENT) {
			// Jetty's native API, whose writes complete without a thread hand-off
			handler = new DefaultHandshakeHandler(new JettyUpgradeStrategy(settings.compression()));
		}
		else {
			handler = new DefaultHandshakeHandler();
		}
		handler.setSupportedProtocols(settings.subprotocols().toArray(String[]::new));
		return handler;
	}

	private static Duration tick(RouteTable routes, WsProperties properties) {
		EndpointSettings defaults = EndpointSettings.of(properties);
		Duration tick = shortest(defaults);
		for (RouteTable.Endpoint endpoint : routes.endpoints()) {
			Duration candidate = shortest(endpoint.settings());
			if (candidate.compareTo(tick) < 0) {
				tick = candidate;
			}
		}
		return tick;
	}

	private static Duration shortest(EndpointSettings settings) {
		Duration shortest = settings.sendTimeLimit();
		if (settings.heartbeatEnabled() && settings.heartbeatInterval().compareTo(shortest) < 0) {
			shortest = settings.heartbeatInterval();
		}
		// half the idle timeout, so an idle connection is closed within 1.5 times of it
		Duration idle = settings.idleTimeout().dividedBy(2);
		if (settings.idleTimeoutEnabled() && idle.compareTo(shortest) < 0) {
			shortest = idle.isZero() ? settings.idleTimeout() : idle;
		}
		return shortest;
	}

}
