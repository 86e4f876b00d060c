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
 * The online forms of a domain's new CHECK, ATTACH PARTITION and DETACH PARTITION: each
 * pair round-trips (up, down) and its online migration passes the safety rules
 * ({@link SchemaPair#roundTrip(boolean)}); where no safe form exists, the plain statement
 * carries a {@code -- hoist:allow} that says why. The bound CHECK before ATTACH is
 * checked with PostgreSQL itself: the server reports that it skipped the scan.
 */
@PostgresTest
class SchemaDiffOnlineFormsTests {

	private static final String RANGE_EVENTS = """
			CREATE TABLE events (id bigint NOT NULL, happened_on date NOT NULL, payload text)
			  PARTITION BY RANGE (happened_on);
			CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
			""";

	private static final String LIST_EVENTS = """
			CREATE TABLE events (id bigint NOT NULL, region text, payload text) PARTITION BY LIST (region);
			CREATE TABLE events_eu PARTITION OF events FOR VALUES IN ('eu');
			""";

	@Test
	void aCheckOnAnExistingDomainIsAddedNotValidThenValidated(TestDatabase db) {
		String from = "CREATE DOMAIN cents AS bigint; CREATE TABLE orders (id int, total cents);";
		SchemaDiff.Result diff = SchemaPair
			.of(db, from, from + " ALTER DOMAIN cents ADD CONSTRAINT cents_non_negative CHECK (VALUE >= 0);")
			.roundTrip(true);
		assertThat(diff.upSql()).contains(
				"ALTER DOMAIN public.cents ADD CONSTRAINT cents_non_negative CHECK ((VALUE >= 0)) NOT VALID;",
				"ALTER DOMAIN public.cents VALIDATE CONSTRAINT cents_non_negative;");
	}

	@Test
	void aNewDomainGetsItsChecksBeforeAnyColumnUsesIt(TestDatabase db) {
		SchemaDiff.Result diff = SchemaPair
			.of(db, "CREATE TABLE orders (id int);",
					"CREATE DOMAIN cents AS bigint NOT NULL CONSTRAINT cents_non_negative CHECK (VALUE >= 0);"
							+ " CREATE TABLE orders (id int, total cents);")
			.roundTrip(true);
		assertThat(diff.upSql()).contains("ADD CONSTRAINT cents_non_negative CHECK ((VALUE >= 0));");
	}

	@Test
	void aDomainBecomingNotNullHasNoNotValidForm(TestDatabase db) {
		// PostgreSQL: "NOT NULL constraints cannot be marked NOT VALID" on a domain
		String from = "CREATE DOMAIN cents AS bigint; CREATE TABLE orders (id int, total cents);";
		SchemaDiff.Result diff = SchemaPair.of(db, from, from + " ALTER DOMAIN cents SET NOT NULL;").roundTrip(true);
		assertThat(diff.upSql()).contains("ALTER DOMAIN public.cents SET NOT NULL;");
	}

	@Test
	void attachOfARangePartitionIsProvenByAValidatedCheckFirst(TestDatabase db) {
		String table = "CREATE TABLE events_2023 (id bigint NOT NULL, happened_on date NOT NULL, payload text);";
		SchemaDiff.Result diff = SchemaPair.of(db, RANGE_EVENTS + table, RANGE_EVENTS + table
				+ " ALTER TABLE events ATTACH PARTITION events_2023 FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');")
			.roundTrip(true);
		assertThat(diff.upSql()).contains(
				"ALTER TABLE public.events_2023 ADD CONSTRAINT events_2023_bound_check CHECK (((happened_on IS NOT NULL)"
						+ " AND (happened_on >= '2023-01-01'::date) AND (happened_on < '2024-01-01'::date))) NOT VALID;",
				"ALTER TABLE public.events_2023 VALIDATE CONSTRAINT events_2023_bound_check;",
				"ALTER TABLE public.events ATTACH PARTITION public.events_2023 FOR VALUES FROM ('2023-01-01') TO"
						+ " ('2024-01-01');",
				"ALTER TABLE public.events_2023 DROP CONSTRAINT events_2023_bound_check;");
		assertThat(diff.upSql()).doesNotContain("hoist:allow");
	}

	@Test
	void postgresSkipsTheScanOfAnAttachedPartitionThatTheCheckProves(TestDatabase db) throws SQLException {
		String table = "CREATE TABLE events_other (id bigint NOT NULL, region text, payload text);"
				+ " INSERT INTO events_other SELECT i, CASE WHEN i % 2 = 0 THEN 'us' END, 'x'"
				+ " FROM generate_series(1, 1000) i;";
		SchemaPair pair = SchemaPair.of(db, LIST_EVENTS + table,
				LIST_EVENTS + table + " ALTER TABLE events ATTACH PARTITION events_other FOR VALUES IN ('us', NULL);");
		try {
			SchemaDiff.Result diff = pair.diff(true);
			// a list bound with NULL: the partition constraint has "IS NULL OR ..."
			assertThat(diff.upSql()).contains("CHECK (((region IS NULL) OR (region = 'us'::text))) NOT VALID")
				.doesNotContain("hoist:allow");
			List<String> messages = new ArrayList<>();
			try (Connection connection = pair.from().connect(); Statement statement = connection.createStatement()) {
				statement.execute("SET client_min_messages = debug1");
				for (String sql : statements(diff.upSql())) {
					statement.execute(sql);
					for (SQLWarning warning = statement.getWarnings(); warning != null; warning = warning
						.getNextWarning()) {
						messages.add(warning.getMessage());
					}
					statement.clearWarnings();
				}
			}
			assertThat(messages)
				.contains("partition constraint for table \"events_other\" is implied by existing constraints");
			assertThat(pair.from().queryForLong("SELECT count(*) FROM events WHERE region IS NULL")).isEqualTo(500);
		}
		finally {
			pair.drop();
		}
	}

	@Test
	void withoutTheCheckPostgresWouldScan(TestDatabase db) throws SQLException {
		// the control of the test above: the plain ATTACH does scan
		db.execute(LIST_EVENTS + "CREATE TABLE events_other (id bigint NOT NULL, region text, payload text);");
		List<String> messages = new ArrayList<>();
		try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
			statement.execute("SET client_min_messages = debug1");
			statement.execute("ALTER TABLE events ATTACH PARTITION events_other FOR VALUES IN ('us', NULL)");
			for (SQLWarning warning = statement.getWarnings(); warning != null; warning = warning.getNextWarning()) {
				messages.add(warning.getMessage());
			}
		}
		assertThat(messages).contains("verifying table \"events_other\"")
			.noneMatch((message) -> message.contains("is implied by existing constraints"));
	}

	@Test
	void attachOfAHashPartitionSaysWhyItScans(TestDatabase db) {
		String events = "CREATE TABLE events (id bigint NOT NULL, payload text) PARTITION BY HASH (id);"
				+ " CREATE TABLE events_0 PARTITION OF events FOR VALUES WITH (modulus 2, remainder 0);"
				+ " CREATE TABLE events_1 (id bigint NOT NULL, payload text);";
		SchemaDiff.Result diff = SchemaPair
			.of(db, events,
					events + " ALTER TABLE events ATTACH PARTITION events_1 FOR VALUES WITH (modulus 2,"
							+ " remainder 1);")
			.roundTrip(true);
		assertThat(diff.upSql()).contains("-- hoist:allow hoist:attach-partition-scan a hash bound names its parent's"
				+ " OID, which differs between databases: no CHECK written here can prove it\n"
				+ "ALTER TABLE public.events ATTACH PARTITION public.events_1 FOR VALUES WITH (modulus 2, remainder 1);");
	}

	@Test
	void detachIsConcurrentOutsideATransactionAndLeavesNoCheckBehind(TestDatabase db) {
		SchemaDiff.Result diff = SchemaPair
			.of(db, RANGE_EVENTS, RANGE_EVENTS + " ALTER TABLE events DETACH PARTITION events_2024;")
			.roundTrip(true, true);
		// CONCURRENTLY runs only outside a transaction block: the round trip ran it
		assertThat(diff.upSql())
			.contains("ALTER TABLE public.events DETACH PARTITION public.events_2024 CONCURRENTLY;",
					"ALTER TABLE public.events_2024 DROP CONSTRAINT events_2024_bound_check;")
			.doesNotContain("hoist:allow");
	}

	@Test
	void detachWhileTheParentHasADefaultPartitionSaysWhyItIsNotConcurrent(TestDatabase db) {
		String events = LIST_EVENTS + "CREATE TABLE events_rest PARTITION OF events DEFAULT;";
		SchemaDiff.Result diff = SchemaPair.of(db, events, events + " ALTER TABLE events DETACH PARTITION events_eu;")
			.roundTrip(true);
		assertThat(diff.upSql()).contains("-- hoist:allow hoist:detach-partition-not-concurrent PostgreSQL refuses"
				+ " DETACH PARTITION ... CONCURRENTLY while public.events has a default partition\n"
				+ "ALTER TABLE public.events DETACH PARTITION public.events_eu;");
	}

	@Test
	void aPartitionMovedToAnotherBoundIsDetachedAndAttachedOnline(TestDatabase db) {
		SchemaDiff.Result diff = SchemaPair.of(db, RANGE_EVENTS, RANGE_EVENTS.replace("2025-01-01", "2024-07-01"))
			.roundTrip(true);
		assertThat(diff.upSql()).contains("DETACH PARTITION public.events_2024 CONCURRENTLY;",
				"ATTACH PARTITION public.events_2024 FOR VALUES FROM ('2024-01-01') TO ('2024-07-01');");
	}

	private static List<String> statements(String sql) {
		List<String> statements = new ArrayList<>();
		for (String statement : sql.split(";\n\n")) {
			String text = statement.strip();
			if (!text.isEmpty() && !text.lines().allMatch((line) -> line.startsWith("--"))) {
				statements.add(text);
			}
		}
		return statements;
	}

}
