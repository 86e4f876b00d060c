package dev.hoist.sample.docs;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;

import dev.hoist.core.Hoist;
import dev.hoist.core.HoistException;
import dev.hoist.core.MigrateResult;
import dev.hoist.sample.docs.MarkdownSnippets.Snippet;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import net.minidev.json.parser.JSONParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.classreading.SimpleMetadataReaderFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every fenced code block in {@code docs/} and the README is compiled, applied, parsed or
 * checked against the build, so that what a reader copies works: Java snippets compile as
 * they are (imports included) against the application's classpath; migration files apply,
 * revert with their down sections and apply again on a real PostgreSQL, page by page as a
 * reader would add them; YAML, JSON, properties and XML parse; every Hoist setting a
 * snippet names exists; the dependency snippets name this build's starter, the plugin
 * snippets its Maven plugin. The SQL blocks of {@code lint.md} are run by core's
 * {@code LintDocsTests}, the separate-credentials recipe of {@code operations.md} by
 * {@code SeparateCredentialsIT}, the property table of {@code configuration.md} by
 * {@link ConfigurationDocsTests}.
 */
@PostgresTest
class DocsSnippetsTests {

	private static final Path README = Path.of("..", "README.md");

	/** Languages this test knows what to do with; a new one needs a check here first. */
	private static final Set<String> LANGUAGES = Set.of("", "java", "sql", "yaml", "json", "properties", "xml",
			"kotlin");

	private static final Pattern HOIST_PROPERTY = Pattern.compile("(?<![\\w.-])(hoist\\.[a-z][a-z0-9.-]*[a-z0-9])");

	private static final Pattern HOIST_VARIABLE = Pattern.compile("(?<![\\w$])(HOIST_[A-Z0-9_]+)=");

	@Test
	void everySnippetHasALanguageThisTestChecks() {
		assertThat(allSnippets())
			.allSatisfy((snippet) -> assertThat(LANGUAGES).as(snippet.toString()).contains(snippet.language()));
	}

	@Test
	void javaSnippetsCompileAsTheyAre(@TempDir Path classes) {
		List<Snippet> java = allSnippets().filter((snippet) -> snippet.language().equals("java")).toList();
		assertThat(java).hasSizeGreaterThanOrEqualTo(3);
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		for (Snippet snippet : java) {
			DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
			List<String> options = List.of("-proc:none", "-d", classes.toString(), "-classpath", classpath());
			boolean compiled = compiler
				.getTask(null, null, diagnostics, options, null, List.of(new SnippetSource(snippet)))
				.call();
			assertThat(compiled).as(() -> snippet + " does not compile:\n" + diagnostics.getDiagnostics()).isTrue();
		}
	}

	@Test
	void migrationSnippetsApplyRevertAndApplyAgain(TestDatabase database, @TempDir Path directory) throws IOException {
		int pages = 0;
		for (Path page : pages()) {
			List<Snippet> migrations = MarkdownSnippets.read(page)
				.stream()
				.filter((snippet) -> snippet.info().equals("sql") && snippet.text().startsWith("-- migrate:up"))
				.toList();
			if (migrations.isEmpty()) {
				continue;
			}
			pages++;
			String schema = page.getFileName().toString().replace(".md", "").replace('-', '_');
			Path files = Files.createDirectories(directory.resolve(schema));
			database.execute("CREATE SCHEMA " + schema);
			int version = 0;
			List<Snippet> placeholders = new ArrayList<>();
			for (Snippet snippet : migrations) {
				if (snippet.text().contains("-- hoist:todo")) {
					placeholders.add(snippet);
					continue;
				}
				Files.writeString(files.resolve("V" + (++version) + "__snippet_line_" + snippet.line() + ".sql"),
						snippet.text(), StandardCharsets.UTF_8);
			}
			Hoist hoist = Hoist.configure()
				.dataSource(database.dataSource())
				.locations("filesystem:" + files)
				.schema(schema)
				.load();
			MigrateResult first = hoist.migrate();
			assertThat(first.migrationsExecuted()).as(page + ": its migrations").isEqualTo(version);
			assertThat(hoist.downgradeTo("0").migrationsReverted()).as(page + ": reverted").isEqualTo(version);
			assertThat(database.queryForLong("SELECT count(*) FROM pg_class c JOIN pg_namespace n"
					+ " ON n.oid = c.relnamespace WHERE n.nspname = '" + schema + "'"
					+ " AND c.relname NOT LIKE 'hoist_schema_history%'"))
				.as(page + ": objects left after the down sections")
				.isZero();
			assertThat(hoist.migrate().migrationsExecuted()).as(page + ": applied again").isEqualTo(version);
			// what the page says of a file still holding its placeholder: it is refused
			for (Snippet placeholder : placeholders) {
				Path file = files.resolve("V" + (version + 1) + "__placeholder.sql");
				Files.writeString(file, placeholder.text(), StandardCharsets.UTF_8);
				assertThatExceptionOfType(HoistException.class).as(placeholder.toString())
					.isThrownBy(hoist::migrate)
					.withMessageContaining(file.getFileName().toString());
				Files.delete(file);
			}
		}
		assertThat(pages).as("pages with migration files").isGreaterThanOrEqualTo(3);
	}

