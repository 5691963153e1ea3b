package io.wsboot.autoconfigure;

import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration metadata IDEs read for the per-endpoint keys
 * {@code ws.endpoints.<id>.*}: the map's value type, which IntelliJ IDEA and the Spring
 * Tools follow to complete keys under an id, and one {@code ws.endpoints.*.<key>} entry
 * with a description for each key, which tools that read the metadata only show.
 */
class EndpointMetadataTests {

	private String json;

	@BeforeEach
	void readMetadata() throws IOException {
		this.json = WsAutoConfigurationTests.ownMetadata();
	}

	@Test
	void typesTheEndpointsMapWithItsValueType() {
		List<String> types = JsonPath.read(this.json, "$.properties[?(@.name == 'ws.endpoints')].type");
		assertThat(types)
			.containsExactly("java.util.Map<java.lang.String,io.wsboot.autoconfigure.WsProperties$Endpoint>");
	}

	@Test
	void describesEveryPerEndpointKey() throws Exception {
		Map<String, Class<?>> keys = new LinkedHashMap<>();
		collect("", WsProperties.Endpoint.class, keys);
		assertThat(keys).containsKeys("paths", "handler", "heartbeat.interval", "heartbeat.enabled",
				"compression.enabled", "max-message-size", "idle-timeout");
		Map<String, Map<String, Object>> entries = new LinkedHashMap<>();
		List<Map<String, Object>> properties = JsonPath.read(this.json, "$.properties[*]");
		for (Map<String, Object> property : properties) {
			String name = (String) property.get("name");
			if (name.startsWith("ws.endpoints.*.")) {
				entries.put(name.substring("ws.endpoints.*.".length()), property);
			}
		}
		assertThat(entries).containsOnlyKeys(keys.keySet());
		entries.forEach((key, entry) -> {
			assertThat(entry.get("description")).as("description of %s", key).asString().isNotBlank();
			assertThat(entry.get("sourceType")).isEqualTo(WsProperties.Endpoint.class.getName());
			assertThat((String) entry.get("type")).as("type of %s", key).startsWith(keys.get(key).getName());
		});
		assertThat(entries.get("heartbeat.interval").get("description"))
			.isEqualTo("Time between two pings of a connection of this endpoint. Overrides 'ws.heartbeat.interval' "
					+ "for this endpoint; '*' stands for the endpoint id.");
		assertThat(entries.get("heartbeat.interval").get("type")).isEqualTo(Duration.class.getName());
		assertThat(entries.get("max-message-size").get("type")).isEqualTo(DataSize.class.getName());
	}

	@Test
	void hintsAtTheEndpointIdsAsMapKeys() {
		List<String> values = JsonPath.read(this.json, "$.hints[?(@.name == 'ws.endpoints.keys')].values[*].description");
		assertThat(values).singleElement().asString().contains("@WsEndpoint");
	}

	/**
	 * Collect the bindable properties of a type as kebab-case keys, descending into the
	 * nested groups (a getter without a setter of a type of WsProperties).
	 */
	private static void collect(String prefix, Class<?> type, Map<String, Class<?>> keys) throws Exception {
		for (PropertyDescriptor descriptor : Introspector.getBeanInfo(type, Object.class).getPropertyDescriptors()) {
			String key = prefix + kebab(descriptor.getName());
			Class<?> propertyType = descriptor.getPropertyType();
			if (descriptor.getWriteMethod() == null && propertyType.getEnclosingClass() == WsProperties.class) {
				collect(key + ".", propertyType, keys);
			}
			else if (descriptor.getWriteMethod() != null) {
				keys.put(key, propertyType);
			}
		}
	}

	private static String kebab(String name) {
		return name.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
	}

}
