package dev.hoist.starter;

import java.util.function.Supplier;

import dev.hoist.testsupport.TestDatabase;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a test slice at the class's fresh {@code @PostgresTest} database, the way a
 * service's tests point at theirs: {@code spring.datasource.*} and nothing of Hoist's.
 */
public final class SliceDatabase {

	private SliceDatabase() {
	}

	/**
	 * Register the database's connection settings.
	 * @param registry the test's dynamic properties
	 * @param database the database, known once the class's {@code @BeforeAll} ran
	 */
	public static void register(DynamicPropertyRegistry registry, Supplier<TestDatabase> database) {
		registry.add("spring.datasource.url", () -> database.get().jdbcUrl());
		registry.add("spring.datasource.username", () -> database.get().user());
		registry.add("spring.datasource.password", () -> database.get().password());
	}

}
