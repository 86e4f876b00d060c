package dev.hoist.core.schema;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.hoist.core.Hoist;
import dev.hoist.core.MigrateResult;
import dev.hoist.testsupport.CatalogFingerprint;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The long histories the proof diffs against are what they claim to be: hundreds of
 * migrations that Hoist applies in order, growing partitions, enums, views and functions.
 */
@PostgresTest
class MigrationHistoriesTests {

	@TempDir
	Path directory;

	@BeforeEach
	void reset(TestDatabase database) {
		database.execute(SchemaEvolution.RESET);
	}

	@Test
	void saasHistoryAppliesAsHundredsOfMigrations(TestDatabase database) throws Exception {
		assertAppliesInOrder(database, MigrationHistories.saas());
		assertThat(ProofDatabases.fingerprint(database).lines()).filteredOn((line) -> line.contains("partition_of="))
			.hasSize(150);
	}

	@Test
	void shopHistoryAppliesAsHundredsOfMigrations(TestDatabase database) throws Exception {
		assertAppliesInOrder(database, MigrationHistories.shop());
		assertThat(ProofDatabases.fingerprint(database).lines())
			.anyMatch((line) -> line.startsWith("type public.order_state enum ('cart', 'placed', 'paid', 'state_0'"));
	}

	private void assertAppliesInOrder(TestDatabase database, List<String> history) throws Exception {
		assertThat(history).hasSizeGreaterThan(100);
		for (int version = 1; version <= history.size(); version++) {
			Files.writeString(this.directory.resolve("V" + version + "__step.sql"), history.get(version - 1));
		}
		MigrateResult result = Hoist.configure()
			.dataSource(database.dataSource())
			.schema(ProofDatabases.HISTORY_SCHEMA)
			.locations("filesystem:" + this.directory)
			.load()
			.migrate();
		assertThat(result.migrationsExecuted()).isEqualTo(history.size());
		CatalogFingerprint fingerprint = ProofDatabases.fingerprint(database);
		assertThat(fingerprint.isEmpty()).isFalse();
	}

}
