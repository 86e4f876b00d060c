package dev.hoist.autoconfigure.actuate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service with a schema per tenant, one of them poisoned, started with
 * {@code hoist.tenants.on-failure=continue}: health, the endpoint, info and the meters as
 * an operator's tools read them over HTTP.
 */
@PostgresTest
class TenantsActuatorTests {

	private static final String TENANTS = "hoist.tenants.schemas=acme,globex,initech,umbrella";

	private TestDatabase database;

	private Path migrations;

	@BeforeEach
	void prepare(TestDatabase database) throws IOException {
		this.database = database;
		database.resetPublicSchema();
		for (String tenant : List.of("acme", "globex", "initech", "umbrella")) {
			database.execute("DROP SCHEMA IF EXISTS " + tenant + " CASCADE");
		}
		this.migrations = Files.createTempDirectory("hoist-tenants-health");
		Files.writeString(this.migrations.resolve("V1__items.sql"), "CREATE TABLE items (id bigint PRIMARY KEY);");
		// globex already has what V1 creates
		database.execute("CREATE SCHEMA globex; CREATE TABLE globex.items (note text)");
	}

	@Test
	void healthListsTheFailedTenantAndStaysUpSoThatTheOthersServe() {
		try (RunningService service = start("hoist.tenants.on-failure=continue")) {
			Http.Response health = service.http().get("/actuator/health/migrations");
			assertThat(health.status()).isEqualTo(200);
			assertThat(health.<String>read("$.status")).isEqualTo("UP");
			assertThat(health.<String>read("$.details.state")).isEqualTo("failed");
			assertThat(health.<String>read("$.details.head")).isEqualTo("1");
			assertThat(health.<Map<String, Object>>read("$.details.tenants")).containsEntry("total", 4)
				.containsEntry("current", 3)
				.containsEntry("failed", 1)
				.containsEntry("behind", 0);
			assertThat(health.<String>read("$.details.failedTenants.globex"))
				.contains("V1__items.sql failed at line 1");

			Http.Response endpoint = service.http().get("/actuator/migrations");
			assertThat(endpoint.<Integer>read("$.tenants.summary.total")).isEqualTo(4);
			assertThat(endpoint.<List<String>>read("$.tenants.tenants[*].name")).containsExactly("acme", "globex",
					"initech", "umbrella");
			assertThat(endpoint.<Integer>read("$.tenants.summary.behind")).isEqualTo(1);

			assertThat(service.http().get("/actuator/info").<Integer>read("$.hoist.tenants.current")).isEqualTo(3);

			String prometheus = service.http().get("/actuator/prometheus").body();
			assertThat(prometheus).contains("hoist_tenant_migration_seconds_count{outcome=\"migrated\"} 3")
				.contains("hoist_tenant_migration_seconds_count{outcome=\"failed\"} 1")
				.contains("hoist_tenants{state=\"current\"} 3")
				.doesNotContain("tenant=\"");
		}
	}

	@Test
	void oneFailedTenantMakesHealthDownWhenAsked() {
		try (RunningService service = start("hoist.tenants.on-failure=continue", "hoist.tenants.down-on-failure=true",
				"hoist.tenants.tenant-metrics=true")) {
			Http.Response health = service.http().get("/actuator/health/migrations");
			assertThat(health.status()).isEqualTo(503);
			assertThat(health.<String>read("$.status")).isEqualTo("DOWN");
			assertThat(health.<Map<String, Object>>read("$.details.failedTenants")).containsOnlyKeys("globex");
			assertThat(service.http().get("/actuator/prometheus").body())
				.contains("hoist_tenant_migration_seconds_count{outcome=\"failed\",tenant=\"globex\"} 1");
		}
	}

	@Test
	void healthIsDownWhenTheTenantListCannotBeRead() {
		this.database.execute(
				"CREATE TABLE public.customers (schema_name text); INSERT INTO public.customers" + " VALUES ('acme')");
		try (RunningService service = RunningService.start(this.database,
				"hoist.locations=filesystem:" + this.migrations,
				"hoist.tenants.query=SELECT schema_name FROM public.customers", "hoist.health.cache-time=0")) {
			// the table the query reads exists when the service starts, then goes
			this.database.execute("DROP TABLE public.customers");
			Http.Response health = service.http().get("/actuator/health/migrations");
			assertThat(health.<String>read("$.status")).isEqualTo("DOWN");
			assertThat(health.<String>read("$.details.error")).contains("The tenant query failed")
				.contains("relation \"public.customers\" does not exist");
		}
	}

	private RunningService start(String... properties) {
		String[] all = new String[properties.length + 2];
		all[0] = "hoist.locations=filesystem:" + this.migrations;
		all[1] = TENANTS;
		System.arraycopy(properties, 0, all, 2, properties.length);
		return RunningService.start(this.database, all);
	}

}
