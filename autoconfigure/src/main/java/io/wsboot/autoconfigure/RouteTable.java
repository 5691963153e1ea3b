package io.wsboot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.wsboot.WsEndpoint;
import io.wsboot.server.EndpointSettings;
import io.wsboot.server.OverflowPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

/**
 * The endpoints to serve and their paths: the {@link WsEndpoint} beans merged with
 * {@code ws.endpoints}, checked for missing handlers, empty and duplicate paths.
 */
final class RouteTable {

	private static final Pattern VARIABLE = Pattern.compile("\\{\\*?([^}:]+)(:[^}]*)?}");

	private final List<Endpoint> endpoints;

	private RouteTable(List<Endpoint> endpoints) {
		this.endpoints = List.copyOf(endpoints);
	}

	List<Endpoint> endpoints() {
		return this.endpoints;
	}

	/**
	 * Build the table.
	 * @param annotated the {@code @WsEndpoint} annotations, by bean name
	 * @param beanExists whether a bean of that name exists
	 * @param properties the configuration
	 * @return the routes
	 * @throws IllegalStateException naming the offending bean, path or property
	 */
	static RouteTable build(Map<String, WsEndpoint> annotated, Predicate<String> beanExists, WsProperties properties) {
		Map<String, Endpoint> byId = new LinkedHashMap<>();
		Map<String, String> beanById = new LinkedHashMap<>();
		annotated.forEach((beanName, annotation) -> {
			String id = StringUtils.hasText(annotation.id()) ? annotation.id() : beanName;
			String other = beanById.putIfAbsent(id, beanName);
			if (other != null) {
				throw new IllegalStateException("@WsEndpoint beans '" + other + "' and '" + beanName
						+ "' use the same endpoint id '" + id + "'");
			}
			byId.put(id, new Endpoint(id, beanName, Arrays.asList(annotation.paths()),
					settings(properties, id, properties.getEndpoints().get(id)), "@WsEndpoint bean '"
							+ beanName + "'", StringUtils.hasText(annotation.codec()) ? annotation.codec() : null));
		});
		properties.getEndpoints().forEach((id, config) -> {
			String key = "ws.endpoints." + id;
			String handler = config.getHandler();
			Endpoint existing = byId.get(id);
			String beanName;
			if (StringUtils.hasText(handler)) {
				if (!beanExists.test(handler)) {
					throw new IllegalStateException("Property '" + key + ".handler' names bean '" + handler
							+ "' but no such bean exists");
				}
				beanName = handler;
			}
			else if (existing != null) {
				beanName = existing.beanName();
			}
			else {
				throw new IllegalStateException("Property '" + key + "' has no 'handler' and no @WsEndpoint bean has id '"
						+ id + "'; set " + key + ".handler to a bean name");
			}
			List<String> paths = !config.getPaths().isEmpty() ? config.getPaths()
					: (existing != null) ? existing.paths() : List.of();
			String codec = StringUtils.hasText(config.getCodec()) ? config.getCodec()
					: (existing != null) ? existing.codec() : null;
			byId.put(id, new Endpoint(id, beanName, paths, settings(properties, id, config),
					"'" + key + "'", codec));
		});
		List<Endpoint> endpoints = new ArrayList<>(byId.values());
		for (Endpoint endpoint : endpoints) {
			if (endpoint.codec() != null && !beanExists.test(endpoint.codec())) {
				throw new IllegalStateException("Endpoint '" + endpoint.id() + "' (" + endpoint.source()
						+ ") names codec bean '" + endpoint.codec() + "' but no such bean exists");
			}
		}
		checkPaths(endpoints);
		return new RouteTable(endpoints);
	}

	private static void checkPaths(List<Endpoint> endpoints) {
		PathPatternParser parser = new PathPatternParser();
		Map<String, Endpoint> claimed = new LinkedHashMap<>();
		for (Endpoint endpoint : endpoints) {
			if (endpoint.paths().isEmpty()) {
				throw new IllegalStateException(endpoint.source() + " declares no path; set its paths or 'ws.endpoints."
						+ endpoint.id() + ".paths'");
			}
			for (String path : endpoint.paths()) {
				if (!StringUtils.hasText(path) || !path.startsWith("/")) {
					throw new IllegalStateException(endpoint.source() + " has path '" + path
							+ "' which does not start with '/'");
				}
				try {
					parser.parse(path);
				}
				catch (PatternParseException ex) {
					throw new IllegalStateException(endpoint.source() + " has invalid path '" + path + "': "
							+ ex.getMessage(), ex);
				}
				String shape = VARIABLE.matcher(path).replaceAll("{}");
				Endpoint other = claimed.putIfAbsent(shape, endpoint);
				if (other != null) {
					String otherPath = other.paths().stream()
						.filter((candidate) -> VARIABLE.matcher(candidate).replaceAll("{}").equals(shape))
						.findFirst()
						.orElse(path);
					throw new IllegalStateException("Path '" + path + "' of endpoint '" + endpoint.id() + "' ("
							+ endpoint.source() + ") is already claimed as '" + otherPath + "' by endpoint '"
							+ other.id() + "' (" + other.source() + ")");
				}
			}
		}
	}

