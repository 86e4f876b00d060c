package dev.hoist.autoconfigure.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.hoist.autoconfigure.Shop;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --hoist.command=...} runs one command with the application's configuration
 * instead of the startup migration, prints its result and exits with its code.
 */
@PostgresTest
@ExtendWith(OutputCaptureExtension.class)
class HoistCommandModeTests {

	private TestDatabase database;

	@BeforeEach
	void cleanDatabase(TestDatabase database) {
		this.database = database;
		database.resetPublicSchema();
		CommandApplication.exitCode.set(-1);
	}

	@Test
	void checkRunsInsteadOfTheStartupMigrationAndExitsWithOneWhenMigrationsArePending(CapturedOutput output) {
		ConfigurableApplicationContext context = run("hoist.command=check");

		assertThat(CommandApplication.exitCode).hasValue(1);
		assertThat(output.getOut()).contains("Pending: 2 migrations to apply on revision (empty)");
		assertThat(this.database.queryForString("SELECT to_regclass('hoist_schema_history')")).isNull();
		assertThat(context.isActive()).isFalse();
		assertThat(context.getEnvironment().getProperty("spring.main.web-application-type")).isEqualTo("none");
	}

	@Test
	void migrateThenStatusAsJsonThenDowngradeOneStep(CapturedOutput output) {
		run("hoist.command=migrate");
		assertThat(CommandApplication.exitCode).hasValue(0);
		assertThat(output.getOut()).contains("Applied 2 migrations");

		run("hoist.command=status", "hoist.json=true");
		assertThat(CommandApplication.exitCode).hasValue(0);
		assertThat(output.getOut()).contains("\"revision\": \"2\"").contains("\"state\": \"current\"");

		run("hoist.command=downgrade", "hoist.steps=1");
		assertThat(CommandApplication.exitCode).hasValue(0);
		assertThat(this.database.queryForList("SELECT version FROM hoist_schema_history")).containsExactly("1");
	}

	@Test
	void cleanIsRefusedUnderAnyProfileButADevelopmentOneEvenWhenEnabled(CapturedOutput output) {
		run("hoist.command=migrate");

		// an allow-list: no list of production names is ever complete (prod, prd,
		// live...)
		for (String profiles : List.of("production", "dev,staging")) {
			run("hoist.command=clean", "hoist.clean-enabled=true", "spring.profiles.active=" + profiles);
			assertThat(CommandApplication.exitCode).as(profiles).hasValue(1);
		}
		run("hoist.command=clean", "hoist.clean-enabled=true");
		assertThat(CommandApplication.exitCode).hasValue(1);

		assertThat(output.getErr())
			.contains("hoist clean is refused: the profile production is active, and clean runs"
					+ " only under development profiles (dev, development, local, test; hoist.clean-profiles), with no"
					+ " other profile active. Activate one, such as --spring.profiles.active=dev, if this really is a"
					+ " development database. Nothing was changed")
			.contains("hoist clean is refused: the profile staging is active")
			.contains("hoist clean is refused: no profile is active");
		assertThat(this.database.queryForString("SELECT to_regclass('shops')")).isNotNull();
	}

	@Test
	void cleanIsNeverEnabledByAFileOrTheEnvironment(CapturedOutput output) throws IOException {
		run("hoist.command=migrate");
		Path directory = Files.createTempDirectory("hoist-clean");
		Files.writeString(directory.resolve(".env"), "HOIST_CLEAN_ENABLED=true\n");
		Files.writeString(directory.resolve("application-dev.yml"), "hoist.clean-enabled: true\n");

		run("hoist.command=clean", "spring.profiles.active=dev", "hoist.dotenv.directory=" + directory);
		run("hoist.command=clean", "spring.profiles.active=dev",
				"spring.config.additional-location=file:" + directory + "/");

		assertThat(CommandApplication.exitCode).hasValue(1);
		assertThat(output.getErr()).contains("hoist clean is refused: it drops every object in the schema, and runs"
				+ " only when enabled for this run on the command line (--hoist.clean-enabled=true) or as a system"
				+ " property (-Dhoist.clean-enabled=true); HOIST_CLEAN_ENABLED from .env does not count, since a file"
				+ " or the environment must never be what destroys a schema. Nothing was changed")
			.contains("; hoist.clean-enabled from application-dev.yml does not count");
		assertThat(this.database.queryForString("SELECT to_regclass('shops')")).isNotNull();
	}

	@Test
	void aCommandRunsWhenTheStartupMigrationIsOff(CapturedOutput output) {
		// HOIST_MODE=off in a deployment must not turn 'kubectl exec ... status' into a
		// no-op
		run("hoist.command=migrate", "hoist.mode=off");

		assertThat(CommandApplication.exitCode).hasValue(0);
		assertThat(output.getOut()).contains("Applied 2 migrations");
		assertThat(this.database.queryForList("SELECT version FROM hoist_schema_history")).containsExactly("1", "2");
	}

	@Test
	void hibernateNeitherValidatesNorDropsTheSchemaInCommandMode(CapturedOutput output) {
		// validate would fail before 'migrate' could run on an empty database
		runWithJpa("hoist.command=migrate", "spring.jpa.hibernate.ddl-auto=validate");
		assertThat(CommandApplication.exitCode).hasValue(0);
		assertThat(this.database.queryForList("SELECT version FROM hoist_schema_history")).containsExactly("1", "2");

		// create-drop would drop every table when the command's context closes
		runWithJpa("hoist.command=status", "spring.jpa.hibernate.ddl-auto=create-drop",
				"spring.jpa.properties.hibernate.hbm2ddl.auto=create-drop");
		assertThat(CommandApplication.exitCode).hasValue(0);
		assertThat(this.database.queryForString("SELECT to_regclass('shops')::text")).isEqualTo("shops");
		assertThat(this.database.queryForList("SELECT version FROM hoist_schema_history")).containsExactly("1", "2");
	}

