package dev.hoist.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar started with {@code java -jar}, the way its container starts it:
 * settings from real environment variables and from a {@code .env.local} in its working
 * directory.
 */
@PostgresTest
class PackagedJarIT {

	private static final Duration STARTUP = Duration.ofSeconds(90);

	private static String owner;

	private static String password;

	@BeforeAll
	static void createOwner(TestDatabase database) {
		// a role with a password owning the database, as on a hosted PostgreSQL
		owner = database.name() + "_owner";
		password = "pw-" + UUID.randomUUID();
		database.execute("CREATE ROLE " + owner + " LOGIN PASSWORD '" + password + "'");
		database.execute("ALTER DATABASE " + database.name() + " OWNER TO " + owner);
	}

	@AfterAll
	static void dropOwner(TestDatabase database) {
		database.execute("REASSIGN OWNED BY " + owner + " TO " + database.user() + "; DROP OWNED BY " + owner);
		database.execute("DROP ROLE " + owner);
	}

	@Test
	void migratesWithDatabaseUrlFromDotenvLocalOverTheDotenvDefaults(TestDatabase database, @TempDir Path directory)
			throws Exception {
		// the committed .env points at a local Docker database; .env.local must win
		Files.writeString(directory.resolve(".env"),
				"DATABASE_URL=postgresql://postgres:postgres@localhost:1/ecomdash_v2\n");
		Files.writeString(directory.resolve(".env.local"), "DATABASE_URL=" + url(database, owner, password) + "\n");
		try (RunningJar jar = RunningJar.start(directory, Map.of()).awaitReady(STARTUP)) {
			String health = jar.http().get("/actuator/health").body();
			assertThat((String) JsonPath.read(health, "$.status")).isEqualTo("UP");
			assertThat((String) JsonPath.read(health, "$.components.migrations.details.revision")).isEqualTo("7");
			assertThat(jar.http().get("/api/shops").body()).contains("bright-bakery.example");
			assertThat(jar.output())
				.contains("Hoist: PostgreSQL " + owner + "@" + database.host() + ":" + database.port() + "/"
						+ database.name())
				.contains("DATABASE_URL from .env.local")
				.doesNotContain(password);
		}
		assertThat(database.queryForString("SELECT tableowner FROM pg_tables WHERE tablename = 'orders'"))
			.isEqualTo(owner);
	}

	@Test
	void runsFromTheDockerfilesLayersWithTheComposeVariables(TestDatabase database, @TempDir Path directory)
			throws Exception {
		Path jar = RunningJar.extractLayers(directory);
		// what compose.yaml gives the app: the postgres image's variables plus DB_HOST
		Map<String, String> environment = Map.of("POSTGRES_DB", database.name(), "POSTGRES_USER", owner,
				"POSTGRES_PASSWORD", password, "DB_HOST", database.host(), "DB_PORT", String.valueOf(database.port()));
		try (RunningJar app = RunningJar.start(jar, jar.getParent(), environment).awaitReady(STARTUP)) {
			String health = app.http().get("/actuator/health/readiness").body();
			assertThat((String) JsonPath.read(health, "$.components.migrations.details.state")).isEqualTo("current");
			assertThat(app.output())
				.contains("Hoist: PostgreSQL " + owner + "@" + database.host() + ":" + database.port() + "/"
						+ database.name()
						+ " (DB_HOST, DB_PORT, POSTGRES_DB, POSTGRES_USER, POSTGRES_PASSWORD from environment)")
				.doesNotContain(password);
		}
	}

	static String url(TestDatabase database, String user, String password) {
		return "postgres://" + user + ":" + password + "@" + database.host() + ":" + database.port() + "/"
				+ database.name();
	}

	static String url(TestDatabase database) {
		String password = database.password().isEmpty() ? "" : ":" + database.password();
		return "postgres://" + database.user() + password + "@" + database.host() + ":" + database.port() + "/"
				+ database.name();
	}

}
