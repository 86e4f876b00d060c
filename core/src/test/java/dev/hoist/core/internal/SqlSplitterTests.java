package dev.hoist.core.internal;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SqlSplitterTests {

	@Test
	void splitsAtTopLevelSemicolonsAndKeepsTheStartLineOfEachStatement() {
		List<SqlStatement> statements = SqlSplitter.split("\n-- head\nSELECT 1;\n\nSELECT\n 2;SELECT 3", 1);

		assertThat(statements).containsExactly(new SqlStatement("SELECT 1", 3), new SqlStatement("SELECT\n 2", 5),
				new SqlStatement("SELECT 3", 6));
	}

	@Test
	void semicolonsInStringsIdentifiersCommentsAndDollarQuotesDoNotSplit() {
		String sql = "SELECT 'a;b', \"c;d\", E'e\\';f', $$g;h$$, $tag$i;$$;j$tag$ /* k; /* l; */ m; */;\nSELECT 2;";

		assertThat(SqlSplitter.split(sql, 1)).extracting(SqlStatement::sql)
			.containsExactly(sql.substring(0, sql.indexOf(";\nSELECT 2")), "SELECT 2");
	}

	@Test
	void dollarSignsInsideIdentifiersAndParametersAreNotQuotes() {
		assertThat(SqlSplitter.split("SELECT a$b$c FROM t; PREPARE p AS SELECT $1; SELECT 3", 1))
			.extracting(SqlStatement::sql)
			.containsExactly("SELECT a$b$c FROM t", "PREPARE p AS SELECT $1", "SELECT 3");
	}

	@Test
	void beginAtomicBodiesWithCaseExpressionsStayOneStatement() {
		String function = "CREATE OR REPLACE FUNCTION f(i int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN i > 0"
				+ " THEN 1 ELSE 2 END; SELECT 3; END";

		assertThat(SqlSplitter.split(function + ";\nSELECT f(1);", 1)).extracting(SqlStatement::sql)
			.containsExactly(function, "SELECT f(1)");
	}

	@Test
	void aTransactionBeginIsItsOwnStatement() {
		assertThat(SqlSplitter.split("BEGIN; SELECT 1; END;", 1)).extracting(SqlStatement::sql)
			.containsExactly("BEGIN", "SELECT 1", "END");
	}

	@Test
	void unclosedQuotesAndCommentsNameTheLineTheyOpenedOn() {
		assertThatExceptionOfType(SqlSplitter.SqlSyntaxException.class)
			.isThrownBy(() -> SqlSplitter.split("SELECT 1;\nSELECT 'open;\nSELECT 2;", 1))
			.withMessage("string opened with ' on line 2 is never closed");
		assertThatExceptionOfType(SqlSplitter.SqlSyntaxException.class)
			.isThrownBy(() -> SqlSplitter.split("\n\n/* /* */ SELECT 1;", 1))
			.withMessage("block comment /* opened on line 3 is never closed");
	}

	@Test
	void semicolonsInsideParenthesesDoNotSplitSoRuleActionsStayWhole() {
		String rule = "CREATE RULE log_insert AS ON INSERT TO shops DO ALSO (\n"
				+ "  INSERT INTO audit VALUES ('shop', NEW.id);\n  INSERT INTO audit VALUES ('count', 1);\n)";

		assertThat(SqlSplitter.split(rule + ";\nSELECT 1;", 1)).extracting(SqlStatement::sql)
			.containsExactly(rule, "SELECT 1");
	}

	@Test
	void anUnclosedParenthesisIsReportedWithTheLineItOpenedOn() {
		assertThatExceptionOfType(SqlSplitter.SqlSyntaxException.class)
			.isThrownBy(() -> SqlSplitter.split("SELECT 1;\nINSERT INTO t VALUES (1;\nSELECT 2;", 1))
			.withMessage("parenthesis opened on line 2 is never closed (the statement starts on line 2)");
	}

	@Test
	void aClosingParenthesisTooManyIsLeftToTheServer() {
		assertThat(SqlSplitter.split("SELECT 1);\nSELECT 2;", 1)).extracting(SqlStatement::sql)
			.containsExactly("SELECT 1)", "SELECT 2");
	}

	@Test
	void emptyStatementsAreSkipped() {
		assertThat(SqlSplitter.split(";;\nSELECT 1;;\n ; SELECT 2", 1)).extracting(SqlStatement::sql)
			.containsExactly("SELECT 1", "SELECT 2");
	}

	@Test
	void aBackslashOutsideQuotesIsAPsqlMetaCommandAnywhereInAStatement() {
		assertThatExceptionOfType(SqlSplitter.SqlSyntaxException.class)
			.isThrownBy(() -> SqlSplitter.split("SELECT 1\n\\connect other\n", 1))
			.satisfies((ex) -> assertThat(ex.line()).isEqualTo(2))
			.withMessageStartingWith("psql meta-command '\\connect other' is not SQL");
		assertThatExceptionOfType(SqlSplitter.SqlSyntaxException.class)
			.isThrownBy(() -> SqlSplitter.split("SELECT now() AS started \\gset\n", 1))
			.withMessageStartingWith("psql meta-command '\\gset' is not SQL");
		assertThat(SqlSplitter.split("SELECT E'a\\\\b', 'c\\d', $$e\\f$$, \"g\\h\" /* \\i */ -- \\j\n;", 1)).hasSize(1);
	}

	@Test
	void backslashEscapesCountOnlyInEStringsStandingAlone() {
		// 'e' ends an identifier here, so the quote opens a standard string
		assertThat(SqlSplitter.split("SELECT name'x\\'; SELECT 2", 1)).hasSize(2);
		assertThat(SqlSplitter.split("SELECT e'x\\'; y'; SELECT 2", 1)).extracting(SqlStatement::sql)
			.containsExactly("SELECT e'x\\'; y'", "SELECT 2");
	}

	@Test
	void statementsLongerThanTheReadBufferAndQuotesAcrossItsEdgeSplitTheSame() {
		String padding = "x".repeat(8190);
		String text = "SELECT '" + padding + "';\nSELECT $body$" + padding + ";$body$;\nSELECT E'" + padding
				+ "\\';';\n/*" + padding + "*/ SELECT 4";

		assertThat(SqlSplitter.split(text, 1)).extracting(SqlStatement::line).containsExactly(1, 2, 3, 4);
		assertThat(SqlSplitter.split(text, 1).get(1).sql()).endsWith(";$body$");
	}

	@Test
	void errorPositionsMapToFileLines() {
		SqlStatement statement = new SqlStatement("INSERT INTO t\n  SELECT x\n  FROM y", 10);

		assertThat(statement.lineAt(0)).isEqualTo(10);
		assertThat(statement.lineAt(5)).isEqualTo(10);
		assertThat(statement.lineAt(statement.sql().indexOf("x") + 1)).isEqualTo(11);
		assertThat(statement.lineAt(statement.sql().indexOf("y") + 1)).isEqualTo(12);
	}

}