	@Test
	void inJsonModeTheReportIsAloneOnStandardOutput(CapturedOutput output) {
		run("hoist.command=status", "hoist.json=true");

		assertThat(CommandApplication.exitCode).hasValue(0);
		assertThat(output.getOut().strip()).startsWith("{").endsWith("}").doesNotContain("Hoist: connected");
		assertThat(output.getErr()).contains("Hoist: connected to PostgreSQL");
	}

	@Test
	void cleanRunsWhenEnabledOnTheCommandLineUnderADevelopmentProfile(CapturedOutput output) {
		run("hoist.command=migrate");

		run("hoist.command=clean", "hoist.clean-enabled=true", "spring.profiles.active=local");

		assertThat(CommandApplication.exitCode).hasValue(0);
		assertThat(this.database.queryForString("SELECT to_regclass('shops')")).isNull();
	}

	@Test
	void cleanRefusesASchemaHoldingMoreRowsThanTheLimit(CapturedOutput output) {
		run("hoist.command=migrate");
		this.database.execute("INSERT INTO shops (domain, name) SELECT 'shop' || i || '.example', 'Shop'"
				+ " FROM generate_series(1, 3) i");

		run("hoist.command=clean", "hoist.clean-enabled=true", "spring.profiles.active=dev", "hoist.clean-max-rows=2");

		assertThat(CommandApplication.exitCode).hasValue(1);
		assertThat(output.getErr()).contains("Clean refused: the tables of schema public hold more than 2 rows")
			.contains("raise the limit with hoist.clean-max-rows (HOIST_CLEAN_MAX_ROWS)");
		assertThat(this.database.queryForLong("SELECT count(*) FROM shops")).isEqualTo(3);
	}

	@Test
	void withTenantsStatusListsEveryTenantAndASummaryAndHistoryAsksForOneTenant(CapturedOutput output) {
		this.database.execute("DROP SCHEMA IF EXISTS acme CASCADE; DROP SCHEMA IF EXISTS globex CASCADE");
		run("hoist.command=migrate", "hoist.tenants.schemas=acme");

		run("hoist.command=status", "hoist.tenants.schemas=acme,globex", "hoist.json=true");

		assertThat(CommandApplication.exitCode).hasValue(0);
		assertThat(output.getOut())
			.contains("\"summary\": {\n    \"total\": 2,\n    \"current\": 1,\n    \"behind\": 1")
			.contains("\"name\": \"globex\",\n      \"state\": \"behind\"");
		run("hoist.command=check", "hoist.tenants.schemas=acme,globex");
		assertThat(CommandApplication.exitCode).hasValue(1);
		assertThat(output.getOut()).contains("Pending: 1 tenant of 2 behind: globex");

		run("hoist.command=history", "hoist.tenants.schemas=acme,globex");
		assertThat(CommandApplication.exitCode).hasValue(1);
		assertThat(output.getErr()).contains("'history' works on one schema")
			.contains("hoist.tenants.enabled=false (HOIST_TENANTS_ENABLED=false), with hoist.schema (HOIST_SCHEMA)");
		run("hoist.command=history", "hoist.tenants.schemas=acme,globex", "hoist.tenants.enabled=false",
				"hoist.schema=acme");
		assertThat(CommandApplication.exitCode).hasValue(0);
	}

	@Test
	void unknownCommandIsAUsageErrorNamingTheCommands(CapturedOutput output) {
		run("hoist.command=upgrade");

		assertThat(CommandApplication.exitCode).hasValue(64);
		assertThat(output.getErr()).contains("Unknown hoist.command 'upgrade'").contains("status, history, migrate");
	}

	@Test
	void withoutACommandTheApplicationMigratesAndRunsNormally() {
		try (ConfigurableApplicationContext context = run()) {
			assertThat(context.isActive()).isTrue();
			assertThat(context.getBeanNamesForType(HoistCommandRunner.class)).isEmpty();
		}
		assertThat(CommandApplication.exitCode).hasValue(-1);
		assertThat(this.database.queryForList("SELECT version FROM hoist_schema_history")).containsExactly("1", "2");
	}

	private ConfigurableApplicationContext runWithJpa(String... properties) {
		SpringApplication application = new SpringApplication(CommandApplication.class, JpaEntities.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + this.database.jdbcUrl(),
				"--spring.datasource.username=" + this.database.user(),
				"--spring.datasource.password=" + this.database.password(), "--hoist.locations=classpath:hoist/shop",
				"--spring.flyway.enabled=false"));
		for (String property : properties) {
			args.add("--" + property);
		}
		return application.run(args.toArray(new String[0]));
	}

	private ConfigurableApplicationContext run(String... properties) {
		SpringApplication application = new SpringApplication(CommandApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + this.database.jdbcUrl(),
				"--spring.datasource.username=" + this.database.user(),
				"--spring.datasource.password=" + this.database.password(), "--hoist.locations=classpath:hoist/shop",
				"--spring.flyway.enabled=false",
				"--spring.autoconfigure.exclude="
						+ "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration,"
						+ "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration"));
		for (String property : properties) {
			args.add("--" + property);
		}
		return application.run(args.toArray(new String[0]));
	}

	@Configuration(proxyBeanMethods = false)
	@EntityScan(basePackageClasses = Shop.class)
	static class JpaEntities {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class CommandApplication {

		static final AtomicInteger exitCode = new AtomicInteger(-1);

		@Bean
		HoistCommandExit recordingExit() {
			return exitCode::set;
		}

	}

}
