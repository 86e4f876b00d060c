package dev.hoist.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.hoist.cli.HoistJar.Run;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI given wrong, mistyped or conflicting input: it fails with a message that says
 * what and where, never prints a password, never sends one to a server it was not meant
 * for, never takes a mistyped location for a build without migrations, and never cleans
 * because of a file.
 */
@PostgresTest
class CliInputIntegrationTests {

	private static final String SECRET = "SECRET-pw-42";

	private static final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	Path project;

	private TestDatabase database;

	private Path migrations;

	@BeforeEach
	void prepare(TestDatabase database) throws IOException {
		this.database = database;
		database.resetPublicSchema();
		this.migrations = Files.createDirectories(this.project.resolve("src/main/resources/db/migration"));
		Files.writeString(this.migrations.resolve("V1__shops.sql"), "CREATE TABLE shops (id bigserial PRIMARY KEY);");
	}

	@Test
	void aMistypedLocationFailsCheckMigrateAndStatusInsteadOfPassingForNoMigrations() {
		Map<String, String> env = Map.of("DATABASE_URL", this.database.postgresUrl());
		assertThat(hoist(env, "migrate").exitCode()).isZero();
		String typo = "filesystem:" + this.project.resolve("src/main/resources/db/migrations");

		Run check = hoist(env, "check", "--locations", typo);
		assertThat(check.exitCode()).isEqualTo(2);
		assertThat(check.out()).contains("Migration location " + typo + " does not exist (")
			.contains("Correct --locations (HOIST_LOCATIONS), or mark a location that may be absent as optional:"
					+ " optional:" + typo);
		assertThat(hoist(env, "migrate", "--locations", typo).exitCode()).isEqualTo(2);
		JsonNode status = parse(hoist(env, "status", "--json", "--locations", typo));
		assertThat(status.get("valid").asBoolean()).isFalse();
		assertThat(status.get("problems").get(0).get("kind").asString()).isEqualTo("MISSING_LOCATION");

		assertThat(
				hoist(env, "check", "--locations", "optional:" + typo + ",src/main/resources/db/migration").exitCode())
			.isZero();
	}

	@Test
	void aProjectWithoutItsMigrationsDirectoryFailsTheCiGate() throws IOException {
		Path elsewhere = Files.createDirectories(this.project.resolve("elsewhere"));

		Run check = HoistJar.run(elsewhere, Map.of("DATABASE_URL", this.database.postgresUrl()), "check");

		assertThat(check.exitCode()).isEqualTo(2);
		assertThat(check.out())
			.contains("Migration location filesystem:src/main/resources/db/migration does not exist");
	}

	@Test
	void mistypedUrlsAreRefusedWithThePasswordMaskedOnStderrAndInJson() {
		List<String> urls = List.of("postgres:usr:" + SECRET + "@h/db", "postgres//usr:" + SECRET + "@h/db",
				"jdbc:postgresql://h/db;password=" + SECRET, "jdbc:postgresql://h:5432:x/y?password=" + SECRET,
				"postgresql://usr:" + SECRET + "@/db");
		for (int i = 0; i < urls.size(); i++) {
			String url = urls.get(i);
			// each path once, alternating the variable
			String variable = (i % 2 == 0) ? "DATABASE_URL" : "SPRING_DATASOURCE_URL";
			Run asJson = hoist(Map.of(variable, url), "status", "--json");
			assertThat(asJson.exitCode()).as(url).isEqualTo(3);
			assertThat(asJson.err()).as(url).contains("hoist status: " + variable).contains("Invalid database URL '");
			assertThat(parse(asJson).get("error").asString()).as(url).contains("****");
			assertThat(asJson.all()).as(url).doesNotContain(SECRET);
		}
		Run flag = hoist(Map.of(), "status", "--url", urls.get(0));
		assertThat(flag.exitCode()).isEqualTo(3);
		assertThat(flag.err()).contains("--url from the command line: Invalid database URL 'postgres:usr:****@h/db'");
		assertThat(flag.all()).doesNotContain(SECRET);
	}

