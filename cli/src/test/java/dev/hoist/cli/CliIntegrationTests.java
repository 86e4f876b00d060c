package dev.hoist.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.SilentServer;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged jar run as operators run it: {@code java -jar hoist-cli.jar <command>} in
 * a process of its own, against a real PostgreSQL, reading its database from the
 * environment or from {@code .env.local}.
 */
@PostgresTest
class CliIntegrationTests {

	private static final List<String> COMMANDS = List.of("status", "history", "migrate", "downgrade", "validate",
			"check", "baseline", "repair", "clean", "drift", "verify", "new");

	private static final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	Path project;

	private TestDatabase database;

	private Path migrations;

	@BeforeEach
	void prepare(TestDatabase database) throws IOException {
		this.database = database;
		database.resetPublicSchema();
		// the CLI's default location, relative to the working directory
		this.migrations = Files.createDirectories(this.project.resolve("src/main/resources/db/migration"));
		write("V1__shops.sql", "-- migrate:up\nCREATE TABLE shops (id bigserial PRIMARY KEY, domain text);\n"
				+ "-- migrate:down\nDROP TABLE shops;\n");
		write("V2__orders.sql", "-- migrate:up\nCREATE TABLE orders (id bigserial PRIMARY KEY);\n"
				+ "-- migrate:down\nDROP TABLE orders;\n");
	}

	@Test
	void everyCommandHasHelpListingTheExitCodes() {
		for (String command : COMMANDS) {
			Run run = hoist(Map.of(), command, "--help");
			assertThat(run.exitCode()).as(command).isZero();
			assertThat(run.out()).as(command)
				.contains("Usage: hoist " + command)
				.contains("--json")
				.contains("Exit codes:")
				.contains("64   Usage error");
		}
		assertThat(hoist(Map.of(), "--help").out()).contains("DATABASE_URL").contains(".env.local");
	}

	@Test
	void statusMigrateHistoryAndCheckWithDatabaseUrlInTheEnvironment() {
		Map<String, String> env = Map.of("DATABASE_URL", this.database.postgresUrl());

		Run status = hoist(env, "status");
		assertThat(status.exitCode()).isZero();
		assertThat(status.out()).contains("Revision: (empty)").contains("State:    behind").contains("Pending:  2");
		assertThat(status.err()).contains("(DATABASE_URL from environment)");

		JsonNode statusJson = hoistJson(env, 0, "status", "--json");
		assertThat(statusJson.get("state").asString()).isEqualTo("behind");
		assertThat(statusJson.get("valid").asBoolean()).isTrue();
		assertThat(statusJson.get("pending")).hasSize(2);
		assertThat(statusJson.get("pending").get(0).get("script").asString()).isEqualTo("V1__shops.sql");
		assertThat(statusJson.get("revision").isNull()).isTrue();

		assertThat(hoist(env, "check").exitCode()).isEqualTo(1);

		Run migrate = hoist(env, "migrate");
		assertThat(migrate.exitCode()).isZero();
		assertThat(migrate.out()).contains("Applied 2 migrations").contains("revision (empty) -> 2");
		// the engine's own log lines reach the operator, on stderr
		assertThat(migrate.err()).contains("Hoist: applying filesystem:src/main/resources/db/migration/V1__shops.sql");

		Run history = hoist(env, "history");
		assertThat(history.exitCode()).isZero();
		assertThat(history.out()).contains("Rank").contains("Checksum").contains("V1__shops.sql".substring(4, 9));
		assertThat(history.out().lines().filter((line) -> line.endsWith("ok"))).hasSize(2);
		JsonNode historyJson = hoistJson(env, 0, "history", "--json");
		assertThat(historyJson.get("history")).hasSize(2);
		assertThat(historyJson.get("history").get(1).get("state").asString()).isEqualTo("applied");
		assertThat(historyJson.get("history").get(1).get("installedBy").asString()).isEqualTo(this.database.user());

		assertThat(hoist(env, "check").exitCode()).isZero();
		JsonNode checkJson = hoistJson(env, 0, "check", "--json");
		assertThat(checkJson.get("outcome").asString()).isEqualTo("current");
		assertThat(checkJson.get("revision").asString()).isEqualTo("2");
	}

