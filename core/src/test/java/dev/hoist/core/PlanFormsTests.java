package dev.hoist.core;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.hoist.core.plan.ObservedPlan;
import dev.hoist.core.plan.ObservedPlan.Observation;
import dev.hoist.testsupport.MigrationFiles;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The observed plan of each DDL form real histories use is what PostgreSQL really does:
 * the lock mode on each table and whether the table is rewritten, as the documentation
 * states them (ALTER TABLE's lock notes, "Explicit Locking", CREATE INDEX, REINDEX,
 * CLUSTER, VACUUM, REFRESH MATERIALIZED VIEW), for the major under test. Every form has a
 * table of its own in one live schema, and all of them are pending in one plan, as a
 * release with many migrations would be. Run with {@code -Dpg=14} (..17) for the other
 * majors.
 */
@PostgresTest
class PlanFormsTests {

	private static final String AE = "ACCESS EXCLUSIVE";

	private static final String SUE = "SHARE UPDATE EXCLUSIVE";

	private static final String SRE = "SHARE ROW EXCLUSIVE";

	private static final String NO_TX = "-- migrate:up transaction:false\n";

	private static final List<Form> FORMS = forms();

	private static ObservedPlan plan;

	private static int major;

	@BeforeAll
	static void planEveryForm(TestDatabase database) throws SQLException {
		database.resetPublicSchema();
		major = database.server().majorVersion();
		StringBuilder setup = new StringBuilder(
				"CREATE TABLE customers (id bigint PRIMARY KEY, email text);\nINSERT INTO customers SELECT g, 'c' || g"
						+ " FROM generate_series(1, 20) g;\nCREATE TYPE mood AS ENUM ('sad', 'happy');\n");
		MigrationFiles files = MigrationFiles.create();
		List<Form> forms = applicable();
		for (int i = 0; i < forms.size(); i++) {
			Form form = forms.get(i);
			String table = table(i);
			setup.append("CREATE TABLE ")
				.append(table)
				.append(" (id bigint NOT NULL PRIMARY KEY, a integer NOT NULL DEFAULT 0, b varchar(50), c text,"
						+ " d timestamp, n numeric(10,2), customer_id bigint);\nCREATE INDEX ")
				.append(table)
				.append("_a ON ")
				.append(table)
				.append(" (a);\nINSERT INTO ")
				.append(table)
				.append(" SELECT g, g, 'b' || g, 'c', now()::timestamp, g, 1 + g % 20 FROM generate_series(1, 50) g;\n")
				.append(form.setup().replace("%t", table))
				.append('\n');
			files.write("V" + (100 + i) + "__" + form.name().replace(' ', '_').replaceAll("[^A-Za-z0-9_]", "") + ".sql",
					form.migration().replace("%t", table));
		}
		files.write("V1__every_form_s_table.sql", setup.toString());
		Hoist.configure()
			.url(database.jdbcUrl(), database.user(), database.password())
			.locations(files.location())
			.target("1")
			.load()
			.migrate();
		plan = Hoist.configure()
			.url(database.jdbcUrl(), database.user(), database.password())
			.locations(files.location())
			.load()
			.plan();
	}

	@TestFactory
	Stream<DynamicTest> eachFormLocksAndRewritesWhatPostgresqlDocuments() {
		List<Form> forms = applicable();
		assertThat(forms).hasSizeGreaterThanOrEqualTo(40);
		assertThat(plan.migrations()).hasSize(forms.size());
		List<DynamicTest> tests = new ArrayList<>();
		for (int i = 0; i < forms.size(); i++) {
			Form form = forms.get(i);
			String table = table(i);
			ObservedPlan.Migration migration = plan.migrations().get(i);
			tests.add(DynamicTest.dynamicTest(form.name(), () -> {
				assertThat(migration.statements()).as(form.name())
					.allMatch((statement) -> statement.observation() == Observation.OBSERVED
							|| statement.observation() == Observation.DOCUMENTED);
				assertThat(tables(migration)).as("%s on PostgreSQL %d: %s", form.name(), major, migration)
					.isEqualTo(expected(form.expected().replace("%t", table)));
				if (!form.rebuiltIndexes().isEmpty()) {
					assertThat(rebuiltIndexes(migration)).as(form.name())
						.containsExactlyInAnyOrderElementsOf(form.rebuiltIndexes()
							.stream()
							.map((name) -> "public." + name.replace("%t", table))
							.toList());
				}
			}));
		}
		return tests.stream();
	}