	@Test
	void neitherTheStartupLineNorTheWaitersLinesNorTheDriversWordsCarryThePassword() {
		for (String url : List.of("postgres://u:" + SECRET + "@127.0.0.1:1/db",
				"jdbc:postgresql://127.0.0.1:1/db?password=" + SECRET,
				"jdbc:postgresql://127.0.0.1:1/db?sslpassword=" + SECRET + "&socketFactory=no.such.Factory",
				"jdbc:postgresql://127.0.0.1:1/db?password=" + SECRET + "&loginTimeout=x")) {
			Run run = hoist(Map.of("SPRING_DATASOURCE_URL", url), "status", "--json", "--wait-timeout", "1s");
			assertThat(run.exitCode()).as(url).isEqualTo(3);
			assertThat(run.err()).as(url).contains("Hoist: PostgreSQL ");
			assertThat(parse(run).get("exitCode").asInt()).isEqualTo(3);
			assertThat(run.all()).as(url).doesNotContain(SECRET);
		}
	}

	@Test
	void aMistypedOptionIsNotEchoedWhenItsValueMayBeAPassword() {
		Run typo = hoist(Map.of(), "status", "--ur", "postgres://u:" + SECRET + "@h/db");
		assertThat(typo.exitCode()).isEqualTo(64);
		assertThat(typo.err()).contains("Unknown option or command: '--ur', and 1 value not repeated here")
			.contains("--url");

		Run password = hoist(Map.of(), "migrate", "--password", SECRET);
		assertThat(password.exitCode()).isEqualTo(64);
		assertThat(password.err()).contains("'--password'").contains("--password-file");

		Run inline = hoist(Map.of(), "migrate", "--password=" + SECRET);
		assertThat(inline.exitCode()).isEqualTo(64);

		Run badValue = hoist(Map.of("DATABASE_URL", this.database.postgresUrl()), "status", "--wait-timeout",
				"postgres://u:" + SECRET + "@h/db");
		assertThat(badValue.exitCode()).isEqualTo(64);
		assertThat(badValue.err()).contains("postgres://u:****@h/db");

		assertThat(typo.all() + password.all() + inline.all() + badValue.all()).doesNotContain(SECRET);
		assertThat(hoist(Map.of(), "statsu").err()).contains("'statsu'");
	}

	@Test
	void aPasswordWrittenForAnotherDatabaseIsNeverSentToTheUrlOfTheCommandLine() throws Exception {
		try (PasswordCapturingServer server = PasswordCapturingServer.start()) {
			String elsewhere = "postgres://app:" + SECRET + "@127.0.0.1:" + server.port() + "/shop";
			Files.writeString(this.project.resolve(".env.local"), "DATABASE_URL=" + elsewhere + "\n");
			Files.writeString(this.project.resolve(".env"), "PGPASSWORD=" + SECRET + "\n");

			Run run = hoist(Map.of("PGPASSWORD", SECRET), "status", "--url",
					"postgres://other@127.0.0.1:" + server.port() + "/db");

			assertThat(run.exitCode()).isEqualTo(3);
			assertThat(server.logins()).isNotEmpty()
				.allSatisfy(
						(login) -> assertThat(login).isEqualTo(new PasswordCapturingServer.Login("other", "db", null)));

			Path passwordFile = Files.writeString(this.project.resolve("password"), "from-the-file\n");
			hoist(Map.of(), "status", "--url", "postgres://other@127.0.0.1:" + server.port() + "/db", "--password-file",
					passwordFile.toString());
			assertThat(server.logins()).last()
				.isEqualTo(new PasswordCapturingServer.Login("other", "db", "from-the-file"));
		}
	}

