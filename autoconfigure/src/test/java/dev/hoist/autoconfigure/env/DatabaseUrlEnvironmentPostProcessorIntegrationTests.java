package dev.hoist.autoconfigure.env;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.PropertySource;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Whole application starts whose database settings come from the environment and
 * {@code .env} files, against a real PostgreSQL.
 */
@PostgresTest
@ExtendWith(OutputCaptureExtension.class)
class DatabaseUrlEnvironmentPostProcessorIntegrationTests {

	// distinctive, and full of characters that must be percent-encoded in a URL
	private static final String PASSWORD = "Hoist-pw/9@x:y+z%q_7c1f";

	private static final String SECRET = "SECRET-never-printed-5e1";

	@Test
	void connectsWithOnlyDatabaseUrlInDotenvLocalAndNeverPrintsThePassword(TestDatabase database,
			@TempDir Path directory, CapturedOutput output) {
		String role = "hoist_app_" + ProcessHandle.current().pid();
		database.execute("DROP ROLE IF EXISTS " + role);
		database.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + PASSWORD + "'");
		String encodedPassword = URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
		try {
			String url = "postgres://" + role + ":" + encodedPassword + "@" + database.host() + ":" + database.port()
					+ "/" + database.name();
			TestApplication application = new TestApplication(directory).source(JdbcApplication.class)
				.file(".env.local", "# only this\nDATABASE_URL=" + url + "\n")
				.defaultProperty("logging.level.root", "debug");
			try (ConfigurableApplicationContext context = application.run()) {
				DataSource dataSource = context.getBean(DataSource.class);
				JdbcTemplate jdbc = new JdbcTemplate(dataSource);
				assertThat(jdbc.queryForObject("SELECT current_user", String.class)).isEqualTo(role);
				assertThat(jdbc.queryForObject("SELECT current_database()", String.class)).isEqualTo(database.name());
				assertThat(((HikariDataSource) dataSource).getPassword()).isEqualTo(PASSWORD);
				for (PropertySource<?> source : context.getEnvironment().getPropertySources()) {
					assertThat(source.getName()).doesNotContain(PASSWORD).doesNotContain(encodedPassword);
				}
			}
			String line = "Hoist: PostgreSQL " + role + "@" + database.host() + ":" + database.port() + "/"
					+ database.name() + " (DATABASE_URL from .env.local)";
			assertThat(output.getAll()).contains(line);
			assertThat(output.getAll().split(line.replace("(", "\\(").replace(")", "\\)"), -1)).hasSize(2);
			assertThat(output.getAll()).contains("HikariPool");
			assertThat(output.getAll()).doesNotContain(PASSWORD)
				.doesNotContain(encodedPassword)
				.doesNotContain("Hoist-pw");
		}
		finally {
			database.execute("DROP ROLE IF EXISTS " + role);
		}
	}

	@Test
	void aTestRunMigratesTheDatabaseItIsGivenNeverTheDevelopersOwnFromDotenvLocal(TestDatabase database,
			@TempDir Path directory) {
		TestDatabase developers = database.server().createDatabase(database.name() + "_developer");
		try {
			TestApplication application = hoistApplication(directory)
				.defaultProperty("hoist.dotenv.local-in-tests", "false")
				.file(".env.local", "DATABASE_URL=" + developers.postgresUrl() + "\n")
				.file(".env", "DATABASE_URL=" + database.postgresUrl() + "\n");
			application.run().close();

			assertThat(database.queryForList("SELECT version FROM hoist_schema_history ORDER BY installed_rank"))
				.containsExactly("1", "2");
			assertThat(developers.queryForString("SELECT to_regclass('hoist_schema_history')")).isNull();
		}
		finally {
			database.server().dropDatabase(developers.name());
		}
	}

	@Test
	void libpqVariablesLeftInTheShellNeverMigrateAnotherDatabaseThanTheCompleteOne(TestDatabase database,
			@TempDir Path directory, CapturedOutput output) {
		// PGHOST and PGUSER without PGDATABASE: libpq would use the database named like
		// the user
		String decoy = database.name() + "_decoy";
		TestDatabase other = database.server().createDatabase(decoy);
		try {
			other.execute("DO $$ BEGIN CREATE ROLE " + decoy + " LOGIN SUPERUSER; EXCEPTION WHEN duplicate_object"
					+ " THEN NULL; END $$");
			TestApplication application = hoistApplication(directory).environmentVariable("PGHOST", database.host())
				.environmentVariable("PGPORT", String.valueOf(database.port()))
				.environmentVariable("PGUSER", decoy)
				.file(".env.local", "DATABASE_URL=" + database.postgresUrl() + "\n");
			application.run().close();

			assertThat(database.queryForList("SELECT version FROM hoist_schema_history ORDER BY installed_rank"))
				.containsExactly("1", "2");
			assertThat(other.queryForString("SELECT to_regclass('hoist_schema_history')")).isNull();
			assertThat(output).contains("Hoist: PGHOST, PGPORT, PGUSER from environment name a host but no database"
					+ " and were not used: DATABASE_URL from .env.local names a complete database, which wins");
		}
		finally {
			database.server().dropDatabase(decoy);
		}
	}

	@Test
	void aStartThatCannotReachTheDatabaseNeverPrintsThePasswordOfItsUrl(@TempDir Path directory,
			CapturedOutput output) {
		for (String url : List.of("postgres://u:" + SECRET + "@127.0.0.1:1/db",
				"jdbc:postgresql://127.0.0.1:1/db?password=" + SECRET,
				"jdbc:postgresql://127.0.0.1:1/db?sslpassword=" + SECRET + "&socketFactory=no.such.Factory")) {
			TestApplication application = hoistApplication(directory).environmentVariable("SPRING_DATASOURCE_URL", url)
				.defaultProperty("hoist.wait.timeout", "1s")
				.defaultProperty("hoist.wait.initial-delay", "200");
			assertThatExceptionOfType(RuntimeException.class).as(url).isThrownBy(application::run);
		}
		assertThat(output).contains("Hoist: PostgreSQL u@127.0.0.1:1/db (SPRING_DATASOURCE_URL from environment)")
			.contains("Hoist gave up waiting for PostgreSQL")
			.contains("APPLICATION FAILED TO START")
			.doesNotContain(SECRET);
	}

	private static TestApplication hoistApplication(Path directory) {
		return new TestApplication(directory).source(HoistApplication.class)
			.defaultProperty("hoist.locations", "classpath:hoist/shop")
			.defaultProperty("spring.flyway.enabled", "false")
			.defaultProperty("spring.autoconfigure.exclude",
					"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration,"
							+ "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(DataSourceAutoConfiguration.class)
	static class JdbcApplication {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class HoistApplication {

	}

}
