package dev.hoist.reliability;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.hoist.testsupport.MigrationHistory;
import dev.hoist.testsupport.PostgresServer;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 5: a migration's {@code ALTER TABLE} while another session holds a conflicting
 * lock on the table for 30 s ({@code hoist.reliability.hold-seconds}). With a DDL lock
 * timeout, Hoist gives up within that timeout, retries with backoff and finishes after
 * the release, and a reader of the table is never blocked much longer than the timeout.
 * <p>
 * The CLI has no lock timeout setting, so the migration runs in a {@link Replica} process
 * configured through the engine's {@code ddlLockTimeout}.
 */
class DdlLockTimeoutTests {

	private static final String SCENARIO = "5-ddl-lock-timeout";

	private static final int HOLD_SECONDS = Integer.getInteger("hoist.reliability.hold-seconds", 30);

	private static final long LOCK_TIMEOUT_MILLIS = 500;

	// what a reader may take beyond the lock timeout: its own query and a busy machine
	private static final long READER_SLACK_MILLIS = 250;

	private static final int CONTROL_HOLD_SECONDS = 3;

	private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(HOLD_SECONDS + 120);

	@Test
	@Timeout(value = 5, unit = TimeUnit.MINUTES)
	void anAlterTableBehindALongTransactionRetriesAndNeverBlocksReadersLongerThanTheLockTimeout() throws Exception {
		int alter = 12;
		MigrationHistory set = MigrationHistory.of(alter).alterReadTable(alter).build();
		Path directory = Scenario.directory(SCENARIO);
		Path migrations = set.writeTo(directory.resolve("migrations"));
		SchemaFingerprint reference = Scenario.reference(set);
		TestDatabase database = Scenario.newDatabase("ddl_lock");
		String table = MigrationHistory.readTable();
		try {
			migrateUpTo(alter - 1, directory, database, migrations);
			try (Connection holder = holdAccessShare(database, table);
					TableReader reader = new TableReader(database, table)) {
				long holdStart = System.nanoTime();
				reader.start();
				try (HoistProcess replica = HoistProcess.replica("replica", directory, "--url=" + database.jdbcUrl(),
						"--user=" + database.user(), "--locations=filesystem:" + migrations.toAbsolutePath(),
						"--ddl-lock-timeout-ms=" + LOCK_TIMEOUT_MILLIS, "--name=ddl")) {
					HoistProcess.Line applying = replica.awaitLine("V" + alter + "__", PROCESS_TIMEOUT);
					HoistProcess.Line firstRetry = replica.awaitLine("could not get its table lock", PROCESS_TIMEOUT);
					long gaveUpMillis = TimeUnit.NANOSECONDS.toMillis(firstRetry.nanos() - applying.nanos());
					// the scenario is a transaction that stays open this long
					long remaining = holdStart + TimeUnit.SECONDS.toNanos(HOLD_SECONDS) - System.nanoTime();
					TimeUnit.NANOSECONDS.sleep(Math.max(0, remaining));
					holder.commit();
					long released = System.nanoTime();
					assertThat(replica.awaitExit(PROCESS_TIMEOUT)).as(replica.output()).isZero();
					HoistProcess.Line applied = replica.awaitLine("Hoist: applied 1 migration", PROCESS_TIMEOUT);
					reader.close();
					List<HoistProcess.Line> retries = replica.lines("could not get its table lock");
					long finishedAfterMillis = TimeUnit.NANOSECONDS.toMillis(applied.nanos() - released);

					assertThat(gaveUpMillis).as("ms from applying the ALTER TABLE to giving up")
						.isLessThan(LOCK_TIMEOUT_MILLIS + 1000);
					assertThat(retries).as("retries while the lock was held").hasSizeGreaterThanOrEqualTo(3);
					assertThat(reader.failure.get()).as("reader failure").isNull();
					assertThat(reader.maxMillis.get()).as("longest read of %s, ms", table)
						.isLessThan(LOCK_TIMEOUT_MILLIS + READER_SLACK_MILLIS);
					Scenario.assertMigrated(database, set, migrations, reference);
					Scenario.figure(SCENARIO, "lock held " + HOLD_SECONDS + " s, lock timeout " + LOCK_TIMEOUT_MILLIS
							+ " ms: the ALTER TABLE gave up after " + gaveUpMillis + " ms, retried " + retries.size()
							+ " times, finished " + finishedAfterMillis + " ms after the release; " + reader.reads.get()
							+ " reads of " + table + ", longest " + reader.maxMillis.get() + " ms");
				}
			}
		}
		finally {
			PostgresServer.shared().dropDatabase(database.name());
		}
	}