	@Test
	void libpqVariablesLeftInTheShellDoNotMigrateAnotherDatabaseThanTheOneInDotenvLocal() throws IOException {
		// PGHOST and PGUSER without PGDATABASE: libpq would use the database named like
		// the user
		String decoy = this.database.name() + "_decoy";
		TestDatabase other = this.database.server().createDatabase(decoy);
		try {
			other.execute("DO $$ BEGIN CREATE ROLE " + decoy + " LOGIN SUPERUSER; EXCEPTION WHEN duplicate_object"
					+ " THEN NULL; END $$");
			Files.writeString(this.project.resolve(".env.local"), "DATABASE_URL=" + this.database.postgresUrl() + "\n");

			Run migrate = hoist(Map.of("PGHOST", this.database.host(), "PGPORT", String.valueOf(this.database.port()),
					"PGUSER", decoy), "migrate");

			assertThat(migrate.exitCode()).as(migrate.err()).isZero();
			assertThat(migrate.err()).contains("(DATABASE_URL from .env.local)")
				.contains("Hoist: warning: PGHOST, PGPORT, PGUSER from environment name a host but no database and"
						+ " were not used: DATABASE_URL from .env.local names a complete database, which wins");
			assertThat(this.database.queryForString("SELECT to_regclass('shops')")).isEqualTo("shops");
			assertThat(other.queryForString("SELECT to_regclass('hoist_schema_history')")).isNull();
		}
		finally {
			this.database.server().dropDatabase(decoy);
		}
	}

	@Test
	void cleanIsNeverEnabledByAFileOrTheEnvironmentOnlyByItsFlag() throws IOException {
		Map<String, String> env = Map.of("DATABASE_URL", this.database.postgresUrl());
		assertThat(hoist(env, "migrate").exitCode()).isZero();
		Files.writeString(this.project.resolve(".env"), "HOIST_CLEAN_ENABLED=true\n");

		Run fromFile = hoist(env, "clean");
		assertThat(fromFile.exitCode()).isEqualTo(1);
		assertThat(fromFile.err())
			.contains("HOIST_CLEAN_ENABLED from .env is ignored: clean runs only with"
					+ " --clean-enabled on the command line")
			.contains("Clean is disabled")
			.contains("(--clean-enabled)");
		Run fromEnvironment = hoist(Map.of("DATABASE_URL", this.database.postgresUrl(), "HOIST_CLEAN_ENABLED", "true"),
				"clean");
		assertThat(fromEnvironment.exitCode()).isEqualTo(1);
		assertThat(fromEnvironment.err()).contains("HOIST_CLEAN_ENABLED from environment is ignored");
		assertThat(this.database.queryForString("SELECT to_regclass('shops')")).isEqualTo("shops");

		assertThat(hoist(env, "clean", "--clean-enabled").exitCode()).isZero();
		assertThat(this.database.queryForString("SELECT to_regclass('shops')")).isNull();
	}

	@Test
	void cleanRefusesASchemaHoldingMoreRowsThanTheLimitUnlessTheFlagRaisesIt() {
		Map<String, String> env = Map.of("DATABASE_URL", this.database.postgresUrl());
		assertThat(hoist(env, "migrate").exitCode()).isZero();
		this.database.execute("INSERT INTO shops SELECT generate_series(1, 1001)");

		Run refused = hoist(env, "clean", "--clean-enabled");
		assertThat(refused.exitCode()).isEqualTo(1);
		assertThat(refused.err())
			.contains("Clean refused: the tables of schema public hold more than 1000 rows" + " (public.shops)")
			.contains("raise the limit with --clean-max-rows. Nothing was changed");
		assertThat(this.database.queryForLong("SELECT count(*) FROM shops")).isEqualTo(1001);

		assertThat(hoist(env, "clean", "--clean-enabled", "--clean-max-rows", "5000").exitCode()).isZero();
		assertThat(this.database.queryForString("SELECT to_regclass('shops')")).isNull();
	}

	private Run hoist(Map<String, String> env, String... args) {
		return HoistJar.run(this.project, env, args);
	}

	private static JsonNode parse(Run run) {
		return json.readTree(run.out());
	}

}
