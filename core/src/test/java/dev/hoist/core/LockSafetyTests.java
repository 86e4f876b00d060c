package dev.hoist.core;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.hoist.testsupport.MigrationFiles;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What protects the history when the lock is lost, and how an unfinished
 * non-transactional migration reads while it runs and after its process died.
 */
@PostgresTest
class LockSafetyTests {

	private TestDatabase database;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	@BeforeEach
	void cleanDatabase(TestDatabase database) {
		this.database = database;
		database.resetPublicSchema();
	}

	@AfterEach
	void stopThreads() {
		this.executor.shutdownNow();
	}

	@Test
	void aMigrationRunWithoutTheLockIsRolledBackAndNotRecorded() {
		MigrationFiles files = MigrationFiles.create().write("V1__shops.sql", "CREATE TABLE shops (id int);");
		// what a transaction-pooling PgBouncer does to a session lock: this server
		// session no longer holds it when the migration's transaction runs
		JavaMigration losesTheLock = new JavaMigration() {
			@Override
			public MigrationVersion version() {
				return MigrationVersion.parse("2");
			}

			@Override
			public String description() {
				return "runs after the lock is gone";
			}

			@Override
			public void up(Connection connection) throws Exception {
				try (Statement statement = connection.createStatement()) {
					statement.execute("SELECT pg_advisory_unlock_all()");
					statement.execute("CREATE TABLE unprotected (id int)");
				}
			}
		};

		assertThatExceptionOfType(HoistException.class)
			.isThrownBy(() -> TestHoist.configure(files, this.database).javaMigrations(losesTheLock).load().migrate())
			.withMessageContaining("no longer holds the migration lock")
			.withMessageContaining("lockMode(LockMode.TRANSACTION)");
		assertThat(this.database.queryForString("SELECT to_regclass('unprotected')")).isNull();
		assertThat(this.database.queryForList("SELECT script FROM hoist_schema_history"))
			.containsExactly("V1__shops.sql");
	}

	@Test
	void historyRefusesASecondSuccessfulRowForOneVersion() {
		MigrationFiles files = MigrationFiles.create().write("V1__shops.sql", "CREATE TABLE shops (id int);");
		TestHoist.configure(files, this.database).load().migrate();

		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> this.database.execute(
				"INSERT INTO hoist_schema_history (installed_rank, version, description, type, script, installed_by,"
						+ " execution_ms, success) VALUES (2, '1', 'again', 'SQL', 'V1__again.sql', 'x', 0, true)"))
			.withMessageContaining("hoist_schema_history_applied_version");
	}

	@Test
	void anUnfinishedNonTransactionalMigrationIsRunningWhileItsHolderLivesAndFailedAfterItDied() throws Exception {
		MigrationFiles files = MigrationFiles.create()
			.write("V1__orders.sql", "CREATE TABLE orders (id int, shop_id int);")
			.write("V2__index.sql", "-- migrate:up transaction:false\n"
					+ "SELECT pg_sleep(CASE current_setting('application_name') WHEN 'hoist@crashing' THEN 60 ELSE 0 END);\n"
					+ "CREATE INDEX CONCURRENTLY orders_shop_idx ON orders (shop_id);\n");
		Hoist crashing = TestHoist.configure(files, this.database).applicationName("hoist@crashing").load();
		CompletableFuture<MigrateResult> run = CompletableFuture.supplyAsync(crashing::migrate, this.executor);
		ConcurrentMigrateTests.awaitCondition(() -> this.database.queryForLong("SELECT count(*) FROM pg_stat_activity"
				+ " WHERE application_name = 'hoist@crashing' AND query LIKE '%pg_sleep%' AND state = 'active'") == 1);
		Hoist observer = TestHoist.configure(files, this.database).load();

		HoistStatus whileRunning = observer.status();

		assertThat(whileRunning.isValid()).isTrue();
		assertThat(whileRunning.state()).isEqualTo(HoistStatus.State.MIGRATING);
		assertThat(whileRunning.pending()).extracting(MigrationInfo::script).containsExactly("V2__index.sql");
		assertThat(whileRunning.applied()).extracting(MigrationInfo::state)
			.containsExactly(MigrationInfo.State.APPLIED, MigrationInfo.State.RUNNING);

		this.database.execute(
				"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'hoist@crashing'");
		assertThat(run).failsWithin(Duration.ofSeconds(30));

		HoistStatus afterCrash = observer.status();
		assertThat(afterCrash.problems()).singleElement().satisfies((problem) -> {
			assertThat(problem.kind()).isEqualTo(HoistStatus.Problem.Kind.FAILED);
			assertThat(problem.message()).contains("V2__index.sql", "never finished", "'repair'");
		});
		assertThatExceptionOfType(ValidationException.class).isThrownBy(observer::migrate);
	}

}
