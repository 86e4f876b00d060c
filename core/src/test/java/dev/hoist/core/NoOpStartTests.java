package dev.hoist.core;

import dev.hoist.testsupport.MigrationFiles;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A start at the head is the common case: it must cost a handful of statements, however
 * long the history.
 */
@PostgresTest
class NoOpStartTests {

	@BeforeEach
	void freshDatabase(TestDatabase database) {
		database.execute("DROP SCHEMA IF EXISTS app CASCADE; DROP SCHEMA IF EXISTS other CASCADE; ALTER DATABASE "
				+ database.name() + " RESET search_path");
		database.resetPublicSchema();
	}

	@Test
	void startAtTheHeadInAConfiguredSchemaIsOneQueryToo(TestDatabase database) {
		MigrationFiles files = MigrationFiles.create().write("V1__one.sql", "CREATE TABLE one (id int);\n");
		TestHoist.configure(files, database).schema("app").load().migrate();
		StatementCountingDataSource counting = new StatementCountingDataSource(database.dataSource());

		MigrateResult result = Hoist.configure()
			.dataSource(counting.dataSource())
			.schema("app")
			.locations(files.location())
			.load()
			.migrate();

		assertThat(result.revision()).hasToString("1");
		assertThat(counting.executed()).singleElement()
			.satisfies((sql) -> assertThat(sql).contains("\"app\".\"hoist_schema_history\""));
	}

	@Test
	void aHistoryTableInAnotherSchemaOfTheSearchPathIsNotTakenForThisOne(TestDatabase database) {
		MigrationFiles files = MigrationFiles.create().write("V1__one.sql", "CREATE TABLE one (id int);\n");
		TestHoist.configure(files, database).schema("other").load().migrate();
		database.execute("ALTER DATABASE " + database.name() + " SET search_path = public, other");

		MigrateResult result = TestHoist.configure(files, database).load().migrate();

		assertThat(result.applied()).hasSize(1);
		assertThat(result.revision()).hasToString("1");
	}

	@Test
	void startWithAThousandAppliedMigrationsReadsHistoryOnceAndSendsNoPerMigrationStatements(TestDatabase database) {
		MigrationFiles files = MigrationFiles.create();
		for (int i = 1; i <= 1000; i++) {
			files.write("V" + i + "__step_" + i + ".sql",
					"-- migrate:up\nCREATE TABLE t" + i + " (id int);\n-- migrate:down\nDROP TABLE t" + i + ";\n");
		}
		TestHoist.configure(files, database).load().migrate();
		StatementCountingDataSource counting = new StatementCountingDataSource(database.dataSource());

		MigrateResult result = Hoist.configure()
			.dataSource(counting.dataSource())
			.locations(files.location())
			.load()
			.migrate();

		assertThat(result.applied()).isEmpty();
		assertThat(result.revision()).hasToString("1000");
		assertThat(counting.executed()).singleElement()
			.satisfies((sql) -> assertThat(sql).contains("\"hoist_schema_history\"").doesNotContain("set_config"));
		assertThat(counting.connections()).isOne();
	}

}
