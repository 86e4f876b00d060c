package dev.hoist.core;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.hoist.testsupport.MigrationFiles;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Downgrade restores the exact schema of before, refuses what it cannot undo, and waits
 * for a running migration.
 */
@PostgresTest
class DowngradeTests {

	private TestDatabase database;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	@BeforeEach
	void cleanDatabase(TestDatabase database) {
		this.database = database;
		database.resetPublicSchema();
	}

	@AfterEach
	void stopThreads() throws InterruptedException {
		this.executor.shutdownNow();
		this.executor.awaitTermination(10, TimeUnit.SECONDS);
	}

	private static MigrationFiles shopSchema() {
		return MigrationFiles.create().write("V1__shops.sql", """
				-- migrate:up
				CREATE TABLE shops (
				    id bigserial PRIMARY KEY,
				    domain text NOT NULL UNIQUE,
				    created_at timestamptz NOT NULL DEFAULT now()
				);
				CREATE INDEX shops_created_idx ON shops (created_at DESC);
				-- migrate:down
				DROP TABLE shops;
				""").write("V2__orders.sql", """
				-- migrate:up
				CREATE TYPE order_status AS ENUM ('open', 'paid', 'shipped');
				CREATE DOMAIN money_cents AS bigint CHECK (VALUE >= 0);
				CREATE TABLE orders (
				    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
				    shop_id bigint NOT NULL REFERENCES shops ON DELETE CASCADE,
				    status order_status NOT NULL DEFAULT 'open',
				    total money_cents NOT NULL,
				    note varchar(200),
				    CONSTRAINT orders_note_short CHECK (length(note) < 150)
				);
				-- migrate:down
				DROP TABLE orders;
				DROP DOMAIN money_cents;
				DROP TYPE order_status;
				""").write("V3__order_totals.sql", """
				-- migrate:up
				CREATE FUNCTION touch_shop() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
				    UPDATE shops SET created_at = created_at WHERE id = NEW.shop_id;
				    RETURN NEW;
				END;
				$$;
				CREATE TRIGGER orders_touch_shop AFTER INSERT ON orders FOR EACH ROW EXECUTE FUNCTION touch_shop();
				CREATE VIEW shop_totals AS SELECT shop_id, sum(total) AS total FROM orders GROUP BY shop_id;
				-- migrate:down
				DROP VIEW shop_totals;
				DROP TRIGGER orders_touch_shop ON orders;
				DROP FUNCTION touch_shop();
				""").write("V4__orders_status_index.sql", """
				-- migrate:up transaction:false
				CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);
				-- migrate:down
				DROP INDEX CONCURRENTLY orders_status_idx;
				""").write("V5__shop_names.sql", """
				-- migrate:up
				ALTER TABLE shops ADD COLUMN name text NOT NULL DEFAULT '';
				ALTER TABLE orders ALTER COLUMN note TYPE text;
				CREATE MATERIALIZED VIEW shop_names AS SELECT id, name FROM shops;
				-- migrate:down
				DROP MATERIALIZED VIEW shop_names;
				ALTER TABLE orders ALTER COLUMN note TYPE varchar(200);
				ALTER TABLE shops DROP COLUMN name;
				""");
	}

	private Hoist hoist(MigrationFiles files) {
		return hoist(files, null);
	}

	private Hoist hoist(MigrationFiles files, @Nullable String target) {
		return TestHoist.configure(files, this.database).target(target).load();
	}

	private CatalogSnapshot snapshot() {
		return CatalogSnapshot.of(this.database);
	}

