package dev.hoist.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.hoist.testsupport.MigrationHistory;
import dev.hoist.testsupport.PostgresServer;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 4: replicas migrating through PgBouncer in transaction pooling mode. With the
 * transaction lock mode, four replicas succeed and no advisory lock remains; with the
 * session lock mode, which a pooler silently breaks, Hoist notices the lost lock (a
 * {@code false} unlock) and fails loudly.
 * <p>
 * The CLI has no lock mode setting, so the replicas are {@link Replica} processes
 * configured through the engine's {@code lockMode}. PgBouncer is installed when missing;
 * without it the scenario fails, unless the run opts out with
 * {@code -Dhoist.reliability.pgbouncer=skip}.
 */
class PgBouncerTests {

	private static final String SCENARIO = "4-pgbouncer";

	private static final int REPLICAS = 4;

	private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(120);

	@BeforeEach
	void pgBouncerIsInstalled() {
		PgBouncer.binary();
	}

	@Test
	@Timeout(value = 5, unit = TimeUnit.MINUTES)
	void replicasInTransactionLockModeMigrateThroughTransactionPooling() {
		MigrationHistory set = MigrationHistory.of(60).build();
		Path directory = Scenario.directory(SCENARIO + "-transaction-lock");
		Path migrations = set.writeTo(directory.resolve("migrations"));
		SchemaFingerprint reference = Scenario.reference(set);
		TestDatabase database = Scenario.newDatabase("pgbouncer_tx");
		List<HoistProcess> replicas = new ArrayList<>();
		try (PgBouncer pgBouncer = PgBouncer.startTransactionPooling(directory.resolve("pgbouncer"), database.host(),
				database.port())) {
			for (int i = 1; i <= REPLICAS; i++) {
				replicas.add(replica("replica" + i, directory, pgBouncer, database, migrations, "transaction"));
			}
			int applied = 0;
			for (HoistProcess replica : replicas) {
				assertThat(replica.awaitExit(PROCESS_TIMEOUT)).as(replica.output()).isZero();
				applied += replica.json().get("applied").size();
			}
			assertThat(applied).as("migrations applied by all replicas together").isEqualTo(set.size());
			// checked while PgBouncer still holds its server connections open
			Scenario.assertMigrated(database, set, migrations, reference);
			long servers = database.queryForLong("SELECT count(*) FROM pg_stat_activity WHERE datname ="
					+ " current_database() AND pid <> pg_backend_pid()");
			Scenario.figure(SCENARIO,
					REPLICAS + " replicas with hoist.lock.mode=transaction through PgBouncer (transaction pooling, "
							+ servers + " server connections left open): all exit 0, " + applied
							+ " migrations applied once in all, no advisory lock left");
		}
		finally {
			replicas.forEach(HoistProcess::close);
			PostgresServer.shared().dropDatabase(database.name());
		}
	}

	@Test
	@Timeout(value = 5, unit = TimeUnit.MINUTES)
	void aReplicaInSessionLockModeWhoseLockThePoolerDroppedFailsLoudly() {
		MigrationHistory set = MigrationHistory.of(20).build();
		Path directory = Scenario.directory(SCENARIO + "-session-lock-dropped");
		Path migrations = set.writeTo(directory.resolve("migrations"));
		TestDatabase database = Scenario.newDatabase("pgbouncer_dropped");
		// DISCARD ALL after every transaction: the session lock is gone as soon as it is
		// taken, so the first history row (written only by the lock's holder) is refused
		try (PgBouncer pgBouncer = PgBouncer.startTransactionPooling(directory.resolve("pgbouncer"), database.host(),
				database.port(), "server_reset_query = DISCARD ALL", "server_reset_query_always = 1");
				HoistProcess replica = replica("replica", directory, pgBouncer, database, migrations, "session")) {
			assertThat(replica.awaitExit(PROCESS_TIMEOUT)).as(replica.output()).isEqualTo(1);
			assertThat(replica.stderr()).contains("no longer holds the migration lock")
				.contains("was not recorded")
				.contains("PgBouncer in transaction pooling mode")
				.contains("hoist.lock.mode=transaction");
			assertThat(replica.json().get("error").asString()).contains("no longer holds the migration lock");
			assertThat(database.queryForLong("SELECT count(*) FROM hoist_schema_history")).as("nothing recorded")
				.isZero();
			Scenario.assertNoAdvisoryLock(database);
			Scenario.figure(SCENARIO,
					"1 replica with hoist.lock.mode=session through a pooler that drops session"
							+ " state after each transaction: exit 1 with the lost-lock message naming PgBouncer and"
							+ " hoist.lock.mode=transaction");
		}
		finally {
			PostgresServer.shared().dropDatabase(database.name());
		}
	}

