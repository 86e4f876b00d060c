package dev.hoist.core;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.hoist.core.internal.MigrationIndex;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a start at the head loads: Hoist's classes counted in a JVM of its own, so that a
 * change that drags the parser, the checksums or the lock onto the common path shows.
 */
@PostgresTest
class NoOpFootprintTests {

	/**
	 * Hoist's classes (lambdas included) on a start at the head from an indexed jar: 76
	 * measured, most of them the configuration, the database URL and the plan's values.
	 */
	static final int HOIST_CLASSES = 78;

	@TempDir
	Path temp;

	@Test
	void aStartAtTheHeadLoadsFewOfHoistsClassesAndNoneOfTheParserOrTheLock(TestDatabase database) throws Exception {
		Path classes = Files.createDirectories(this.temp.resolve("classes/db/migration"));
		for (int i = 1; i <= 100; i++) {
			Files.writeString(classes.resolve("V" + i + "__step_" + i + ".sql"),
					"-- migrate:up\nCREATE TABLE t" + i + " (id int);\n-- migrate:down\nDROP TABLE t" + i + ";\n");
		}
		Path root = this.temp.resolve("classes");
		MigrationIndex.write(root, root.resolve(MigrationIndex.RESOURCE));
		Path jar = this.temp.resolve("app.jar");
		CountingJar.of(root, jar).close();
		try (URLClassLoader loader = new URLClassLoader(new URL[] { jar.toUri().toURL() }, null)) {
			Hoist.configure()
				.url(database.jdbcUrl(), database.user(), database.password())
				.classLoader(loader)
				.load()
				.migrate();
		}

		List<String> loaded = hoistClassesLoadedByAStart(database, jar);

		assertThat(loaded).contains("dev.hoist.core.internal.IndexedFiles")
			// the executor's failure type is loaded with MigrateCommand (it is caught
			// there),
			// the executor itself is not
			.noneMatch((name) -> name.contains("SqlMigrationParser") || name.contains("SqlSplitter")
					|| name.equals("dev.hoist.core.internal.MigrationExecutor") || name.contains("Checksums")
					|| name.contains("AdvisoryLock") || name.contains(".lint.") || name.contains("Session"));
		assertThat(loaded).as("Hoist's classes loaded by a start at the head: %s", loaded)
			.hasSizeLessThanOrEqualTo(HOIST_CLASSES);
	}

	private List<String> hoistClassesLoadedByAStart(TestDatabase database, Path jar)
			throws IOException, InterruptedException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		ProcessBuilder builder = new ProcessBuilder(java, "-Xshare:off", "-Xlog:class+load=info", "-cp",
				System.getProperty("java.class.path"), NoOpStartChild.class.getName(), database.jdbcUrl(),
				database.user(), jar.toString())
			.redirectErrorStream(true);
		builder.environment().put("PGPASSWORD", database.password());
		Process process = builder.start();
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).contains("revision=100 applied=0");
		List<String> loaded = new ArrayList<>();
		boolean started = false;
		for (String line : output.lines().toList()) {
			if (line.contains("hoist-footprint: start")) {
				started = true;
			}
			int at = line.indexOf("[class,load] dev.hoist.core.");
			if (started && at >= 0) {
				loaded.add(line.substring(at + "[class,load] ".length()).split(" ")[0]);
			}
		}
		return loaded;
	}

}