	@Test
	void downgradeOfTwoStepsRestoresTheSchemaOfBeforeAndUpgradingAgainReproducesTheSame() {
		MigrationFiles files = shopSchema();
		hoist(files, "3").migrate();
		CatalogSnapshot atThree = snapshot();
		hoist(files).migrate();
		CatalogSnapshot atFive = snapshot();
		assertThat(atFive).isNotEqualTo(atThree);
		assertThat(atFive.lines()).as("the snapshot sees every kind of object")
			.anyMatch((line) -> line.startsWith("column public.orders.status public.order_status"))
			.anyMatch((line) -> line.startsWith("index public.orders CREATE INDEX orders_status_idx"))
			.anyMatch((line) -> line.startsWith("constraint public.orders orders_note_short type=c CHECK"))
			.anyMatch((line) -> line.startsWith("constraint public.orders orders_shop_id_fkey type=f FOREIGN KEY"))
			.anyMatch((line) -> line
				.startsWith("function public.touch_shop(): CREATE OR REPLACE FUNCTION public.touch_shop()"))
			.anyMatch((line) -> line.startsWith("trigger public.orders CREATE TRIGGER orders_touch_shop"))
			.anyMatch((line) -> line.startsWith("view public.shop_totals"))
			.anyMatch((line) -> line.startsWith("materialized view public.shop_names"))
			.anyMatch((line) -> line.startsWith("type public.order_status enum ('open', 'paid', 'shipped')"))
			.anyMatch((line) -> line.startsWith("type public.money_cents domain base=bigint"))
			.anyMatch((line) -> line.startsWith("sequence public.shops_id_seq"));

		DowngradeResult result = hoist(files).downgrade(2);

		assertThat(result.reverted()).extracting(MigrationInfo::script)
			.containsExactly("V5__shop_names.sql", "V4__orders_status_index.sql");
		assertThat(result.initialRevision()).hasToString("5");
		assertThat(result.revision()).hasToString("3");
		assertThat(snapshot()).isEqualTo(atThree);
		assertThat(this.database.queryForList("SELECT version FROM hoist_schema_history ORDER BY installed_rank"))
			.containsExactly("1", "2", "3");
		assertThat(hoist(files).status().pending()).extracting(MigrationInfo::script)
			.containsExactly("V4__orders_status_index.sql", "V5__shop_names.sql");

		hoist(files).migrate();

		assertThat(snapshot()).isEqualTo(atFive);
	}

	@Test
	void downgradeToAVersionRestoresThatVersionsSchemaAndToZeroLeavesNothing() {
		MigrationFiles files = shopSchema();
		hoist(files, "1").migrate();
		CatalogSnapshot atOne = snapshot();
		hoist(files).migrate();
		CatalogSnapshot atFive = snapshot();

		DowngradeResult toOne = hoist(files).downgradeTo("1");

		assertThat(toOne.migrationsReverted()).isEqualTo(4);
		assertThat(toOne.revision()).hasToString("1");
		assertThat(snapshot()).isEqualTo(atOne);

		DowngradeResult toZero = hoist(files).downgradeTo("0");

		assertThat(toZero.reverted()).extracting(MigrationInfo::script).containsExactly("V1__shops.sql");
		assertThat(toZero.revision()).isNull();
		assertThat(snapshot().isEmpty()).as("schema after downgrade to 0:\n%s", snapshot()).isTrue();
		assertThat(this.database.queryForLong("SELECT count(*) FROM hoist_schema_history")).isZero();

		hoist(files).migrate();

		assertThat(snapshot()).isEqualTo(atFive);
	}

	@Test
	void aRepeatableThatDependsOnWhatWasRevertedIsReappliedByTheNextMigrate() {
		MigrationFiles files = MigrationFiles.create()
			.write("V1__shops.sql", "-- migrate:up\nCREATE TABLE shops (id int);\n-- migrate:down\nDROP TABLE shops;\n")
			.write("V2__name.sql",
					"-- migrate:up\nALTER TABLE shops ADD COLUMN name text;\n"
							+ "-- migrate:down\nDROP VIEW IF EXISTS shop_names;\nALTER TABLE shops DROP COLUMN name;\n")
			.write("R__shop_names.sql", "CREATE OR REPLACE VIEW shop_names AS SELECT name FROM shops;");
		hoist(files).migrate();

		hoist(files).downgrade(1);

		assertThat(this.database.queryForString("SELECT to_regclass('shop_names')")).isNull();
		assertThat(hoist(files).status().pending()).extracting(MigrationInfo::script)
			.containsExactly("V2__name.sql", "R__shop_names.sql");
		assertThat(hoist(files).migrate().applied()).extracting(MigrationInfo::script)
			.containsExactly("V2__name.sql", "R__shop_names.sql");
		assertThat(this.database.queryForString("SELECT to_regclass('shop_names')")).isNotNull();
	}

