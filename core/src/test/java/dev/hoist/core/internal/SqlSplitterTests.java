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
	void errorPositionsMapToFileLines() {
		SqlStatement statement = new SqlStatement("INSERT INTO t\n  SELECT x\n  FROM y", 10);

		assertThat(statement.lineAt(0)).isEqualTo(10);
		assertThat(statement.lineAt(5)).isEqualTo(10);
		assertThat(statement.lineAt(statement.sql().indexOf("x") + 1)).isEqualTo(11);
		assertThat(statement.lineAt(statement.sql().indexOf("y") + 1)).isEqualTo(12);
	}

}
