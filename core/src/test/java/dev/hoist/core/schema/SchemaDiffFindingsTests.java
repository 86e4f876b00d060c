package dev.hoist.core.schema;

import java.nio.file.Paths;
import java.util.List;

import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bugs the round-trip proof found in the schema diff, each reduced to its smallest pair
 * of schemas.
 */
@PostgresTest
class SchemaDiffFindingsTests {

	private static TestDatabase from;

	private static TestDatabase to;

	private static TestDatabase work;

	@BeforeAll
	static void createDatabases(TestDatabase database) {
		from = database.server().createDatabase(database.name() + "_a");
		to = database.server().createDatabase(database.name() + "_b");
		work = database.server().createDatabase(database.name() + "_w");
	}

	@AfterAll
	static void dropDatabases(TestDatabase database) {
		for (TestDatabase created : new TestDatabase[] { from, to, work }) {
			database.server().dropDatabase(created.name());
		}
	}

	/** Seed 1, pairs 1, 2 and 8: "Cannot order the schema changes: ... in a cycle". */
	@Test
	void aNewTableWithASerialColumnRoundTrips() throws Exception {
		assertRoundTrips(List.of(), List.of("CREATE TABLE public.tickets (id bigserial PRIMARY KEY)"));
	}

	private static void assertRoundTrips(List<String> a, List<String> b) throws Exception {
		ProofDatabases.reset(from);
		ProofDatabases.reset(to);
		ProofDatabases.execute(from, a);
		ProofDatabases.execute(to, b);
		RoundTrip.Outcome outcome = new RoundTrip(from, to, work, Paths.get("target", "schema-diff-proof", "finding"))
			.run(a, true);
		assertThat(outcome)
			.as(() -> outcome.report("finding", a, b, Paths.get("target", "schema-diff-proof", "finding.txt")))
			.isNull();
	}

}
