package dev.hoist.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.hoist.core.drift.Drift;
import dev.hoist.core.internal.SqlSplitter;
import dev.hoist.core.internal.SqlStatement;
import dev.hoist.core.schema.SchemaDiff;
import dev.hoist.testsupport.MigrationFiles;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Drift: changes made by hand to a migrated database are each found, named and reverted
 * by the SQL drift writes; an untouched database shows none; the live database is only
 * read.
 */
@PostgresTest
class DriftTests {

	private TestDatabase database;

	@BeforeEach
	void cleanDatabase(TestDatabase database) {
		this.database = database;
		database.resetPublicSchema();
	}

	private static MigrationFiles shop() {
		return MigrationFiles.create().write("V1__shops.sql", """
				-- migrate:up
				CREATE TABLE shops (
				    id bigserial PRIMARY KEY,
				    domain text NOT NULL UNIQUE,
				    name text NOT NULL,
				    created_at timestamptz NOT NULL DEFAULT now()
				);
				CREATE INDEX shops_created_idx ON shops (created_at DESC);
				-- migrate:down
				DROP TABLE shops;
				""").write("V2__orders.sql", """
				-- migrate:up
				CREATE TYPE order_status AS ENUM ('open', 'paid', 'shipped');
				CREATE TABLE orders (
				    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
				    shop_id bigint NOT NULL REFERENCES shops ON DELETE CASCADE,
				    status order_status NOT NULL DEFAULT 'open',
				    quantity integer NOT NULL,
				    note varchar(200),
				    touched_at timestamptz,
				    CONSTRAINT orders_quantity_positive CHECK (quantity > 0)
				);
				ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
				CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
				    NEW.touched_at := now();
				    RETURN NEW;
				END
				$$;
				CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch();
				CREATE VIEW open_orders AS SELECT id, shop_id FROM orders WHERE status = 'open';
				-- migrate:down
				DROP VIEW open_orders;
				DROP TABLE orders;
				DROP FUNCTION touch();
				DROP TYPE order_status;
				""");
	}

	@Test
	void untouchedDatabaseHasNoDrift() {
		Hoist hoist = hoist(shop());
		hoist.migrate();
		Drift drift = hoist.drift();
		assertThat(drift.differences()).isEmpty();
		assertThat(drift.isDrifted()).isFalse();
		assertThat(drift.migrations()).isEqualTo(2);
		assertThat(drift.revision()).hasToString("2");
		assertThat(drift.revertSql()).isEmpty();
		assertThat(drift.adoptSql()).isEmpty();
		assertThat(temporaryDatabases()).isZero();
	}

	@Test
	void everyChangeByHandIsFoundNamedAndRevertedByTheEmittedSql() throws SQLException {
		Hoist hoist = hoist(shop());
		hoist.migrate();
		changeByHand();
		String historyBefore = history();

		Drift drift = hoist.drift();

		assertThat(drift.isDrifted()).isTrue();
		List<String> found = drift.differences().stream().map(Drift.Difference::toString).toList();
		assertThat(found).anySatisfy((line) -> assertThat(line).startsWith("EXTRA column public.orders.hand_note"))
			.anySatisfy((line) -> assertThat(line).startsWith("MISSING column public.orders.note"))
			.anySatisfy((line) -> assertThat(line).startsWith("CHANGED column public.orders.quantity")
				.contains("integer -> bigint"))
			.anySatisfy((line) -> assertThat(line).startsWith("CHANGED column public.orders.status")
				.contains("default 'open'::public.order_status -> 'paid'::public.order_status"))
			.anySatisfy((line) -> assertThat(line).startsWith("CHANGED column public.shops.name")
				.contains("NOT NULL yes -> no"))
			.anySatisfy((line) -> assertThat(line).startsWith("EXTRA index public.orders_quantity_idx"))
			.anySatisfy((line) -> assertThat(line).startsWith("MISSING index public.shops_created_idx"))
			.anySatisfy((line) -> assertThat(line).startsWith("INVALID_INDEX index public.shops_name_uq")
				.contains("indisvalid = false")
				.contains("CONCURRENTLY"))
			.anySatisfy(
					(line) -> assertThat(line).startsWith("CHANGED function public.touch").contains("clock_timestamp"))
			.anySatisfy((line) -> assertThat(line).startsWith("CHANGED view public.open_orders"))
			.anySatisfy((line) -> assertThat(line).startsWith("CHANGED type public.order_status").contains("refunded"))
			.anySatisfy((line) -> assertThat(line).startsWith("MISSING trigger orders_touch on public.orders"))
			.anySatisfy((line) -> assertThat(line).startsWith("CHANGED table public.orders").contains("row security"))
			.anySatisfy((line) -> assertThat(line).startsWith("CHANGED constraint orders_quantity_positive")
				.contains(">= 0"));
		assertThat(drift.differences()).allSatisfy((difference) -> assertThat(difference.revertSql()).isNotEmpty());
		assertThat(drift.adoptSql()).contains("hand_note").doesNotContain("shops_name_uq");
		// drift wrote nothing: same history, no shadow left behind
		assertThat(history()).isEqualTo(historyBefore);
		assertThat(temporaryDatabases()).isZero();

		runScript(drift.revertSql());
		Drift after = hoist.drift();
		assertThat(after.differences()).isEmpty();
	}

