package dev.hoist.core.internal.lint;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.hoist.core.internal.lint.Lint.LintFile;
import dev.hoist.core.lint.Finding;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the rules say rewrites a table is what the server really rewrites: each statement
 * runs on a real PostgreSQL, and the table's file node before and after tells whether it
 * was rewritten. Run with {@code -Dpg=14} (..17) to check another major.
 */
@PostgresTest
class LintRewriteTests {

	static Stream<Arguments> typeChanges() {
		List<Arguments> cases = new ArrayList<>();
		String[] pairs = { "varchar(50)|varchar(100)", "varchar(50)|varchar", "varchar(50)|text", "varchar|text",
				"text|varchar", "character varying(10)|character varying(20)", "numeric(10,2)|numeric(12,2)",
				"numeric(10,2)|numeric", "timestamp(3)|timestamp(6)", "timestamptz(0)|timestamptz", "time(2)|time(4)",
				"timetz(2)|timetz(4)", "interval(2)|interval(5)", "varbit(8)|varbit(16)", "bit varying(8)|varbit",
				"cidr|inet", "integer|int4", "int|bigint", "smallint|integer", "bigint|integer",
				"varchar(100)|varchar(50)", "text|varchar(20)", "numeric(10,2)|numeric(12,4)",
				"numeric(10,2)|numeric(8,2)", "numeric|numeric(10,2)", "char(3)|text", "char(3)|char(5)",
				"text|char(3)", "integer|text", "integer|numeric", "real|double precision", "json|jsonb", "jsonb|json",
				"timestamp(6)|timestamp(3)", "varchar(20)[]|text[]", "int[]|bigint[]", "inet|cidr", "date|timestamptz",
				"uuid|text", "text|json USING c::json" };
		for (String pair : pairs) {
			String[] types = pair.split("\\|");
			cases.add(Arguments.of(types[0] + " to " + types[1], "CREATE TABLE lint_t (c " + types[0] + ");",
					"ALTER TABLE lint_t ALTER COLUMN c TYPE " + types[1] + ";"));
		}
		cases.add(Arguments.of("timestamp to timestamptz, time zone UTC", "CREATE TABLE lint_t (c timestamp);",
				"SET timezone = 'UTC';\nALTER TABLE lint_t ALTER COLUMN c TYPE timestamptz;"));
		cases.add(Arguments.of("timestamptz to timestamp, time zone UTC", "CREATE TABLE lint_t (c timestamptz);",
				"SET TIME ZONE 'UTC';\nALTER TABLE lint_t ALTER COLUMN c TYPE timestamp;"));
		cases.add(Arguments.of("timestamp to timestamptz, time zone Europe/Paris", "CREATE TABLE lint_t (c timestamp);",
				"SET timezone = 'Europe/Paris';\nALTER TABLE lint_t ALTER COLUMN c TYPE timestamptz;"));
		return cases.stream();
	}

	static Stream<Arguments> otherStatements() {
		String table = "CREATE TABLE lint_t (id bigint, a int, b int); INSERT INTO lint_t VALUES (1, 2, 3);";
		return Stream.of(Arguments.of("constant default", table, "ALTER TABLE lint_t ADD COLUMN c text DEFAULT 'x';"),
				Arguments.of("now() default", table, "ALTER TABLE lint_t ADD COLUMN c timestamptz DEFAULT now();"),
				Arguments.of("expression default", table,
						"ALTER TABLE lint_t ADD COLUMN c timestamptz NOT NULL DEFAULT now() + interval '1 day';"),
				Arguments.of("gen_random_uuid() default", table,
						"ALTER TABLE lint_t ADD COLUMN c uuid DEFAULT gen_random_uuid();"),
				Arguments.of("random() default", table,
						"ALTER TABLE lint_t ADD COLUMN c int DEFAULT floor(random() * 10);"),
				Arguments.of("clock_timestamp() default", table,
						"ALTER TABLE lint_t ADD COLUMN c timestamptz DEFAULT clock_timestamp();"),
				Arguments.of("bigserial column", table, "ALTER TABLE lint_t ADD COLUMN c bigserial;"),
				Arguments.of("identity column", table,
						"ALTER TABLE lint_t ADD COLUMN c bigint GENERATED ALWAYS AS IDENTITY;"),
				Arguments.of("stored generated column", table,
						"ALTER TABLE lint_t ADD COLUMN c int GENERATED ALWAYS AS (a + b) STORED;"),
				Arguments.of("nullable column", table, "ALTER TABLE lint_t ADD COLUMN c text;"),
				Arguments.of("SET DEFAULT", table, "ALTER TABLE lint_t ALTER COLUMN a SET DEFAULT 0;"),
				Arguments.of("SET UNLOGGED", table, "ALTER TABLE lint_t SET UNLOGGED;"),
				Arguments.of("SET (fillfactor)", table, "ALTER TABLE lint_t SET (fillfactor = 70);"),
				Arguments.of("VACUUM FULL", table, "-- migrate:up transaction:false\nVACUUM FULL lint_t;"),
				Arguments.of("plain VACUUM", table, "-- migrate:up transaction:false\nVACUUM lint_t;"),
				Arguments.of("CLUSTER", table + " CREATE INDEX lint_t_a ON lint_t (a);",
						"CLUSTER lint_t USING lint_t_a;"),
				Arguments.of("a CHECK added", table, "ALTER TABLE lint_t ADD CONSTRAINT lint_t_a CHECK (a > 0);"),
				Arguments.of("SET NOT NULL", table, "ALTER TABLE lint_t ALTER COLUMN a SET NOT NULL;"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("typeChanges")
	void aTypeChangeIsReportedAsRewritingExactlyWhenTheServerRewrites(String name, String setup, String change,
			TestDatabase database) throws SQLException {
		assertLintAgreesWithTheServer(name, setup, change, database);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("otherStatements")
	void aStatementIsReportedAsRewritingExactlyWhenTheServerRewrites(String name, String setup, String statement,
			TestDatabase database) throws SQLException {
		assertLintAgreesWithTheServer(name, setup, statement, database);
	}

	private void assertLintAgreesWithTheServer(String name, String setup, String statement, TestDatabase database)
			throws SQLException {
		boolean rewritten;
		try (Connection connection = database.connect(); Statement sql = connection.createStatement()) {
			sql.execute("DROP TABLE IF EXISTS lint_t; " + setup);
			long before = filenode(sql);
			sql.execute(statement);
			rewritten = filenode(sql) != before;
		}
		List<Finding> findings = Lint.run(
				List.of(new LintFile("V1__setup.sql", setup), new LintFile("V2__change.sql", statement)),
				LintOptions.defaults().withDdlLockTimeout(true).withServerMajor(database.server().majorVersion()));
		boolean reported = findings.stream()
			.anyMatch((finding) -> finding.script().equals("V2__change.sql")
					&& (finding.rewrites() || finding.rule().equals(Rule.TIMESTAMPTZ_CONVERSION.id())));
		assertThat(reported)
			.as("%s: the server %s the table; lint says %s", name, rewritten ? "rewrote" : "kept",
					LintReport.text(findings))
			.isEqualTo(rewritten);
	}

	private static long filenode(Statement sql) throws SQLException {
		try (ResultSet rs = sql.executeQuery("SELECT pg_relation_filenode('lint_t')")) {
			rs.next();
			return rs.getLong(1);
		}
	}

}
