package dev.hoist.starter.jooq;

import dev.hoist.starter.SliceDatabase;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.jooq.test.autoconfigure.JooqTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;

/**
 * {@code @JooqTest} (which never replaces the data source) on an empty database: Hoist
 * migrates before the {@code DSLContext} is used.
 */
@PostgresTest
@JooqTest
@DirtiesContext
class JooqTestSliceTests {

	private static TestDatabase database;

	@Autowired
	private DSLContext dsl;

	@BeforeAll
	static void useDatabase(TestDatabase testDatabase) {
		database = testDatabase;
	}

	@DynamicPropertySource
	static void databaseProperties(DynamicPropertyRegistry registry) {
		SliceDatabase.register(registry, () -> database);
	}

	@Test
	void jooqSeesTheMigratedSchema() {
		this.dsl.insertInto(table("shops"), field("domain"), field("name")).values("jooq.example", "jOOQ").execute();
		assertThat(this.dsl.select(field("name", String.class)).from(table("shops")).fetch(0, String.class))
			.containsExactly("jOOQ");
		assertThat(database.queryForList("SELECT version FROM hoist_schema_history ORDER BY installed_rank"))
			.containsExactly("1", "2");
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	static class Service {

	}

}
