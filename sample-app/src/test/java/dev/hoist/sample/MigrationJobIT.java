package dev.hoist.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes alternative of {@code deploy/k8s/job}: the jar as a migration Job that
 * exits once the schema is migrated, then a replica in {@code validate} mode that never
 * writes.
 */
@PostgresTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigrationJobIT {

	private static final Duration STARTUP = Duration.ofSeconds(90);

	@Test
	@Order(1)
	void jobMigratesAndExitsWithoutServingHttp(TestDatabase database, @TempDir Path directory) throws Exception {
		Map<String, String> environment = Map.of("DATABASE_URL", PackagedJarIT.url(database), "HOIST_COMMAND",
				"migrate");
		try (RunningJar job = RunningJar.start(directory, environment)) {
			assertThat(job.awaitExit(STARTUP)).as(job.output()).isZero();
			assertThat(job.output()).contains("V7__Backfill_order_totals").doesNotContain("Tomcat started");
		}
		assertThat(database
			.queryForString("SELECT max(version) FROM hoist_schema_history WHERE success AND type <> 'REPEATABLE'"))
			.isEqualTo("7");
	}

	@Test
	@Order(2)
	void replicaInValidateModeStartsAfterTheJobAndTheEnvironmentBeatsDotenvLocal(TestDatabase database,
			@TempDir Path directory) throws Exception {
		Files.writeString(directory.resolve(".env.local"),
				"DATABASE_URL=postgresql://someone@localhost:1/not_this_one\n");
		Map<String, String> environment = Map.of("DATABASE_URL", PackagedJarIT.url(database), "HOIST_MODE", "validate");
		try (RunningJar replica = RunningJar.start(directory, environment).awaitReady(STARTUP)) {
			assertThat(replica.http().get("/actuator/health/liveness").statusCode()).isEqualTo(200);
			assertThat(replica.output()).contains("(DATABASE_URL from environment)").doesNotContain("applying");
		}
	}

}
