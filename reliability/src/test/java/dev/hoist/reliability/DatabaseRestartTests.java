package dev.hoist.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.hoist.testsupport.MigrationHistory;
import dev.hoist.testsupport.StandalonePostgres;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 3: PostgreSQL (a server of the test's own) stopped and started again while
 * replicas wait for it, and while one of them is migrating. What committed before the
 * stop is there after it, unchanged and not applied again; every replica ends migrated or
 * fails with a clear error.
 * <p>
 * The CLI does not wait for its database (it exits 3 at once), so the replicas are
 * {@link Replica} processes, which wait with the engine's wait timeout as the starter
 * does.
 */
class DatabaseRestartTests {

	private static final String SCENARIO = "3-database-restart";

	private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(120);

	@Test
	@Timeout(value = 5, unit = TimeUnit.MINUTES)
	void replicasStartedBeforeTheirDatabaseMigrateOnceItAnswers() {
		MigrationHistory set = MigrationHistory.of(60).build();
		Path directory = Scenario.directory(SCENARIO + "-late-database");
		Path migrations = set.writeTo(directory.resolve("migrations"));
		SchemaFingerprint reference = Scenario.reference(set);
		List<HoistProcess> replicas = new ArrayList<>();
		try (StandalonePostgres postgres = StandalonePostgres.onFreePort()) {
			// replicas come up before their database, as under Compose or Kubernetes
			for (int i = 1; i <= 4; i++) {
				replicas.add(replica("replica" + i, directory, postgres, migrations));
			}
			for (HoistProcess replica : replicas) {
				replica.awaitLine("Hoist: waiting for PostgreSQL", PROCESS_TIMEOUT);
			}
			long start = System.nanoTime();
			postgres.start();
			for (HoistProcess replica : replicas) {
				assertThat(replica.awaitExit(PROCESS_TIMEOUT)).as(replica.output()).isZero();
			}
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			Scenario.assertMigrated(postgres.database(), set, migrations, reference);
			int attempts = replicas.stream()
				.mapToInt((replica) -> replica.lines("Hoist: waiting for PostgreSQL").size())
				.sum();
			Scenario.figure(SCENARIO,
					"4 replicas started before PostgreSQL; " + attempts
							+ " failed connection attempts in all; all migrated (exit 0) " + millis
							+ " ms after the server was started, its initdb included");
		}
		finally {
			replicas.forEach(HoistProcess::close);
		}
	}

	@Test
	@Timeout(value = 5, unit = TimeUnit.MINUTES)
	void aRestartWhileOneReplicaMigratesAndOthersWaitLosesNothing() {
		int slow = 30;
		MigrationHistory set = MigrationHistory.of(60).slow(slow, 5).build();
		Path directory = Scenario.directory(SCENARIO + "-during-migration");
		Path migrations = set.writeTo(directory.resolve("migrations"));
		SchemaFingerprint reference = Scenario.reference(set);
		List<HoistProcess> replicas = new ArrayList<>();
		try (StandalonePostgres postgres = StandalonePostgres.onFreePort().start()) {
			TestDatabase database = postgres.database();
			List<HoistProcess> firstWave = new ArrayList<>();
			for (int i = 1; i <= 3; i++) {
				firstWave.add(replica("first" + i, directory, postgres, migrations));
			}
			replicas.addAll(firstWave);
			Scenario.await("V" + slow + " to be running", PROCESS_TIMEOUT,
					() -> database
						.queryForLong("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
								+ " AND state = 'active' AND query LIKE 'SELECT pg_sleep%'") > 0);
			// one migrates, the others wait for its lock
			for (HoistProcess replica : firstWave) {
				replica.awaitLine(PROCESS_TIMEOUT, "waiting for the migration lock", "V" + slow + "__slow");
			}
			List<String> committed = committedRows(database);
			// V1 to V29 committed, V30 inside its own transaction
			assertThat(committed).as("history rows committed when the server stopped").hasSize(slow - 1);
			assertThat(database.queryForLong("SELECT count(*) FROM ledger")).as("ledger rows committed")
				.isEqualTo(slow - 1);
			postgres.stop();

			List<String> outcomes = new ArrayList<>();
			for (HoistProcess replica : firstWave) {
				int exit = replica.awaitExit(PROCESS_TIMEOUT);
				String error = replica.lines("replica: ")
					.stream()
					.map(HoistProcess.Line::text)
					.findFirst()
					.orElse("(no error line)");
				outcomes.add(replica.name() + " exit " + exit + ": " + error);
				// it lost its database in the middle: an error that says so, never a
				// success or a hang
				assertThat(exit).as(replica.output()).isIn(1, 3);
				assertThat(error).as(replica.output())
					.startsWith("replica: ")
					.containsAnyOf("terminating connection due to administrator command",
							"This connection has been closed", "An I/O error occurred", "refused");
			}
			// their replacements start while the database is still down, and wait
			List<HoistProcess> secondWave = new ArrayList<>();
			for (int i = 1; i <= 2; i++) {
				secondWave.add(replica("second" + i, directory, postgres, migrations));
			}
			replicas.addAll(secondWave);
			for (HoistProcess replica : secondWave) {
				replica.awaitLine("Hoist: waiting for PostgreSQL", PROCESS_TIMEOUT);
			}
			postgres.start();
			for (HoistProcess replica : secondWave) {
				assertThat(replica.awaitExit(PROCESS_TIMEOUT)).as(replica.output()).isZero();
			}
			Scenario.assertMigrated(database, set, migrations, reference);
			// what committed before the stop survived it as it was: same rows, same
			// moments, nothing applied again
			assertThat(committedRows(database).subList(0, committed.size())).as("rows committed before the stop")
				.containsExactlyElementsOf(committed);
			Scenario.figure(SCENARIO,
					"server stopped in V" + slow + " with " + committed.size()
							+ " migrations committed; the first wave: "

							+ outcomes + "; 2 replicas started while it was down waited and completed all " + set.size()
							+ " after the restart, nothing lost");
		}
		finally {
			replicas.forEach(HoistProcess::close);
		}
	}

	private static List<String> committedRows(TestDatabase database) {
		return database
			.queryForList("SELECT installed_rank || ' V' || version || ' ' || checksum || ' ' || installed_at"
					+ " FROM hoist_schema_history ORDER BY installed_rank")
			.stream()
			.map(String::valueOf)
			.toList();
	}

	private static HoistProcess replica(String name, Path directory, StandalonePostgres postgres, Path migrations) {
		return HoistProcess.replica(name, directory, "--url=" + postgres.jdbcUrl(), "--user=postgres",
				"--locations=filesystem:" + migrations.toAbsolutePath(), "--wait-timeout-s=90", "--name=" + name);
	}

}