	@Test
	void migrateAndDowngradeWithDatabaseUrlInDotenvLocal() throws IOException {
		Files.writeString(this.project.resolve(".env.local"), "DATABASE_URL=" + this.database.postgresUrl() + "\n");
		Files.writeString(this.project.resolve(".env"), "DATABASE_URL=postgres://nobody@127.0.0.1:1/nothing\n");

		JsonNode migrated = hoistJson(Map.of(), 0, "migrate", "--json", "--target", "1");
		assertThat(migrated.get("revision").asString()).isEqualTo("1");
		assertThat(migrated.get("applied")).hasSize(1);
		assertThat(migrated.get("lockWaitMs").isNumber()).isTrue();
		Run rest = hoist(Map.of(), "migrate");
		assertThat(rest.exitCode()).isZero();
		assertThat(rest.err()).contains("(DATABASE_URL from .env.local)");

		JsonNode downgraded = hoistJson(Map.of(), 0, "downgrade", "--steps", "1", "--json");
		assertThat(downgraded.get("initialRevision").asString()).isEqualTo("2");
		assertThat(downgraded.get("revision").asString()).isEqualTo("1");
		assertThat(downgraded.get("reverted").get(0).get("script").asString()).isEqualTo("V2__orders.sql");
		assertThat(this.database.queryForString("SELECT to_regclass('orders')")).isNull();

		Run toZero = hoist(Map.of(), "downgrade", "--target", "0");
		assertThat(toZero.exitCode()).isZero();
		assertThat(toZero.out()).contains("Reverted 1 migration").contains("revision 1 -> (empty)");
	}

	@Test
	void downgradeOfAnIrreversibleMigrationFailsWithOneAndTheReasonAndNeedsStepsOrTarget() {
		Map<String, String> env = Map.of("DATABASE_URL", this.database.postgresUrl());
		write("V3__backfill.sql", "INSERT INTO shops (domain) VALUES ('a.example');");
		assertThat(hoist(env, "migrate").exitCode()).isZero();

		Run refused = hoist(env, "downgrade", "--steps", "2");
		assertThat(refused.exitCode()).isEqualTo(1);
		assertThat(refused.err()).contains("V3__backfill.sql").contains("Nothing was changed");
		JsonNode refusedJson = hoistJson(env, 1, "downgrade", "--steps", "1", "--json");
		assertThat(refusedJson.get("error").asString()).contains("no '-- migrate:down' section");
		assertThat(refusedJson.get("exitCode").asInt()).isEqualTo(1);

		assertThat(hoist(env, "downgrade").exitCode()).isEqualTo(64);
		assertThat(hoist(env, "downgrade", "--steps", "1", "--target", "1").exitCode()).isEqualTo(64);
	}