	// per table, view and materialized view: the strongest mode its statements took, and
	// whether one rewrote it
	private static Map<String, String> tables(ObservedPlan.Migration migration) {
		Map<String, String> modes = new TreeMap<>();
		Map<String, Boolean> rewrites = new TreeMap<>();
		for (ObservedPlan.Statement statement : migration.statements()) {
			for (ObservedPlan.Lock lock : statement.locks()) {
				if (lock.kind().contains("index") || lock.kind().equals("sequence")) {
					continue;
				}
				modes.merge(lock.relation(), lock.mode(), (a, b) -> (strength(a) >= strength(b)) ? a : b);
				rewrites.merge(lock.relation(), lock.rewrites(), Boolean::logicalOr);
			}
		}
		Map<String, String> summary = new TreeMap<>();
		modes.forEach((relation, mode) -> summary.put(relation, mode + (rewrites.get(relation) ? " rewrite" : "")));
		return summary;
	}

	private static List<String> rebuiltIndexes(ObservedPlan.Migration migration) {
		List<String> indexes = new ArrayList<>();
		for (ObservedPlan.Statement statement : migration.statements()) {
			for (ObservedPlan.Lock lock : statement.locks()) {
				if (lock.kind().contains("index") && lock.rewrites()) {
					indexes.add(lock.relation());
				}
			}
		}
		return indexes;
	}

	private static Map<String, String> expected(String text) {
		Map<String, String> expected = new TreeMap<>();
		if (text.isBlank()) {
			return expected;
		}
		for (String entry : text.split(";")) {
			String[] parts = entry.strip().split(" ", 2);
			expected.put("public." + parts[0], parts[1]);
		}
		return expected;
	}

	private static int strength(String mode) {
		return List.of("ACCESS SHARE", "ROW SHARE", "ROW EXCLUSIVE", SUE, "SHARE", SRE, "EXCLUSIVE", AE).indexOf(mode);
	}

	private static String table(int index) {
		return String.format("form_%02d", index + 1);
	}

	private static List<Form> applicable() {
		return FORMS.stream().filter((form) -> major >= form.minMajor()).toList();
	}