	/**
	 * Session locks through a busy transaction pool protect nothing; what must hold is
	 * that no migration is applied twice: a history row is written only by the backend
	 * that holds the lock, in the migration's own transaction, so an unprotected run is
	 * rolled back. Which replicas fail, and when, depends on where PgBouncer sends each
	 * transaction: that part is measured, not asserted.
	 */
	@Test
	@Timeout(value = 5, unit = TimeUnit.MINUTES)
	void replicasInSessionLockModeThroughABusyTransactionPool() {
		MigrationHistory set = MigrationHistory.of(60).build();
		Path directory = Scenario.directory(SCENARIO + "-session-lock-busy");
		Path migrations = set.writeTo(directory.resolve("migrations"));
		TestDatabase database = Scenario.newDatabase("pgbouncer_session");
		List<HoistProcess> replicas = new ArrayList<>();
		try {
			List<String> outcomes = new ArrayList<>();
			int noticed = 0;
			int succeeded = 0;
			try (PgBouncer pgBouncer = PgBouncer.startTransactionPooling(directory.resolve("pgbouncer"),
					database.host(), database.port())) {
				for (int i = 1; i <= REPLICAS; i++) {
					replicas.add(replica("replica" + i, directory, pgBouncer, database, migrations, "session"));
				}
				for (HoistProcess replica : replicas) {
					int exit = replica.awaitExit(PROCESS_TIMEOUT);
					String error = replica.lines("replica: ")
						.stream()
						.map((line) -> line.text().replaceAll("filesystem:\\S*/", ""))
						.map((text) -> text.substring(0, Math.min(text.length(), 100)))
						.findFirst()
						.orElse("");
					boolean lost = replica.stderr().contains("no longer holds the migration lock")
							|| replica.stderr().contains("PostgreSQL says this session did not hold it");
					noticed += lost ? 1 : 0;
					succeeded += (exit == 0) ? 1 : 0;
					outcomes.add(replica.name() + " exit " + exit + (lost ? " (noticed the lost lock)" : "")
							+ (error.isEmpty() ? "" : ": " + error));
				}
			}
			Scenario.assertNoAdvisoryLock(database);
			String twice = (database.queryForString("SELECT to_regclass('ledger')") == null) ? "none"
					: database.queryForString("SELECT coalesce(string_agg(version::text, ', ' ORDER BY version),"
							+ " 'none') FROM (SELECT version FROM ledger GROUP BY version HAVING count(*) > 1) AS d");
			String twiceInHistory = database.queryForString("SELECT coalesce(string_agg(version, ', ' ORDER BY"
					+ " version), 'none') FROM (SELECT version FROM hoist_schema_history GROUP BY version"
					+ " HAVING count(*) > 1) AS d");
			Scenario.figure(SCENARIO,
					REPLICAS + " replicas with hoist.lock.mode=session through busy transaction pooling: " + succeeded
							+ " exit 0, " + noticed + " noticed the lost lock; versions whose statements ran twice: "
							+ twice + ", with two history rows: " + twiceInHistory + "; " + outcomes);
			assertThat(twice).as("versions whose statements ran twice").isEqualTo("none");
			assertThat(twiceInHistory).as("versions with two history rows").isEqualTo("none");
		}
		finally {
			replicas.forEach(HoistProcess::close);
			PostgresServer.shared().dropDatabase(database.name());
		}
	}

	private static HoistProcess replica(String name, Path directory, PgBouncer pgBouncer, TestDatabase database,
			Path migrations, String lockMode) {
		return HoistProcess.replica(name, directory, "--url=" + pgBouncer.jdbcUrl(database.name()),
				"--user=" + database.user(), "--locations=filesystem:" + migrations.toAbsolutePath(),
				"--lock-mode=" + lockMode, "--name=" + name);
	}

}
