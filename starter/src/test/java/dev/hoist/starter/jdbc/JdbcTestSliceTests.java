package dev.hoist.starter.jdbc;

import dev.hoist.starter.SliceDatabase;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @JdbcTest} on an empty database: Hoist migrates it before the test runs, as
 * Flyway does in the same slice.
 */
@PostgresTest
@JdbcTest
@AutoConfigureTestDatabase(replace = Replace.NONE)
@DirtiesContext
class JdbcTestSliceTests {

	private static TestDatabase database;

	@Autowired
	private JdbcClient jdbc;

	@BeforeAll
	static void useDatabase(TestDatabase testDatabase) {
		database = testDatabase;
	}

	@DynamicPropertySource
	static void databaseProperties(DynamicPropertyRegistry registry) {
		SliceDatabase.register(registry, () -> database);
	}

	@Test
	void theSliceSeesTheMigratedSchema() {
		this.jdbc.sql("INSERT INTO shops (domain, name) VALUES ('jdbc.example', 'JDBC')").update();
		assertThat(this.jdbc.sql("SELECT name FROM shops").query(String.class).list()).containsExactly("JDBC");
		assertThat(database.queryForList("SELECT version FROM hoist_schema_history ORDER BY installed_rank"))
			.containsExactly("1", "2");
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	static class Service {

	}

}