	@Test
	void aRangeWithAnIrreversibleMigrationIsRefusedNamingItAndChangesNothing() {
		MigrationFiles files = MigrationFiles.create()
			.write("V1__shops.sql", "-- migrate:up\nCREATE TABLE shops (id int);\n-- migrate:down\nDROP TABLE shops;\n")
			.write("V2__backfill.sql", "CREATE TABLE legacy_copy AS SELECT * FROM shops;")
			.write("V3__orders.sql",
					"-- migrate:up\nCREATE TABLE orders (id int);\n-- migrate:down\nDROP TABLE orders;\n");
		hoist(files).migrate();
		CatalogSnapshot before = snapshot();

		assertThatExceptionOfType(HoistException.class).isThrownBy(() -> hoist(files).downgrade(2))
			.withMessageContaining("V2__backfill.sql")
			.withMessageContaining("no '-- migrate:down' section")
			.withMessageContaining("Nothing was changed")
			.withMessageContaining("Downgrade to 2 at most");
		assertThatExceptionOfType(HoistException.class).isThrownBy(() -> hoist(files).downgradeTo("1"))
			.withMessageContaining("V2__backfill.sql");

		assertThat(snapshot()).isEqualTo(before);
		assertThat(this.database.queryForLong("SELECT count(*) FROM hoist_schema_history")).isEqualTo(3);
		assertThat(hoist(files).downgrade(1).reverted()).extracting(MigrationInfo::script)
			.containsExactly("V3__orders.sql");
	}

	@Test
	void anEmptyOrCommentOnlyDownSectionIsIrreversibleSoDowngradeRefusesBeforeRunningAnything() {
		MigrationFiles files = MigrationFiles.create()
			.write("V1__shops.sql",
					"-- migrate:up\nCREATE TABLE shops (id int, credit int);\n"
							+ "INSERT INTO shops VALUES (1, 100);\n-- migrate:down\nDROP TABLE shops;\n")
			.write("V2__credit.sql", "-- migrate:up\nUPDATE shops SET credit = credit + 50;\n-- migrate:down\n\n")
			.write("V3__note.sql", "-- migrate:up\nALTER TABLE shops ADD COLUMN note text;\n-- migrate:down\n"
					+ "-- TODO: ALTER TABLE shops DROP COLUMN note;\n");
		hoist(files).migrate();
		CatalogSnapshot before = snapshot();

		assertThatExceptionOfType(HoistException.class).isThrownBy(() -> hoist(files).downgrade(1))
			.withMessageStartingWith("Cannot downgrade filesystem:")
			.withMessageContaining("V3__note.sql (version 3): its '-- migrate:down' section (line 3) has no"
					+ " statements, so it is irreversible. Nothing was changed.")
			.withMessageContaining(
					"Nothing was changed. Write the SQL that undoes it below '-- migrate:down', then run 'repair'");
		assertThatExceptionOfType(HoistException.class).isThrownBy(() -> hoist(files).downgradeTo("1"))
			.withMessageContaining(
					"V3__note.sql (version 3): its '-- migrate:down' section (line 3) has no" + " statements");
		files.write("V3__note.sql", "-- migrate:up\nALTER TABLE shops ADD COLUMN note text;\n-- migrate:down\n"
				+ "ALTER TABLE shops DROP COLUMN note;\n");
		hoist(files).repair();
		assertThatExceptionOfType(HoistException.class).isThrownBy(() -> hoist(files).downgrade(2))
			.withMessageContaining("V2__credit.sql (version 2): its '-- migrate:down' section (line 3) has no"
					+ " statements, so it is irreversible. Nothing was changed. Downgrade to 2 at most, or write");

		assertThat(snapshot()).isEqualTo(before);
		assertThat(this.database.queryForString("SELECT credit FROM shops")).isEqualTo("150");
		assertThat(this.database.queryForLong("SELECT count(*) FROM hoist_schema_history")).isEqualTo(3);
		assertThat(hoist(files).migrate().applied()).isEmpty();
		assertThat(this.database.queryForString("SELECT credit FROM shops")).isEqualTo("150");
	}

