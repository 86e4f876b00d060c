package dev.hoist.autoconfigure.env;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.PropertySource;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole application start whose only database setting is a {@code DATABASE_URL} in a
 * {@code .env.local}, against a real PostgreSQL.
 */
@PostgresTest
@ExtendWith(OutputCaptureExtension.class)
class DatabaseUrlEnvironmentPostProcessorIntegrationTests {

	// distinctive, and full of characters that must be percent-encoded in a URL
	private static final String PASSWORD = "Hoist-pw/9@x:y+z%q_7c1f";

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

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(DataSourceAutoConfiguration.class)
	static class JdbcApplication {

	}

}
