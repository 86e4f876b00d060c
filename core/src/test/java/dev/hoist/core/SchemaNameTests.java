package dev.hoist.core;

import java.util.List;

import dev.hoist.testsupport.MigrationFiles;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Schema and table names reach the server as names, never as SQL, whatever they contain
 * and however the server reads string literals.
 */
@PostgresTest
class SchemaNameTests {

	// a quote ends a literal, and with standard_conforming_strings=off a backslash
	// escapes one: each would cut a literal short if a name were ever spliced into one
	private static final String SCHEMA = "app\\'); DROP TABLE victim; --\" x";

	private static final String TABLE = "history\\' OR '1'='1\"";

	private TestDatabase database;

	@BeforeEach
	void prepare(TestDatabase database) {
		this.database = database;
		database.resetPublicSchema();
		database.execute("CREATE TABLE victim (id int); INSERT INTO victim VALUES (1)");
	}

	@Test
	void aSchemaAndTableNameFullOfQuotesAndBackslashesAreOnlyNamesWithStandardConformingStringsOff() {
		MigrationFiles files = MigrationFiles.create()
			.write("V1__shops.sql", "CREATE TABLE shops (id int);")
			.write("V2__orders.sql",
					"-- migrate:up\nCREATE TABLE orders (id int);\n-- migrate:down\nDROP TABLE orders;\n");
		PGSimpleDataSource dataSource = (PGSimpleDataSource) this.database.dataSource();
		dataSource.setOptions("-c standard_conforming_strings=off");
		Hoist hoist = Hoist.configure()
			.dataSource(dataSource)
			.locations(files.location())
			.schema(SCHEMA)
			.table(TABLE)
			.load();

		assertThat(hoist.migrate().applied()).hasSize(2);
		assertThat(hoist.status().state()).isEqualTo(HoistStatus.State.CURRENT);
		assertThat(hoist.downgrade(1).reverted()).hasSize(1);
		assertThat(hoist.migrate().applied()).hasSize(1);
		files.write("V1__shops.sql", "CREATE TABLE shops (id int); -- reviewed");
		assertThat(hoist.repair().realigned()).hasSize(1);

		assertThat(this.database.queryForList("SELECT id::text FROM public.victim")).containsExactly("1");
		assertThat(this.database.queryForList("SELECT c.relname FROM pg_class c JOIN pg_namespace n"
				+ " ON n.oid = c.relnamespace WHERE n.nspname = '" + SCHEMA.replace("'", "''")
				+ "' AND c.relkind = 'r' ORDER BY 1"))
			.containsExactlyElementsOf(List.of(TABLE, "orders", "shops").stream().sorted().toList());
	}

}