	/**
	 * The control: without a lock timeout the same {@code ALTER TABLE} queues behind the
	 * open transaction, and every reader queues behind it for as long as that lasts. It
	 * shows that the test above would notice a lock timeout that did not work.
	 */
	@Test
	@Timeout(value = 5, unit = TimeUnit.MINUTES)
	void withoutALockTimeoutReadersQueueBehindTheAlterTable() throws Exception {
		int alter = 12;
		MigrationHistory set = MigrationHistory.of(alter).alterReadTable(alter).build();
		Path directory = Scenario.directory(SCENARIO + "-control");
		Path migrations = set.writeTo(directory.resolve("migrations"));
		SchemaFingerprint reference = Scenario.reference(set);
		TestDatabase database = Scenario.newDatabase("ddl_control");
		String table = MigrationHistory.readTable();
		try {
			migrateUpTo(alter - 1, directory, database, migrations);
			try (Connection holder = holdAccessShare(database, table);
					TableReader reader = new TableReader(database, table)) {
				reader.start();
				try (HoistProcess cli = HoistProcess.cli("cli", directory, "migrate", "--url", database.jdbcUrl(),
						"--user", database.user(), "--locations", "filesystem:" + migrations.toAbsolutePath())) {
					Scenario.await("the ALTER TABLE to queue for its lock", PROCESS_TIMEOUT,
							() -> database.queryForLong("SELECT count(*) FROM pg_locks WHERE relation = '" + table
									+ "'::regclass AND mode = 'AccessExclusiveLock' AND NOT granted") > 0);
					// the transaction stays open this long after the ALTER TABLE queued
					TimeUnit.SECONDS.sleep(CONTROL_HOLD_SECONDS);
					holder.commit();
					assertThat(cli.awaitExit(PROCESS_TIMEOUT)).as(cli.output()).isZero();
					reader.close();
					assertThat(reader.failure.get()).as("reader failure").isNull();
					assertThat(reader.maxMillis.get()).as("longest read of %s, ms", table)
						.isGreaterThan(TimeUnit.SECONDS.toMillis(CONTROL_HOLD_SECONDS) - 500);
					Scenario.assertMigrated(database, set, migrations, reference);
					Scenario.figure(SCENARIO,
							"control without a lock timeout: the transaction stayed open " + CONTROL_HOLD_SECONDS
									+ " s after the ALTER TABLE queued; the longest of " + reader.reads.get()
									+ " reads took " + reader.maxMillis.get() + " ms");
				}
			}
		}
		finally {
			PostgresServer.shared().dropDatabase(database.name());
		}
	}

	private static void migrateUpTo(int version, Path directory, TestDatabase database, Path migrations) {
		try (HoistProcess before = HoistProcess.cli("before", directory, "migrate", "--target",
				Integer.toString(version), "--url", database.jdbcUrl(), "--user", database.user(), "--locations",
				"filesystem:" + migrations.toAbsolutePath())) {
			assertThat(before.awaitExit(PROCESS_TIMEOUT)).as(before.output()).isZero();
		}
	}

	/**
	 * Open a transaction that reads the table, so that it holds {@code ACCESS SHARE}
	 * until it ends, as a long report or a forgotten session does.
	 */
	private static Connection holdAccessShare(TestDatabase database, String table) throws SQLException {
		Connection holder = database.connect();
		holder.setAutoCommit(false);
		try (Statement statement = holder.createStatement()) {
			statement.executeQuery("SELECT count(*) FROM " + table).close();
		}
		return holder;
	}

	/**
	 * Reads a table over and over on a connection of its own, as production traffic does,
	 * and keeps the longest read.
	 */
	private static final class TableReader implements AutoCloseable {

		private final Connection connection;

		private final String table;

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final AtomicLong maxMillis = new AtomicLong();

		private final AtomicInteger reads = new AtomicInteger();

		private final AtomicReference<Exception> failure = new AtomicReference<>();

		private final Thread thread;

		TableReader(TestDatabase database, String table) throws SQLException {
			this.connection = database.connect();
			this.table = table;
			this.thread = new Thread(this::read, "table-reader");
			this.thread.setDaemon(true);
		}

		void start() {
			this.thread.start();
		}

		private void read() {
			try (Statement statement = this.connection.createStatement()) {
				while (this.running.get()) {
					long start = System.nanoTime();
					try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + this.table)) {
						rs.next();
					}
					this.maxMillis.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
							Math::max);
					this.reads.incrementAndGet();
					// a steady rate of reads, like traffic; not waiting for anything
					TimeUnit.MILLISECONDS.sleep(20);
				}
			}
			catch (SQLException ex) {
				this.failure.set(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		@Override
		public void close() throws SQLException {
			this.running.set(false);
			try {
				this.thread.join(5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.connection.close();
		}

	}

}
