package dev.hoist.core.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.hoist.testsupport.CatalogFingerprint;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generator behind the round-trip proof reaches every object kind the schema diff
 * supports, and a seed always grows the same schema, so a failure reproduces from its
 * seed.
 */
@PostgresTest
class SchemaEvolutionTests {

	private static TestDatabase replay;

	@BeforeAll
	static void createReplayDatabase(TestDatabase database) {
		database.execute(SchemaEvolution.SETUP);
		replay = database.server().createDatabase(database.name() + "_replay");
	}

	@AfterAll
	static void dropReplayDatabase(TestDatabase database) {
		database.server().dropDatabase(replay.name());
	}

	@Test
	void aSeedGrowsTheSameSchemaEveryTime(TestDatabase database) throws SQLException {
		List<String> first = grow(database, 7, 120);
		CatalogFingerprint grown = fingerprint(database);
		List<String> second = grow(database, 7, 120);
		assertThat(second).isEqualTo(first);
		replay.execute(SchemaEvolution.RESET);
		replay.execute(String.join(";\n", first));
		assertThat(fingerprint(replay).differenceFrom(grown)).isEmpty();
	}

	@Test
	void evolutionsReachEveryObjectKind(TestDatabase database) throws SQLException {
		List<String> statements = new ArrayList<>();
		for (long seed = 1; seed <= 3; seed++) {
			statements.addAll(grow(database, seed, 150));
		}
		Map<String, String> kinds = Map.ofEntries(Map.entry("enum", "CREATE TYPE \\S+ AS ENUM"),
				Map.entry("enum value", "ALTER TYPE \\S+ ADD VALUE"), Map.entry("composite", "CREATE TYPE \\S+ AS \\("),
				Map.entry("domain", "CREATE DOMAIN"), Map.entry("range", "AS RANGE"),
				Map.entry("collation", "CREATE COLLATION"), Map.entry("sequence", "CREATE SEQUENCE"),
				Map.entry("owned by", "OWNED BY \\w+\\.\\w+\\.\\w+"), Map.entry("identity", "AS IDENTITY"),
				Map.entry("partitioned", "PARTITION BY"), Map.entry("partition", "PARTITION OF"),
				Map.entry("inheritance", "INHERITS"), Map.entry("unlogged", "UNLOGGED"),
				Map.entry("generated column", "GENERATED ALWAYS AS \\("), Map.entry("column collation", " COLLATE "),
				Map.entry("foreign key", "FOREIGN KEY"), Map.entry("deferrable", "DEFERRABLE"),
				Map.entry("exclusion", "EXCLUDE USING"), Map.entry("not valid", "NOT VALID"),
				Map.entry("unique", "UNIQUE"), Map.entry("partial index", "INDEX .* WHERE"),
				Map.entry("expression index", "INDEX .*\\(lower\\("), Map.entry("include", "INCLUDE \\("),
				Map.entry("opclass", "_ops"), Map.entry("index method", "USING (gin|hash|brin|gist)"),
				Map.entry("view", "CREATE VIEW"), Map.entry("view on view", "CREATE VIEW .* FROM \\w+\\.v_"),
				Map.entry("materialized view", "CREATE MATERIALIZED VIEW"),
				Map.entry("retype under view", "(?s)DROP VIEW .*"), Map.entry("function", "CREATE FUNCTION"),
				Map.entry("function in check", "CHECK \\(\\w+\\.\\w+\\("),
				Map.entry("function in default", "DEFAULT \\w+\\.\\w+\\(\\)"),
				Map.entry("procedure", "CREATE PROCEDURE"), Map.entry("aggregate", "CREATE AGGREGATE"),
				Map.entry("trigger", "CREATE (CONSTRAINT )?TRIGGER"), Map.entry("rule", "CREATE RULE"),
				Map.entry("policy", "CREATE POLICY"), Map.entry("row level security", "ROW LEVEL SECURITY"),
				Map.entry("comment", "COMMENT ON"), Map.entry("statistics", "CREATE STATISTICS"),
				Map.entry("extension", "CREATE EXTENSION"), Map.entry("column type change", "ALTER COLUMN \\w+ TYPE"),
				Map.entry("drop column", "DROP COLUMN"), Map.entry("set not null", "SET NOT NULL"),
				Map.entry("second schema", "audit\\."));
		List<String> missing = new ArrayList<>();
		kinds.forEach((kind, regex) -> {
			Pattern pattern = Pattern.compile(regex);
			if (statements.stream().noneMatch((statement) -> pattern.matcher(statement).find())) {
				missing.add(kind);
			}
		});
		assertThat(missing).as("object kinds no evolution touched").isEmpty();
	}

	private static List<String> grow(TestDatabase database, long seed, int steps) throws SQLException {
		database.execute(SchemaEvolution.RESET);
		try (Connection connection = database.connect()) {
			return new SchemaEvolution(seed).evolve(connection, steps);
		}
	}

	private static CatalogFingerprint fingerprint(TestDatabase database) {
		return CatalogFingerprint.of(database.dataSource(), SchemaEvolution.SCHEMAS, List.of());
	}

	static void execute(Connection connection, List<String> statements) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

}
