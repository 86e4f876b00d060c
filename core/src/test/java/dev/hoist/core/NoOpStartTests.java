package dev.hoist.core;

import dev.hoist.testsupport.MigrationFiles;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A start at the head is the common case: it must cost a handful of statements, however
 * long the history.
 */
@PostgresTest
class NoOpStartTests {

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
		assertThat(counting.executed()).filteredOn((sql) -> sql.contains("FROM \"public\".\"hoist_schema_history\""))
			.hasSize(1);
		// no lock taken (reading whether a borrowed session holds one is not taking it)
		assertThat(counting.executed()).noneMatch((sql) -> sql.matches("(?s).*pg_(try_)?advisory_(xact_)?lock.*"));
		assertThat(counting.executed()).hasSizeLessThanOrEqualTo(4);
	}

}
