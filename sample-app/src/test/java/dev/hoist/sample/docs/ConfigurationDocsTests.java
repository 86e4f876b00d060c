package dev.hoist.sample.docs;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the property table of {@code docs/configuration.md} generated from Hoist's
 * configuration metadata: fails when they drift apart. Rewrite the table with
 * {@code mvn -pl sample-app -am verify -Dtest=ConfigurationDocsTests -Dhoist.docs.update=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ConfigurationDocsTests {

	private static final Path PAGE = Path.of("..", "docs", "configuration.md");

	private static final String START = "<!-- hoist-properties:start (generated from the configuration metadata by ConfigurationDocsTests; do not edit) -->";

	private static final String END = "<!-- hoist-properties:end -->";

	@Test
	void propertyTableMatchesTheConfigurationMetadata() throws IOException {
		String page = Files.readString(PAGE, StandardCharsets.UTF_8);
		int start = page.indexOf(START);
		int end = page.indexOf(END);
		assertThat(start).as("the start marker in " + PAGE).isNotNegative();
		assertThat(end).as("the end marker in " + PAGE).isGreaterThan(start);
		String expected = START + "\n" + table(hoistProperties()) + END;
		String actual = page.substring(start, end + END.length());
		if (!actual.equals(expected) && Boolean.getBoolean("hoist.docs.update")) {
			Files.writeString(PAGE, page.substring(0, start) + expected + page.substring(end + END.length()),
					StandardCharsets.UTF_8);
			return;
		}
		assertThat(actual)
			.as("docs/configuration.md is out of date with the configuration metadata; rewrite it"
					+ " with -Dhoist.docs.update=true (see this test's Javadoc)")
			.isEqualTo(expected);
	}

	static String table(List<Map<String, Object>> properties) {
		StringBuilder table = new StringBuilder();
		table.append("| Property | Environment variable | Default | Description |\n");
		table.append("|---|---|---|---|\n");
		for (Map<String, Object> property : properties) {
			String name = (String) property.get("name");
			table.append("| `")
				.append(name)
				.append("` | `")
				.append(environmentVariable(name))
				.append("` | ")
				.append(defaultValue(property.get("defaultValue")))
				.append(" | ")
				.append(cell((String) property.getOrDefault("description", "")))
				.append(" |\n");
		}
		return table.toString();
	}

	/**
	 * The form the application and the command line both read: dots and dashes become
	 * underscores.
	 */
	static String environmentVariable(String name) {
		return name.replace(".", "_").replace("-", "_").toUpperCase(Locale.ROOT);
	}

	private static String defaultValue(Object value) {
		if (value == null) {
			return "";
		}
		String text = (value instanceof List<?> list) ? String.join(",", list.stream().map(String::valueOf).toList())
				: String.valueOf(value);
		return "`" + text + "`";
	}

	private static String cell(String text) {
		return text.replace("\r", "").replace("\n", " ").replace("|", "\\|").trim();
	}

	/**
	 * Hoist's own properties, and those it adds to Actuator's namespaces.
	 */
	private static boolean isHoists(String name) {
		return name.startsWith("hoist.") || name.startsWith("management.endpoint.migrations.")
				|| name.startsWith("management.health.migrations.") || name.startsWith("management.info.hoist.");
	}

	static List<Map<String, Object>> hoistProperties() throws IOException {
		for (URL url : Collections.list(ConfigurationDocsTests.class.getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json"))) {
			try (InputStream stream = url.openStream()) {
				String json = new String(stream.readAllBytes(), StandardCharsets.UTF_8);
				List<Map<String, Object>> properties = JsonPath.read(json, "$.properties[*]");
				List<Map<String, Object>> groups = JsonPath.read(json, "$.groups[?(@.name == 'hoist')]");
				if (!groups.isEmpty()) {
					return properties.stream()
						.filter((property) -> !property.containsKey("deprecation"))
						.filter((property) -> isHoists((String) property.get("name")))
						.sorted(Comparator.comparing((property) -> (String) property.get("name")))
						.toList();
				}
			}
		}
		throw new IllegalStateException("No configuration metadata with the 'hoist' group on the classpath");
	}

}
