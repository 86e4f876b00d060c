package dev.hoist.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * Scenario 1: eight CLI processes run {@code migrate} together on an empty database,
 * twenty rounds with a fresh database each: none may fail, exactly one of them applies
 * each migration, and every other one waited for its lock. Contention is made certain: V2
 * holds the lock until the seven others have tried it, so a round in which the JVMs
 * happened to run one after another cannot pass for a proof of the lock.
 */
class ConcurrentStartTests {

	private static final String SCENARIO = "1-concurrent-start";

	private static final int PROCESSES = Integer.getInteger("hoist.reliability.processes", 8);

	private static final int ROUNDS = Integer.getInteger("hoist.reliability.rounds", 20);

	private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(120);

	@Test
	// a hang detector, not a bound: a round lasts as long as eight JVMs take to start
	@Timeout(value = 20, unit = TimeUnit.MINUTES)
	void processesStartingTogetherOnAnEmptyDatabaseAllSucceedInEveryRound() {
		MigrationHistory set = MigrationHistory.of(60).waitForLockWaiters(2, PROCESSES - 1).build();
		Path directory = Scenario.directory(SCENARIO);
		Path migrations = set.writeTo(directory.resolve("migrations"));
		SchemaFingerprint reference = Scenario.reference(set);
		List<String> failures = new ArrayList<>();
		List<Long> roundMillis = new ArrayList<>();
		int waited = 0;
		for (int round = 1; round <= ROUNDS; round++) {
			TestDatabase database = Scenario.newDatabase("concurrent");
			long start = System.nanoTime();
			List<HoistProcess> processes = new ArrayList<>();
			try {
				for (int i = 1; i <= PROCESSES; i++) {
					processes.add(HoistProcess.cli("round" + round + "-process" + i, directory, "migrate", "--json",
							"--url", database.jdbcUrl(), "--user", database.user(), "--locations",
							"filesystem:" + migrations.toAbsolutePath()));
				}
				int applied = 0;
				int appliers = 0;
				int waitedThisRound = 0;
				for (HoistProcess process : processes) {
					int exit = process.awaitExit(PROCESS_TIMEOUT);
					if (exit != 0) {
						failures.add("round " + round + ": " + process + " exited " + exit + ":\n" + process.output());
						continue;
					}
					JsonNode result = process.json();
					int count = result.get("applied").size();
					applied += count;
					appliers += (count > 0) ? 1 : 0;
					boolean waitedForLock = count == 0 && result.get("lockWaitMs").asLong() > 0
							&& !process.lines("waiting for the migration lock").isEmpty();
					waitedThisRound += waitedForLock ? 1 : 0;
				}
				waited += waitedThisRound;
				roundMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
				if (failures.isEmpty()) {
					assertThat(applied).as("migrations applied by all processes of round %d together", round)
						.isEqualTo(set.size());
					assertThat(appliers).as("processes that applied something in round %d", round).isEqualTo(1);
					assertThat(waitedThisRound)
						.as("processes of round %d that waited for the lock and then applied nothing", round)
						.isEqualTo(PROCESSES - 1);
				}
				Scenario.assertMigrated(database, set, migrations, reference);
			}
			finally {
				processes.forEach(HoistProcess::close);
				PostgresServer.shared().dropDatabase(database.name());
			}
		}
		List<Long> sorted = roundMillis.stream().sorted().toList();
		Scenario.figure(SCENARIO,
				ROUNDS + " rounds x " + PROCESSES + " CLI processes, " + set.size() + " migrations: " + failures.size()
						+ " failed processes; " + waited
						+ " processes waited for the lock and then found nothing to do;" + " round wall time median "
						+ sorted.get(sorted.size() / 2) + " ms, max " + sorted.get(sorted.size() - 1) + " ms");
		assertThat(failures).as("failed processes").isEmpty();
	}

}