	@Test
	void aDownSectionThatCannotRunStopsDowngradeBeforeAnythingRuns() {
		MigrationFiles files = MigrationFiles.create()
			.write("V1__shops.sql", "-- migrate:up\nCREATE TABLE shops (id int);\n-- migrate:down\nDROP TABLE shops;\n")
			.write("V2__index.sql", "-- migrate:up\nCREATE INDEX shops_id_idx ON shops (id);\n-- migrate:down\n"
					+ "DROP INDEX CONCURRENTLY shops_id_idx;\n");
		hoist(files).migrate();

		assertThatExceptionOfType(HoistException.class).isThrownBy(() -> hoist(files).downgrade(1))
			.withMessageContaining("V2__index.sql (version 2): its down section cannot run, so it is irreversible."
					+ " Nothing was changed. Fix the down section, then run 'repair' to record the file's new checksum."
					+ " The problem: filesystem:")
			.withMessageContaining("V2__index.sql line 4: 'DROP INDEX CONCURRENTLY shops_id_idx' cannot run inside a"
					+ " transaction block. Mark the section '-- migrate:down transaction:false'")
			.withMessageContaining("Nothing was changed");

		assertThat(this.database.queryForString("SELECT to_regclass('shops_id_idx')")).isEqualTo("shops_id_idx");
	}

	@Test
	void moreStepsThanAppliedMigrationsAreRefused() {
		MigrationFiles files = MigrationFiles.create()
			.write("V1__shops.sql",
					"-- migrate:up\nCREATE TABLE shops (id int);\n-- migrate:down\nDROP TABLE shops;\n");
		hoist(files).migrate();

		assertThatExceptionOfType(HoistException.class).isThrownBy(() -> hoist(files).downgrade(2))
			.withMessageContaining("only 1 versioned migration is applied");
		assertThat(this.database.queryForString("SELECT to_regclass('shops')")).isEqualTo("shops");
	}

	@Test
	void aFailingDownSectionIsRolledBackAndKeepsItsHistoryRow() {
		MigrationFiles files = MigrationFiles.create()
			.write("V1__shops.sql", "-- migrate:up\nCREATE TABLE shops (id int);\n-- migrate:down\nDROP TABLE shops;\n")
			.write("V2__orders.sql", "-- migrate:up\nCREATE TABLE orders (id int);\n-- migrate:down\n"
					+ "DROP TABLE orders;\nDROP TABLE no_such_table;\n");
		hoist(files).migrate();

		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> hoist(files).downgrade(2))
			.withMessageContaining("Downgrade of filesystem:")
			.withMessageContaining("V2__orders.sql failed at line 5")
			.withMessageContaining("rolled back");

