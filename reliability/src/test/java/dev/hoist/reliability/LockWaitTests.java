package dev.hoist.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.hoist.testsupport.MigrationHistory;
import dev.hoist.testsupport.PostgresServer;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 6: a replica that finds the migration lock held by a slow migration on another
 * replica says who holds it every few seconds, and starts within a second of the release,
 * having applied nothing. The issue asks for a 60 s wait; the suite waits
 * {@code hoist.reliability.slow-seconds} (15 by default), which shows the same with three
 * holder reports.
 */
class LockWaitTests {

	private static final String SCENARIO = "6-lock-wait";

	private static final int SLOW_SECONDS = Integer.getInteger("hoist.reliability.slow-seconds", 15);

	private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(SLOW_SECONDS + 120);

	@Test
	@Timeout(value = 5, unit = TimeUnit.MINUTES)
	void aWaitingReplicaReportsTheHolderAndStartsWithinASecondOfTheRelease() {
		int slow = 10;
		MigrationHistory set = MigrationHistory.of(20).slow(slow, SLOW_SECONDS).build();
		Path directory = Scenario.directory(SCENARIO);
		Path migrations = set.writeTo(directory.resolve("migrations"));
		SchemaFingerprint reference = Scenario.reference(set);
		TestDatabase database = Scenario.newDatabase("lock_wait");
		try (HoistProcess holder = migrate("holder", directory, database, migrations)) {
			holder.awaitLine("V" + slow + "__slow", PROCESS_TIMEOUT);
			Scenario.await("the slow migration's pause", PROCESS_TIMEOUT,
					() -> database
						.queryForLong("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
								+ " AND state = 'active' AND query LIKE 'SELECT pg_sleep%'") > 0);
			String holderPid = database.queryForString("SELECT pid FROM pg_stat_activity WHERE datname ="
					+ " current_database() AND state = 'active' AND query LIKE 'SELECT pg_sleep%'");
			try (HoistProcess waiter = migrate("waiter", directory, database, migrations)) {
				assertThat(holder.awaitExit(PROCESS_TIMEOUT)).as(holder.output()).isZero();
				HoistProcess.Line released = holder.awaitLine("Hoist: applied " + set.size() + " migrations",
						PROCESS_TIMEOUT);
				assertThat(waiter.awaitExit(PROCESS_TIMEOUT)).as(waiter.output()).isZero();
				HoistProcess.Line started = waiter
					.awaitLine("Hoist: another instance migrated schema public while this one waited", PROCESS_TIMEOUT);
				long startedAfterMillis = TimeUnit.NANOSECONDS.toMillis(started.nanos() - released.nanos());

				List<HoistProcess.Line> reports = waiter.lines("waiting for the migration lock");
				assertThat(reports).as("holder reports").hasSizeGreaterThanOrEqualTo(2);
				assertThat(reports).allSatisfy(
						(report) -> assertThat(report.text()).contains("pid " + holderPid).contains("hoist-cli@"));
				assertThat(reports.get(0).text()).contains("query: SELECT pg_sleep(" + SLOW_SECONDS + ")");
				long longestGapMillis = 0;
				for (int i = 1; i < reports.size(); i++) {
					longestGapMillis = Math.max(longestGapMillis,
							TimeUnit.NANOSECONDS.toMillis(reports.get(i).nanos() - reports.get(i - 1).nanos()));
				}
				assertThat(longestGapMillis).as("longest gap between two holder reports, ms").isLessThan(7000);
				JsonNode result = waiter.json();
				assertThat(result.get("applied")).as("migrations the waiter applied").isEmpty();
				long lockWaitMillis = result.get("lockWaitMs").asLong();
				assertThat(startedAfterMillis).as("ms from the holder's release to the waiter going on")
					.isBetween(0L, 1000L);
				Scenario.assertMigrated(database, set, migrations, reference);
				Scenario.figure(SCENARIO,
						"waiter waited " + lockWaitMillis + " ms for a " + SLOW_SECONDS + " s migration, logged the"
								+ " holder (pid " + holderPid + ") " + reports.size() + " times, at most "
								+ longestGapMillis + " ms apart; went on " + startedAfterMillis
								+ " ms after the holder released the lock; applied nothing");
			}
		}
		finally {
			PostgresServer.shared().dropDatabase(database.name());
		}
	}

	private static HoistProcess migrate(String name, Path directory, TestDatabase database, Path migrations) {
		return HoistProcess.cli(name, directory, "migrate", "--json", "--url", database.jdbcUrl(), "--user",
				database.user(), "--locations", "filesystem:" + migrations.toAbsolutePath());
	}

}
