package dev.hoist.core;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import dev.hoist.core.internal.Checksums;
import dev.hoist.testsupport.MigrationFiles;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Locations, Java migrations, the transaction lock mode and the other settings.
 */
@PostgresTest
class EngineOptionsTests {

	private TestDatabase database;

	@BeforeEach
	void cleanDatabase(TestDatabase database) {
		this.database = database;
		database.execute("DROP SCHEMA IF EXISTS app CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public");
	}

	@Test
	void readsClasspathDirectoriesIncludingSubdirectories() {
		MigrateResult result = Hoist.configure()
			.dataSource(this.database.dataSource())
			.locations("classpath:db/classpath-test")
			.load()
			.migrate();

		assertThat(result.applied()).extracting(MigrationInfo::script)
			.containsExactly("V1__from_classpath.sql", "R__classpath_view.sql");
	}

	@Test
	void readsMigrationsPackagedInAJar(@org.junit.jupiter.api.io.TempDir Path temp) throws IOException {
		Path jar = temp.resolve("service.jar");
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
			// directory entries, as Maven and Spring Boot write them
			for (String directory : List.of("db/", "db/migration/", "db/other/")) {
				out.putNextEntry(new JarEntry(directory));
				out.closeEntry();
			}
			add(out, "db/migration/V1__in_jar.sql", "CREATE TABLE in_jar (id int);");
			add(out, "db/migration/V2__also_in_jar.sql", "ALTER TABLE in_jar ADD COLUMN name text;");
			add(out, "db/other/V9__not_here.sql", "SELECT 1;");
			// larger than what is kept in memory: read again from the jar when it runs
			add(out, "db/migration/V3__large_in_jar.sql",
					"INSERT INTO in_jar (id, name) VALUES (1, 'x');\r\n".repeat(8_000));
		}
		try (URLClassLoader loader = new URLClassLoader(new URL[] { jar.toUri().toURL() }, null)) {
			MigrateResult result = Hoist.configure()
				.dataSource(this.database.dataSource())
				.classLoader(loader)
				.load()
				.migrate();

			assertThat(result.applied()).extracting(MigrationInfo::script)
				.containsExactly("V1__in_jar.sql", "V2__also_in_jar.sql", "V3__large_in_jar.sql");
		}
		assertThat(this.database.queryForLong("SELECT count(*) FROM in_jar")).isEqualTo(8_000);
		assertThat(this.database.queryForString("SELECT checksum FROM hoist_schema_history WHERE version = '3'"))
			.isEqualTo(Checksums.sha256("INSERT INTO in_jar (id, name) VALUES (1, 'x');\n".repeat(8_000)));
	}

	@Test
	void javaMigrationsRunInVersionOrderWithSqlOnesInsideTheirTransaction() {
		MigrationFiles files = MigrationFiles.create()
			.write("V1__shops.sql", "CREATE TABLE shops (id int, name text);")
			.write("V3__index.sql", "CREATE INDEX shops_name_idx ON shops (name);");

		MigrateResult result = TestHoist.configure(files, this.database)
			.javaMigrations(new V2__Seed_shops())
			.load()
			.migrate();

		assertThat(result.applied()).extracting(MigrationInfo::script)
			.containsExactly("V1__shops.sql", V2__Seed_shops.class.getName(), "V3__index.sql");
		assertThat(this.database.queryForLong("SELECT count(*) FROM shops")).isEqualTo(3);
		assertThat(this.database
			.queryForString("SELECT type || ':' || description FROM hoist_schema_history" + " WHERE version = '2'"))
			.isEqualTo("JAVA:Seed shops");
	}

	@Test
	void failingJavaMigrationIsRolledBackWithItsWork() {
		MigrationFiles files = MigrationFiles.create().write("V1__shops.sql", "CREATE TABLE shops (id int);");
		JavaMigration failing = new JavaMigration() {
			@Override
			public MigrationVersion version() {
				return MigrationVersion.parse("2");
			}

			@Override
			public String description() {
				return "half a backfill";
			}

			@Override
			public void up(Connection connection) throws Exception {
				try (Statement statement = connection.createStatement()) {
					statement.execute("INSERT INTO shops VALUES (1)");
				}
				throw new IllegalStateException("backfill found a shop without an owner");
			}
		};

		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> TestHoist.configure(files, this.database).javaMigrations(failing).load().migrate())
			.withMessageContaining("backfill found a shop without an owner");
		assertThat(this.database.queryForLong("SELECT count(*) FROM shops")).isZero();
		assertThat(this.database.queryForLong("SELECT count(*) FROM hoist_schema_history")).isEqualTo(1);
	}

	@Test
	void transactionLockModeLetsFourInstancesMigrateWithNoLockLeftBehind() throws Exception {
		MigrationFiles files = MigrationFiles.create().write("V0__log.sql", "CREATE TABLE applied_log (step int);");
		for (int i = 1; i <= 10; i++) {
			files.write("V" + i + "__step.sql",
					"CREATE TABLE t" + i + " (id int);\nINSERT INTO applied_log VALUES (" + i + ");");
		}
		CountDownLatch start = new CountDownLatch(1);
		List<CompletableFuture<MigrateResult>> runs = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			Hoist hoist = TestHoist.configure(files, this.database)
				.lockMode(HoistConfiguration.LockMode.TRANSACTION)
				.load();
			runs.add(CompletableFuture.supplyAsync(() -> {
				ConcurrentMigrateTests.await(start);
				return hoist.migrate();
			}));
		}
		start.countDown();

		List<MigrateResult> results = runs.stream().map((run) -> run.orTimeout(60, TimeUnit.SECONDS).join()).toList();

		assertThat(results.stream().mapToInt(MigrateResult::migrationsExecuted).sum()).isEqualTo(11);
		assertThat(this.database.queryForLong("SELECT count(DISTINCT step) FROM applied_log")).isEqualTo(10);
		assertThat(this.database.queryForLong("SELECT count(*) FROM applied_log")).isEqualTo(10);
		assertThat(this.database.queryForLong("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")).isZero();
	}

	@Test
	void transactionLockModeRefusesNonTransactionalMigrationsWithTheWayOut() {
		MigrationFiles files = MigrationFiles.create()
			.write("V1__t.sql", "CREATE TABLE t (id int);")
			.write("V2__idx.sql", "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY t_idx ON t (id);\n");

		assertThatExceptionOfType(HoistException.class)
			.isThrownBy(() -> TestHoist.configure(files, this.database)
				.lockMode(HoistConfiguration.LockMode.TRANSACTION)
				.load()
				.migrate())
			.withMessageContaining("V2__idx.sql")
			.withMessageContaining("lockMode(LockMode.SESSION)");
		assertThat(this.database.queryForList("SELECT script FROM hoist_schema_history")).containsExactly("V1__t.sql");
	}

	@Test
	void urlCredentialsSchemaTableAndInstalledByAreHonoured() {
		MigrationFiles files = MigrationFiles.create().write("V1__t.sql", "CREATE TABLE t (id int);");
		Hoist hoist = Hoist.configure()
			.url(this.database.jdbcUrl(), this.database.user(), this.database.password())
			.locations(files.location())
			.schema("app")
			.table("schema_log")
			.installedBy("deploy-bot")
			.load();

		hoist.migrate();

		assertThat(this.database.queryForString("SELECT installed_by FROM app.schema_log")).isEqualTo("deploy-bot");
		assertThat(this.database.queryForString("SELECT to_regclass('app.t')")).isNotNull();
		assertThat(hoist.status().revision()).hasToString("1");
	}

	@Test
	void versionsCompareNumericallyPartByPart() {
		assertThat(MigrationVersion.parse("2")).isLessThan(MigrationVersion.parse("10"));
		assertThat(MigrationVersion.parse("1_1")).isEqualTo(MigrationVersion.parse("1.1"));
		assertThat(MigrationVersion.parse("1.0")).isEqualTo(MigrationVersion.parse("1"));
		assertThat(MigrationVersion.parse("1.10")).isGreaterThan(MigrationVersion.parse("1.9"));
		assertThat(MigrationVersion.parse("20261121093000")).isGreaterThan(MigrationVersion.parse("999"));
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> MigrationVersion.parse("1.a"))
			.withMessageContaining("'1.a' is not a migration version");
	}

	private static void add(JarOutputStream out, String name, String content) throws IOException {
		out.putNextEntry(new JarEntry(name));
		OutputStream stream = out;
		stream.write(content.getBytes(StandardCharsets.UTF_8));
		out.closeEntry();
	}

	static class V2__Seed_shops implements JavaMigration {

		@Override
		public void up(Connection connection) throws Exception {
			try (Statement statement = connection.createStatement()) {
				statement.execute("INSERT INTO shops (id, name) SELECT g, 'shop ' || g FROM generate_series(1, 3) g");
			}
		}

	}

}
