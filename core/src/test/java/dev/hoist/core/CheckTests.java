package dev.hoist.core;

import dev.hoist.testsupport.MigrationFiles;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code check} as a CI gate: 0 current, 1 pending, 2 invalid.
 */
@PostgresTest
class CheckTests {

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
	void pendingMigrationsExitWithOneAndChangeNothing() {
		MigrationFiles files = MigrationFiles.create().write("V1__shops.sql", "CREATE TABLE shops (id int);");

		HoistStatus result = hoist(files).status();

		assertThat(result.outcome()).isEqualTo(HoistStatus.Outcome.PENDING);
		assertThat(result.outcome().exitCode()).isEqualTo(1);
		assertThat(result.pending()).hasSize(1);
		assertThat(this.database.queryForString("SELECT to_regclass('hoist_schema_history')")).isNull();
	}

	@Test
	void aCurrentSchemaExitsWithZero() {
		MigrationFiles files = MigrationFiles.create().write("V1__shops.sql", "CREATE TABLE shops (id int);");
		hoist(files).migrate();

		assertThat(hoist(files).status().outcome().exitCode()).isZero();
	}

	@Test
	void anInvalidSchemaExitsWithTwoEvenWithPendingMigrations() {
		MigrationFiles files = MigrationFiles.create().write("V1__shops.sql", "CREATE TABLE shops (id int);");
		hoist(files).migrate();
		files.write("V1__shops.sql", "CREATE TABLE shops (id bigint);")
			.write("V2__orders.sql", "CREATE TABLE o (id int);");

		HoistStatus result = hoist(files).status();

		assertThat(result.outcome().exitCode()).isEqualTo(2);
		assertThat(result.problems()).extracting(HoistStatus.Problem::kind)
			.containsExactly(HoistStatus.Problem.Kind.CHECKSUM_MISMATCH);
	}

}
