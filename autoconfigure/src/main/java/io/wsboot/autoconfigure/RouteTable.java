package io.wsboot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.wsboot.WsEndpoint;
import io.wsboot.server.EndpointSettings;
import io.wsboot.server.OverflowPolicy;
import io.wsboot.server.WsConfigurationException;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;
import org.springframework.util.unit.DataUnit;
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
	 * @throws WsConfigurationException naming the offending bean, path or property
	 */
	static RouteTable build(Map<String, WsEndpoint> annotated, Predicate<String> beanExists, WsProperties properties) {
		return build(annotated, beanExists, properties, (name) -> null);
	}

	/**
	 * Build the table.
	 * @param annotated the {@code @WsEndpoint} annotations, by bean name
	 * @param beanExists whether a bean of that name exists
	 * @param properties the configuration
	 * @param written the value of a property as the user wrote it, to show in errors
	 * @return the routes
	 * @throws WsConfigurationException naming the offending bean, path or property
	 */
	static RouteTable build(Map<String, WsEndpoint> annotated, Predicate<String> beanExists, WsProperties properties,
			Function<String, @Nullable String> written) {
		Map<String, Endpoint> byId = new LinkedHashMap<>();
		Map<String, String> beanById = new LinkedHashMap<>();
		annotated.forEach((beanName, annotation) -> {
			String id = StringUtils.hasText(annotation.id()) ? annotation.id() : defaultId(beanName);
			String other = beanById.putIfAbsent(id, beanName);
			if (other != null) {
				throw new WsConfigurationException("@WsEndpoint beans '" + other + "' and '" + beanName
						+ "' use the same endpoint id '" + id + "'.",
						"Give one of them another id with @WsEndpoint(id = \"...\").");
			}
			byId.put(id, new Endpoint(id, beanName, Arrays.asList(annotation.paths()),
					settings(properties, id, properties.getEndpoints().get(id), written), "@WsEndpoint bean '"
							+ beanName + "'"));
		});
		properties.getEndpoints().forEach((id, config) -> {
			String key = "ws.endpoints." + id;
			String handler = config.getHandler();
			Endpoint existing = byId.get(id);
			String beanName;
			if (StringUtils.hasText(handler)) {
				if (!beanExists.test(handler)) {
					throw new WsConfigurationException("Property '" + key + ".handler' names bean '" + handler
							+ "' but no such bean exists.", "Set '" + key
									+ ".handler' to the name of a bean of the application, or define a bean named '"
									+ handler + "'.");
				}
				beanName = handler;
			}
			else if (existing != null) {
				beanName = existing.beanName();
			}
			else {
				throw new WsConfigurationException("Property '" + key + "' has no 'handler' and no @WsEndpoint bean has id '"
						+ id + "'.", "Set '" + key + ".handler' to a bean name, or use the id of a @WsEndpoint bean"
								+ (beanById.isEmpty() ? " (there is none)" : " (" + String.join(", ", beanById.keySet())
										+ ")")
								+ " as the key.");
			}
			List<String> paths = !config.getPaths().isEmpty() ? config.getPaths()
					: (existing != null) ? existing.paths() : List.of();
			byId.put(id, new Endpoint(id, beanName, paths, settings(properties, id, config, written),
					"'" + key + "'"));
		});
		List<Endpoint> endpoints = new ArrayList<>(byId.values());
		checkPaths(endpoints);
		return new RouteTable(endpoints);
	}

	private static void checkPaths(List<Endpoint> endpoints) {
		PathPatternParser parser = new PathPatternParser();
		Map<String, Endpoint> claimed = new LinkedHashMap<>();
		for (Endpoint endpoint : endpoints) {
			if (endpoint.paths().isEmpty()) {
				throw new WsConfigurationException(capitalize(endpoint.source()) + " declares no path.",
						"Give it paths, in @WsEndpoint(\"/path\") or in 'ws.endpoints." + endpoint.id() + ".paths'.");
			}
			for (String path : endpoint.paths()) {
				if (!StringUtils.hasText(path) || !path.startsWith("/")) {
					throw new WsConfigurationException(capitalize(endpoint.source()) + " has path '" + path
							+ "' which does not start with '/'.", "Start the path with '/', as in '/" + path + "'.");
				}
				try {
					parser.parse(path);
				}
				catch (PatternParseException ex) {
					throw new WsConfigurationException(capitalize(endpoint.source()) + " has invalid path '" + path
							+ "': " + ex.getMessage() + ".", "Fix the path; it is a Spring path pattern, such as "
									+ "'/rooms/{room}'.", ex);
				}
				String shape = VARIABLE.matcher(path).replaceAll("{}");
				Endpoint other = claimed.putIfAbsent(shape, endpoint);
				if (other != null) {
					String otherPath = other.paths().stream()
						.filter((candidate) -> VARIABLE.matcher(candidate).replaceAll("{}").equals(shape))
						.findFirst()
						.orElse(path);
					throw new WsConfigurationException("Path '" + path + "' of endpoint '" + endpoint.id() + "' ("
							+ endpoint.source() + ") is already claimed as '" + otherPath + "' by endpoint '"
							+ other.id() + "' (" + other.source() + ").",
							"Serve each path from one endpoint only; paths that differ only in the names of their "
									+ "variables are the same path.");
				}
			}
		}
	}

	static EndpointSettings settings(WsProperties properties) {
		return settings(properties, null, null);
	}

	static EndpointSettings settings(WsProperties properties, Function<String, @Nullable String> written) {
		return settings(properties, null, null, written);
	}

	static EndpointSettings settings(WsProperties global, @Nullable String id, WsProperties.@Nullable Endpoint endpoint) {
		return settings(global, id, endpoint, (name) -> null);
	}

	static EndpointSettings settings(WsProperties global, @Nullable String id, WsProperties.@Nullable Endpoint endpoint,
			Function<String, @Nullable String> written) {
		ValueCheck check = new ValueCheck(written);
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
		check.requirePositive(property(id, local.getMaxMessageSize(), "max-message-size"), maxMessageSize.toBytes(),
				maxMessageSize);
		check.requirePositive(property(id, local.getSendBufferLimit(), "send-buffer-limit"), sendBufferLimit.toBytes(),
				sendBufferLimit);
		check.requirePositive(property(id, local.getSendTimeLimit(), "send-time-limit"), sendTimeLimit.toMillis(),
				sendTimeLimit);
		if (heartbeatEnabled) {
			check.requirePositive(property(id, local.getHeartbeat().getInterval(), "heartbeat.interval"),
					heartbeatInterval.toMillis(), heartbeatInterval);
		}
		if (maxConnections != null) {
			check.requirePositive(property(id, local.getMaxConnections(), "max-connections"), maxConnections,
					maxConnections);
		}
		if (idleTimeout != null) {
			check.requirePositive(property(id, local.getIdleTimeout(), "idle-timeout"), idleTimeout.toMillis(),
					idleTimeout);
		}
		List<String> origins = pick(local.getAllowedOrigins(), global.getAllowedOrigins());
		for (String origin : origins) {
			if (origin.isBlank() || origin.endsWith("/")) {
				throw new WsConfigurationException("Property '" + property(id, local.getAllowedOrigins(),
						"allowed-origins") + "' has '" + origin + "', which is not an origin.",
						"Give origins as scheme://host[:port], without a path, such as 'https://app.example.com'.");
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

	/**
	 * Default endpoint id of a bean: its name, with the '.' of a nested class's default
	 * name ({@code outer.Inner}) made '-', so that the id can key {@code ws.endpoints}.
	 */
	static String defaultId(String beanName) {
		return beanName.replace('.', '-');
	}

	private static String capitalize(String text) {
		return Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

	/**
	 * Checks values, showing them as the user wrote them.
	 */
	private record ValueCheck(Function<String, @Nullable String> written) {

		void requirePositive(String property, long value, Object shown) {
			if (value <= 0) {
				String raw = this.written.apply(property);
				throw new WsConfigurationException("Property '" + property + "' must be positive but was "
						+ ((raw != null) ? raw : format(shown)) + ".", action(property));
			}
		}

		private static String action(String property) {
			String name = property.substring(property.lastIndexOf('.') + 1);
			if (property.endsWith("heartbeat.interval")) {
				return "Set '" + property + "' to a positive duration, such as 30s, or turn the heartbeat off with '"
						+ property.replace("interval", "enabled") + "=false'.";
			}
			if (name.equals("max-connections")) {
				return "Set '" + property + "' to a positive number, or remove it for no limit.";
			}
			if (name.equals("idle-timeout")) {
				return "Set '" + property + "' to a positive duration, such as 5m, or remove it to keep idle "
						+ "connections open.";
			}
			if (name.endsWith("-limit") && !name.startsWith("send-time")) {
				return "Set '" + property + "' to a positive size, such as 1MB.";
			}
			if (name.equals("max-message-size")) {
				return "Set '" + property + "' to a positive size, such as 64KB.";
			}
			return "Set '" + property + "' to a positive duration, such as 10s.";
		}

		/**
		 * Format a value in the units a user writes, for values the environment does not
		 * hold as written.
		 */
		static String format(Object value) {
			if (value instanceof Duration duration) {
				return DurationFormat.format(duration);
			}
			if (value instanceof DataSize size) {
				long bytes = size.toBytes();
				DataUnit[] units = { DataUnit.TERABYTES, DataUnit.GIGABYTES, DataUnit.MEGABYTES, DataUnit.KILOBYTES };
				String[] suffixes = { "TB", "GB", "MB", "KB" };
				for (int i = 0; i < units.length; i++) {
					long unitBytes = DataSize.of(1, units[i]).toBytes();
					if (bytes != 0 && bytes % unitBytes == 0) {
						return (bytes / unitBytes) + suffixes[i];
					}
				}
				return bytes + "B";
			}
			return String.valueOf(value);
		}

	}

	/**
	 * Durations as a user writes them: {@code 0s}, {@code 30s}, {@code 1500ms}, {@code 5m}.
	 */
	static final class DurationFormat {

		private DurationFormat() {
		}

		static String format(Duration duration) {
			if (duration.isZero()) {
				return "0s";
			}
			long millis = duration.toMillis();
			if (Duration.ofMillis(millis).equals(duration)) {
				long[] sizes = { 86_400_000, 3_600_000, 60_000, 1000 };
				String[] suffixes = { "d", "h", "m", "s" };
				for (int i = 0; i < sizes.length; i++) {
					if (millis % sizes[i] == 0) {
						return (millis / sizes[i]) + suffixes[i];
					}
				}
				return millis + "ms";
			}
			return duration.toNanos() + "ns";
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
	 */
	record Endpoint(String id, String beanName, List<String> paths, EndpointSettings settings, String source) {

	}

}
