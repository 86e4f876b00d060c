package dev.hoist.autoconfigure;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.hoist.core.Hoist;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A migration that changes its session (read-only transactions, a role, the search path,
 * replication role, a custom setting) leaves the application's connections as they were,
 * whether Hoist migrates through connections of its own or through the application's
 * pool. The pool has one connection, so the application gets the very one Hoist used.
 */
@PostgresTest
@ExtendWith(OutputCaptureExtension.class)
class MigrationSessionTests {

	private TestDatabase database;

	@BeforeEach
	void prepare(TestDatabase database) {
		this.database = database;
		database.resetPublicSchema();
		database.execute("DO $$ BEGIN CREATE ROLE hoist_session_probe NOLOGIN SUPERUSER;"
				+ " EXCEPTION WHEN duplicate_object THEN NULL; END $$");
	}

	@Test
	void throughConnectionsOfItsOwnTheApplicationsPoolIsNeverTouched() {
		try (ConfigurableApplicationContext context = TestApplications.run(PoolApplication.class, this.database,
				"hoist.locations=classpath:hoist/session", "spring.datasource.hikari.maximum-pool-size=1")) {
			assertThat(context.getBean(Hoist.class).configuration().getUrl()).isNotNull();
			assertSessionAsTheApplicationSetIt(context);
		}
	}

	@Test
	void throughTheApplicationsOwnPoolItsConnectionComesBackAsItWas(CapturedOutput output) {
		try (ConfigurableApplicationContext context = TestApplications.run(OwnPoolApplication.class,
				"hoist.locations=classpath:hoist/session", "own-pool.url=" + this.database.jdbcUrl(),
				"own-pool.username=" + this.database.user(), "own-pool.password=" + this.database.password())) {
			// Hoist cannot see into the bean and migrates through it
			assertThat(context.getBean(Hoist.class).configuration().getUrl()).isNull();
			assertSessionAsTheApplicationSetIt(context);
		}
		assertThat(output).contains("Hoist: put back what the migrations changed on the borrowed connection's session"
				+ " (role, default_transaction_read_only, search_path, session_replication_role, statement_timeout)"
				+ " before returning it");
	}

	private void assertSessionAsTheApplicationSetIt(ConfigurableApplicationContext context) {
		assertThat(this.database.queryForList("SELECT version FROM hoist_schema_history ORDER BY installed_rank"))
			.containsExactly("1", "2");
		JdbcClient jdbc = context.getBean(JdbcClient.class);
		assertThat(jdbc.sql("SHOW default_transaction_read_only").query(String.class).single()).isEqualTo("off");
		assertThat(jdbc.sql("SELECT current_user = session_user").query(Boolean.class).single()).isTrue();
		assertThat(jdbc.sql("SHOW search_path").query(String.class).single()).isEqualTo("\"$user\", public");
		assertThat(jdbc.sql("SHOW session_replication_role").query(String.class).single()).isEqualTo("origin");
		assertThat(jdbc.sql("SHOW statement_timeout").query(String.class).single()).isEqualTo("0");
		assertThat(jdbc.sql("SELECT coalesce(current_setting('myapp.tenant', true), '')").query(String.class).single())
			.isEmpty();
		assertThat(jdbc.sql("INSERT INTO orders (note) VALUES ('written after the migration')").update()).isOne();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class PoolApplication {

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class OwnPoolApplication {

		// a pool of the application's own, built by hand: no JDBC connection details
		@Bean
		DataSource dataSource(Environment environment) {
			HikariDataSource dataSource = new HikariDataSource();
			dataSource.setJdbcUrl(environment.getRequiredProperty("own-pool.url"));
			dataSource.setUsername(environment.getRequiredProperty("own-pool.username"));
			dataSource.setPassword(environment.getProperty("own-pool.password"));
			dataSource.setMaximumPoolSize(1);
			return dataSource;
		}

	}

}
