package dev.hoist.core;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.hoist.testsupport.MigrationFiles;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interrupting the thread that migrates (as a shutdown does) cancels the running
 * statement on the server, rolls its migration back, releases the lock, and says so; the
 * migrations applied before stay.
 */
@PostgresTest
class MigrateInterruptTests {

	private final ListAppender<ILoggingEvent> log = new ListAppender<>();

	private final Logger logger = (Logger) LoggerFactory.getLogger("dev.hoist.core.internal.MigrateCommand");

	private TestDatabase database;

	@BeforeEach
	void cleanDatabase(TestDatabase database) {
		this.database = database;
		database.resetPublicSchema();
		this.log.start();
		this.logger.addAppender(this.log);
	}

	@AfterEach
	void releaseLog() {
		this.logger.detachAppender(this.log);
	}

	@Test
	void anInterruptCancelsTheRunningStatementRollsItsMigrationBackAndReleasesTheLock() throws Exception {
		MigrationFiles files = MigrationFiles.create()
			.write("V1__shops.sql", "CREATE TABLE shops (id int);")
			.write("V2__slow.sql",
					"CREATE TABLE orders (id int);\nSELECT pg_sleep(CASE current_setting('application_name')"
							+ " WHEN 'hoist@interrupted' THEN 300 ELSE 0 END);")
			.write("V3__items.sql", "CREATE TABLE items (id int);");
		Hoist hoist = Hoist.configure()
			.url(this.database.jdbcUrl(), this.database.user(), this.database.password())
			.locations(files.location())
			.applicationName("hoist@interrupted")
			.load();

		Outcome outcome = interruptDuring(hoist::migrate, "SELECT pg_sleep%");

		assertThat(outcome.failure()).isInstanceOf(HoistException.class)
			.hasMessageContaining("interrupted")
			.hasMessageContaining("V2__slow.sql")
			.hasMessageContaining("its transaction was rolled back, so nothing of it stays")
			.hasMessageContaining("1 migration applied before it in this run stay applied")
			.hasMessageContaining("revision 1")
			.hasMessageContaining("the migration lock was released");
		assertThat(outcome.failure()).rootCause().hasMessageContaining("canceling statement due to user request");
		assertThat(outcome.stillInterrupted()).as("interrupt flag kept").isTrue();
		assertThat(this.database.queryForList("SELECT script FROM hoist_schema_history"))
			.containsExactly("V1__shops.sql");
		assertThat(this.database.queryForString("SELECT to_regclass('orders')")).as("rolled back").isNull();
		assertThat(this.database.queryForString("SELECT to_regclass('items')")).as("never started").isNull();
		assertThat(advisoryLocks()).isZero();
		assertThat(this.log.list).extracting(ILoggingEvent::getFormattedMessage)
			.anySatisfy((line) -> assertThat(line).contains("interrupted", "V2__slow.sql", "rolled back"));

		Hoist.configure()
			.url(this.database.jdbcUrl(), this.database.user(), this.database.password())
			.locations(files.location())
			.load()
			.migrate();
		assertThat(this.database.queryForList("SELECT script FROM hoist_schema_history"))
			.containsExactly("V1__shops.sql", "V2__slow.sql", "V3__items.sql");
	}

	@Test
	void anInterruptCancelsAStatementOfAJavaMigration() throws Exception {
		MigrationFiles files = MigrationFiles.create().write("V1__shops.sql", "CREATE TABLE shops (id int);");
		AtomicBoolean resumed = new AtomicBoolean();
		JavaMigration slow = new JavaMigration() {

			@Override
			public MigrationVersion version() {
				return MigrationVersion.parse("2");
			}

			@Override
			public String description() {
				return "backfill";
			}

			@Override
			public void up(Connection connection) throws Exception {
				try (Statement statement = connection.createStatement()) {
					statement.execute("CREATE TABLE backfilled (id int)");
					statement.execute("SELECT pg_sleep(300)");
					resumed.set(true);
				}
			}

		};
		Hoist hoist = Hoist.configure()
			.url(this.database.jdbcUrl(), this.database.user(), this.database.password())
			.locations(files.location())
			.javaMigrations(slow)
			.applicationName("hoist@interrupted")
			.load();

		Outcome outcome = interruptDuring(hoist::migrate, "SELECT pg_sleep%");

		assertThat(outcome.failure()).hasMessageContaining("interrupted")
			.hasMessageContaining("MigrateInterruptTests$1")
			.rootCause()
			.hasMessageContaining("canceling statement due to user request");
		assertThat(resumed).isFalse();
		assertThat(this.database.queryForString("SELECT to_regclass('backfilled')")).isNull();
		assertThat(this.database.queryForList("SELECT script FROM hoist_schema_history"))
			.containsExactly("V1__shops.sql");
		assertThat(advisoryLocks()).isZero();
	}

	private Outcome interruptDuring(Runnable work, String queryPattern) throws InterruptedException {
		AtomicReference<Throwable> failure = new AtomicReference<>();
		AtomicBoolean interrupted = new AtomicBoolean();
		Thread thread = new Thread(() -> {
			try {
				work.run();
			}
			catch (RuntimeException ex) {
				failure.set(ex);
				interrupted.set(Thread.currentThread().isInterrupted());
			}
		}, "migrating");
		thread.start();
		Awaitility.await()
			.atMost(Duration.ofMinutes(1))
			.until(() -> this.database.queryForLong("SELECT count(*) FROM pg_stat_activity WHERE application_name"
					+ " = 'hoist@interrupted' AND state = 'active' AND query LIKE '" + queryPattern + "'") == 1);
		thread.interrupt();
		// the statement would run 300 s; the minute is margin for a slow machine
		thread.join(Duration.ofMinutes(1).toMillis());
		assertThat(thread.isAlive()).as("still migrating a minute after the interrupt").isFalse();
		return new Outcome(failure.get(), interrupted.get());
	}

	private long advisoryLocks() {
		return this.database.queryForLong("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
				+ " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");
	}

	private record Outcome(Throwable failure, boolean stillInterrupted) {

	}

}
