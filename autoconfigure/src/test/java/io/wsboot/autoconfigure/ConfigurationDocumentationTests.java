package io.wsboot.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps {@code docs/configuration.md} the table of the configuration metadata (what the
 * configuration processor generates from the properties' Javadoc, plus the additional
 * metadata): fails when the file is out of date. To regenerate it after changing a
 * property, run from the repository's root:
 *
 * <pre>
 * mvn -o -q -pl autoconfigure test -Dtest=ConfigurationDocumentationTests -Dwsboot.docs.update=true
 * </pre>
 */
class ConfigurationDocumentationTests {

	static final Path DOCUMENT = Path.of("..", "docs", "configuration.md");

	static final String UPDATE_PROPERTY = "wsboot.docs.update";

	@Test
	void configurationDocumentIsUpToDate() throws IOException {
		String generated = generate(WsAutoConfigurationTests.ownMetadata());
		if (Boolean.getBoolean(UPDATE_PROPERTY)) {
			Files.writeString(DOCUMENT, generated, StandardCharsets.UTF_8);
		}
		assertThat(DOCUMENT).as("docs/configuration.md").exists();
		assertThat(Files.readString(DOCUMENT, StandardCharsets.UTF_8))
			.as("docs/configuration.md is out of date: regenerate it with "
					+ "'mvn -o -q -pl autoconfigure test -Dtest=ConfigurationDocumentationTests -D" + UPDATE_PROPERTY
					+ "=true'")
			.isEqualTo(generated);
	}

	@Test
	void documentListsEveryServerClientAndEndpointProperty() throws IOException {
		String generated = generate(WsAutoConfigurationTests.ownMetadata());
		assertThat(generated).contains("| `ws.heartbeat.interval` | `30s` |")
			.contains("| `ws.endpoints.<id>.heartbeat.interval` | `ws.heartbeat.interval` |")
			.contains("| `ws.client.reconnect.max-delay` | `30s` |")
			.contains("| `ws.max-message-size` | `64KB` |");
	}

	static String generate(String json) {
		List<Map<String, Object>> properties = JsonPath.read(json, "$.properties[*]");
		StringBuilder out = new StringBuilder();
		out.append("<!-- Generated from the configuration metadata by ConfigurationDocumentationTests: do not edit.\n");
		out.append("     Change the properties' Javadoc (or additional-spring-configuration-metadata.json), then run\n");
		out.append("     mvn -o -q -pl autoconfigure test -Dtest=ConfigurationDocumentationTests -D")
			.append(UPDATE_PROPERTY)
			.append("=true -->\n");
		out.append("# Configuration\n\n");
		out.append("Every property completes in the IDE with its description. Settings under `ws.*` are the\n");
		out.append("defaults of every endpoint; the same names under `ws.endpoints.<id>.*` override them for\n");
		out.append("one endpoint. Every property also works from the command line, e.g.\n");
		out.append("`java -jar app.jar --server.port=9000 --ws.heartbeat.interval=5s`.\n\n");
		out.append("An endpoint's id is its bean name unless `@WsEndpoint(id = ...)` says otherwise; a nested\n");
		out.append("class, whose bean is named `outer.Inner`, has the id `outer-Inner`, so that it can key\n");
		out.append("`ws.endpoints` in YAML.\n\n");
		out.append("The starter also lifts Tomcat's `server.tomcat.max-connections` (8192) to unlimited when the\n");
		out.append("application has not set it: see [operations](operations.md#connections-past-8192).\n\n");
		section(out, "Server", "", properties,
				(name) -> !name.startsWith("ws.client.") && !name.startsWith("ws.endpoints"));
		section(out, "Per endpoint", "A setting left unset takes the global value named in the default column.\n\n",
				properties, (name) -> name.startsWith("ws.endpoints.*."));
		section(out, "Client", "The defaults of every auto-configured `WsClient.Builder`: see [the client](client.md).\n\n",
				properties, (name) -> name.startsWith("ws.client."));
		return out.toString();
	}

	private static void section(StringBuilder out, String title, String intro, List<Map<String, Object>> properties,
			Predicate<String> selected) {
		out.append("## ").append(title).append("\n\n").append(intro);
		out.append("| property | default | meaning |\n|---|---|---|\n");
		for (Map<String, Object> property : properties) {
			String name = (String) property.get("name");
			if (!selected.test(name)) {
				continue;
			}
			String shown = name.replace("ws.endpoints.*.", "ws.endpoints.<id>.");
			if (name.equals("ws.client.headers")) {
				shown = "ws.client.headers.<name>";
			}
			out.append("| `").append(shown).append("` | ").append(defaultValue(name, property)).append(" | ");
			String description = String.valueOf(property.get("description")).replace("\n", " ");
			// the wildcard of the metadata's names is <id> in this table
			description = description.replace("; '*' stands for the endpoint id.", ".")
				.replace(" '*' stands for the endpoint id.", "");
			out.append(description.replace("|", "\\|"));
			out.append(" |\n");
		}
		out.append("\n");
	}

	private static String defaultValue(String name, Map<String, Object> property) {
		if (name.startsWith("ws.endpoints.*.")) {
			String key = name.substring("ws.endpoints.*.".length());
			return switch (key) {
				case "paths" -> "the `@WsEndpoint` paths";
				case "handler" -> "the `@WsEndpoint` bean with id `<id>`";
				default -> "`ws." + key + "`";
			};
		}
		Object value = property.get("defaultValue");
		if (value == null) {
			return "—";
		}
		if (value instanceof List<?> list) {
			return list.isEmpty() ? "—" : "`" + String.join(", ", list.stream().map(String::valueOf).toList()) + "`";
		}
		return "`" + value + "`";
	}

}
