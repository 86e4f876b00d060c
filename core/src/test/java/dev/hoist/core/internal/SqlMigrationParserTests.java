package dev.hoist.core.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SqlMigrationParserTests {

	@Test
	void fileWithoutMarkersIsAllUpAndCannotBeDowngraded() {
		MigrationText file = MigrationText.of("CREATE TABLE a (id int);\n");

		assertThat(file.parse().up().transactional()).isTrue();
		assertThat(file.up()).extracting(SqlStatement::sql).containsExactly("CREATE TABLE a (id int)");
		assertThat(file.parse().down()).isNull();
		assertThat(file.parse().isReversible()).isFalse();
	}

	@Test
	void upAndDownSectionsKeepFileLineNumbers() {
		MigrationText file = MigrationText
			.of("-- a comment\n-- migrate:up\nCREATE TABLE a (id int);\n\n-- migrate:down\nDROP TABLE a;\n");

		assertThat(file.up()).containsExactly(new SqlStatement("CREATE TABLE a (id int)", 3));
		assertThat(file.down()).containsExactly(new SqlStatement("DROP TABLE a", 6));
		assertThat(file.parse().up().markerLine()).isEqualTo(2);
		assertThat(file.parse().down().markerLine()).isEqualTo(5);
		assertThat(file.parse().isReversible()).isTrue();
	}

	@Test
	void aStatementWithoutSemicolonEndsAtTheNextMarker() {
		MigrationText file = MigrationText
			.of("-- migrate:up\nCREATE TABLE a (id int)\n-- migrate:down\nDROP TABLE a\n");

		assertThat(file.up()).extracting(SqlStatement::sql).containsExactly("CREATE TABLE a (id int)");
		assertThat(file.down()).extracting(SqlStatement::sql).containsExactly("DROP TABLE a");
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
	void markersInsideDollarQuotesBlockCommentsAndStringsAreText() {
		String text = """
				-- migrate:up
				CREATE FUNCTION f() RETURNS text LANGUAGE sql AS $$
				-- migrate:down
				SELECT 'x';
				$$;
				/*
				-- migrate:down
				DROP TABLE kept_out;
				*/
				INSERT INTO notes VALUES ('line one
				-- migrate:down
				line three');
				-- migrate:down
				DROP FUNCTION f();
				""";
		MigrationText file = MigrationText.of(text);

		assertThat(file.up()).hasSize(2).extracting(SqlStatement::line).containsExactly(2, 10);
		assertThat(file.up().get(0).sql()).contains("-- migrate:down\nSELECT 'x';");
		assertThat(file.down()).containsExactly(new SqlStatement("DROP FUNCTION f()", 14));
		assertThat(file.parse().down().markerLine()).isEqualTo(13);
	}

	@Test
	void anEmptyOrCommentOnlyUpSectionIsAcceptedAndHasNoStatements() {
		assertThat(MigrationText.of("-- data is migrated in code\n").parse().up().statementCount()).isZero();
		assertThat(MigrationText.of("-- migrate:up\n").parse().up().hasStatements()).isFalse();
		assertThat(MigrationText.of("-- migrate:up\n\n-- nothing to do\n-- migrate:down\nSELECT 1;\n").parse().up())
			.isEqualTo(new MigrationSection(true, 1, 0));
	}

	@Test
	void anEmptyOrCommentOnlyDownSectionMakesTheMigrationIrreversible() {
		SqlMigrationParser.Parsed empty = MigrationText.of("-- migrate:up\nSELECT 1;\n-- migrate:down\n\n").parse();
		SqlMigrationParser.Parsed comments = MigrationText
			.of("-- migrate:up\nSELECT 1;\n-- migrate:down\n-- DROP TABLE t;\n/* later */\n")
			.parse();

		assertThat(empty.down()).isNotNull();
		assertThat(empty.isReversible()).isFalse();
		assertThat(comments.down().statementCount()).isZero();
		assertThat(comments.isReversible()).isFalse();
	}

	@Test
	void aFileWithNothingButWhitespaceIsRefused() {
		assertThatExceptionOfType(MigrationFileException.class).isThrownBy(() -> MigrationText.of(" \n\n").parse())
			.withMessageStartingWith("V1__a.sql: the file is empty.");
		assertThatExceptionOfType(MigrationFileException.class).isThrownBy(() -> MigrationText.of("").parse());
	}

	@Test
	void theTemplatesUpPlaceholderIsRefusedUntilTheSectionHasSql() {
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> MigrationText.of(MigrationScaffold.TEMPLATE).parse())
			.withMessageStartingWith("V1__a.sql line 2: the up section holds nothing but the 'hoist:todo' placeholder");
		SqlMigrationParser.Parsed filled = MigrationText
			.of(MigrationScaffold.TEMPLATE.replace("\n\n\n", "\nCREATE TABLE t (id int);\n\n"))
			.parse();

		assertThat(filled.up().statementCount()).isEqualTo(1);
		assertThat(filled.downProblem()).isEqualTo("V1__a.sql line 6: the down section holds nothing but the"
				+ " 'hoist:todo' placeholder that 'new' wrote: write the SQL that undoes the up section there, or"
				+ " delete the placeholder line to declare the migration irreversible");
		assertThat(filled.isReversible()).isFalse();
	}

	@Test
	void deletingTheDownPlaceholderDeclaresTheMigrationIrreversibleWithoutAProblem() {
		String text = MigrationScaffold.TEMPLATE.replace("\n\n\n", "\nCREATE TABLE t (id int);\n\n")
			.replaceFirst("(?m)^-- hoist:todo Write the SQL that undoes.*\n", "");

		SqlMigrationParser.Parsed parsed = MigrationText.of(text).parse();

		assertThat(parsed.downProblem()).isNull();
		assertThat(parsed.down().statementCount()).isZero();
		assertThat(parsed.isReversible()).isFalse();
	}

	@Test
	void sqlBeforeTheUpMarkerIsRefused() {
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> SqlMigrationParser.parse("V1__a.sql", "SELECT 1;\n-- migrate:up\nSELECT 2;\n"))
			.withMessage("V1__a.sql line 1: SQL before '-- migrate:up' (line 2); move it below the marker");
	}

	@Test
	void psqlMetaCommandsAreRefusedWhereverTheyAre() {
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> SqlMigrationParser.parse("V1__a.sql", "\\set ON_ERROR_STOP on\nSELECT 1;\n"))
			.withMessageStartingWith("V1__a.sql line 1: psql meta-command '\\set ON_ERROR_STOP on' is not SQL");
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> SqlMigrationParser.parse("V1__a.sql", "SELECT 1;\nSELECT 2\n\\connect other\n"))
			.withMessageStartingWith("V1__a.sql line 3: psql meta-command '\\connect other' is not SQL")
			.withMessageContaining("runs on the database Hoist connects to");
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> SqlMigrationParser.parse("V1__a.sql", "SELECT 1 AS one \\gset\nSELECT :one;\n"))
			.withMessageStartingWith("V1__a.sql line 1: psql meta-command '\\gset' is not SQL");
	}

	@Test
	void copyThroughTheClientIsRefusedWithWaysToLoadTheData() {
		String dump = "-- migrate:up\nCREATE TABLE t (a int, b text);\nCOPY public.t (a, b) FROM stdin;\n1\tone\n\\.\n";

		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> SqlMigrationParser.parse("V1__a.sql", dump))
			.withMessageStartingWith(
					"V1__a.sql line 3: 'COPY public.t (a, b) FROM stdin' copies data through the client")
			.withMessageContaining("pg_dump --inserts");
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> SqlMigrationParser.parse("V1__a.sql", "COPY (SELECT 1) TO STDOUT;"))
			.withMessageContaining("copies data through the client");
		assertThat(SqlMigrationParser.parse("V1__a.sql", "COPY t FROM '/srv/data/t.csv' (FORMAT csv);")
			.up()
			.statementCount()).isEqualTo(1);
	}

	@Test
	void secondUpMarkerIsRefused() {
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(
					() -> SqlMigrationParser.parse("V1__a.sql", "-- migrate:up\nSELECT 1;\n-- migrate:up\nSELECT 2;\n"))
			.withMessageContaining("line 3: a second '-- migrate:up' marker");
	}

	@Test
	void aMisspelledDownMarkerIsRefusedWithTheLineAndTheIntendedSpelling() {
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> SqlMigrationParser.parse("V1__a.sql",
					"-- migrate:up\nCREATE TABLE t1 (id int);\n-- migrate-down\nDROP TABLE t1;\n"))
			.withMessage("V1__a.sql line 3: '-- migrate-down' looks like a section marker but is not spelled as one,"
					+ " so Hoist would read it as a comment and the SQL below it as part of the section above."
					+ " Write it as '-- migrate:down'");
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> SqlMigrationParser.parse("V1__a.sql",
					"-- migrate:up\nSELECT 1;\n  -- Migrate: Down transaction:false\nSELECT 2;\n"))
			.withMessageContaining("line 3: '-- Migrate: Down transaction:false' looks like a section marker")
			.withMessageEndingWith("Write it as '-- migrate:down transaction:false'");
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> SqlMigrationParser.parse("V1__a.sql", "-- migrate:up\nSELECT 1;\n-- migrate:dwon\n"))
			.withMessageContaining("Write it as '-- migrate:down'");
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> SqlMigrationParser.parse("V1__a.sql", "-- migrate:sideways\nSELECT 1;\n"))
			.withMessage("V1__a.sql line 1: unknown marker '-- migrate:sideways'; use '-- migrate:up' or"
					+ " '-- migrate:down'");
	}

	@Test
	void aMarkerAfterSqlOnTheSameLineIsRefused() {
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> SqlMigrationParser.parse("V1__a.sql",
					"-- migrate:up\nCREATE TABLE t (id int); -- migrate:down\nDROP TABLE t;\n"))
			.withMessageStartingWith("V1__a.sql line 2: '-- migrate:down' must be on a line of its own");
	}

	@Test
	void dbmatesSpellingWithoutASpaceIsAMarker() {
		MigrationText file = MigrationText.of("--migrate:up\nSELECT 1;\n--migrate:down\nSELECT 2;\n");

		assertThat(file.up()).extracting(SqlStatement::sql).containsExactly("SELECT 1");
		assertThat(file.down()).extracting(SqlStatement::sql).containsExactly("SELECT 2");
	}

	@Test
	void anUnclosedParenthesisBeforeAMarkerNamesItsLine() {
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> SqlMigrationParser.parse("V1__a.sql",
					"-- migrate:up\nCREATE TABLE t (\n  id int;\n-- migrate:down\nDROP TABLE t;\n"))
			.withMessage("V1__a.sql line 2: parenthesis opened on line 2 is never closed before the marker on line 4"
					+ " (the statement starts on line 2)");
	}

	@Test
	void aMistypedOptionIsRefusedWithASuggestion() {
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> SqlMigrationParser.parse("V1__a.sql", "-- migrate:up transction:false\nSELECT 1;\n"))
			.withMessage("V1__a.sql line 1: unknown option 'transction:false' on the marker line; did you mean"
					+ " 'transaction:false'?");
	}

	@Test
	void aProblemInTheDownSectionIsKeptApartAndNamesTheDownMarker() {
		SqlMigrationParser.Parsed parsed = SqlMigrationParser.parse("V1__a.sql",
				"-- migrate:up\nCREATE TABLE t (id int);\n-- migrate:down\nDROP INDEX CONCURRENTLY t_idx;\nDROP TABLE t;\n");

		assertThat(parsed.up().statementCount()).isEqualTo(1);
		assertThat(parsed.downProblem()).isEqualTo("V1__a.sql line 4: 'DROP INDEX CONCURRENTLY t_idx' cannot run"
				+ " inside a transaction block. Mark the section '-- migrate:down transaction:false' (and keep it alone"
				+ " in its file)");
		assertThat(parsed.isReversible()).isFalse();
	}

	@Test
	void anUnreadableDownSectionIsADownProblemToo() {
		SqlMigrationParser.Parsed meta = SqlMigrationParser.parse("V1__a.sql",
				"-- migrate:up\nCREATE TABLE t (id int);\n-- migrate:down\n\\c other\nDROP TABLE t;\n");
		SqlMigrationParser.Parsed unclosed = SqlMigrationParser.parse("V1__a.sql",
				"-- migrate:up\nCREATE TABLE t (id int);\n-- migrate:down\nDROP TABLE 't;\n");
		SqlMigrationParser.Parsed option = SqlMigrationParser.parse("V1__a.sql",
				"-- migrate:up\nCREATE TABLE t (id int);\n-- migrate:down transaction:maybe\nDROP TABLE t;\n");

		assertThat(meta.downProblem()).startsWith("V1__a.sql line 4: psql meta-command '\\c other'");
		assertThat(unclosed.downProblem())
			.isEqualTo("V1__a.sql line 4: string opened with ' on line 4 is never closed");
		assertThat(option.downProblem())
			.isEqualTo("V1__a.sql line 3: option 'transaction:maybe' needs 'true' or 'false'");
	}

	@Test
	void readingLenientlyKeepsTheStatementsHoistWouldRefuseButNotAFileItCannotRead() {
		SqlMigrationParser.Sections sections = SqlMigrationParser.parseLeniently("V1__a.sql",
				"-- migrate:up\nCREATE INDEX CONCURRENTLY i ON t (c);\n-- migrate:down\nDROP INDEX CONCURRENTLY i;\n");

		assertThat(sections.up()).isEqualTo(new SqlMigrationParser.Section(true, 1,
				List.of(new SqlStatement("CREATE INDEX CONCURRENTLY i ON t (c)", 2))));
		assertThat(sections.down().statements()).extracting(SqlStatement::sql)
			.containsExactly("DROP INDEX CONCURRENTLY i");
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> SqlMigrationParser.parseLeniently("V1__a.sql",
					"-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 'open;\n"))
			.withMessage("V1__a.sql line 4: string opened with ' on line 4 is never closed");
	}

	@Test
	void transactionControlInANonMarkedFileSuggestsTheUpMarker() {
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> SqlMigrationParser.parse("V1__a.sql", "BEGIN;\nCREATE TABLE e (id int);\nCOMMIT;\n"))
			.withMessageContaining("line 1: 'BEGIN' controls the transaction")
			.withMessageContaining("start the file with '-- migrate:up transaction:false'");
	}

	@Test
	void notUtf8IsRefusedWithLineColumnByteOffsetAndHowToConvert() {
		byte[] latin1 = "-- migrate:up\nINSERT INTO t VALUES ('caf\u00e9');\n".getBytes(StandardCharsets.ISO_8859_1);

		assertThatExceptionOfType(MigrationFileException.class).isThrownBy(() -> MigrationText.of(latin1).parse())
			.withMessage("V1__a.sql is not UTF-8: line 2, column 27 (byte offset 40) holds the byte 0xE9, which is"
					+ " not valid UTF-8 there. Hoist reads migration files as UTF-8. Convert the file from the encoding"
					+ " it was saved in, such as Latin-1: iconv -f latin1 -t utf-8 V1__a.sql > V1__a.sql.tmp &&"
					+ " mv V1__a.sql.tmp V1__a.sql (or save it as UTF-8 in your editor)");
	}

	@Test
	void aNulByteIsRefusedWithItsPlace() {
		byte[] nul = "SELECT 1;\r\nSELECT '\0';\n".getBytes(StandardCharsets.UTF_8);

		assertThatExceptionOfType(MigrationFileException.class).isThrownBy(() -> MigrationText.of(nul).parse())
			.withMessageStartingWith("V1__a.sql holds a NUL byte (0x00) at line 2, column 9 (byte offset 19), which"
					+ " PostgreSQL does not accept in SQL text. A file saved as UTF-16 has one in every other byte:"
					+ " convert it with iconv -f utf-16 -t utf-8 V1__a.sql");
	}

	@Test
	void aUtf16FileIsRecognisedByItsByteOrderMark() {
		byte[] utf16 = "\uFEFFSELECT 1;\n".getBytes(StandardCharsets.UTF_16LE);

		assertThatExceptionOfType(MigrationFileException.class).isThrownBy(() -> MigrationText.of(utf16).parse())
			.withMessageStartingWith("V1__a.sql is UTF-16 (it starts with a UTF-16 byte-order mark), not UTF-8")
			.withMessageContaining("iconv -f utf-16 -t utf-8");
	}

}
