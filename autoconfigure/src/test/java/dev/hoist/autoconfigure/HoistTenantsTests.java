package dev.hoist.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.hoist.core.Hoist;
import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.HoistConfiguration.TenantFailurePolicy;
import dev.hoist.core.HoistConfiguration.TenantKind;
import dev.hoist.core.HoistConfiguration.TenantShard;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code hoist.tenants.*} in an application: where the tenants come from, how many
 * migrate at once, and whether the application starts when some fail.
 */
@PostgresTest
class HoistTenantsTests {

	private ApplicationContextRunner contextRunner;

	private TestDatabase database;

	private Path migrations;

	@BeforeEach
	void prepare(TestDatabase database) throws IOException {
		this.database = database;
		database.resetPublicSchema();
		database.execute("DROP SCHEMA IF EXISTS acme CASCADE; DROP SCHEMA IF EXISTS globex CASCADE;"
				+ " DROP SCHEMA IF EXISTS initech CASCADE");
		this.migrations = Files.createTempDirectory("hoist-tenants");
		Files.writeString(this.migrations.resolve("V1__items.sql"), "CREATE TABLE items (id bigint PRIMARY KEY);");
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, HoistAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + database.jdbcUrl(),
					"spring.datasource.username=" + database.user(),
					"spring.datasource.password=" + database.password(),
					"hoist.locations=filesystem:" + this.migrations);
	}

	@Test
	void listedSchemasAreMigratedAtStartupAndTheApplicationsSchemaIsLeftAlone() {
		this.contextRunner.withPropertyValues("hoist.tenants.schemas=acme, globex,initech").run((context) -> {
			assertThat(context).hasNotFailed();
			HoistConfiguration configuration = context.getBean(Hoist.class).configuration();
			assertThat(configuration.getTenantNames()).containsExactly("acme", "globex", "initech");
			for (String tenant : List.of("acme", "globex", "initech")) {
				assertThat(this.database.queryForString("SELECT to_regclass('" + tenant + ".items')"))
					.isEqualTo(tenant + ".items");
			}
			assertThat(this.database.queryForString("SELECT to_regclass('public.hoist_schema_history')")).isNull();
		});
	}

	@Test
	void aQueryListsTheTenantsAtEveryStart() {
		this.database.execute("CREATE TABLE customers (schema_name text); INSERT INTO customers VALUES ('acme')");
		this.contextRunner
			.withPropertyValues("hoist.tenants.query=SELECT schema_name FROM public.customers",
					"hoist.tenants.canary=1", "hoist.tenants.on-failure=continue", "hoist.tenants.shard=0/1")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				HoistConfiguration configuration = context.getBean(Hoist.class).configuration();
				assertThat(configuration.getTenantsQuery()).isEqualTo("SELECT schema_name FROM public.customers");
				assertThat(configuration.getTenantKind()).isEqualTo(TenantKind.SCHEMA);
				assertThat(configuration.getTenantCanary()).isEqualTo(1);
				assertThat(configuration.getTenantFailurePolicy()).isEqualTo(TenantFailurePolicy.CONTINUE);
				assertThat(configuration.getTenantShard()).isEqualTo(new TenantShard(0, 1));
				assertThat(this.database.queryForString("SELECT to_regclass('acme.items')")).isEqualTo("acme.items");
			});
	}

	@Test
	void aHoistTenantsBeanListsTheTenants() {
		this.contextRunner.withUserConfiguration(TenantsBean.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(this.database.queryForString("SELECT to_regclass('globex.items')")).isEqualTo("globex.items");
		});
	}

	@Test
	void tenantsComeFromOnePlace() {
		this.contextRunner.withUserConfiguration(TenantsBean.class)
			.withPropertyValues("hoist.tenants.schemas=acme", "hoist.tenants.query=SELECT 'x'")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("Hoist's tenants come from one place")
				.hasMessageContaining("hoist.tenants.schemas and hoist.tenants.query and a HoistTenants bean"));
	}

	@Test
	void aShardIsReadAsIndexSlashCountAndNeedsTenants() {
		this.contextRunner.withPropertyValues("hoist.tenants.schemas=acme", "hoist.tenants.shard=4/4")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("hoist.tenants.shard: A tenant shard is I/N with 0 <= I < N"));
		this.contextRunner.withPropertyValues("hoist.tenants.shard=0/4")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("hoist.tenants.shard is set but no tenants are"));
	}

	@Test
	void tenantsMigrateOnAsManyConnectionsAsTheApplicationsPoolHoldsUnlessTold() {
		this.contextRunner
			.withPropertyValues("hoist.tenants.schemas=acme", "spring.datasource.hikari.maximum-pool-size=7")
			.run((context) -> assertThat(context.getBean(Hoist.class).configuration().getTenantParallelism())
				.isEqualTo(7));
		this.contextRunner
			.withPropertyValues("hoist.tenants.schemas=acme", "spring.datasource.hikari.maximum-pool-size=7",
					"hoist.tenants.parallelism=3")
			.run((context) -> assertThat(context.getBean(Hoist.class).configuration().getTenantParallelism())
				.isEqualTo(3));
	}

	@Test
	void disabledTenantsLeaveHoistOnItsOneSchema() {
		this.contextRunner.withPropertyValues("hoist.tenants.schemas=acme", "hoist.tenants.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(Hoist.class).configuration().hasTenants()).isFalse();
				assertThat(this.database.queryForString("SELECT to_regclass('public.items')")).isEqualTo("items");
				assertThat(this.database.queryForString("SELECT to_regclass('acme.items')")).isNull();
			});
	}

	@Test
	void aFailedTenantStopsStartupUnlessTheOthersMayContinue() throws IOException {
		this.contextRunner.withPropertyValues("hoist.tenants.schemas=acme,globex,initech")
			.run((context) -> assertThat(context).hasNotFailed());
		this.database.execute("CREATE TABLE globex.audit (note text)");
		Files.writeString(this.migrations.resolve("V2__audit.sql"), "CREATE TABLE audit (id bigint);");

		this.contextRunner
			.withPropertyValues("hoist.tenants.schemas=acme,globex,initech", "hoist.tenants.parallelism=1")
			.run((context) -> {
				assertThat(context).getFailure()
					.rootCause()
					.isInstanceOf(TenantsFailedException.class)
					.hasMessageContaining("Hoist did not migrate every tenant, so the application does not start")
					.hasMessageContaining("globex: Migration filesystem:" + this.migrations + "/V2__audit.sql")
					.hasMessageContaining("no tenant was started after it");
				FailureAnalysis analysis = new HoistFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getAction()).contains("hoist.tenants.on-failure=continue");
			});
		assertThat(this.database.queryForString("SELECT to_regclass('initech.audit')")).isNull();

		this.contextRunner
			.withPropertyValues("hoist.tenants.schemas=acme,globex,initech", "hoist.tenants.on-failure=continue")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(this.database.queryForString("SELECT to_regclass('initech.audit')"))
					.isEqualTo("initech.audit");
			});
	}

	@Test
	void inValidateModeReplicasWaitForTheTenantsAndStartWithoutTheStragglersOnlyIfAllowed() {
		this.contextRunner.withPropertyValues("hoist.tenants.schemas=acme,globex")
			.run((context) -> assertThat(context).hasNotFailed());
		String tenants = "hoist.tenants.schemas=acme,globex,initech";
		this.contextRunner.withPropertyValues(tenants, "hoist.mode=validate", "hoist.validate-timeout=1s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(TenantsFailedException.class)
				.hasMessageContaining("1 did not reach this build's head within 1 s (initech)"));
		this.contextRunner
			.withPropertyValues(tenants, "hoist.mode=validate", "hoist.validate-timeout=1s",
					"hoist.tenants.on-failure=continue")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(this.database.queryForString("SELECT to_regclass('initech.items')")).isNull();
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class TenantsBean {

		@Bean
		HoistTenants hoistTenants() {
			return () -> List.of("globex");
		}

	}

}