		assertThat(this.database.queryForString("SELECT to_regclass('orders')")).isEqualTo("orders");
		assertThat(this.database.queryForLong("SELECT count(*) FROM hoist_schema_history")).isEqualTo(2);
	}

	@Test
	void aJavaMigrationIsRevertedThroughItsDownMethod() {
		MigrationFiles files = MigrationFiles.create()
			.write("V1__shops.sql",
					"-- migrate:up\nCREATE TABLE shops (id int);\n-- migrate:down\nDROP TABLE shops;\n");
		JavaMigration seed = new JavaMigration() {

			@Override
			public MigrationVersion version() {
				return MigrationVersion.parse("2");
			}

			@Override
			public String description() {
				return "seed shops";
			}

			@Override
			public void up(Connection connection) throws Exception {
				try (var statement = connection.createStatement()) {
					statement.execute("INSERT INTO shops VALUES (1), (2)");
				}
			}

			@Override
			public boolean hasDown() {
				return true;
			}

			@Override
			public void down(Connection connection) throws Exception {
				try (var statement = connection.createStatement()) {
					statement.execute("DELETE FROM shops");
				}
			}

		};
		Hoist hoist = TestHoist.configure(files, this.database).javaMigrations(seed).load();
		hoist.migrate();

		hoist.downgrade(1);

		assertThat(this.database.queryForLong("SELECT count(*) FROM shops")).isZero();
		assertThat(hoist.status().revision()).hasToString("1");
	}

	@Test
	void downgradeWaitsForARunningMigrateAndThenRevertsWhatItApplied() throws Exception {
		MigrationFiles files = MigrationFiles.create()
			.write("V1__shops.sql", "-- migrate:up\nCREATE TABLE shops (id int);\n-- migrate:down\nDROP TABLE shops;\n")
			.write("V2__orders.sql",
					"-- migrate:up\nCREATE TABLE orders (id int);\n-- migrate:down\nDROP TABLE orders;\n");
		hoist(files, "1").migrate();
		CountDownLatch migrating = new CountDownLatch(1);
		CountDownLatch downgradeWaiting = new CountDownLatch(1);
		Hoist migrator = TestHoist.configure(files, this.database).listeners(new HoistListener() {
			@Override
			public void migrationStarted(MigrationInfo migration) {
				migrating.countDown();
				await(downgradeWaiting);
			}
		}).load();
		Hoist downgrader = TestHoist.configure(files, this.database).listeners(new HoistListener() {
			@Override
			public void lockWaiting(HoistStatus.@Nullable LockHolder holder, Duration waited) {
				downgradeWaiting.countDown();
			}
		}).load();

		CompletableFuture<MigrateResult> migrate = CompletableFuture.supplyAsync(migrator::migrate, this.executor);
		await(migrating);
		CompletableFuture<DowngradeResult> downgrade = CompletableFuture.supplyAsync(() -> downgrader.downgrade(1),
				this.executor);

		MigrateResult migrated = migrate.orTimeout(30, TimeUnit.SECONDS).join();
		DowngradeResult downgraded = downgrade.orTimeout(30, TimeUnit.SECONDS).join();

		assertThat(migrated.applied()).extracting(MigrationInfo::script).containsExactly("V2__orders.sql");
		assertThat(downgraded.lockWait()).isPositive();
		// it read history after the lock: the migration that finished meanwhile is
		// the one reverted
		assertThat(downgraded.reverted()).extracting(MigrationInfo::script).containsExactly("V2__orders.sql");
		assertThat(this.database.queryForString("SELECT to_regclass('orders')")).isNull();
		assertThat(this.database.queryForList("SELECT version FROM hoist_schema_history")).containsExactly("1");
		assertThat(this.database.queryForLong("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")).isZero();
	}

	@Test
	void aDownSectionThatCannotGetItsTableLockWithinTheTimeoutFailsAndChangesNothing() throws Exception {
		MigrationFiles files = MigrationFiles.create()
			.write("V1__shops.sql",
					"-- migrate:up\nCREATE TABLE shops (id int);\n-- migrate:down\nDROP TABLE shops;\n");
		hoist(files).migrate();
		Hoist impatient = TestHoist.configure(files, this.database)
			.ddlLockTimeout(Duration.ofMillis(50))
			.ddlLockRetries(1)
			.load();

		try (Connection reader = this.database.connect(); var statement = reader.createStatement()) {
			reader.setAutoCommit(false);
			statement.execute("SELECT * FROM shops");
			assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> impatient.downgrade(1))
				.satisfies((ex) -> assertThat(ex.sqlState()).isEqualTo("55P03"))
				.withMessageContaining("rolled back");
			reader.rollback();
		}

		assertThat(this.database.queryForString("SELECT to_regclass('shops')")).isEqualTo("shops");
		assertThat(impatient.downgrade(1).reverted()).hasSize(1);
	}

	@Test
	void downgradeIsRefusedUnderTransactionLockModeBecauseItNeedsTheSessionLock() {
		MigrationFiles files = MigrationFiles.create()
			.write("V1__shops.sql",
					"-- migrate:up\nCREATE TABLE shops (id int);\n-- migrate:down\nDROP TABLE shops;\n");
		Hoist pooled = TestHoist.configure(files, this.database)
			.lockMode(HoistConfiguration.LockMode.TRANSACTION)
			.load();
		pooled.migrate();

		assertThatExceptionOfType(HoistException.class).isThrownBy(() -> pooled.downgrade(1))
			.withMessageContaining("lockMode(LockMode.TRANSACTION)")
			.withMessageContaining("url(...)");
		assertThat(this.database.queryForString("SELECT to_regclass('shops')")).isEqualTo("shops");
	}

	private static void await(CountDownLatch latch) {
		try {
			if (!latch.await(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("Timed out waiting");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