	@Test
	void validateAndCheckExitWithTwoForAnEditedFileAndRepairRealignsIt() {
		Map<String, String> env = Map.of("DATABASE_URL", this.database.postgresUrl());
		assertThat(hoist(env, "migrate").exitCode()).isZero();
		write("V2__orders.sql",
				"-- migrate:up\n-- one row per checkout\nCREATE TABLE orders (id bigserial PRIMARY KEY);\n"
						+ "-- migrate:down\nDROP TABLE orders;\n");

		Run validate = hoist(env, "validate");
		assertThat(validate.exitCode()).isEqualTo(2);
		assertThat(validate.out()).contains("Invalid: 1 problem").contains("V2__orders.sql was changed");
		JsonNode validateJson = hoistJson(env, 2, "validate", "--json");
		assertThat(validateJson.get("valid").asBoolean()).isFalse();
		assertThat(validateJson.get("problems").get(0).get("kind").asString()).isEqualTo("CHECKSUM_MISMATCH");
		assertThat(hoist(env, "check").exitCode()).isEqualTo(2);
		assertThat(hoist(env, "migrate").exitCode()).isEqualTo(2);
		assertThat(hoist(env, "history").out().lines().filter((line) -> line.endsWith("changed"))).hasSize(1);

		JsonNode repaired = hoistJson(env, 0, "repair", "--json");
		assertThat(repaired.get("realigned")).hasSize(1);
		assertThat(repaired.get("realigned").get(0).get("script").asString()).isEqualTo("V2__orders.sql");
		assertThat(repaired.get("realigned").get(0).get("current").asString()).hasSize(64);
		assertThat(repaired.get("removed")).isEmpty();

		assertThat(hoist(env, "validate").exitCode()).isZero();
		assertThat(hoist(env, "check").exitCode()).isZero();
		assertThat(hoist(env, "repair").out()).contains("Nothing to repair.");
	}

	@Test
	void repairPrintsTheChecksumItRealigned() {
		Map<String, String> env = Map.of("DATABASE_URL", this.database.postgresUrl());
		assertThat(hoist(env, "migrate").exitCode()).isZero();
		write("V1__shops.sql", "-- migrate:up\nCREATE TABLE shops (id bigserial PRIMARY KEY, domain text);\n\n"
				+ "-- migrate:down\nDROP TABLE shops;\n");

		Run repair = hoist(env, "repair");

		assertThat(repair.exitCode()).isZero();
		assertThat(repair.out()).startsWith("Realigned the checksum of V1__shops.sql (version 1): ");
	}

	@Test
	void baselineAdoptsExistingTablesOnceThenMigrateAppliesTheRest() {
		this.database.execute("CREATE TABLE shops (id bigserial PRIMARY KEY, domain text)");
		Map<String, String> env = Map.of("DATABASE_URL", this.database.postgresUrl());

		JsonNode baseline = hoistJson(env, 0, "baseline", "--version", "1", "--description", "legacy", "--json");
		assertThat(baseline.get("baseline").get("type").asString()).isEqualTo("BASELINE");
		assertThat(baseline.get("baseline").get("description").asString()).isEqualTo("legacy");
		assertThat(baseline.get("skipped").get(0).get("script").asString()).isEqualTo("V1__shops.sql");

		Run again = hoist(env, "baseline", "--version", "1");
		assertThat(again.exitCode()).isEqualTo(1);
		assertThat(again.err()).contains("already has 1 row");

		Run migrate = hoist(env, "migrate");
		assertThat(migrate.exitCode()).isZero();
		assertThat(migrate.out()).contains("Applied 1 migration").contains("revision 1 -> 2");
		assertThat(hoist(env, "baseline").exitCode()).isEqualTo(64);
	}

	@Test
	void cleanIsRefusedUnlessEnabledAndThenListsWhatItDropped() {
		Map<String, String> env = Map.of("DATABASE_URL", this.database.postgresUrl());
		assertThat(hoist(env, "migrate").exitCode()).isZero();

		Run refused = hoist(env, "clean");
		assertThat(refused.exitCode()).isEqualTo(1);
		assertThat(refused.err()).contains("Clean is disabled");
		assertThat(this.database.queryForString("SELECT to_regclass('shops')")).isEqualTo("shops");

		JsonNode cleaned = hoistJson(env, 0, "clean", "--clean-enabled", "--json");
		assertThat(cleaned.get("schema").asString()).isEqualTo("public");
		assertThat(cleaned.get("dropped").valueStream().map(JsonNode::asString).toList()).contains("table public.shops",
				"table public.orders", "table public.hoist_schema_history");
		assertThat(this.database.queryForString("SELECT to_regclass('shops')")).isNull();

		Run again = hoist(env, "clean", "--clean-enabled");
		assertThat(again.exitCode()).isZero();
		assertThat(again.out()).contains("Dropped 0 objects in schema public.");
	}

