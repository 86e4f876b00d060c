package dev.hoist.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.hoist.core.Hoist;
import dev.hoist.core.HoistConfiguration.TenantFailurePolicy;
import dev.hoist.core.HoistStatus;
import dev.hoist.core.HoistStatus.Problem.Kind;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * {@code hoist.mode=validate}: replicas that never write and wait for whoever migrates.
 */
@PostgresTest
@ExtendWith(OutputCaptureExtension.class)
class HoistValidateModeTests {

	@Test
	void waitsWhileAnotherInstanceMigratesThenStarts(TestDatabase database, CapturedOutput output) throws Exception {
		TestDatabase fresh = database.server().createDatabase(database.name() + "_wait");
		try {
			CompletableFuture<ConfigurableApplicationContext> validating = CompletableFuture
				.supplyAsync(() -> TestApplications.run(App.class, fresh, "hoist.locations=classpath:hoist/slow",
						"hoist.mode=validate", "hoist.validate-timeout=60s"));
			await().atMost(Duration.ofSeconds(30)).until(() -> output.toString().contains("(validate mode): waiting"));
			assertThat(validating).isNotDone();
			assertThat(fresh.queryForString("SELECT to_regclass('hoist_schema_history')")).isNull();
			try (ConfigurableApplicationContext migrating = TestApplications.run(App.class, fresh,
					"hoist.locations=classpath:hoist/slow");
					ConfigurableApplicationContext validated = validating.get(60, TimeUnit.SECONDS)) {
				assertThat(validated.isActive()).isTrue();
				assertThat(output).contains("(validate mode): schema at revision 2, valid");
				assertThat(fresh.queryForList("SELECT version || ':' || installed_by FROM hoist_schema_history"))
					.hasSize(2);
			}
		}
		finally {
			database.server().dropDatabase(fresh.name());
		}
	}

	@Test
	void failsAfterItsTimeoutListingThePendingVersionsWhenNothingMigrates(TestDatabase database,
			CapturedOutput output) {
		TestDatabase fresh = database.server().createDatabase(database.name() + "_behind");
		try {
			TestApplications.run(App.class, fresh, "hoist.target=1").close();
			long start = System.nanoTime();
			Throwable failure = catchThrowable(
					() -> TestApplications.run(App.class, fresh, "hoist.mode=validate", "hoist.validate-timeout=2s"));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofSeconds(2),
					Duration.ofSeconds(10));
			assertThat(failure).rootCause()
				.isInstanceOf(SchemaBehindException.class)
				.hasMessageContaining("head (version 2)")
				.hasMessageContaining("at revision 1, and 1 migration is pending: V2__add_shop_name.sql (version 2)");
			assertThat(output).contains("the database is at revision 1, and 1 migration is pending:"
					+ " V2__add_shop_name.sql (version 2)");
			assertThat(output).contains("Action:", "hoist.validate-timeout");
			assertThat(fresh.queryForList("SELECT version FROM hoist_schema_history")).containsExactly("1");
		}
		finally {
			database.server().dropDatabase(fresh.name());
		}
	}

	@Test
	void aPendingFileWithABrokenDownSectionDoesNotStopAReplicaWaitingForWhoeverMigrates(TestDatabase database,
			CapturedOutput output, @TempDir Path migrations) throws Exception {
		TestDatabase fresh = database.server().createDatabase(database.name() + "_down");
		try {
			Files.writeString(migrations.resolve("V1__shops.sql"), "-- migrate:up\nCREATE TABLE shops (id int);\n"
					+ "CREATE INDEX shops_id_idx ON shops (id);\n-- migrate:down\nDROP INDEX CONCURRENTLY shops_id_idx;\n");
			Hoist hoist = Hoist.configure().dataSource(fresh.dataSource()).locations("filesystem:" + migrations).load();
			assertThat(hoist.status().problems()).extracting(HoistStatus.Problem::kind)
				.containsExactly(Kind.INVALID_DOWN_SECTION);
			CompletableFuture<Void> validating = CompletableFuture
				.runAsync(() -> new ValidateAtHeadStrategy(Duration.ofSeconds(60)).migrate(hoist));
			await().atMost(Duration.ofSeconds(30)).until(() -> output.toString().contains("(validate mode): waiting"));
			assertThat(validating).isNotDone();

			hoist.migrate();

			validating.get(30, TimeUnit.SECONDS);
			assertThat(output).contains("(validate mode): schema at revision 1, valid");
		}
		finally {
			database.server().dropDatabase(fresh.name());
		}
	}

	@Test
	void tenantsBehindAPendingFileWithABrokenDownSectionAreWaitedForNotFailed(TestDatabase database,
			CapturedOutput output, @TempDir Path migrations) throws Exception {
		TestDatabase fresh = database.server().createDatabase(database.name() + "_tenant_down");
		try {
			Files.writeString(migrations.resolve("V1__shops.sql"), "-- migrate:up\nCREATE TABLE shops (id int);\n"
					+ "CREATE INDEX shops_id_idx ON shops (id);\n-- migrate:down\nDROP INDEX CONCURRENTLY shops_id_idx;\n");
			Hoist hoist = Hoist.configure()
				.dataSource(fresh.dataSource())
				.locations("filesystem:" + migrations)
				.tenantSchemas("acme", "globex")
				.tenantFailurePolicy(TenantFailurePolicy.STOP)
				.load();
			CompletableFuture<Void> validating = CompletableFuture
				.runAsync(() -> new ValidateAtHeadStrategy(Duration.ofSeconds(60)).migrate(hoist));
			await().atMost(Duration.ofSeconds(30))
				.until(() -> output.toString().contains("waiting up to 60 s for 2 of 2 tenants")
						|| validating.isDone());
			assertThat(validating).isNotDone();

			assertThat(hoist.migrateTenants().failed()).isEmpty();

			validating.get(30, TimeUnit.SECONDS);
			assertThat(output).contains("(validate mode): all 2 tenants at this build's head");
		}
		finally {
			database.server().dropDatabase(fresh.name());
		}
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

	}

}
