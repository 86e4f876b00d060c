package dev.hoist.starter.datajdbc;

import dev.hoist.starter.SliceDatabase;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.data.jdbc.test.autoconfigure.DataJdbcTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @DataJdbcTest} on an empty database: Hoist migrates before the repositories run.
 */
@PostgresTest
@DataJdbcTest
@AutoConfigureTestDatabase(replace = Replace.NONE)
@DirtiesContext
class DataJdbcTestSliceTests {

	private static TestDatabase database;

	@Autowired
	private ShopRows shops;

	@BeforeAll
	static void useDatabase(TestDatabase testDatabase) {
		database = testDatabase;
	}

	@DynamicPropertySource
	static void databaseProperties(DynamicPropertyRegistry registry) {
		SliceDatabase.register(registry, () -> database);
	}

	@Test
	void theRepositoryUsesTheMigratedSchema() {
		ShopRow saved = this.shops.save(new ShopRow(null, "jdbc.example", "Data JDBC"));
		assertThat(saved.id()).isNotNull();
		assertThat(this.shops.findAll()).extracting(ShopRow::name).containsExactly("Data JDBC");
		assertThat(database.queryForList("SELECT version FROM hoist_schema_history ORDER BY installed_rank"))
			.containsExactly("1", "2");
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@AutoConfigurationPackage
	static class Service {

	}

}
