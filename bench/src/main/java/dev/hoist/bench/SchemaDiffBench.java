package dev.hoist.bench;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.sql.DataSource;

import dev.hoist.core.internal.schema.CatalogReader;
import dev.hoist.core.internal.schema.MigrationPlan;
import dev.hoist.core.internal.schema.SchemaDiffer;
import dev.hoist.core.internal.schema.SchemaModel;

/**
 * The schema-diff speed scenario of issue 12: read a schema of 300 tables with about
 * 1,000 indexes, constraints and functions (counting the round trips), and diff two such
 * models. Prints medians of the runs; run with
 * {@code java -cp bench/target/hoist-bench.jar dev.hoist.bench.SchemaDiffBench [runs]}.
 */
public final class SchemaDiffBench {

	private static final int TABLES = 300;

	private SchemaDiffBench() {
	}

	public static void main(String[] args) throws Exception {
		int runs = (args.length > 0) ? Integer.parseInt(args[0]) : 7;
		Server server = Server.start();
		String from = server.createDatabase();
		String to = server.createDatabase();
		try {
			execute(server.dataSource(from), schema(false));
			execute(server.dataSource(to), schema(true));
			CatalogReader reader = new CatalogReader("bench database", Set.of(CatalogReader.DEFAULT_HISTORY_TABLE));
			List<Long> reads = new ArrayList<>();
			SchemaModel source = null;
			int queries = 0;
			for (int i = 0; i < runs + 2; i++) {
				try (Connection connection = server.dataSource(from).getConnection()) {
					long start = System.nanoTime();
					source = reader.read(connection, List.of("public"));
					long elapsed = System.nanoTime() - start;
					queries = reader.queries();
					if (i >= 2) {
						reads.add(elapsed);
					}
				}
			}
			SchemaModel target;
			try (Connection connection = server.dataSource(to).getConnection()) {
				target = reader.read(connection, List.of("public"));
			}
			List<Long> compares = new ArrayList<>();
			for (int i = 0; i < runs + 3; i++) {
				long start = System.nanoTime();
				SchemaDiffer.diff(source, target, true);
				long elapsed = System.nanoTime() - start;
				if (i >= 3) {
					compares.add(elapsed);
				}
			}
			List<Long> diffs = new ArrayList<>();
			MigrationPlan plan = null;
			for (int i = 0; i < runs + 3; i++) {
				long start = System.nanoTime();
				plan = MigrationPlan.between(source, target, true);
				long elapsed = System.nanoTime() - start;
				if (i >= 3) {
					diffs.add(elapsed);
				}
			}
			System.out.printf(Locale.ROOT, "PostgreSQL %s, %d objects in the source model, %d in the target%n",
					server.version(), source.objects().size(), target.objects().size());
			System.out.printf(Locale.ROOT, "read one schema: median %.1f ms over %d runs, %d round trips%n",
					median(reads) / 1e6, runs, queries);
			System.out.printf(Locale.ROOT, "compare two models (SchemaDiffer): median %.1f ms over %d runs%n",
					median(compares) / 1e6, runs);
			System.out.printf(Locale.ROOT,
					"plan the migration with its down sections (MigrationPlan): median %.1f ms over %d runs (%d changes, %d statements up)%n",
					median(diffs) / 1e6, runs, plan.changes().size(), plan.upSql().split(";\n").length);
		}
		finally {
			server.dropDatabase(from);
			server.dropDatabase(to);
		}
		System.exit(0);
	}

	// 300 tables, each with a key, a foreign key, a check, two indexes and a trigger
	// function: about 1,800 indexes, constraints and functions. The target changes a
	// tenth of them.
	static String schema(boolean changed) {
		StringBuilder sql = new StringBuilder(
				"CREATE TYPE state AS ENUM ('new', 'paid'" + (changed ? ", 'shipped'" : "") + ");\n");
		for (int i = 0; i < TABLES; i++) {
			boolean touch = changed && i % 10 == 0;
			String table = "t" + i;
			sql.append("CREATE TABLE ")
				.append(table)
				.append(" (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,")
				.append(" parent_id bigint, name text NOT NULL, state state DEFAULT 'new', amount numeric(12,2)")
				.append(touch ? ", note text" : "")
				.append(", created_at timestamptz NOT NULL DEFAULT now(), CHECK (amount >= 0));\n");
			if (i > 0) {
				sql.append("ALTER TABLE ")
					.append(table)
					.append(" ADD FOREIGN KEY (parent_id) REFERENCES t")
					.append(i - 1)
					.append(";\n");
			}
			sql.append("CREATE INDEX ").append(table).append("_name ON ").append(table).append(" (name);\n");
			sql.append("CREATE INDEX ")
				.append(table)
				.append("_created ON ")
				.append(table)
				.append(touch ? " (created_at DESC);\n" : " (created_at);\n");
			sql.append("CREATE FUNCTION ")
				.append(table)
				.append("_touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN")
				.append(touch ? " NEW.created_at := now();" : "")
				.append(" RETURN NEW; END$$;\n");
			sql.append("CREATE TRIGGER ")
				.append(table)
				.append("_touch BEFORE UPDATE ON ")
				.append(table)
				.append(" FOR EACH ROW EXECUTE FUNCTION ")
				.append(table)
				.append("_touch();\n");
			if (i % 30 == 0) {
				sql.append("CREATE VIEW ")
					.append(table)
					.append("_open AS SELECT id, name FROM ")
					.append(table)
					.append(" WHERE state = 'new';\n");
			}
		}
		return sql.toString();
	}

	private static void execute(DataSource dataSource, String sql) throws Exception {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static double median(List<Long> values) {
		List<Long> sorted = new ArrayList<>(values);
		sorted.sort(null);
		return sorted.get(sorted.size() / 2);
	}

}
