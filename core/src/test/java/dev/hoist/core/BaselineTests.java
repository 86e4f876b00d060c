package dev.hoist.core;

import dev.hoist.testsupport.MigrationFiles;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Adopting a database that existed before Hoist.
 */
@PostgresTest
class BaselineTests {

	private TestDatabase database;

	@BeforeEach
	void cleanDatabase(TestDatabase database) {
		this.database = database;
		database.resetPublicSchema();
	}

	private Hoist hoist(MigrationFiles files) {
		return TestHoist.configure(files, this.database).load();
	}

	private static MigrationFiles files() {
		return MigrationFiles.create()
			.write("V1__shops.sql", "CREATE TABLE shops (id bigserial PRIMARY KEY);")
			.write("V2__orders.sql", "CREATE TABLE orders (id bigserial PRIMARY KEY, shop_id bigint REFERENCES shops);")
			.write("V3__order_notes.sql", "ALTER TABLE orders ADD COLUMN note text;");
	}

	@Test
	void baselineOnExistingTablesThenMigrateAppliesOnlyLaterVersions() {
		// the schema as a hand-run script once made it, before Hoist
		this.database.execute("CREATE TABLE shops (id bigserial PRIMARY KEY);"
				+ " CREATE TABLE orders (id bigserial PRIMARY KEY, shop_id bigint REFERENCES shops);"
				+ " INSERT INTO shops DEFAULT VALUES");
		MigrationFiles files = files();

		BaselineResult baseline = hoist(files).baseline("2", "schema of the 2025 monolith");

		assertThat(baseline.baseline().version()).hasToString("2");
		assertThat(baseline.baseline().type()).isEqualTo(MigrationInfo.Type.BASELINE);
		assertThat(baseline.baseline().description()).isEqualTo("schema of the 2025 monolith");
		assertThat(baseline.skipped()).extracting(MigrationInfo::script)
			.containsExactly("V1__shops.sql", "V2__orders.sql");
		HoistStatus status = hoist(files).status();
		assertThat(status.revision()).hasToString("2");
		assertThat(status.pending()).extracting(MigrationInfo::script).containsExactly("V3__order_notes.sql");

		MigrateResult result = hoist(files).migrate();

		assertThat(result.applied()).extracting(MigrationInfo::script).containsExactly("V3__order_notes.sql");
		assertThat(this.database.queryForLong("SELECT count(*) FROM shops")).isEqualTo(1);
		assertThat(this.database.queryForString("SELECT to_regclass('orders')")).isEqualTo("orders");
		assertThat(this.database.queryForList("SELECT type FROM hoist_schema_history ORDER BY installed_rank"))
			.containsExactly("BASELINE", "SQL");
		assertThat(hoist(files).status().outcome().exitCode()).isZero();
	}

	@Test
	void baselineIsRefusedWhenHistoryHasRows() {
		MigrationFiles files = files();
		hoist(files).migrate();

		assertThatExceptionOfType(HoistException.class).isThrownBy(() -> hoist(files).baseline("5", null))
			.withMessageContaining("already has 3 rows (revision 3)")
			.withMessageContaining("Nothing was changed");
		assertThat(this.database.queryForLong("SELECT count(*) FROM hoist_schema_history")).isEqualTo(3);
	}

	@Test
	void downgradeStopsAtTheBaseline() {
		this.database.execute("CREATE TABLE shops (id bigserial PRIMARY KEY)");
		MigrationFiles files = MigrationFiles.create()
			.write("V1__shops.sql", "-- migrate:up\nCREATE TABLE shops (id int);\n-- migrate:down\nDROP TABLE shops;\n")
			.write("V2__orders.sql",
					"-- migrate:up\nCREATE TABLE orders (id int);\n-- migrate:down\nDROP TABLE orders;\n");
		hoist(files).baseline("1", null);
		hoist(files).migrate();

		assertThatExceptionOfType(HoistException.class).isThrownBy(() -> hoist(files).downgrade(2))
			.withMessageContaining("past the baseline 1");
		assertThat(hoist(files).downgrade(1).revision()).hasToString("1");
		assertThat(this.database.queryForString("SELECT to_regclass('shops')")).isEqualTo("shops");
	}

}