	@Test
	void newWritesTheNextVersionIntoTheFirstFilesystemLocationWithoutADatabase() throws IOException {
		Run created = hoist(Map.of(), "new", "add", "orders", "index");
		assertThat(created.exitCode()).isZero();
		assertThat(created.out()).startsWith("Created ").contains("V3__add_orders_index.sql");

		JsonNode json = hoistJson(Map.of(), 0, "new", "--locations", "db/other", "backfill totals", "--json");
		assertThat(json.get("file").asString()).matches("V[0-9]{14}__backfill_totals\\.sql");
		assertThat(Files.readString(this.project.resolve("db/other").resolve(json.get("file").asString())))
			.contains("-- migrate:up")
			.contains("-- migrate:down");
		assertThat(this.migrations.resolve("V3__add_orders_index.sql")).exists();
		assertThat(hoist(Map.of(), "new").exitCode()).isEqualTo(64);
	}

	@Test
	void aFileThatIsNotUtf8ExitsWithTwoNamingTheLineNotAsAMissingDatabase() throws IOException {
		Map<String, String> env = Map.of("DATABASE_URL", this.database.postgresUrl());
		Files.write(this.migrations.resolve("V3__seed.sql"),
				"INSERT INTO shops (domain) VALUES ('\0');\n".getBytes(StandardCharsets.UTF_8));

		Run migrate = hoist(env, "migrate");

		assertThat(migrate.exitCode()).isEqualTo(2);
		assertThat(migrate.err()).contains("V3__seed.sql holds a NUL byte (0x00) at line 1, column 37")
			.contains("iconv -f utf-16 -t utf-8 V3__seed.sql");
		assertThat(this.database.queryForString("SELECT to_regclass('shops')")).isNull();
	}

	@Test
	void thePasswordComesFromAFileOrTheUrlAndIsNeverPrinted() throws IOException {
		String secret = "s3cr3t-do-not-print";
		Path passwordFile = this.project.resolve("db-password");
		Files.writeString(passwordFile, secret + "\n");
		String url = "postgres://" + this.database.user() + "@" + this.database.host() + ":" + this.database.port()
				+ "/" + this.database.name();

		Run withFile = hoist(Map.of(), "status", "--url", url, "--password-file", passwordFile.toString());
		assertThat(withFile.exitCode()).isZero();
		assertThat(withFile.err()).contains("--url").contains("--password-file from the command line");

		Run withUrl = hoist(Map.of("DATABASE_URL", url.replace("@", ":" + secret + "@")), "status", "--json");
		assertThat(withUrl.exitCode()).isZero();
		assertThat(withFile.out() + withFile.err() + withUrl.out() + withUrl.err()).doesNotContain(secret);
	}

	@Test
	void noDatabaseOrAnUnreachableOneExitsWithThree() {
		Run none = hoist(Map.of(), "status");
		assertThat(none.exitCode()).isEqualTo(3);
		assertThat(none.err()).contains("No database configured");

		Run unreachable = hoist(Map.of("DATABASE_URL", "postgres://nobody@127.0.0.1:1/nothing"), "check", "--json");
		assertThat(unreachable.exitCode()).isEqualTo(3);
		assertThat(parse(unreachable).get("exitCode").asInt()).isEqualTo(3);
	}

	// the issue's reproduction: before connect, login and read timeouts this never
	// returned; the helper gives up after 60 s
	@Test
	void statusGivesUpOnAServerThatAcceptsConnectionsAndNeverAnswers() {
		try (SilentServer silent = SilentServer.start()) {
			Run run = hoist(Map.of(), "status", "--wait-timeout", "3s", "--url",
					"postgres://u:pw-not-shown@127.0.0.1:" + silent.port() + "/x");
			assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
			assertThat(run.err()).contains("gave up waiting for PostgreSQL u@127.0.0.1:" + silent.port() + "/x")
				.contains("did not answer the last attempt")
				.contains("--connect-timeout (HOIST_CONNECT_TIMEOUT)")
				.doesNotContain("pw-not-shown");
		}
	}

