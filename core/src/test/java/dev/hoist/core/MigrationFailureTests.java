package dev.hoist.core;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.hoist.testsupport.MigrationFiles;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What a failing migration reports and what it leaves behind.
 */
@PostgresTest
class MigrationFailureTests {

	private TestDatabase database;

	@BeforeEach
	void cleanDatabase(TestDatabase database) {
		this.database = database;
		database.resetPublicSchema();
	}

	private Hoist hoist(MigrationFiles files) {
		return TestHoist.configure(files, this.database).load();
	}

	@Test
	void failureOnLineSevenNamesFileLineStatementSqlStateAndMessageAndLeavesNothing() {
		MigrationFiles files = MigrationFiles.create()
			.write("V1__shops.sql", "CREATE TABLE shops (id bigserial PRIMARY KEY);")
			.write("V2__orders.sql", """
					-- migrate:up
					CREATE TABLE orders (
					    id bigserial PRIMARY KEY,
					    shop_id bigint REFERENCES shops
					);
					INSERT INTO orders (shop_id)
					  SELECT id FROM shops WHERE nmae = 'x';
					-- migrate:down
					DROP TABLE orders;
					""");

		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> hoist(files).migrate())
			.satisfies((ex) -> {
				assertThat(ex.script()).isEqualTo("V2__orders.sql");
				assertThat(ex.line()).isEqualTo(7);
				assertThat(ex.sqlState()).isEqualTo("42703");
				assertThat(ex.statement()).startsWith("INSERT INTO orders");
			})
			.withMessageContaining("V2__orders.sql failed at line 7")
			.withMessageContaining("SELECT id FROM shops WHERE nmae = 'x'")
			.withMessageContaining("column \"nmae\" does not exist")
			.withMessageContaining("SQLSTATE 42703");
		assertThat(this.database.queryForString("SELECT to_regclass('orders')")).isNull();
		assertThat(this.database.queryForList("SELECT script FROM hoist_schema_history"))
			.containsExactly("V1__shops.sql");
	}

	@Test
	void aMigrationsOwnLockTimeoutWithoutADdlLockTimeoutFailsNamingTheFileAndListenersHearIt() throws Exception {
		this.database.execute("CREATE TABLE busy (id int)");
		MigrationFiles files = MigrationFiles.create()
			.write("V1__grab.sql", "-- migrate:up\nLOCK TABLE busy IN ACCESS EXCLUSIVE MODE NOWAIT;\n");
		List<String> heard = new CopyOnWriteArrayList<>();
		HoistListener listener = new HoistListener() {

			@Override
			public void migrationFailed(MigrationInfo migration, Duration duration, HoistException failure) {
				heard.add("migrationFailed " + migration.script());
			}

			@Override
			public void migrateFailed(HoistException failure, Duration duration) {
				heard.add("migrateFailed " + failure.getClass().getSimpleName());
			}

		};
		try (Connection blocker = this.database.connect()) {
			blocker.setAutoCommit(false);
			blocker.createStatement().execute("LOCK TABLE busy IN ACCESS SHARE MODE");
			// no DDL lock timeout is configured: the NOWAIT's 55P03 is the migration's
			// own failure, not one to retry
			assertThatExceptionOfType(MigrationFailedException.class)
				.isThrownBy(() -> TestHoist.configure(files, this.database).listeners(listener).load().migrate())
				.satisfies((ex) -> {
					assertThat(ex.script()).isEqualTo("V1__grab.sql");
					assertThat(ex.sqlState()).isEqualTo("55P03");
					assertThat(ex.line()).isEqualTo(2);
				});
			blocker.rollback();
		}
		assertThat(heard).containsExactly("migrationFailed V1__grab.sql", "migrateFailed MigrationFailedException");
		assertThat(this.database.queryForLong("SELECT count(*) FROM hoist_schema_history")).isZero();
	}

	@Test
	void failedNonTransactionalMigrationLeavesAFailedRowThatBlocksUntilRepair() {
		MigrationFiles files = MigrationFiles.create()
			.write("V1__shops.sql", "CREATE TABLE shops (id bigserial PRIMARY KEY, domain text);")
			.write("V2__index.sql", """
					-- migrate:up transaction:false
					CREATE INDEX CONCURRENTLY shops_domain_idx ON shops (domain);
					CREATE INDEX CONCURRENTLY shops_missing_idx ON shops (missing);
					""");

		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> hoist(files).migrate())
			.withMessageContaining("V2__index.sql failed at line 3")
			.withMessageContaining("transaction:false")
			.withMessageContaining("1 statement before the failing one stayed applied: line 2 (CREATE INDEX"
					+ " CONCURRENTLY shops_domain_idx ON shops (domain))")
			.withMessageContaining("repair");

		assertThat(this.database.queryForString("SELECT success FROM hoist_schema_history WHERE version = '2'"))
			.isEqualTo("f");
		assertThat(this.database.queryForString("SELECT to_regclass('shops_domain_idx')")).isNotNull();
		assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> hoist(files).migrate())
			.satisfies((ex) -> assertThat(ex.problems()).extracting(HoistStatus.Problem::kind)
				.containsExactly(HoistStatus.Problem.Kind.FAILED))
			.withMessageContaining("V2__index.sql")
			.withMessageContaining("'repair'");
	}

	@Test
	void aNonTransactionalFailureNamesEveryStatementThatStayedAppliedEvenWhenTheFailingOneRepeatsAnEarlierOne() {
		MigrationFiles files = MigrationFiles.create()
			.write("V1__shops.sql", "CREATE TABLE shops (id bigserial PRIMARY KEY, domain text);")
			.write("V2__index.sql", """
					-- migrate:up transaction:false
					CREATE INDEX CONCURRENTLY shops_domain_idx
					    ON shops (domain);
					VACUUM shops;
					CREATE INDEX CONCURRENTLY shops_domain_idx
					    ON shops (domain);
					""");

		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> hoist(files).migrate())
			.withMessageContaining("V2__index.sql failed at line 5")
			.withMessageContaining("2 statements before the failing one stayed applied: line 2 (CREATE INDEX"
					+ " CONCURRENTLY shops_domain_idx ON shops (domain)), line 4 (VACUUM shops)");
	}

	@Test
	void statementThatHitsDdlLockTimeoutIsRetriedAndSucceedsOnceTheLockIsFree() throws Exception {
		this.database.execute("CREATE TABLE busy (id int)");
		MigrationFiles files = MigrationFiles.create().write("V1__alter.sql", "ALTER TABLE busy ADD COLUMN note text;");
		List<String> attempts = new CopyOnWriteArrayList<>();
		try (Connection reader = this.database.connect()) {
			reader.setAutoCommit(false);
			reader.createStatement().execute("SELECT * FROM busy");
			CompletableFuture<MigrateResult> run = CompletableFuture
				.supplyAsync(() -> TestHoist.configure(files, this.database)
					.ddlLockTimeout(Duration.ofMillis(100))
					.listeners(new HoistListener() {
						@Override
						public void migrationStarted(MigrationInfo migration) {
							attempts.add(migration.script());
						}
					})
					.load()
					.migrate());
			ConcurrentMigrateTests.awaitCondition(() -> attempts.size() >= 2);
			reader.rollback();
			assertThat(run.get(30, TimeUnit.SECONDS).applied()).hasSize(1);
		}
		assertThat(this.database.queryForLong(
				"SELECT count(*) FROM information_schema.columns WHERE table_name = 'busy' AND column_name = 'note'"))
			.isEqualTo(1);
	}

	@Test
	void aMigrationThatGaveUpWaitingForALockNamesTheBlockingSessionAndTheSettingsNotTheFile() throws Exception {
		this.database.execute("CREATE TABLE notes (id int)");
		MigrationFiles files = MigrationFiles.create().write("V3__add_note.sql", """
				-- migrate:up
				ALTER TABLE notes ADD COLUMN note text;
				""");
		try (Connection reader = this.database.connect()) {
			reader.createStatement().execute("SET application_name = 'nightly-report'");
			int readerPid = pid(reader);
			reader.setAutoCommit(false);
			reader.createStatement().execute("SELECT count(*) FROM notes");
			assertThatExceptionOfType(MigrationFailedException.class)
				.isThrownBy(() -> TestHoist.configure(files, this.database)
					.ddlLockTimeout(Duration.ofMillis(400))
					.ddlLockRetries(1)
					.load()
					.migrate())
				.satisfies((ex) -> {
					assertThat(ex.sqlState()).isEqualTo("55P03");
					assertThat(ex.script()).isEqualTo("V3__add_note.sql");
				})
				.withMessageContaining("another session held: pid " + readerPid + " (application_name 'nightly-report'")
				.withMessageContaining("idle in transaction")
				.withMessageContaining("last query: SELECT count(*) FROM notes")
				.withMessageContaining("2 attempts, 1 retry")
				.withMessageContaining("ddlLockTimeout(...)")
				.withMessageContaining("ddlLockRetries(...)")
				.withMessageContaining("pg_terminate_backend(" + readerPid + ")")
				.withMessageContaining("Nothing is wrong with the migration");
			reader.rollback();
		}
		assertThat(this.database.queryForLong("SELECT count(*) FROM hoist_schema_history")).isZero();
		assertThat(this.database.queryForLong(
				"SELECT count(*) FROM information_schema.columns WHERE table_name = 'notes' AND column_name = 'note'"))
			.isZero();
	}

	private static int pid(Connection connection) throws Exception {
		try (var rs = connection.createStatement().executeQuery("SELECT pg_backend_pid()")) {
			rs.next();
			return rs.getInt(1);
		}
	}

}
