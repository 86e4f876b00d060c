package dev.hoist.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.hoist.core.Hoist;
import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.HoistListener;
import dev.hoist.core.MigrateResult;
import dev.hoist.core.MigrationInfo;
import dev.hoist.testsupport.StandalonePostgres;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 7: the server crashes ({@code kill -9} of the postmaster, then of what it
 * left) on a server that keeps what it commits ({@code fsync} on), 1,000 migrations.
 * Hoist commits every migration but a run's last without waiting for the flush, and
 * reports one applied only after a synchronous commit flushed it. Each round crashes the
 * server twice: right after a run to a target returned (everything it reported must be
 * there), and at a random moment of a run (what it committed without reporting may be
 * lost, never half of a migration). After each crash history and schema agree and every
 * migration ever reported applied is there; a final rerun completes.
 */
class ServerCrashTests {

	private static final String SCENARIO = "7-server-crash";

	private static final int MIGRATIONS = 1000;

	private static final int CRASHES = 5;

	@Test
	@Timeout(value = 10, unit = TimeUnit.MINUTES)
	void aServerKilledAtRandomMomentsLosesNothingReportedAppliedAndARerunCompletes() throws Exception {
		Path migrations = Files.createDirectories(Scenario.directory(SCENARIO).resolve("migrations"));
		for (int i = 1; i <= MIGRATIONS; i++) {
			Files.writeString(migrations.resolve("V" + i + "__step_" + i + ".sql"),
					"CREATE TABLE t" + i + " (id int PRIMARY KEY);\nINSERT INTO t" + i + " VALUES (" + i + ");\n");
		}
		long seed = System.nanoTime();
		Random random = new Random(seed);
		Set<String> reported = ConcurrentHashMap.newKeySet();
		List<String> figures = new ArrayList<>();
		try (StandalonePostgres postgres = StandalonePostgres.onFreePort().durable().start()) {
			TestDatabase database = postgres.database();
			for (int crash = 1; crash <= CRASHES; crash++) {
				// a run to a target completes and reports, and the server dies right
				// after:
				// what it reported must have reached the disk before it returned
				int before = historyVersions(database).size();
				int target = Math.min(MIGRATIONS - 1, before + 1 + random.nextInt(100));
				MigrateResult completed = hoist(database, migrations, reported, new AtomicInteger())
					.target(Integer.toString(target))
					.load()
					.migrate();
				postgres.crash();
				postgres.start();
				assertAgree(database, reported, "after crash " + crash + "a (seed " + seed + ")");
				figures.add("crash " + crash + "a right after a run reported " + completed.applied().size()
						+ " applied: " + historyVersions(database).size() + " in history");

				// a run dies at a random moment: what it committed without reporting may
				// be
				// lost, never half of a migration
				AtomicInteger started = new AtomicInteger();
				before = historyVersions(database).size();
				int crashAfter = 1 + random.nextInt(150);
				CompletableFuture<MigrateResult> run = CompletableFuture
					.supplyAsync(() -> hoist(database, migrations, reported, started).load().migrate());
				Scenario.await("migration " + crashAfter + " of this run to start", Duration.ofMinutes(2),
						() -> started.get() >= crashAfter || run.isDone());
				postgres.crash();
				assertThat(run).failsWithin(Duration.ofMinutes(1));
				postgres.start();
				assertAgree(database, reported, "after crash " + crash + "b (seed " + seed + ")");
				figures.add("crash " + crash + "b in migration " + (before + crashAfter) + ": "
						+ historyVersions(database).size() + " in history");
			}
			MigrateResult last = hoist(database, migrations, reported, new AtomicInteger()).load().migrate();

			assertThat(last.revision()).hasToString(Integer.toString(MIGRATIONS));
			assertThat(historyVersions(database)).hasSize(MIGRATIONS).containsAll(reported);
			assertThat(database
				.queryForLong("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename ~ '^t[0-9]+$'"))
				.isEqualTo(MIGRATIONS);
		}
		Scenario.figure(SCENARIO, MIGRATIONS + " migrations, " + 2 * CRASHES + " server crashes (seed " + seed + "): "
				+ String.join("; ", figures) + "; the rerun completed, nothing reported applied was lost");
	}

	private static void assertAgree(TestDatabase database, Set<String> reported, String when) {
		Set<String> history = historyVersions(database);
		Set<String> tables = new HashSet<>(database.queryForList(
				"SELECT substr(tablename, 2) FROM pg_tables WHERE schemaname = 'public' AND tablename ~ '^t[0-9]+$'"));
		assertThat(tables).as("tables against history %s", when).isEqualTo(history);
		assertThat(history).as("every migration reported applied, %s", when).containsAll(reported);
		if (!history.isEmpty()) {
			assertThat(database.queryForLong("SELECT count(*) FROM hoist_schema_history WHERE NOT success")).isZero();
		}
	}

	private static Set<String> historyVersions(TestDatabase database) {
		if (database.queryForString("SELECT to_regclass('hoist_schema_history')::text") == null) {
			return Set.of();
		}
		return new HashSet<>(database.queryForList("SELECT version FROM hoist_schema_history WHERE success"));
	}

	private static HoistConfiguration hoist(TestDatabase database, Path migrations, Set<String> reported,
			AtomicInteger started) {
		return Hoist.configure()
			.url(database.jdbcUrl(), database.user(), database.password())
			.locations("filesystem:" + migrations.toAbsolutePath())
			.listeners(new HoistListener() {

				@Override
				public void migrationStarted(MigrationInfo migration) {
					started.incrementAndGet();
				}

				@Override
				public void migrationApplied(MigrationInfo migration, Duration duration) {
					reported.add(String.valueOf(migration.version()));
				}

			});
	}

}