	@Test
	void aSigtermDuringAMigrationRollsItBackReleasesTheLockAndSaysWhatWasRolledBack() throws Exception {
		// slow only for this process, so that the migrate after it runs quickly
		write("V3__slow.sql",
				"CREATE TABLE items (id int);\nSELECT pg_sleep(CASE WHEN"
						+ " current_setting('application_name') LIKE 'hoist-cli@%' AND to_regclass('resumed') IS NULL"
						+ " THEN 300 ELSE 0 END);\n");
		Map<String, String> env = Map.of("DATABASE_URL", this.database.postgresUrl());
		Started migrating = start(env, "migrate");
		await().atMost(Duration.ofMinutes(1))
			.until(() -> this.database.queryForLong("SELECT count(*) FROM pg_stat_activity WHERE state = 'active'"
					+ " AND query LIKE 'SELECT pg_sleep%' AND application_name LIKE 'hoist-cli@%'") == 1);

		// SIGTERM; Process.destroy() would also close the streams this test reads
		migrating.process().toHandle().destroy();

		// the statement would run 300 s; the minute is margin for a slow machine
		assertThat(migrating.process().waitFor(60, TimeUnit.SECONDS)).as("ended within a minute of SIGTERM").isTrue();
		String err = migrating.err().join();
		assertThat(err).contains("interrupted", "V3__slow.sql", "its transaction was rolled back",
				"2 migrations applied before it in this run stay applied", "the migration lock was released");
		assertThat(this.database.queryForList("SELECT script FROM hoist_schema_history ORDER BY installed_rank"))
			.containsExactly("V1__shops.sql", "V2__orders.sql");
		assertThat(this.database.queryForString("SELECT to_regclass('items')")).isNull();
		assertThat(this.database.queryForLong("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")).isZero();
		this.database.execute("CREATE TABLE resumed (id int)");
		assertThat(hoistJson(env, 0, "migrate", "--json").get("applied")).hasSize(1);
	}

	@Test
	void anUnknownCommandOrOptionIsAUsageError() {
		assertThat(hoist(Map.of(), "upgrade").exitCode()).isEqualTo(64);
		assertThat(hoist(Map.of(), "status", "--password", "x").exitCode()).isEqualTo(64);
		assertThat(hoist(Map.of()).exitCode()).isEqualTo(64);
	}