	// expected: "relation MODE [rewrite]; ..." from PostgreSQL's documentation, %t the
	// form's own table
	private static List<Form> forms() {
		List<Form> forms = new ArrayList<>();
		// ALTER TABLE ... ADD COLUMN: ACCESS EXCLUSIVE; a rewrite only for values
		// computed per row (volatile default, serial, identity, stored generated)
		forms.add(new Form("add nullable column", "", "ALTER TABLE %t ADD COLUMN x text;", "%t " + AE));
		forms.add(new Form("add column with a constant default", "",
				"ALTER TABLE %t ADD COLUMN x text NOT NULL DEFAULT 'new';", "%t " + AE));
		forms.add(new Form("add column with a stable default", "",
				"ALTER TABLE %t ADD COLUMN x timestamptz DEFAULT now();", "%t " + AE));
		forms.add(new Form("add column with a volatile default", "",
				"ALTER TABLE %t ADD COLUMN x double precision DEFAULT random();", "%t " + AE + " rewrite"));
		forms.add(new Form("add bigserial column", "", "ALTER TABLE %t ADD COLUMN x bigserial;",
				"%t " + AE + " rewrite"));
		forms.add(new Form("add identity column", "",
				"ALTER TABLE %t ADD COLUMN x bigint GENERATED ALWAYS AS IDENTITY;", "%t " + AE + " rewrite"));
		forms.add(new Form("add stored generated column", "",
				"ALTER TABLE %t ADD COLUMN x integer GENERATED ALWAYS AS (a * 2) STORED;", "%t " + AE + " rewrite"));
		forms.add(new Form(18, "add virtual generated column", "",
				"ALTER TABLE %t ADD COLUMN x integer GENERATED ALWAYS AS (a * 2) VIRTUAL;", "%t " + AE));
		forms.add(new Form("drop column", "", "ALTER TABLE %t DROP COLUMN c;", "%t " + AE));
		// ALTER COLUMN TYPE: a rewrite, and the indexes rebuilt, unless the old type is
		// binary coercible to the new one
		forms.add(new Form("integer to bigint", "", "ALTER TABLE %t ALTER COLUMN a TYPE bigint;",
				"%t " + AE + " rewrite", List.of("%t_pkey", "%t_a")));
		forms.add(new Form("varchar(50) to varchar(100)", "", "ALTER TABLE %t ALTER COLUMN b TYPE varchar(100);",
				"%t " + AE));
		forms.add(new Form("varchar(50) to text", "", "ALTER TABLE %t ALTER COLUMN b TYPE text;", "%t " + AE));
		forms.add(new Form("numeric(10,2) to numeric(12,2)", "", "ALTER TABLE %t ALTER COLUMN n TYPE numeric(12,2);",
				"%t " + AE));
		forms.add(new Form("numeric(10,2) to numeric(12,4)", "", "ALTER TABLE %t ALTER COLUMN n TYPE numeric(12,4);",
				"%t " + AE + " rewrite"));
		forms.add(new Form("text to varchar(20)", "", "ALTER TABLE %t ALTER COLUMN c TYPE varchar(20);",
				"%t " + AE + " rewrite"));
		forms.add(new Form("integer to text with USING", "", "ALTER TABLE %t ALTER COLUMN a TYPE text USING a::text;",
				"%t " + AE + " rewrite", List.of("%t_pkey", "%t_a")));
		// from PostgreSQL 12 timestamp and timestamptz are binary coercible when the
		// session's time zone is UTC
		forms.add(new Form("timestamp to timestamptz in UTC", "",
				"SET LOCAL timezone = 'UTC';\nALTER TABLE %t ALTER COLUMN d TYPE timestamptz;", "%t " + AE));
		forms.add(new Form("timestamp to timestamptz elsewhere", "",
				"SET LOCAL timezone = 'Europe/Paris';\nALTER TABLE %t ALTER COLUMN d TYPE timestamptz;",
				"%t " + AE + " rewrite"));
		forms.add(new Form("set default", "", "ALTER TABLE %t ALTER COLUMN c SET DEFAULT 'x';", "%t " + AE));
		forms.add(new Form("drop default", "", "ALTER TABLE %t ALTER COLUMN a DROP DEFAULT;", "%t " + AE));
		forms.add(new Form("set not null", "", "ALTER TABLE %t ALTER COLUMN c SET NOT NULL;", "%t " + AE));
		forms.add(new Form("drop not null", "", "ALTER TABLE %t ALTER COLUMN a DROP NOT NULL;", "%t " + AE));
		forms.add(new Form("set statistics", "", "ALTER TABLE %t ALTER COLUMN a SET STATISTICS 500;", "%t " + SUE));
		forms.add(new Form("set attribute option", "", "ALTER TABLE %t ALTER COLUMN a SET (n_distinct = 100);",
				"%t " + SUE));
		forms.add(new Form("add identity to a column", "",
				"ALTER TABLE %t ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY;", "%t " + AE));
		forms.add(new Form("drop generation expression",
				"ALTER TABLE %t ADD COLUMN g integer GENERATED ALWAYS AS (a + 1) STORED;",
				"ALTER TABLE %t ALTER COLUMN g DROP EXPRESSION;", "%t " + AE));
		forms.add(new Form(17, "set generation expression",
				"ALTER TABLE %t ADD COLUMN g integer GENERATED ALWAYS AS (a + 1) STORED;",
				"ALTER TABLE %t ALTER COLUMN g SET EXPRESSION AS (a + 2);", "%t " + AE + " rewrite"));
		// constraints: ACCESS EXCLUSIVE, but a foreign key takes SHARE ROW EXCLUSIVE on
		// both tables and a validation SHARE UPDATE EXCLUSIVE (ROW SHARE on the
		// referenced)
		forms.add(new Form("add check", "", "ALTER TABLE %t ADD CONSTRAINT %t_positive CHECK (a >= 0);", "%t " + AE));
		forms.add(new Form("add check not valid", "",
				"ALTER TABLE %t ADD CONSTRAINT %t_positive CHECK (a >= 0) NOT VALID;", "%t " + AE));
		forms.add(new Form("add foreign key", "",
				"ALTER TABLE %t ADD CONSTRAINT %t_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);",
				"%t " + SRE + "; customers " + SRE));
		forms.add(new Form("add foreign key not valid", "",
				"ALTER TABLE %t ADD CONSTRAINT %t_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id)"
						+ " NOT VALID;",
				"%t " + SRE + "; customers " + SRE));
		forms.add(new Form("validate check", "ALTER TABLE %t ADD CONSTRAINT %t_positive CHECK (a >= 0) NOT VALID;",
				"ALTER TABLE %t VALIDATE CONSTRAINT %t_positive;", "%t " + SUE));
		forms.add(new Form("validate foreign key",
				"ALTER TABLE %t ADD CONSTRAINT %t_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id)"
						+ " NOT VALID;",
				"ALTER TABLE %t VALIDATE CONSTRAINT %t_customer_fk;", "%t " + SUE + "; customers ROW SHARE"));
		forms.add(new Form("add unique", "", "ALTER TABLE %t ADD CONSTRAINT %t_b_key UNIQUE (b);", "%t " + AE));
		forms.add(new Form("add unique using index", "CREATE UNIQUE INDEX %t_b_key ON %t (b);",
				"ALTER TABLE %t ADD CONSTRAINT %t_b_key UNIQUE USING INDEX %t_b_key;", "%t " + AE));
		forms.add(new Form("drop constraint", "ALTER TABLE %t ADD CONSTRAINT %t_positive CHECK (a >= 0);",
				"ALTER TABLE %t DROP CONSTRAINT %t_positive;", "%t " + AE));
		forms.add(new Form("rename constraint", "ALTER TABLE %t ADD CONSTRAINT %t_positive CHECK (a >= 0);",
				"ALTER TABLE %t RENAME CONSTRAINT %t_positive TO %t_not_negative;", "%t " + AE));
		// renames, schema, storage and triggers
		forms.add(new Form("rename column", "", "ALTER TABLE %t RENAME COLUMN c TO note;", "%t " + AE));
		forms.add(new Form("rename table", "", "ALTER TABLE %t RENAME TO %t_renamed;", "%t " + AE));
		forms.add(new Form("set schema", "CREATE SCHEMA %t_archive;", "ALTER TABLE %t SET SCHEMA %t_archive;",
				"%t " + AE));
		forms.add(new Form("set fillfactor", "", "ALTER TABLE %t SET (fillfactor = 70);", "%t " + SUE));
		forms.add(new Form("set unlogged", "", "ALTER TABLE %t SET UNLOGGED;", "%t " + AE + " rewrite"));
		forms.add(new Form("set logged", "ALTER TABLE %t SET UNLOGGED;", "ALTER TABLE %t SET LOGGED;",
				"%t " + AE + " rewrite"));
		forms.add(new Form("cluster on", "", "ALTER TABLE %t CLUSTER ON %t_a;", "%t " + SUE));
		forms.add(new Form("set without cluster", "ALTER TABLE %t CLUSTER ON %t_a;",
				"ALTER TABLE %t SET WITHOUT CLUSTER;", "%t " + SUE));
		forms.add(new Form("disable triggers", "", "ALTER TABLE %t DISABLE TRIGGER ALL;", "%t " + SRE));
		forms.add(new Form("enable row level security", "", "ALTER TABLE %t ENABLE ROW LEVEL SECURITY;", "%t " + AE));
		forms.add(new Form("replica identity full", "", "ALTER TABLE %t REPLICA IDENTITY FULL;", "%t " + AE));
		// partitions: ATTACH takes SHARE UPDATE EXCLUSIVE on the parent and ACCESS
		// EXCLUSIVE on the partition; DETACH ACCESS EXCLUSIVE on both, CONCURRENTLY
		// SHARE UPDATE EXCLUSIVE on the parent
		forms.add(new Form("attach partition",
				"CREATE TABLE %t_p (at date NOT NULL, v int) PARTITION BY RANGE (at);"
						+ " CREATE TABLE %t_p2026 (at date NOT NULL, v int);",
				"ALTER TABLE %t_p ATTACH PARTITION %t_p2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');",
				"%t_p " + SUE + "; %t_p2026 " + AE));
		forms.add(new Form("detach partition",
				"CREATE TABLE %t_p (at date NOT NULL, v int) PARTITION BY RANGE (at);"
						+ " CREATE TABLE %t_p2026 PARTITION OF %t_p FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');",
				"ALTER TABLE %t_p DETACH PARTITION %t_p2026;", "%t_p " + AE + "; %t_p2026 " + AE));
		forms.add(new Form("detach partition concurrently",
				"CREATE TABLE %t_p (at date NOT NULL, v int) PARTITION BY RANGE (at);"
						+ " CREATE TABLE %t_p2026 PARTITION OF %t_p FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');",
				NO_TX + "ALTER TABLE %t_p DETACH PARTITION %t_p2026 CONCURRENTLY;", "%t_p " + SUE));
		forms
			.add(new Form("create partition of", "CREATE TABLE %t_p (at date NOT NULL, v int) PARTITION BY RANGE (at);",
					"CREATE TABLE %t_p2027 PARTITION OF %t_p FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');",
					"%t_p " + AE));
		// indexes: CREATE INDEX takes SHARE, CONCURRENTLY SHARE UPDATE EXCLUSIVE; DROP
		// INDEX ACCESS EXCLUSIVE on the table, CONCURRENTLY SHARE UPDATE EXCLUSIVE;
		// REINDEX
		// SHARE on the table and ACCESS EXCLUSIVE on the index it rebuilds
		forms.add(new Form("create index", "", "CREATE INDEX %t_b ON %t (b);", "%t SHARE"));
		forms.add(new Form("create unique index", "", "CREATE UNIQUE INDEX %t_b ON %t (b);", "%t SHARE"));
		forms.add(new Form("create index concurrently", "", NO_TX + "CREATE INDEX CONCURRENTLY %t_b ON %t (b);",
				"%t " + SUE));
		forms.add(new Form("drop index", "", "DROP INDEX %t_a;", "%t " + AE));
		forms.add(new Form("drop index concurrently", "", NO_TX + "DROP INDEX CONCURRENTLY %t_a;", "%t " + SUE));
		forms.add(new Form("reindex index", "", "REINDEX INDEX %t_a;", "%t SHARE", List.of("%t_a")));
		forms.add(new Form("reindex table", "", "REINDEX TABLE %t;", "%t SHARE", List.of("%t_a", "%t_pkey")));
		forms.add(new Form("reindex index concurrently", "", NO_TX + "REINDEX INDEX CONCURRENTLY %t_a;", "%t " + SUE));
		// triggers, rules of thumb of "Explicit Locking"
		forms.add(new Form("create trigger",
				"CREATE FUNCTION %t_touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;",
				"CREATE TRIGGER %t_touch BEFORE UPDATE ON %t FOR EACH ROW EXECUTE FUNCTION %t_touch();", "%t " + SRE));
		forms.add(new Form("drop trigger",
				"CREATE FUNCTION %t_touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;"
						+ " CREATE TRIGGER %t_touch BEFORE UPDATE ON %t FOR EACH ROW EXECUTE FUNCTION %t_touch();",
				"DROP TRIGGER %t_touch ON %t;", "%t " + AE));
		forms.add(new Form("comment on table", "", "COMMENT ON TABLE %t IS 'orders by shop';", "%t " + SUE));
		forms.add(new Form("lock table in share mode", "", "LOCK TABLE %t IN SHARE MODE;", "%t SHARE"));
		forms.add(new Form("lock table", "", "LOCK TABLE %t;", "%t " + AE));
		forms.add(new Form("update rows", "", "UPDATE %t SET c = 'd' WHERE id < 10;", "%t ROW EXCLUSIVE"));
		forms.add(new Form("truncate", "", "TRUNCATE %t;", "%t " + AE));
		forms.add(new Form("drop table", "", "DROP TABLE %t;", "%t " + AE));
		forms.add(new Form("create table referencing another", "",
				"CREATE TABLE %t_child (id bigint PRIMARY KEY, parent_id bigint REFERENCES %t (id));", "%t " + SRE));
		// rewriting maintenance: CLUSTER, VACUUM FULL; plain VACUUM takes SHARE UPDATE
		// EXCLUSIVE and rewrites nothing
		forms.add(
				new Form("cluster", "", "CLUSTER %t USING %t_a;", "%t " + AE + " rewrite", List.of("%t_a", "%t_pkey")));
		forms.add(new Form("vacuum full", "", NO_TX + "VACUUM FULL %t;", "%t " + AE + " rewrite"));
		forms.add(new Form("vacuum", "", NO_TX + "VACUUM %t;", "%t " + SUE));
		// views: REFRESH takes ACCESS EXCLUSIVE and swaps in new files, CONCURRENTLY
		// EXCLUSIVE and updates in place; both read the tables behind
		forms.add(new Form("refresh materialized view", "CREATE MATERIALIZED VIEW %t_mv AS SELECT id, a FROM %t;",
				"REFRESH MATERIALIZED VIEW %t_mv;", "%t ACCESS SHARE; %t_mv " + AE + " rewrite"));
		forms.add(new Form("refresh materialized view concurrently",
				"CREATE MATERIALIZED VIEW %t_mv AS SELECT id, a FROM %t; CREATE UNIQUE INDEX %t_mv_id ON %t_mv (id);",
				"REFRESH MATERIALIZED VIEW CONCURRENTLY %t_mv;", "%t ACCESS SHARE; %t_mv EXCLUSIVE"));
		forms.add(new Form("replace view", "CREATE VIEW %t_v AS SELECT id, a FROM %t;",
				"CREATE OR REPLACE VIEW %t_v AS SELECT id, a, b FROM %t;", "%t ACCESS SHARE; %t_v " + AE));
		forms.add(new Form("add enum value", "", "ALTER TYPE mood ADD VALUE IF NOT EXISTS 'calm';", ""));
		return forms;
	}

	/**
	 * One DDL form.
	 *
	 * @param minMajor the oldest PostgreSQL major that has it
	 * @param name what it is
	 * @param setup what the live schema has for it, after the form's own table
	 * @param migration the pending migration
	 * @param expected the tables it locks, as documented: {@code relation MODE [rewrite]}
	 * separated by semicolons
	 * @param rebuiltIndexes the indexes it rebuilds, when that is the point
	 */
	record Form(int minMajor, String name, String setup, String migration, String expected,
			List<String> rebuiltIndexes) {

		Form(String name, String setup, String migration, String expected) {
			this(14, name, setup, migration, expected, List.of());
		}

		Form(int minMajor, String name, String setup, String migration, String expected) {
			this(minMajor, name, setup, migration, expected, List.of());
		}

		Form(String name, String setup, String migration, String expected, List<String> rebuiltIndexes) {
			this(14, name, setup, migration, expected, rebuiltIndexes);
		}

	}

}