	@Test
	void yamlJsonPropertiesAndXmlSnippetsParse() throws Exception {
		List<Snippet> snippets = allSnippets()
			.filter((snippet) -> Set.of("yaml", "json", "properties", "xml").contains(snippet.language()))
			.toList();
		assertThat(snippets).extracting(Snippet::language).contains("yaml", "json", "properties", "xml");
		for (Snippet snippet : snippets) {
			switch (snippet.language()) {
				case "yaml" ->
					assertThat(flatten("", new Yaml().load(snippet.text()))).as(snippet.toString()).isNotEmpty();
				case "json" -> {
					// a component of a larger document ("migrations": {...}) is shown as
					// such
					String json = snippet.text().strip().startsWith("\"") ? "{" + snippet.text() + "}" : snippet.text();
					assertThat(new JSONParser(JSONParser.MODE_RFC4627).parse(json)).as(snippet.toString()).isNotNull();
				}
				case "properties" -> assertThat(properties(snippet)).as(snippet.toString()).isNotEmpty();
				default -> assertThat(xml(snippet).getDocumentElement()).as(snippet.toString()).isNotNull();
			}
		}
	}

	@Test
	void everyHoistSettingASnippetNamesExists() throws IOException {
		Set<String> known = new LinkedHashSet<>();
		ConfigurationDocsTests.hoistProperties().forEach((property) -> known.add((String) property.get("name")));
		known.addAll(pluginParameters());
		Set<String> variables = new LinkedHashSet<>();
		known.forEach((name) -> variables.add(ConfigurationDocsTests.environmentVariable(name)));
		List<String> named = new ArrayList<>();
		allSnippets().forEach((snippet) -> {
			Set<String> properties = new LinkedHashSet<>();
			switch (snippet.language()) {
				case "yaml" -> properties.addAll(flatten("", new Yaml().load(snippet.text())).keySet());
				case "properties" -> properties(snippet).stringPropertyNames().forEach(properties::add);
				case "java", "sql", "json", "xml", "kotlin" -> {
					// code and output: the settings they name are in their own form
				}
				default -> {
					Matcher property = HOIST_PROPERTY.matcher(snippet.text());
					while (property.find()) {
						properties.add(property.group(1));
					}
				}
			}
			properties.stream().filter((name) -> name.startsWith("hoist.")).forEach((name) -> {
				named.add(name);
				assertThat(known).as(snippet + " names " + name).contains(name);
			});
			Matcher variable = HOIST_VARIABLE.matcher(snippet.text());
			while (variable.find()) {
				named.add(variable.group(1));
				assertThat(variables).as(snippet + " sets " + variable.group(1)).contains(variable.group(1));
			}
		});
		assertThat(named).as("settings named in snippets").hasSizeGreaterThan(5);
	}

	@Test
	void dependencyAndPluginSnippetsNameThisBuildsStarterAndPlugin() throws Exception {
		Document starter = DocumentBuilderFactory.newInstance()
			.newDocumentBuilder()
			.parse(Path.of("..", "starter", "pom.xml").toFile());
		String artifactId = text(starter, "/project/artifactId");
		String version = text(starter, "/project/parent/version");
		String pluginArtifactId = text(DocumentBuilderFactory.newInstance()
			.newDocumentBuilder()
			.parse(Path.of("..", "maven-plugin", "pom.xml").toFile()), "/project/artifactId");
		List<Snippet> snippets = allSnippets()
			.filter((snippet) -> snippet.language().equals("xml") || snippet.language().equals("kotlin"))
			.toList();
		assertThat(snippets).isNotEmpty();
		for (Snippet snippet : snippets) {
			if (snippet.language().equals("xml")) {
				Document document = xml(snippet);
				// a <dependency> is the starter, a <plugin> this build's Maven plugin
				String root = document.getDocumentElement().getTagName();
				assertThat(root).as(snippet.toString()).isIn("dependency", "plugin");
				String expected = root.equals("plugin") ? "dev.hoist:" + pluginArtifactId + ":" + version
						: "dev.hoist:" + artifactId + ":" + version;
				assertThat(text(document, "/" + root + "/groupId") + ":" + text(document, "/" + root + "/artifactId")
						+ ":" + text(document, "/" + root + "/version"))
					.as(snippet.toString())
					.isEqualTo(expected);
			}
			else if (snippet.text().contains("implementation(")) {
				assertThat(snippet.text()).as(snippet.toString())
					.contains("implementation(\"dev.hoist:" + artifactId + ":" + version + "\")");
			}
			else {
				// other Gradle snippets (the index's annotation processor) name core
				assertThat(snippet.text()).as(snippet.toString()).contains("\"dev.hoist:hoist-core:");
			}
		}
	}

