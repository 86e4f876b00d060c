package dev.hoist.starter.jpa;

import dev.hoist.starter.SliceDatabase;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @DataJpaTest} on an empty database with Hibernate validating the schema against
 * the entities: Hoist migrates before the {@code EntityManagerFactory} is built.
 */
@PostgresTest
@DataJpaTest(properties = "spring.jpa.hibernate.ddl-auto=validate")
@AutoConfigureTestDatabase(replace = Replace.NONE)
@DirtiesContext
class DataJpaTestSliceTests {

	private static TestDatabase database;

	@Autowired
	private ShopRepository shops;

	@BeforeAll
	static void useDatabase(TestDatabase testDatabase) {
		database = testDatabase;
	}

	@DynamicPropertySource
	static void databaseProperties(DynamicPropertyRegistry registry) {
		SliceDatabase.register(registry, () -> database);
	}

	@Test
	void hibernateValidatesTheMigratedSchemaAndTheRepositoryUsesIt() {
		Shop saved = this.shops.saveAndFlush(new Shop("jpa.example", "JPA"));
		assertThat(saved.getId()).isNotNull();
		assertThat(this.shops.findAll()).extracting(Shop::getDomain).containsExactly("jpa.example");
		assertThat(database.queryForList("SELECT version FROM hoist_schema_history ORDER BY installed_rank"))
			.containsExactly("1", "2");
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@AutoConfigurationPackage
	static class Service {

	}

}
