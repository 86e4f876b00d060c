package dev.hoist.core.schema;

import java.sql.Connection;
import java.util.List;

import dev.hoist.testsupport.CatalogFingerprint;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fingerprint cross-checked against {@code pg_dump --schema-only}: on generated
 * schemas, whenever pg_dump sees a difference the fingerprint sees one too, and both
 * agree that a replayed history equals the original. On demand only, because it needs a
 * pg_dump of the server's major version, which CI machines and zonky's bundles lack:
 * <pre>
 * mvn -B -ntp -pl core -am verify -Ppg-dump -Dpg=15 -Dhoist.schemadiff.pg-dump=/usr/bin/pg_dump
 * </pre> A pg_dump that is missing or of another major fails the run with that advice; it
 * is never skipped.
 */
@Tag("pg-dump")
@PostgresTest
class PgDumpCrossCheckTests {

	private static TestDatabase other;

	@BeforeAll
	static void createOther(TestDatabase database) {
		database.execute(SchemaEvolution.SETUP);
		other = database.server().createDatabase(database.name() + "_other");
	}

	@AfterAll
	static void dropOther(TestDatabase database) {
		database.server().dropDatabase(other.name());
	}

	@Test
	void normalisedDumpsIgnoreColumnOrderAndSeeChanges(TestDatabase database) {
		ProofDatabases.reset(database);
		ProofDatabases.reset(other);
		database.execute("CREATE TABLE public.t (a integer, b text NOT NULL)");
		other.execute("CREATE TABLE public.t (b text NOT NULL, a integer)");
		assertThat(dump(database)).isEqualTo(dump(other));
		other.execute("ALTER TABLE public.t ALTER COLUMN a SET DEFAULT 1");
		assertThat(dump(database)).isNotEqualTo(dump(other));
	}

	@Test
	void fingerprintSeesWhatPgDumpSees(TestDatabase database) throws Exception {
		for (long seed = 1; seed <= 10; seed++) {
			ProofDatabases.reset(database);
			ProofDatabases.reset(other);
			SchemaEvolution evolution = new SchemaEvolution(seed);
			List<String> statements;
			try (Connection connection = database.connect()) {
				statements = evolution.evolve(connection, 60);
			}
			ProofDatabases.execute(other, statements);
			assertThat(dump(other)).as("seed %d replayed, by pg_dump", seed).isEqualTo(dump(database));
			assertThat(ProofDatabases.fingerprint(other)).as("seed %d replayed, by fingerprint", seed)
				.isEqualTo(ProofDatabases.fingerprint(database));
			for (int step = 0; step < 10; step++) {
				List<String> change;
				try (Connection connection = database.connect()) {
					change = evolution.evolve(connection, 1);
				}
				boolean dumpsDiffer = !dump(database).equals(dump(other));
				CatalogFingerprint mine = ProofDatabases.fingerprint(database);
				CatalogFingerprint theirs = ProofDatabases.fingerprint(other);
				if (dumpsDiffer) {
					assertThat(mine).as("seed %d: pg_dump sees %s, the fingerprint must too", seed, change)
						.isNotEqualTo(theirs);
				}
				ProofDatabases.execute(other, change);
			}
		}
	}

	private static List<String> dump(TestDatabase database) {
		return PgDumpSchema.of(database, SchemaEvolution.SCHEMAS);
	}

}
