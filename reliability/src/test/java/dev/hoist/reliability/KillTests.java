package dev.hoist.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import dev.hoist.testsupport.MigrationHistory;
import dev.hoist.testsupport.PostgresServer;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 2: {@code kill -9} of the migrating CLI process during a 200-migration run.
 * Killed inside transactional migrations, a plain restart completes the run. Killed
 * inside a {@code transaction:false} migration, the restart stops with the documented
 * failed-row message, and the run completes after the documented manual step and
 * {@code repair}.
 */
class KillTests {

	private static final String SCENARIO = "2-kill";

	private static final int MIGRATIONS = 200;

	private static final int KILLS = Integer.getInteger("hoist.reliability.kills", 6);

	private static final int KEPT_FOR_RESTART = 20;

	private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(120);

	@Test
	@Timeout(value = 5, unit = TimeUnit.MINUTES)
	void aRestartAfterKillsAtRandomMomentsCompletesTheRunWithNoManualStep() {
		long seed = Long.getLong("hoist.reliability.seed", System.nanoTime());
		Random random = new Random(seed);
		MigrationHistory set = MigrationHistory.of(MIGRATIONS).build();
		Path directory = Scenario.directory(SCENARIO + "-transactional");
		Path migrations = set.writeTo(directory.resolve("migrations"));
		SchemaFingerprint reference = Scenario.reference(set);
		TestDatabase database = Scenario.newDatabase("kill");
		List<String> killedAt = new ArrayList<>();
		try {
			for (int kill = 1; kill <= KILLS; kill++) {
				long before = appliedCount(database);
				// somewhere in the first half of what is left, and at a random moment
				// within that migration; the last ones are kept for the restart, so that
				// the process is still migrating when the kill comes
				long target = Math.min(before + 1 + random.nextInt((int) Math.max(1, (MIGRATIONS - before) / 2)),
						Math.max(before + 1, MIGRATIONS - KEPT_FOR_RESTART));
				long extraMicros = random.nextInt(20_000);
				try (HoistProcess process = migrate("run" + kill, directory, database, migrations)) {
					Scenario.await("migration " + target + " to be applied", PROCESS_TIMEOUT,
							() -> appliedCount(database) >= target || !process.isAlive());
					assertThat(process.isAlive()).as("%s still migrating when killed", process).isTrue();
					TimeUnit.MICROSECONDS.sleep(extraMicros);
					process.kill();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(ex);
				}
				long applied = appliedCount(database);
				killedAt.add(applied + " applied");
				// what a kill leaves: only whole migrations, each with its history row
				assertThat(database.queryForLong("SELECT count(*) FROM ledger")).as("ledger rows after kill %d", kill)
					.isEqualTo(applied);
				assertThat(database.queryForLong("SELECT count(*) FROM hoist_schema_history WHERE NOT success"))
					.isZero();
			}
			long start = System.nanoTime();
			try (HoistProcess restart = migrate("restart", directory, database, migrations)) {
				assertThat(restart.awaitExit(PROCESS_TIMEOUT)).as(restart.output()).isZero();
			}
			long restartMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			Scenario.assertMigrated(database, set, migrations, reference);
			Scenario.figure(SCENARIO,
					KILLS + " SIGKILLs during a " + MIGRATIONS + "-migration run (seed " + seed + "), killed at "
							+ killedAt + "; the plain restart completed in " + restartMillis
							+ " ms with exit 0, every migration applied once");
		}
		finally {
			PostgresServer.shared().dropDatabase(database.name());
		}
	}

	@Test
	@Timeout(value = 5, unit = TimeUnit.MINUTES)
	void aKillInsideANonTransactionalMigrationStopsTheRestartUntilRepair() {
		int version = 150;
		MigrationHistory set = MigrationHistory.of(MIGRATIONS).nonTransactional(version, 3).build();
		Path directory = Scenario.directory(SCENARIO + "-non-transactional");
		Path migrations = set.writeTo(directory.resolve("migrations"));
		SchemaFingerprint reference = Scenario.reference(set);
		TestDatabase database = Scenario.newDatabase("kill_nt");
		try {
			try (HoistProcess process = migrate("run", directory, database, migrations)) {
				process.awaitLine("statement by statement (transaction:false)", PROCESS_TIMEOUT);
				Scenario.await("the pause inside V" + version, PROCESS_TIMEOUT,
						() -> database
							.queryForLong("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
									+ " AND state = 'active' AND query LIKE 'SELECT pg_sleep%'") > 0);
				process.kill();
			}
			String table = MigrationHistory.nonTransactionalTable(version);
			assertThat(database.queryForString("SELECT to_regclass('" + table + "')")).as("left behind by the kill")
				.isEqualTo(table);

			// the killed run recorded V<version> as unfinished before it started, so the
			// restart refuses at once (after the dead client's server session ends)
			try (HoistProcess restart = migrate("restart", directory, database, migrations)) {
				assertThat(restart.awaitExit(PROCESS_TIMEOUT)).as(restart.output()).isEqualTo(2);
				assertThat(restart.stderr()).contains("V" + version + "__")
					.contains("never finished")
					.contains("'repair'");
			}
			// the manual step the message asks for: undo what the killed run
			// left, then repair
			database.execute("DROP TABLE " + table);
			try (HoistProcess repair = HoistProcess.cli("repair", directory, "repair", "--json", "--url",
					database.jdbcUrl(), "--user", database.user(), "--locations",
					"filesystem:" + migrations.toAbsolutePath())) {
				assertThat(repair.awaitExit(PROCESS_TIMEOUT)).as(repair.output()).isZero();
				assertThat(repair.json().get("removed")).hasSize(1);
			}
			try (HoistProcess completed = migrate("completed", directory, database, migrations)) {
				assertThat(completed.awaitExit(PROCESS_TIMEOUT)).as(completed.output()).isZero();
			}
			Scenario.assertMigrated(database, set, migrations, reference);
			Scenario.figure(SCENARIO,
					"SIGKILL inside transaction:false V" + version
							+ ": restart exit 2 on the unfinished row naming the file and 'repair' until DROP TABLE "
							+ table + " + repair; the next migrate completed all " + MIGRATIONS);
		}
		finally {
			PostgresServer.shared().dropDatabase(database.name());
		}
	}

	private static HoistProcess migrate(String name, Path directory, TestDatabase database, Path migrations) {
		return HoistProcess.cli(name, directory, "migrate", "--url", database.jdbcUrl(), "--user", database.user(),
				"--locations", "filesystem:" + migrations.toAbsolutePath());
	}

	private static long appliedCount(TestDatabase database) {
		try {
			return database.queryForLong("SELECT count(*) FROM hoist_schema_history");
		}
		catch (IllegalStateException ex) {
			// no history table yet
			return 0;
		}
	}

}
