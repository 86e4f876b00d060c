package dev.hoist.sample;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import com.jayway.jsonpath.JsonPath;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's jar as a plain {@code mvn package} builds it: it carries the migration
 * index, and started in Spring's ahead-of-time mode (what a native image runs) it
 * migrates, reports health, and starts again at the head from the index alone.
 */
@PostgresTest
class StartupIT {

	private static final Duration STARTUP = Duration.ofSeconds(120);

	private static final String INDEX = "BOOT-INF/classes/dev/hoist/migration.index";

	@Test
	void theJarCarriesAnIndexOfEveryMigrationFile() throws Exception {
		try (JarFile jar = new JarFile(RunningJar.packagedJar().toFile())) {
			Map<String, String> index = index(jar);
			List<String> files = jar.stream()
				.map(JarEntry::getName)
				.filter((name) -> name.startsWith("BOOT-INF/classes/db/migration/") && name.endsWith(".sql"))
				.map((name) -> name.substring("BOOT-INF/classes/".length()))
				.toList();
			assertThat(files).hasSize(7);
			assertThat(index).containsOnlyKeys(files);
			assertThat(index.get("db/migration/V1__initial_schema.sql")).matches("[0-9a-f]{64}\tV\t1\tdown");
			assertThat(index.get("db/migration/R__shop_dashboard.sql")).endsWith("\tR\t-\tnone");
		}
	}

	@Test
	void migratesInAheadOfTimeModeThenStartsAtTheHeadFromTheIndex(TestDatabase database, @TempDir Path directory)
			throws Exception {
		Map<String, String> environment = Map.of("DATABASE_URL", database.postgresUrl(), "JAVA_TOOL_OPTIONS",
				"-Dspring.aot.enabled=true", "LOGGING_LEVEL_DEV_HOIST_CORE_INTERNAL", "debug");
		try (RunningJar jar = RunningJar.start(directory, environment).awaitReady(STARTUP)) {
			String health = jar.http().get("/actuator/health").body();
			assertThat((String) JsonPath.read(health, "$.status")).isEqualTo("UP");
			assertThat((String) JsonPath.read(health, "$.components.migrations.details.revision")).isEqualTo("7");
			assertThat(jar.output()).contains("Starting AOT-processed")
				.contains("Hoist: applied 8 migrations")
				.contains("from the build-time index");
		}
		Map<String, String> index;
		try (JarFile jar = new JarFile(RunningJar.packagedJar().toFile())) {
			index = index(jar);
		}
		// history holds the checksums of the files as read when they were applied
		for (String script : List.of("V1__initial_schema.sql", "V6__orders_by_shop_index.sql",
				"R__shop_dashboard.sql")) {
			assertThat(index.get("db/migration/" + script))
				.startsWith(database.queryForString("SELECT checksum FROM hoist_schema_history WHERE script = '"
						+ script + "' ORDER BY installed_rank DESC LIMIT 1"));
		}
		try (RunningJar jar = RunningJar.start(Files.createDirectories(directory.resolve("again")), environment)
			.awaitReady(STARTUP)) {
			assertThat(jar.output()).contains("Starting AOT-processed")
				.contains("7 files of classpath:db/migration from the build-time index")
				.contains("is up to date at revision 7")
				.doesNotContain("not using the migration index");
		}
	}

	// path -> checksum, type, version, down
	private static Map<String, String> index(JarFile jar) throws Exception {
		JarEntry entry = jar.getJarEntry(INDEX);
		assertThat(entry).as("the migration index in the jar").isNotNull();
		Map<String, String> index = new LinkedHashMap<>();
		try (InputStream in = jar.getInputStream(entry)) {
			for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
				if (!line.startsWith("#")) {
					String[] fields = line.split("\t");
					index.put(fields[0], String.join("\t", fields[3], fields[4], fields[5], fields[6]));
				}
			}
		}
		return index;
	}

}
