package dev.hoist.core.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SqlMigrationParserTests {

	@Test
	void fileWithoutMarkersIsAllUpAndCannotBeDowngraded() {
		SqlMigrationParser.Parsed parsed = SqlMigrationParser.parse("V1__a.sql", "CREATE TABLE a (id int);\n");

		assertThat(parsed.up().transactional()).isTrue();
		assertThat(parsed.up().statements()).extracting(SqlStatement::sql).containsExactly("CREATE TABLE a (id int)");
		assertThat(parsed.down()).isNull();
	}

	@Test
	void upAndDownSectionsKeepFileLineNumbers() {
		SqlMigrationParser.Parsed parsed = SqlMigrationParser.parse("V1__a.sql",
				"-- a comment\n-- migrate:up\nCREATE TABLE a (id int);\n\n-- migrate:down\nDROP TABLE a;\n");

		assertThat(parsed.up().statements()).containsExactly(new SqlStatement("CREATE TABLE a (id int)", 3));
		assertThat(parsed.down()).isNotNull();
		assertThat(parsed.down().statements()).containsExactly(new SqlStatement("DROP TABLE a", 6));
	}

	@Test
	void downMarkerWithoutOptionsInheritsTheUpsAndMayOverrideThem() {
		SqlMigrationParser.Parsed inherited = SqlMigrationParser.parse("V1__a.sql",
				"-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON t (c);\n-- migrate:down\nDROP INDEX CONCURRENTLY i;\n");
		SqlMigrationParser.Parsed overridden = SqlMigrationParser.parse("V1__a.sql",
				"-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON t (c);\n-- migrate:down transaction:true\nDROP INDEX i;\n");

		assertThat(inherited.up().transactional()).isFalse();
		assertThat(inherited.down().transactional()).isFalse();
		assertThat(overridden.down().transactional()).isTrue();
	}

	@Test
	void sqlBeforeTheUpMarkerIsRefused() {
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> SqlMigrationParser.parse("V1__a.sql", "SELECT 1;\n-- migrate:up\nSELECT 2;\n"))
			.withMessage("V1__a.sql line 1: SQL before '-- migrate:up' (line 2); move it below the marker");
	}

	@Test
	void psqlMetaCommandsAreRefused() {
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> SqlMigrationParser.parse("V1__a.sql", "\\set ON_ERROR_STOP on\nSELECT 1;\n"))
			.withMessageContaining("psql meta-command");
	}

	@Test
	void secondUpMarkerIsRefused() {
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(
					() -> SqlMigrationParser.parse("V1__a.sql", "-- migrate:up\nSELECT 1;\n-- migrate:up\nSELECT 2;\n"))
			.withMessageContaining("line 3: a second '-- migrate:up' marker");
	}

}