	@Test
	void adoptSqlAsTheNextMigrationsBuildsTheLiveSchema() {
		MigrationFiles files = shop();
		Hoist hoist = hoist(files);
		hoist.migrate();
		changeByHand();
		Drift drift = hoist.drift();
		// a migration builds an index valid or not at all: the invalid one is never
		// adopted, only dropped
		assertThat(drift.adoptSql()).doesNotContain("shops_name_uq");
		this.database.execute("DROP INDEX shops_name_uq");
		List<String> adopting = migrations(drift.adoptSql());
		assertThat(adopting).hasSizeGreaterThan(1);
		for (int i = 0; i < adopting.size(); i++) {
			files.write("V" + (3 + i) + "__adopt_hand_changes.sql", adopting.get(i));
		}
		TestDatabase copy = this.database.server().createDatabase(this.database.name() + "_adopted");
		try {
			// its public schema made as the live one's was, by the same owner
			copy.resetPublicSchema();
			Hoist.configure()
				.url(copy.jdbcUrl(), copy.user(), copy.password())
				.locations(files.location())
				.load()
				.migrate();

			SchemaDiff.Result difference = SchemaDiff.between(copy.dataSource(), this.database.dataSource()).compute();

			assertThat(difference.changes()).isEmpty();
			Drift ofCopy = Hoist.configure()
				.url(copy.jdbcUrl(), copy.user(), copy.password())
				.locations(files.location())
				.load()
				.drift();
			assertThat(ofCopy.differences()).isEmpty();
			assertThat(ofCopy.migrations()).isEqualTo(2 + adopting.size());
		}
		finally {
			this.database.server().dropDatabase(copy.name());
		}
	}