	private void write(String name, String content) {
		try {
			Files.writeString(this.migrations.resolve(name), content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private JsonNode hoistJson(Map<String, String> env, int expectedExitCode, String... args) {
		Run run = hoist(env, args);
		assertThat(run.exitCode()).as("exit code of %s; stderr:%n%s", String.join(" ", args), run.err())
			.isEqualTo(expectedExitCode);
		return parse(run);
	}

	private static JsonNode parse(Run run) {
		// stdout is exactly one JSON document; log lines went to stderr
		return json.readTree(run.out());
	}

	@Test
	void tenantFlagsMigrateEveryTenantAndStatusSumsThemUp() {
		this.database.execute("DROP SCHEMA IF EXISTS acme CASCADE; DROP SCHEMA IF EXISTS \"Globex Inc\" CASCADE");
		Map<String, String> env = Map.of("DATABASE_URL", this.database.postgresUrl());

		Run migrate = hoist(env, "migrate", "--tenants", "acme,Globex Inc", "--parallel", "2", "--json");
		assertThat(migrate.exitCode()).as(migrate.err()).isZero();
		JsonNode result = json.readTree(migrate.out());
		assertThat(result.get("summary").get("migrated").asInt()).isEqualTo(2);
		assertThat(this.database.queryForString("SELECT to_regclass('\"Globex Inc\".orders')"))
			.isEqualTo("\"Globex Inc\".orders");

		Map<String, String> job = Map.of("DATABASE_URL", this.database.postgresUrl(), "HOIST_TENANTS_SCHEMAS",
				"acme,Globex Inc,initech");
		Run status = hoist(job, "status", "--tenants");
		assertThat(status.exitCode()).as(status.err()).isZero();
		assertThat(status.out()).contains("Tenants:   3")
			.contains("Current:   2")
			.contains("Behind:    1")
			.containsPattern("initech +behind +\\(empty\\) +2 +2");
		Run check = hoist(job, "check", "--shard", "0/1");
		assertThat(check.exitCode()).isEqualTo(1);
		assertThat(check.out()).contains("Pending: 1 tenant of 3 behind: initech");

		Run history = hoist(job, "history");
		assertThat(history.exitCode()).isEqualTo(1);
		assertThat(history.err()).contains("'history' works on one schema")
			.contains("--tenants-enabled=false (HOIST_TENANTS_ENABLED=false), with --schema (HOIST_SCHEMA)");
		assertThat(hoist(job, "history", "--tenants-enabled=false", "--schema", "acme").exitCode()).isZero();
	}

	@Test
	void aPoisonedTenantWithContinueExitsOneNamingTheTenantTheFileAndTheLine() throws IOException {
		this.database.execute("DROP SCHEMA IF EXISTS t1 CASCADE; DROP SCHEMA IF EXISTS t2 CASCADE;"
				+ " DROP SCHEMA IF EXISTS t3 CASCADE; CREATE SCHEMA t2; CREATE TABLE t2.orders (note text)");
		Map<String, String> env = Map.of("DATABASE_URL", this.database.postgresUrl());

		Run migrate = hoist(env, "migrate", "--tenants", "t1,t2,t3", "--on-failure", "continue");

		assertThat(migrate.exitCode()).isEqualTo(1);
		assertThat(migrate.out()).contains("2 migrated")
			.contains("1 failed")
			.contains("t2: Migration filesystem:src/main/resources/db/migration/V2__orders.sql failed at line 2")
			.contains("relation \"orders\" already exists (SQLSTATE 42P07)");
		assertThat(hoist(env, "migrate", "--tenants", "t1,t2", "--parallel", "x").exitCode()).isEqualTo(64);
	}

	private Run hoist(Map<String, String> env, String... args) {
		Started started = start(env, args);
		Process process = started.process();
		try {
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("hoist " + String.join(" ", args) + " did not finish in 60 s");
			}
			return new Run(process.exitValue(), started.out().join(), started.err().join());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private Started start(Map<String, String> env, String... args) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-jar");
		command.add(jar().toString());
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.project.toFile());
		Map<String, String> environment = builder.environment();
		// only what the test names: the developer's own database variables must
		// not leak in
		environment.keySet()
			.removeIf(
					(name) -> name.equals("DATABASE_URL") || name.equals("JDBC_DATABASE_URL") || name.startsWith("DB_")
							|| name.startsWith("PG") || name.startsWith("POSTGRES_") || name.startsWith("HOIST_"));
		environment.putAll(new HashMap<>(env));
		try {
			Process process = builder.start();
			return new Started(process, read(process.getInputStream()), read(process.getErrorStream()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static CompletableFuture<String> read(InputStream stream) {
		return CompletableFuture.supplyAsync(() -> {
			try {
				return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	private static Path jar() {
		String jar = System.getProperty("hoist.cli.jar");
		assertThat(jar).as("system property hoist.cli.jar (set by failsafe)").isNotNull();
		return Path.of(jar);
	}

	record Run(int exitCode, String out, String err) {

	}

	record Started(Process process, CompletableFuture<String> out, CompletableFuture<String> err) {

	}

}
