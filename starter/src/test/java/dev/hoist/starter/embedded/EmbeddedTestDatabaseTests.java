package dev.hoist.starter.embedded;

import dev.hoist.starter.SliceDatabase;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/**
 * A slice that swaps the service's PostgreSQL for an embedded H2 (the default
 * {@code @AutoConfigureTestDatabase} with H2 on the classpath) cannot be migrated: Hoist
 * says so and migrates nothing, rather than migrating the PostgreSQL database of
 * {@code spring.datasource.url} while the test runs on H2.
 */
@PostgresTest
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedTestDatabaseTests {

	private static TestDatabase database;

	@BeforeAll
	static void useDatabase(TestDatabase testDatabase) {
		database = testDatabase;
	}

	@Test
	void aSliceOnAnEmbeddedDatabaseFailsSayingHowToTestOnPostgresql(CapturedOutput output) {
		Events events = EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(SliceOnReplacedDatabase.class))
			.execute()
			.testEvents();
		events.assertThatEvents()
			.haveExactly(1, finishedWithFailure(instanceOf(IllegalStateException.class),
					message((text) -> text.contains("Failed to load ApplicationContext"))));
		Throwable failure = events.failed()
			.stream()
			.findFirst()
			.orElseThrow()
			.getRequiredPayload(TestExecutionResult.class)
			.getThrowable()
			.orElseThrow();
		assertThat(failure).rootCause()
			.hasMessageContaining("the application's DataSource is an embedded H2 database")
			.hasMessageContaining("Hoist migrated nothing");
		assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
			.contains("@AutoConfigureTestDatabase(replace = Replace.NONE)")
			.contains("hoist.mode=off");
		assertThat(database.queryForString("SELECT to_regclass('hoist_schema_history')::text")).isNull();
	}

	/**
	 * What a service's test looks like when H2 is on its test classpath; run only by the
	 * test above.
	 */
	@JdbcTest
	@AutoConfigureTestDatabase(replace = Replace.ANY)
	@DirtiesContext
	static class SliceOnReplacedDatabase {

		@DynamicPropertySource
		static void databaseProperties(DynamicPropertyRegistry registry) {
			SliceDatabase.register(registry, () -> database);
		}

		@Test
		void usesTheDatabase() {
		}

		@SpringBootConfiguration(proxyBeanMethods = false)
		static class Service {

		}

	}

}