	static EndpointSettings settings(WsProperties properties) {
		return settings(properties, null, null);
	}

	static EndpointSettings settings(WsProperties global, @Nullable String id, WsProperties.@Nullable Endpoint endpoint) {
		WsProperties.Endpoint local = (endpoint != null) ? endpoint : new WsProperties.Endpoint();
		DataSize maxMessageSize = pick(local.getMaxMessageSize(), global.getMaxMessageSize());
		DataSize sendBufferLimit = pick(local.getSendBufferLimit(), global.getSendBufferLimit());
		Duration sendTimeLimit = pick(local.getSendTimeLimit(), global.getSendTimeLimit());
		boolean heartbeatEnabled = pick(local.getHeartbeat().getEnabled(), global.getHeartbeat().isEnabled());
		Duration heartbeatInterval = pick(local.getHeartbeat().getInterval(), global.getHeartbeat().getInterval());
		boolean compression = pick(local.getCompression().getEnabled(), global.getCompression().isEnabled());
		Integer maxConnections = (local.getMaxConnections() != null) ? local.getMaxConnections()
				: global.getMaxConnections();
		Duration idleTimeout = (local.getIdleTimeout() != null) ? local.getIdleTimeout() : global.getIdleTimeout();
		requirePositive(property(id, local.getMaxMessageSize(), "max-message-size"), maxMessageSize.toBytes(),
				maxMessageSize);
		requirePositive(property(id, local.getSendBufferLimit(), "send-buffer-limit"), sendBufferLimit.toBytes(),
				sendBufferLimit);
		requirePositive(property(id, local.getSendTimeLimit(), "send-time-limit"), sendTimeLimit.toMillis(),
				sendTimeLimit);
		if (heartbeatEnabled) {
			requirePositive(property(id, local.getHeartbeat().getInterval(), "heartbeat.interval"),
					heartbeatInterval.toMillis(), heartbeatInterval);
		}
		if (maxConnections != null) {
			requirePositive(property(id, local.getMaxConnections(), "max-connections"), maxConnections,
					maxConnections);
		}
		if (idleTimeout != null) {
			requirePositive(property(id, local.getIdleTimeout(), "idle-timeout"), idleTimeout.toMillis(),
					idleTimeout);
		}
		List<String> origins = pick(local.getAllowedOrigins(), global.getAllowedOrigins());
		for (String origin : origins) {
			if (origin.isBlank() || origin.endsWith("/")) {
				throw new IllegalStateException("Property '" + property(id, local.getAllowedOrigins(),
						"allowed-origins") + "' has '" + origin
						+ "'; give origins as scheme://host[:port], without a path");
			}
		}
		return new EndpointSettings(maxMessageSize.toBytes(), sendBufferLimit.toBytes(), sendTimeLimit,
				heartbeatEnabled, heartbeatInterval, compression,
				pick(local.getOverflowPolicy(), global.getOverflowPolicy()), origins,
				(maxConnections != null) ? maxConnections : Integer.MAX_VALUE,
				(idleTimeout != null) ? idleTimeout : Duration.ZERO,
				pick(local.getCloseOnError(), global.isCloseOnError()),
				pick(local.getSubprotocols(), global.getSubprotocols()),
				pick(local.getSubprotocolRequired(), global.isSubprotocolRequired()));
	}

	/**
	 * Name the property a value came from: the endpoint's own when it sets one, else the
	 * global one it inherited.
	 */
	private static String property(@Nullable String id, @Nullable Object override, String name) {
		return (id != null && override != null) ? "ws.endpoints." + id + "." + name : "ws." + name;
	}

	private static <T> T pick(@Nullable T override, T global) {
		return (override != null) ? override : global;
	}

	private static void requirePositive(String property, long value, Object shown) {
		if (value <= 0) {
			throw new IllegalStateException("Property '" + property + "' must be positive but was " + shown);
		}
	}

	static List<String> variables(String path) {
		List<String> names = new ArrayList<>();
		Matcher matcher = VARIABLE.matcher(path);
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

	/**
	 * One endpoint to serve.
	 *
	 * @param id the endpoint id
	 * @param beanName the name of the handler bean
	 * @param paths the paths it is served on
	 * @param settings its settings
	 * @param source where it was declared, for error messages
	 * @param codec the name of its codec bean, {@code null} for the default
	 */
	record Endpoint(String id, String beanName, List<String> paths, EndpointSettings settings, String source,
			@Nullable String codec) {

	}

}
