package dev.hoist.autoconfigure.command;

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
	void cleanIsRefusedUnderTheProdProfileEvenWhenEnabled(CapturedOutput output) {
		run("hoist.command=migrate");

		run("hoist.command=clean", "hoist.clean-enabled=true", "spring.profiles.active=prod");

		assertThat(CommandApplication.exitCode).hasValue(1);
		assertThat(output.getErr()).contains("hoist clean is refused while the 'prod' profile is active");
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
