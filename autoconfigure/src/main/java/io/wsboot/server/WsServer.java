package io.wsboot.server;

import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import io.wsboot.ConnectionRegistry;
import io.wsboot.HandshakeGuard;
import io.wsboot.HandshakeResponseCustomizer;
import io.wsboot.MessageCodec;
import io.wsboot.relay.MessageRelay;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.validation.Validator;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * The WebSocket server engine: the one entry point through which the auto-configuration
 * serves endpoints. It owns the connections, their registry, the heartbeat and the
 * graceful close; the container keeps the connectors, TLS and the threads.
 * <p>
 * Build one with {@link #builder()}, then register {@link #handlerMapping()},
 * {@link #heartbeat()} and {@link #gracefulShutdown()} as beans and call
 * {@link #destroy()} when the application context closes.
 *
 * @since 0.1.0
 */
public final class WsServer implements DisposableBean {

	/**
	 * Order of the handler mapping: ahead of the application's controllers, so that an
	 * upgrade request reaches the endpoint even where a controller serves the same path.
	 */
	public static final int HANDLER_MAPPING_ORDER = -2;

	private static final Log logger = LogFactory.getLog(WsServer.class);

	private final InMemoryConnectionRegistry registry;

	private final ConnectionExecutor executor;

	private final ConnectionSweeper sweeper;

	private final GracefulClose gracefulClose;

	private final Builder builder;

	// lent to reads for the length of a callback: enough for every thread reading at once
	private final ReadBuffers readBuffers = new ReadBuffers(64);

	private final ServerListeners listeners;

	// built on first use: the endpoint beans may themselves depend on the registry
	private @Nullable UpgradeHandlerMapping handlerMapping;

	private WsServer(Builder builder) {
		this.listeners = new ServerListeners(builder.listeners);
		this.registry = new InMemoryConnectionRegistry(this.listeners, builder.relay,
				UUID.randomUUID().toString().replace("-", "").substring(0, 12));
		this.executor = new ConnectionExecutor();
		this.gracefulClose = new GracefulClose(this.registry, builder.shutdownTimeout);
		this.sweeper = new ConnectionSweeper(this.registry, this.executor.executor(), builder.clock,
				tick(builder.defaults, builder.endpoints), this.listeners);
		this.builder = builder;
		this.registry.startRelay();
	}

	/**
	 * Start building a server.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the registry of this instance's open connections.
	 * @return the registry
	 */
	public ConnectionRegistry registry() {
		return this.registry;
	}

	/**
	 * Return the handler mapping that takes the upgrade requests of every endpoint.
	 * @return the handler mapping, ordered {@link #HANDLER_MAPPING_ORDER}
	 */
	public synchronized HandlerMapping handlerMapping() {
		UpgradeHandlerMapping mapping = this.handlerMapping;
		if (mapping == null) {
			mapping = handlerMapping(this.builder);
			this.handlerMapping = mapping;
		}
		return mapping;
	}

	/**
	 * Return the heartbeat: pings, dead peers, stalled writes and idle connections.
	 * @return the heartbeat's lifecycle
	 */
	public SmartLifecycle heartbeat() {
		return this.sweeper;
	}

	/**
	 * Return the graceful close of every connection as the application stops.
	 * @return the graceful close's lifecycle, in a phase ahead of the web server's
	 */
	public SmartLifecycle gracefulShutdown() {
		return this.gracefulClose;
	}

	/**
	 * Return the time between two of the heartbeat's sweeps: the shortest heartbeat
	 * interval, send time limit or half idle timeout of any endpoint.
	 * @return the sweep interval
	 */
	public Duration sweepInterval() {
		return this.sweeper.tick();
	}

	/**
	 * Return whether upgrade requests are accepted: until a graceful shutdown begins.
	 * @return whether the server accepts new connections
	 */
	public boolean isAccepting() {
		return this.gracefulClose.isAccepting();
	}

	@Override
	public void destroy() {
		this.registry.stopRelay();
		this.executor.destroy();
	}

	private UpgradeHandlerMapping handlerMapping(Builder builder) {
		Map<String, Object> urlMap = new LinkedHashMap<>();
		HandshakeCapture capture = new HandshakeCapture();
		for (Endpoint endpoint : builder.endpoints) {
			MessageCodec codec = endpoint.codec().get();
			EndpointCallbacks callbacks = callbacks(endpoint, codec, builder.validator);
			EndpointSettings settings = endpoint.settings();
			EndpointDispatcher dispatcher = new EndpointDispatcher(endpoint.id(), settings, callbacks, this.registry,
					this.gracefulClose, this.readBuffers, this.listeners, codec);
			HandshakePolicy policy = new HandshakePolicy(endpoint.id(), settings, dispatcher, this.gracefulClose,
					builder.guards, builder.customizers, this.listeners);
			UpgradeRequestHandler requestHandler = new UpgradeRequestHandler(dispatcher, capture, policy,
					builder.interceptors.apply(endpoint.id()));
			for (String path : endpoint.paths()) {
				urlMap.put(path, requestHandler);
				logger.info("Mapped WebSocket endpoint '" + endpoint.id() + "' (bean '" + endpoint.beanName()
						+ "') to " + path);
			}
		}
		return new UpgradeHandlerMapping(urlMap, HANDLER_MAPPING_ORDER);
	}

	private static EndpointCallbacks callbacks(Endpoint endpoint, @Nullable MessageCodec codec,
			@Nullable Validator validator) {
		Object bean = endpoint.bean().get();
		if (bean instanceof WebSocketHandler handler) {
			return new HandlerCallbacks(handler);
		}
		MethodCallbacks callbacks = MethodCallbacks.of(bean, endpoint.beanName(), codec, validator);
		for (Map.Entry<String, Method> entry : callbacks.pathParams().entrySet()) {
			for (String path : endpoint.paths()) {
				if (!endpoint.variables().apply(path).contains(entry.getKey())) {
					throw new WsConfigurationException("@PathParam(\"" + entry.getKey() + "\") of method "
							+ MethodCallbacks.describe(entry.getValue()) + " has no variable in path '" + path
							+ "' of endpoint '" + endpoint.id() + "'.", "Add {" + entry.getKey() + "} to the path, "
									+ "or set the endpoint's paths in 'ws.endpoints." + endpoint.id() + ".paths'.");
				}
			}
		}
		return callbacks;
	}

	private static Duration tick(EndpointSettings defaults, List<Endpoint> endpoints) {
		Duration tick = shortest(defaults);
		for (Endpoint endpoint : endpoints) {
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

	/**
	 * Return the endpoints this server serves, in the order they were added.
	 * @return the endpoints
	 */
	public List<EndpointDescription> endpoints() {
		return this.builder.endpoints.stream()
			.map((endpoint) -> new EndpointDescription(endpoint.id(), endpoint.beanName(), endpoint.paths(),
					endpoint.settings()))
			.toList();
	}

	/**
	 * One endpoint to serve.
	 */
	private record Endpoint(String id, String beanName, Supplier<Object> bean, List<String> paths, EndpointSettings settings,
			Function<String, List<String>> variables, Supplier<@Nullable MessageCodec> codec) {

	}

	/**
	 * Describes an endpoint a server serves.
	 *
	 * @param id the endpoint id
	 * @param beanName the name of its bean
	 * @param paths the paths it is served on
	 * @param settings its effective settings
	 */
	public record EndpointDescription(String id, String beanName, List<String> paths, EndpointSettings settings) {

	}

	/**
	 * Builds a {@link WsServer}.
	 */
	public static final class Builder {

		private final List<Endpoint> endpoints = new ArrayList<>();

		private List<HandshakeGuard> guards = List.of();

		private List<HandshakeResponseCustomizer> customizers = List.of();

		private List<WsServerListener> listeners = List.of();

		private @Nullable Validator validator;

		private Function<String, List<HandshakeInterceptor>> interceptors = (endpointId) -> List.of();

		private Duration shutdownTimeout = Duration.ofSeconds(10);

		private EndpointSettings defaults = new EndpointSettings(64 * 1024, 1024 * 1024, Duration.ofSeconds(10), true,
				Duration.ofSeconds(30), false);

		private Clock clock = Clock.systemUTC();

		private @Nullable MessageRelay relay;

		private Builder() {
		}

		/**
		 * Serve an endpoint.
		 * @param id the endpoint id
		 * @param beanName the name of its bean, for messages
		 * @param bean the bean, a {@link WebSocketHandler} or a bean with annotated
		 * callback methods, looked up when the handler mapping is first built
		 * @param paths the paths it is served on, already checked
		 * @param settings its settings
		 * @param variables the names of the template variables of a path
		 * @return this builder
		 * @throws IllegalStateException naming the method and the path when the bean's
		 * callbacks do not fit the endpoint
		 */
		public Builder endpoint(String id, String beanName, Supplier<Object> bean, List<String> paths,
				EndpointSettings settings, Function<String, List<String>> variables) {
			return endpoint(id, beanName, bean, paths, settings, variables, () -> null);
		}

		/**
		 * Serve an endpoint whose typed messages go through a codec.
		 * @param id the endpoint id
		 * @param beanName the name of its bean, for messages
		 * @param bean the bean, a {@link WebSocketHandler} or a bean with annotated
		 * callback methods, looked up when the handler mapping is first built
		 * @param paths the paths it is served on, already checked
		 * @param settings its settings
		 * @param variables the names of the template variables of a path
		 * @param codec the codec of its typed messages, looked up with the bean; it
		 * may supply {@code null} when there is none
		 * @return this builder
		 * @throws IllegalStateException naming the method and the path when the bean's
		 * callbacks do not fit the endpoint
		 */
		public Builder endpoint(String id, String beanName, Supplier<Object> bean, List<String> paths,
				EndpointSettings settings, Function<String, List<String>> variables,
				Supplier<@Nullable MessageCodec> codec) {
			this.endpoints.add(new Endpoint(id, beanName, bean, List.copyOf(paths), settings, variables, codec));
			return this;
		}

		/**
		 * Set the validator run on the typed message parameters annotated
		 * {@code @Valid}.
		 * @param validator the validator, or {@code null} for none
		 * @return this builder
		 */
		public Builder validator(@Nullable Validator validator) {
			this.validator = validator;
			return this;
		}

		/**
		 * Set the guards every upgrade request passes, in order.
		 * @param guards the guards
		 * @return this builder
		 */
		public Builder guards(List<HandshakeGuard> guards) {
			this.guards = List.copyOf(guards);
			return this;
		}

		/**
		 * Set the customizers of every accepted upgrade's response, in order.
		 * @param customizers the customizers
		 * @return this builder
		 */
		public Builder customizers(List<HandshakeResponseCustomizer> customizers) {
			this.customizers = List.copyOf(customizers);
			return this;
		}

		/**
		 * Set the listeners told of the server's events, in order.
		 * @param listeners the listeners
		 * @return this builder
		 */
		public Builder listeners(List<WsServerListener> listeners) {
			this.listeners = List.copyOf(listeners);
			return this;
		}

		/**
		 * Set interceptors that run around every upgrade request, ahead of the server's
		 * own checks, so that they see refused requests too (their
		 * {@code afterHandshake} runs for every request their {@code beforeHandshake}
		 * let through).
		 * @param interceptors the interceptors of an endpoint, in order, given its id
		 * @return this builder
		 */
		public Builder interceptors(Function<String, List<HandshakeInterceptor>> interceptors) {
			this.interceptors = interceptors;
			return this;
		}

		/**
		 * Set how long a graceful shutdown waits for the closing handshakes.
		 * @param shutdownTimeout the time
		 * @return this builder
		 */
		public Builder shutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
			return this;
		}

		/**
		 * Set the global settings, which time the heartbeat's sweeps with those of each
		 * endpoint.
		 * @param defaults the settings
		 * @return this builder
		 */
		public Builder defaults(EndpointSettings defaults) {
			this.defaults = defaults;
			return this;
		}

		/**
		 * Set the clock the heartbeat reads.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		/**
		 * Set the relay that carries the registry's broadcasts, publishes and sends to
		 * the other instances of the application; started with the server, stopped by
		 * {@link WsServer#destroy()}.
		 * @param relay the relay, or {@code null} for this instance only
		 * @return this builder
		 */
		public Builder relay(@Nullable MessageRelay relay) {
			this.relay = relay;
			return this;
		}

		/**
		 * Build the server.
		 * @return the server
		 */
		public WsServer build() {
			return new WsServer(this);
		}

	}

}
