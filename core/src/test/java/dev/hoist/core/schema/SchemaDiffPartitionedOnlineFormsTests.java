package dev.hoist.core.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The online forms on a partitioned table, where PostgreSQL has no
 * {@code CREATE INDEX CONCURRENTLY} and no {@code ADD CONSTRAINT ... USING INDEX}: an
 * index is made {@code ON ONLY} the parent, built {@code CONCURRENTLY} on each partition
 * and attached; a unique key or primary key is first made on each partition and then
 * attached by the parent's {@code ADD CONSTRAINT}; {@code SET NOT NULL} goes through a
 * validated {@code CHECK} that each partition inherits. Each pair round-trips (up, down)
 * and its online migration passes the safety rules
 * ({@link SchemaPair#roundTrip(boolean)}); what PostgreSQL does with each form (no build,
 * no scan) is checked with the server.
 */
@PostgresTest
class SchemaDiffPartitionedOnlineFormsTests {

	// two levels: a leaf, and a partition that is partitioned itself with a leaf of its
	// own
	private static final String EVENTS = """
			CREATE TABLE events (id bigint NOT NULL, happened_on date NOT NULL, region text, payload text)
			  PARTITION BY RANGE (happened_on);
			CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
			CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')
			  PARTITION BY LIST (region);
			CREATE TABLE events_2025_eu PARTITION OF events_2025 FOR VALUES IN ('eu');
			""";

	private static final String ROWS = """
			INSERT INTO events SELECT i, date '2024-06-01' + (i % 400), 'eu', 'p' || i FROM generate_series(1, 2000) i;
			""";

	@Test
	void anIndexIsMadeOnOnlyTheParentAndBuiltConcurrentlyOnEachPartition(TestDatabase db) {
		SchemaDiff.Result diff = SchemaPair
			.of(db, EVENTS, EVENTS + "CREATE INDEX events_payload_idx ON events (lower(payload)) WHERE id > 0;")
			.roundTrip(true);
		assertThat(diff.upSql()).contains(
				"CREATE INDEX events_payload_idx ON ONLY public.events USING btree (lower(payload)) WHERE (id > 0);",
				"CREATE INDEX CONCURRENTLY events_2024_lower_idx ON public.events_2024 USING btree (lower(payload))"
						+ " WHERE (id > 0);",
				"ALTER INDEX public.events_payload_idx ATTACH PARTITION public.events_2024_lower_idx;",
				"CREATE INDEX events_2025_lower_idx ON ONLY public.events_2025 USING btree (lower(payload))"
						+ " WHERE (id > 0);",
				"CREATE INDEX CONCURRENTLY events_2025_eu_lower_idx ON public.events_2025_eu USING btree"
						+ " (lower(payload)) WHERE (id > 0);",
				"ALTER INDEX public.events_2025_lower_idx ATTACH PARTITION public.events_2025_eu_lower_idx;",
				"ALTER INDEX public.events_payload_idx ATTACH PARTITION public.events_2025_lower_idx;")
			.doesNotContain("hoist:allow");
		// the parent's index is valid once the last partition's is attached: the round
		// trip compared validity with the target's
		assertThat(diff.downSql()).contains("-- hoist:allow hoist:drop-index-not-concurrent PostgreSQL has no DROP"
				+ " INDEX CONCURRENTLY for a partitioned table's index; the drop reads no rows, but its ACCESS"
				+ " EXCLUSIVE lock on every partition waits for their queries\n"
				+ "DROP INDEX public.events_payload_idx;");
	}

	@Test
	void aPartitionCreatedInTheSameMigrationGetsItsIndexTheSameWay(TestDatabase db) {
		String partition = "CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO"
				+ " ('2027-01-01');";
		SchemaDiff.Result diff = SchemaPair
			.of(db, EVENTS,
					EVENTS + partition + "CREATE UNIQUE INDEX events_id_idx ON events (id, happened_on, region);")
			.roundTrip(true);
		assertThat(diff.upSql()).contains(
				"CREATE UNIQUE INDEX CONCURRENTLY events_2026_id_happened_on_region_idx ON public.events_2026 USING btree"
						+ " (id, happened_on, region);",
				"ALTER INDEX public.events_id_idx ATTACH PARTITION public.events_2026_id_happened_on_region_idx;")
			.doesNotContain("hoist:allow");
	}

	@Test
	void aUniqueKeyIsMadeOnEachPartitionFirstAndTheParentAttachesIt(TestDatabase db) {
		SchemaDiff.Result diff = SchemaPair
			.of(db, EVENTS, EVENTS + "ALTER TABLE events ADD CONSTRAINT events_key UNIQUE (id, happened_on, region);")
			.roundTrip(true);
		assertThat(diff.upSql()).contains(
				"CREATE UNIQUE INDEX CONCURRENTLY events_2024_id_happened_on_region_key ON public.events_2024 USING"
						+ " btree (id, happened_on, region);",
				"ALTER TABLE public.events_2024 ADD CONSTRAINT events_2024_id_happened_on_region_key UNIQUE USING"
						+ " INDEX events_2024_id_happened_on_region_key;",
				"ALTER TABLE public.events_2025_eu ADD CONSTRAINT events_2025_eu_id_happened_on_region_key UNIQUE"
						+ " USING INDEX events_2025_eu_id_happened_on_region_key;",
				"-- hoist:allow hoist:add-unique PostgreSQL has no USING INDEX on a partitioned table; every"
						+ " partition has this constraint already, built CONCURRENTLY above, and PostgreSQL attaches"
						+ " it instead of building\n"
						+ "ALTER TABLE public.events ADD CONSTRAINT events_key UNIQUE (id, happened_on, region);");
	}

	@Test
	void aPrimaryKeyIsMadeTheSameWay(TestDatabase db) {
		String events = EVENTS.replace("region text", "region text NOT NULL");
		SchemaDiff.Result diff = SchemaPair
			.of(db, events, events + "ALTER TABLE events ADD PRIMARY KEY (id, happened_on, region);")
			.roundTrip(true);
		assertThat(diff.upSql()).contains(
				"ALTER TABLE public.events_2024 ADD CONSTRAINT events_2024_pkey PRIMARY KEY USING INDEX"
						+ " events_2024_pkey;",
				"-- hoist:allow hoist:add-primary-key PostgreSQL has no USING INDEX on a partitioned table;",
				"ALTER TABLE public.events ADD CONSTRAINT events_pkey PRIMARY KEY (id, happened_on, region);");
	}

	@Test
	void postgresAttachesEachPartitionsConstraintInsteadOfBuildingIt(TestDatabase db) throws SQLException {
		SchemaPair pair = SchemaPair.of(db, EVENTS + ROWS,
				EVENTS + "ALTER TABLE events ADD CONSTRAINT events_key UNIQUE (id, happened_on, region);");
		try {
			SchemaDiff.Result diff = pair.diff(true);
			List<String> statements = statements(diff.upSql());
			String parent = statements.stream()
				.filter((sql) -> sql.contains("ALTER TABLE public.events ADD CONSTRAINT"))
				.findFirst()
				.orElseThrow();
			TestDatabase from = pair.from();
			String files = "SELECT string_agg(c.relname || '=' || c.relfilenode, ',' ORDER BY c.relname)"
					+ " FROM pg_class c WHERE c.relname LIKE 'events_20%_key' AND c.relkind = 'i'";
			String before = null;
			for (String sql : statements) {
				if (sql.equals(parent)) {
					before = from.queryForString(files);
				}
				from.execute(sql);
			}
			// the same files: nothing was built again under the parent's lock
			assertThat(before).contains("events_2024_id_happened_on_region_key=", "events_2025_eu_id_happened");
			assertThat(from.queryForString(files)).isEqualTo(before);
			assertThat(from.queryForLong(
					"SELECT count(*) FROM pg_constraint WHERE conname LIKE 'events_20%_key'" + " AND conparentid <> 0"))
				.isEqualTo(3);
		}
		finally {
			pair.drop();
		}
	}

	@Test
	void setNotNullGoesThroughACheckThatEveryPartitionInherits(TestDatabase db) throws SQLException {
		SchemaPair pair = SchemaPair.of(db, EVENTS + ROWS,
				EVENTS + "ALTER TABLE events ALTER COLUMN payload SET NOT NULL;");
		try {
			SchemaDiff.Result diff = pair.diff(true);
			assertThat(diff.upSql())
				.contains(
						"ALTER TABLE public.events ADD CONSTRAINT events_payload_not_null_check CHECK (payload IS NOT"
								+ " NULL) NOT VALID;",
						"ALTER TABLE public.events VALIDATE CONSTRAINT events_payload_not_null_check;",
						"ALTER TABLE public.events ALTER COLUMN payload SET NOT NULL;",
						"ALTER TABLE public.events DROP CONSTRAINT events_payload_not_null_check;")
				.doesNotContain("hoist:allow");
			List<String> messages = new ArrayList<>();
			try (Connection connection = pair.from().connect(); Statement statement = connection.createStatement()) {
				for (String sql : statements(diff.upSql())) {
					statement.execute(sql.contains("SET NOT NULL") ? "SET client_min_messages = debug1"
							: "RESET client_min_messages");
					statement.execute(sql);
					for (SQLWarning warning = statement.getWarnings(); warning != null; warning = warning
						.getNextWarning()) {
						messages.add(warning.getMessage());
					}
					statement.clearWarnings();
				}
			}
			// no partition is scanned under the ACCESS EXCLUSIVE lock
			assertThat(messages).contains(
					"existing constraints on column \"events_2024.payload\" are sufficient to prove that it does not"
							+ " contain nulls",
					"existing constraints on column \"events_2025_eu.payload\" are sufficient to prove that it does"
							+ " not contain nulls")
				.noneMatch((message) -> message.startsWith("verifying table"));
		}
		finally {
			pair.drop();
		}
		SchemaPair.of(db, EVENTS, EVENTS + "ALTER TABLE events ALTER COLUMN payload SET NOT NULL;").roundTrip(true);
	}

	private static List<String> statements(String sql) {
		List<String> statements = new ArrayList<>();
		for (String statement : sql.split(";\n\n")) {
			String text = statement.strip();
			if (!text.isEmpty() && !text.lines().allMatch((line) -> line.startsWith("--"))) {
				statements.add(text.lines()
					.filter((line) -> !line.startsWith("--"))
					.reduce((a, b) -> a + "\n" + b)
					.orElseThrow());
			}
		}
		return statements;
	}

}
