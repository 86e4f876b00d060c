package dev.hoist.autoconfigure.actuate;

import java.util.List;
import java.util.Map;

import dev.hoist.testsupport.PostgresServer;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator sees over real HTTP from a service that migrated at startup: health,
 * the migrations endpoint, info and the Prometheus scrape, with the readiness group set
 * up as the docs say.
 */
@SpringBootTest(classes = ActuatorApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "hoist.locations=classpath:hoist/shop", "spring.flyway.enabled=false",
				"management.endpoints.web.exposure.include=health,info,migrations,prometheus",
				"management.endpoint.health.show-details=always", "management.endpoint.health.probes.enabled=true",
				"management.endpoint.health.group.readiness.include=readinessState,migrations" })
@DirtiesContext
class HoistActuatorHttpTests {

	// unique, so that finding it anywhere in a response can only mean a leak
	private static final String PASSWORD = "Xq7-never-shown-" + System.nanoTime();

	private static final TestDatabase database = PostgresServer.shared()
		.createDatabase("hoist_actuator_http_" + ProcessHandle.current().pid());

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		String url = database.jdbcUrl();
		// a password in the URL as well as in its own property: neither may show
		registry.add("spring.datasource.url", () -> url + (url.contains("?") ? "&" : "?") + "password=" + PASSWORD);
		registry.add("spring.datasource.username", database::user);
		registry.add("spring.datasource.password", () -> PASSWORD);
	}

	@AfterAll
	static void dropDatabase() {
		PostgresServer.shared().dropDatabase(database.name());
	}

	@Test
	void healthShowsMigrationsWithRevisionHeadAndWhereTheDatabaseIs() {
		Http.Response response = http().get("/actuator/health");
		assertThat(response.status()).isEqualTo(200);
		Map<String, Object> migrations = response.read("$.components.migrations");
		assertThat(migrations).containsEntry("status", "UP");
		assertThat(response.<Map<String, Object>>read("$.components.migrations.details"))
			.containsEntry("state", "current")
			.containsEntry("revision", "2")
			.containsEntry("head", "2")
			.containsEntry("pending", 0)
			.containsEntry("database", database.host() + ":" + database.port() + "/" + database.name())
			.containsEntry("user", database.user())
			.doesNotContainKeys("error", "lockHolder");
	}

	@Test
	void migrationsEndpointListsWhatWasAppliedAndWhereTheSettingsCameFrom() {
		Http.Response response = http().get("/actuator/migrations");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.<String>read("$.revision")).isEqualTo("2");
		assertThat(response.<String>read("$.head")).isEqualTo("2");
		assertThat(response.<String>read("$.state")).isEqualTo("current");
		assertThat(response.<List<Object>>read("$.pending")).isEmpty();
		assertThat(response.<List<String>>read("$.applied[*].version")).containsExactly("1", "2");
		assertThat(response.<List<String>>read("$.applied[*].script")).containsExactly("V1__create_shops.sql",
				"V2__add_shop_name.sql");
		Map<String, Object> first = response.read("$.applied[0]");
		assertThat(first).containsEntry("description", "create shops")
			.containsEntry("type", "SQL")
			.containsEntry("state", "APPLIED")
			.containsEntry("installedBy", database.user())
			.containsEntry("installedRank", 1)
			.containsEntry("success", true);
		assertThat((String) first.get("checksum")).hasSize(64);
		assertThat((String) first.get("installedAt")).isNotBlank();
		assertThat(((Number) first.get("executionTime")).longValue()).isNotNegative();
		assertThat(response.<String>read("$.connection.database"))
			.isEqualTo(database.host() + ":" + database.port() + "/" + database.name());
		assertThat(response.<String>read("$.settings.database")).contains(database.name());
		assertThat(response.<String>read("$.settings.sources")).contains("spring.datasource.url");
	}

	@Test
	void infoShowsTheRevisionAndHead() {
		Http.Response response = http().get("/actuator/info");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.<Map<String, Object>>read("$.hoist")).containsEntry("revision", "2")
			.containsEntry("head", "2");
	}

	@Test
	void prometheusShowsTheHoistSeries() {
		Http.Response response = http().get("/actuator/prometheus");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).containsPattern("(?m)^hoist_migrations_applied_total\\{type=\"sql\"\\} 2\\.0$")
			.containsPattern("(?m)^hoist_migrations_pending 0\\.0$")
			.containsPattern("(?m)^hoist_schema_ahead 0\\.0$")
			.containsPattern("(?m)^hoist_migration_seconds_count\\{outcome=\"success\",type=\"sql\"\\} 2$")
			.containsPattern("(?m)^hoist_lock_wait_seconds_count\\{outcome=\"acquired\"\\} 1$")
			.containsPattern("(?m)^hoist_database_wait_seconds_count\\{outcome=\"success\"\\} 1$")
			.containsPattern("(?m)^hoist_migrate_seconds_count\\{.*outcome=\"success\".*\\} 1$");
	}

	@Test
	void readinessGroupIncludesMigrationsAndLivenessDoesNot() {
		Http.Response readiness = http().get("/actuator/health/readiness");
		assertThat(readiness.status()).isEqualTo(200);
		assertThat(readiness.<Map<String, Object>>read("$.components")).containsOnlyKeys("readinessState",
				"migrations");
		Http.Response liveness = http().get("/actuator/health/liveness");
		assertThat(liveness.status()).isEqualTo(200);
		assertThat(liveness.body()).doesNotContain("migrations");
	}

	@Test
	void noResponseContainsThePassword() {
		for (String path : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/health/migrations",
				"/actuator/migrations", "/actuator/info", "/actuator/prometheus")) {
			Http.Response response = http().get(path);
			assertThat(response.status()).as(path).isEqualTo(200);
			assertThat(response.body()).as(path).doesNotContain(PASSWORD).doesNotContain("Xq7");
		}
	}

	private Http http() {
		return new Http(this.port);
	}

}
