package dev.hoist.core;

import dev.hoist.testsupport.MigrationFiles;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Repair after a failed non-transactional migration and after an edited file, and
 * history's view of both.
 */
@PostgresTest
class RepairTests {

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
	void repairAfterAFailedNonTransactionalMigrationLetsMigrateSucceed() {
		MigrationFiles files = MigrationFiles.create()
			.write("V1__shops.sql", "CREATE TABLE shops (id bigserial PRIMARY KEY, domain text);")
			.write("V2__indexes.sql", """
					-- migrate:up transaction:false
					CREATE INDEX CONCURRENTLY shops_domain_idx ON shops (domain);
					CREATE INDEX CONCURRENTLY shops_name_idx ON shops (name);
					""");
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> hoist(files).migrate());
		assertThat(hoist(files).history()).extracting(MigrationInfo::state)
			.containsExactly(MigrationInfo.State.APPLIED, MigrationInfo.State.FAILED);
		// the operator fixes the file and undoes the half that ran
		files.write("V2__indexes.sql", """
				-- migrate:up transaction:false
				CREATE INDEX CONCURRENTLY shops_domain_idx ON shops (domain);
				CREATE INDEX CONCURRENTLY shops_id_domain_idx ON shops (id, domain);
				""");
		this.database.execute("DROP INDEX shops_domain_idx");

		RepairResult repair = hoist(files).repair();

		assertThat(repair.removed()).extracting(MigrationInfo::script).containsExactly("V2__indexes.sql");
		assertThat(repair.realigned()).isEmpty();
		MigrateResult result = hoist(files).migrate();
		assertThat(result.applied()).extracting(MigrationInfo::script).containsExactly("V2__indexes.sql");
		assertThat(this.database.queryForList("SELECT success FROM hoist_schema_history ORDER BY installed_rank"))
			.containsExactly("t", "t");
		assertThat(this.database.queryForString("SELECT to_regclass('shops_id_domain_idx')")).isNotNull();
	}

	@Test
	void repairAfterAnEditedFileRealignsTheChecksumAndReportsIt() {
		MigrationFiles files = MigrationFiles.create()
			.write("V1__shops.sql", "CREATE TABLE shops (id bigserial PRIMARY KEY);")
			.write("V2__orders.sql", "CREATE TABLE orders (id bigserial PRIMARY KEY);");
		hoist(files).migrate();
		String recorded = this.database.queryForString("SELECT checksum FROM hoist_schema_history WHERE version = '2'");
		files.write("V2__orders.sql",
				"-- orders, one row per checkout\nCREATE TABLE orders (id bigserial PRIMARY KEY);");
		assertThat(hoist(files).history()).extracting(MigrationInfo::state)
			.containsExactly(MigrationInfo.State.APPLIED, MigrationInfo.State.CHANGED);
		assertThat(hoist(files).status().outcome()).isEqualTo(HoistStatus.Outcome.INVALID);

		RepairResult repair = hoist(files).repair();

		assertThat(repair.removed()).isEmpty();
		assertThat(repair.realigned()).singleElement().satisfies((change) -> {
			assertThat(change.script()).isEqualTo("V2__orders.sql");
			assertThat(change.version()).hasToString("2");
			assertThat(change.previous()).isEqualTo(recorded);
			assertThat(change.current()).isNotEqualTo(recorded).hasSize(64);
		});
		assertThat(this.database.queryForString("SELECT checksum FROM hoist_schema_history WHERE version = '2'"))
			.isEqualTo(repair.realigned().get(0).current());
		assertThat(hoist(files).status().outcome()).isEqualTo(HoistStatus.Outcome.CURRENT);
		assertThat(hoist(files).repair().changedAnything()).isFalse();
	}

	@Test
	void historyShowsWhenWhoHowLongAndAMissingFile() {
		MigrationFiles files = MigrationFiles.create()
			.write("V1__shops.sql", "CREATE TABLE shops (id bigserial PRIMARY KEY);")
			.write("V2__orders.sql", "CREATE TABLE orders (id bigserial PRIMARY KEY);")
			.write("V3__notes.sql", "CREATE TABLE notes (id bigserial PRIMARY KEY);");
		hoist(files).migrate();
		files.delete("V2__orders.sql");

		assertThat(hoist(files).history()).satisfiesExactly(
				(first) -> assertThat(first.state()).isEqualTo(MigrationInfo.State.APPLIED),
				(second) -> assertThat(second.state()).isEqualTo(MigrationInfo.State.MISSING), (third) -> {
					assertThat(third.state()).isEqualTo(MigrationInfo.State.APPLIED);
					assertThat(third.installedRank()).isEqualTo(3);
					assertThat(third.installedBy()).isEqualTo(this.database.user());
					assertThat(third.installedAt()).isNotNull();
					assertThat(third.executionTime()).isNotNull();
				});
	}

	@Test
	void aFailedNonTransactionalDownLeavesAFailedRowThatRepairRemoves() {
		MigrationFiles files = MigrationFiles.create()
			.write("V1__shops.sql", "CREATE TABLE shops (id bigserial PRIMARY KEY, domain text);")
			.write("V2__indexes.sql", """
					-- migrate:up transaction:false
					CREATE INDEX CONCURRENTLY shops_domain_idx ON shops (domain);
					CREATE INDEX CONCURRENTLY shops_id_idx ON shops (id, domain);
					-- migrate:down
					DROP INDEX CONCURRENTLY shops_domain_idx;
					DROP INDEX CONCURRENTLY shops_no_such_idx;
					""");
		hoist(files).migrate();

		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> hoist(files).downgrade(1))
			.withMessageContaining("failed at line 6")
			.withMessageContaining("repair");
		assertThat(this.database.queryForString("SELECT to_regclass('shops_domain_idx')")).isNull();
		assertThat(hoist(files).status().outcome()).isEqualTo(HoistStatus.Outcome.INVALID);
		this.database.execute("DROP INDEX shops_id_idx");

		assertThat(hoist(files).repair().removed()).extracting(MigrationInfo::script)
			.containsExactly("V2__indexes.sql");
		assertThat(hoist(files).status().pending()).extracting(MigrationInfo::script)
			.containsExactly("V2__indexes.sql");
	}

}
