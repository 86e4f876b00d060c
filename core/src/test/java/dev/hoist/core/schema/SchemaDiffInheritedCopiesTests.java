package dev.hoist.core.schema;

import java.util.stream.Stream;

import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a partition or an inheriting child holds as copies of its parent's columns, keys,
 * indexes and CHECKs, which PostgreSQL makes, drops and converts with the parent's
 * statements: each pair is round-tripped in both forms and compared by the engine's model
 * and by the independent catalog fingerprint (which also sees whether a copy is local and
 * validated).
 */
@PostgresTest
class SchemaDiffInheritedCopiesTests {

	private static final String EVENTS = """
			CREATE TABLE shops (id int PRIMARY KEY);
			CREATE TABLE events (id int NOT NULL, region text NOT NULL, payload jsonb, shop_id int REFERENCES shops,
			  PRIMARY KEY (id, region), CONSTRAINT events_id_positive CHECK (id > 0)) PARTITION BY LIST (region);
			CREATE UNIQUE INDEX events_payload_key ON events (id, region, shop_id);
			CREATE INDEX events_payload ON events USING gin (payload);
			CREATE TABLE events_eu PARTITION OF events FOR VALUES IN ('eu');
			CREATE TABLE events_us PARTITION OF events FOR VALUES IN ('us');
			""";

	static Stream<Arguments> cases() {
		return Stream.of(
				// DETACH PARTITION leaves the copies on the partition as its own; ATTACH
				// PARTITION makes them copies again
				Arguments.of("partition detached with its copies of keys, indexes and checks", EVENTS,
						EVENTS + "ALTER TABLE events DETACH PARTITION events_eu"),
				Arguments.of("partition detached, its copy of the primary key changed", EVENTS,
						EVENTS + "ALTER TABLE events DETACH PARTITION events_eu;"
								+ " ALTER TABLE events_eu DROP CONSTRAINT events_eu_pkey;"
								+ " ALTER TABLE events_eu ADD PRIMARY KEY (id)"),
				// ADD CONSTRAINT ... NOT VALID on a parent leaves its children's copies
				// not
				// valid; a child made after it has a valid copy
				Arguments.of("inherited check validated on children only",
						"CREATE TABLE base (id int); ALTER TABLE base ADD CONSTRAINT base_id CHECK (id > 0) NOT VALID;"
								+ " CREATE TABLE kid (extra int) INHERITS (base);"
								+ " CREATE TABLE parts (id int, k int) PARTITION BY LIST (k);"
								+ " ALTER TABLE parts ADD CONSTRAINT parts_id CHECK (id > 0) NOT VALID;"
								+ " CREATE TABLE parts_1 PARTITION OF parts FOR VALUES IN (1)",
						"CREATE TABLE base (id int); CREATE TABLE kid (extra int) INHERITS (base);"
								+ " CREATE TABLE parts (id int, k int) PARTITION BY LIST (k);"
								+ " CREATE TABLE parts_1 PARTITION OF parts FOR VALUES IN (1)"),
				// a composite type rebuilt under a partitioned table's column: the
				// parent's
				// DROP and ADD COLUMN take and give back each partition's copy
				Arguments.of("partitioned column recreated with its type",
						"CREATE TYPE contact AS (line text, note text); CREATE TABLE events (k int, c contact)"
								+ " PARTITION BY LIST (k); CREATE TABLE events_1 PARTITION OF events FOR VALUES IN (1);"
								+ " CREATE TABLE events_2 PARTITION OF events FOR VALUES IN (2)",
						"CREATE TYPE contact AS (line text, code varchar(10), note text); CREATE TABLE events (k int,"
								+ " c contact) PARTITION BY LIST (k); CREATE TABLE events_1 PARTITION OF events FOR VALUES"
								+ " IN (1); CREATE TABLE events_2 PARTITION OF events FOR VALUES IN (2)"));
	}

	@ParameterizedTest(name = "{0} (online)")
	@MethodSource("cases")
	void roundTripsOnline(String name, String from, String to, TestDatabase db) {
		SchemaPair.of(db, from, to).roundTrip(true, true);
	}

	@ParameterizedTest(name = "{0} (plain)")
	@MethodSource("cases")
	void roundTripsPlain(String name, String from, String to, TestDatabase db) {
		SchemaPair.of(db, from, to).roundTrip(false, true);
	}

}