	// one change by hand of each kind drift must find, and an invalid index
	private void changeByHand() {
		this.database.execute("INSERT INTO shops (domain, name) VALUES ('a.example', 'same'), ('b.example', 'same')");
		// a failed CREATE INDEX CONCURRENTLY leaves an invalid index behind
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> this.database.execute("CREATE UNIQUE INDEX CONCURRENTLY shops_name_uq ON shops (name)"));
		this.database.execute("""
				ALTER TABLE orders ADD COLUMN hand_note text;
				ALTER TABLE orders DROP COLUMN note;
				ALTER TABLE orders ALTER COLUMN quantity TYPE bigint;
				ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'paid';
				ALTER TABLE shops ALTER COLUMN name DROP NOT NULL;
				CREATE INDEX orders_quantity_idx ON orders (quantity);
				DROP INDEX shops_created_idx;
				CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
				    NEW.touched_at := clock_timestamp();
				    RETURN NEW;
				END
				$$;
				CREATE OR REPLACE VIEW open_orders AS SELECT id, shop_id FROM orders WHERE status <> 'shipped';
				DROP TRIGGER orders_touch ON orders;
				ALTER TABLE orders DISABLE ROW LEVEL SECURITY;
				ALTER TABLE orders DROP CONSTRAINT orders_quantity_positive;
				ALTER TABLE orders ADD CONSTRAINT orders_quantity_positive CHECK (quantity >= 0);
				""");
		this.database.execute("ALTER TYPE order_status ADD VALUE 'refunded'");
	}

	// the adopt SQL used as its header says: each part, in order, the up
	// section of a migration of its own, transaction:false for a part
	// outside a transaction
	private static List<String> migrations(String adoptSql) {
		List<String> migrations = new ArrayList<>();
		StringBuilder current = null;
		for (String line : adoptSql.split("\n", -1)) {
			if (line.equals("-- in one transaction") || line.startsWith("-- outside a transaction")) {
				if (current != null) {
					migrations.add(current.toString());
				}
				current = new StringBuilder(
						line.startsWith("-- outside") ? "-- migrate:up transaction:false\n" : "-- migrate:up\n");
			}
			else {
				assertThat(current).as("every part of the adopt SQL is labelled").isNotNull();
				current.append(line).append('\n');
			}
		}
		if (current != null) {
			migrations.add(current.toString());
		}
		return migrations;
	}

	@Test
	void driftOnlyReadsTheLiveDatabase() throws SQLException {
		Hoist hoist = hoist(shop());
		hoist.migrate();
		this.database.execute("ALTER TABLE orders ADD COLUMN hand_note text");
		// a role that may connect and read the catalogs, nothing else: drift must not
		// need
		// more on the live database; the shadow is configured for it apart
		String role = "drift_reader_" + this.database.name();
		this.database.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'reader';" + " GRANT CONNECT ON DATABASE "
				+ this.database.name() + " TO " + role + ";" + " GRANT USAGE ON SCHEMA public TO " + role + ";"
				+ " GRANT SELECT ON hoist_schema_history TO " + role);
		TestDatabase shadow = this.database.server().createDatabase(this.database.name() + "_shadow");
		try {
			Hoist reader = Hoist.configure()
				.url(this.database.jdbcUrl(), role, "reader")
				.locations(shop().location())
				.shadowUrl(shadow.jdbcUrl(), shadow.user(), shadow.password())
				.load();
			Drift drift = reader.drift();
			assertThat(drift.differences()).singleElement()
				.hasToString("EXTRA column public.orders.hand_note: in the live schema, not created by the migrations");
			assertThat(drift.differences().get(0).revertSql())
				.containsExactly("ALTER TABLE public.orders DROP COLUMN hand_note;");
		}
		finally {
			this.database.server().dropDatabase(shadow.name());
			this.database.execute("DROP OWNED BY " + role + "; DROP ROLE " + role);
		}
	}

	@Test
	void driftTakesNoLockStrongerThanAPlainRead() throws Exception {
		Hoist hoist = hoist(shop());
		hoist.migrate();
		this.database.execute("ALTER TABLE orders ADD COLUMN hand_note text");
		// another session holds the strongest lock on every table and the history: a
		// drift
		// that asked for any lock on them would wait behind it
		try (Connection holder = this.database.connect()) {
			holder.setAutoCommit(false);
			try (Statement statement = holder.createStatement()) {
				statement.execute("LOCK TABLE shops, orders, hoist_schema_history IN EXCLUSIVE MODE");
			}
			CompletableFuture<Drift> drift = CompletableFuture.supplyAsync(hoist::drift);
			// generous for a loaded machine; a drift blocked by the lock never ends
			assertThat(drift.get(2, TimeUnit.MINUTES).differences()).singleElement()
				.hasToString("EXTRA column public.orders.hand_note: in the live schema, not created by the migrations");
			holder.rollback();
		}
	}

	@Test
	void historyNamingAVersionTheBuildLacksIsAClearErrorAndNothingIsWritten() {
		MigrationFiles files = shop();
		hoist(files).migrate();
		String before = history();
		files.delete("V2__orders.sql");
		assertThatExceptionOfType(HoistException.class).isThrownBy(() -> hoist(files).drift())
			.withMessageContaining("Version 2 (V2__orders.sql")
			.withMessageContaining("not in this build")
			.withMessageContaining("Nothing was compared");
		assertThat(history()).isEqualTo(before);
		assertThat(temporaryDatabases()).isZero();
	}

	@Test
	void shadowThatCannotBeHadIsAClearError() {
		hoist(shop()).migrate();
		Hoist hoist = TestHoist.configure(shop(), this.database)
			.shadowUrl(this.database.jdbcUrl(), this.database.user(), this.database.password())
			.load();
		assertThatExceptionOfType(HoistException.class).isThrownBy(hoist::drift)
			.withMessageContaining("is the migrated database itself");
	}

	private Hoist hoist(MigrationFiles files) {
		return Hoist.configure()
			.url(this.database.jdbcUrl(), this.database.user(), this.database.password())
			.locations(files.location())
			.load();
	}

	private String history() {
		return String.valueOf(this.database.queryForString("SELECT string_agg(version || ':' || checksum || ':'"
				+ " || success, ',' ORDER BY installed_rank) FROM hoist_schema_history"));
	}

	private long temporaryDatabases() {
		return this.database.queryForLong("SELECT count(*) FROM pg_database WHERE datname LIKE 'hoist\\_shadow\\_%'");
	}

	// as an operator runs it: statement by statement, in autocommit
	private void runScript(String sql) throws SQLException {
		try (Connection connection = this.database.connect(); Statement statement = connection.createStatement()) {
			connection.setAutoCommit(true);
			for (SqlStatement each : SqlSplitter.split(sql, 1)) {
				statement.execute(each.sql());
			}
		}
	}

}