	/**
	 * The AOT section of {@code configuration.md} names every property a condition of
	 * Hoist's auto-configuration reads, since those are fixed when an AOT build is made.
	 */
	@Test
	void aotSectionNamesEverySettingAConditionReads() throws IOException {
		Set<String> conditions = new LinkedHashSet<>();
		SimpleMetadataReaderFactory readers = new SimpleMetadataReaderFactory();
		for (Resource resource : new PathMatchingResourcePatternResolver()
			.getResources("classpath*:dev/hoist/autoconfigure/**/*.class")) {
			AnnotationMetadata type = readers.getMetadataReader(resource).getAnnotationMetadata();
			conditionProperties(type, conditions);
			type.getDeclaredMethods().forEach((method) -> conditionProperties(method, conditions));
		}
		assertThat(conditions).as("properties read by conditions").contains("hoist.mode", "hoist.url");
		String section = section(Path.of("..", "docs", "configuration.md"), "### Ahead-of-time processing (AOT)");
		assertThat(conditions)
			.allSatisfy((name) -> assertThat(section).as("the AOT section names " + name).contains("`" + name));
	}

	private static void conditionProperties(AnnotatedTypeMetadata element, Set<String> names) {
		Stream
			.concat(element.getAnnotations().stream(ConditionalOnProperty.class),
					element.getAnnotations().stream(ConditionalOnBooleanProperty.class))
			.forEach((condition) -> names.addAll(propertyNames(condition)));
	}

	private static List<String> propertyNames(MergedAnnotation<?> condition) {
		String prefix = condition.getString("prefix");
		String[] names = condition.getStringArray("name");
		if (names.length == 0) {
			names = condition.getStringArray("value");
		}
		List<String> result = new ArrayList<>();
		for (String name : names) {
			result.add(prefix.isEmpty() ? name : prefix.replaceAll("\\.$", "") + "." + name);
		}
		return result;
	}

	private static String section(Path page, String heading) throws IOException {
		String text = Files.readString(page, StandardCharsets.UTF_8);
		int start = text.indexOf("\n" + heading + "\n");
		assertThat(start).as(heading + " in " + page).isNotNegative();
		int end = text.indexOf("\n#", start + heading.length() + 2);
		return text.substring(start, (end < 0) ? text.length() : end);
	}

	private static List<Path> pages() {
		try (Stream<Path> docs = Files.list(MarkdownSnippets.DOCS)) {
			List<Path> pages = new ArrayList<>(
					docs.filter((path) -> path.toString().endsWith(".md")).sorted().toList());
			pages.add(README);
			return pages;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Stream<Snippet> allSnippets() {
		// lint.md's blocks are rules' examples, each checked by core's LintDocsTests
		return pages().stream()
			.filter((page) -> !page.getFileName().toString().equals("lint.md"))
			.flatMap((page) -> MarkdownSnippets.read(page).stream());
	}

	// the Maven plugin's own -D parameters (hoist.description, hoist.main-class, ...), as
	// its goals declare them
	private static Set<String> pluginParameters() throws IOException {
		Set<String> parameters = new LinkedHashSet<>();
		Pattern declared = Pattern.compile("@Parameter\\([^)]*property = \"(hoist\\.[^\"]+)\"");
		try (Stream<Path> sources = Files.walk(Path.of("..", "maven-plugin", "src", "main", "java"))) {
			for (Path source : sources.filter((file) -> file.toString().endsWith(".java")).toList()) {
				Matcher parameter = declared.matcher(Files.readString(source));
				while (parameter.find()) {
					parameters.add(parameter.group(1));
				}
			}
		}
		assertThat(parameters).as("the Maven plugin's parameters").contains("hoist.description");
		return parameters;
	}

	private static Map<String, Object> flatten(String prefix, Object value) {
		Map<String, Object> flat = new LinkedHashMap<>();
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, child) -> flat.putAll(flatten(prefix + key + ".", child)));
		}
		else {
			flat.put(prefix.substring(0, prefix.length() - 1), value);
		}
		return flat;
	}

	private static Properties properties(Snippet snippet) {
		Properties properties = new Properties();
		try {
			properties.load(new StringReader(snippet.text()));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return properties;
	}

	private static Document xml(Snippet snippet) throws Exception {
		return DocumentBuilderFactory.newInstance()
			.newDocumentBuilder()
			.parse(new InputSource(new StringReader(snippet.text())));
	}

	private static String text(Document document, String path) throws Exception {
		return XPathFactory.newInstance().newXPath().evaluate(path, document);
	}

	/**
	 * The test's classpath as Surefire hands it over (its own class path may be a
	 * manifest jar).
	 */
	private static String classpath() {
		return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
	}

	private static final class SnippetSource extends SimpleJavaFileObject {

		private final String text;

		SnippetSource(Snippet snippet) {
			super(URI.create("string:///" + snippet.page()
				.getFileName()
				.toString()
				.replace(".md", "")
				.replace('-', '_')
				.toLowerCase(Locale.ROOT) + "_line_" + snippet.line() + ".java"), Kind.SOURCE);
			this.text = snippet.text();
		}

		@Override
		public CharSequence getCharContent(boolean ignoreEncodingErrors) {
			return this.text;
		}

	}

}
