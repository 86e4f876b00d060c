package dev.hoist.core.schema;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;

import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.fail;

/**
 * Long, realistic migration histories: the schema after migration k and the schema after
 * the last one must diff to exact equality in both directions (k to last, and last back
 * to k), each applied with Hoist and checked by the engine and the fingerprint.
 * {@code -Dhoist.schemadiff.history-points=N} tries N points per history (default 6;
 * {@code all} tries every k).
 */
@PostgresTest
class HistoryRoundTripTests {

	private static TestDatabase atK;

	private static TestDatabase last;

	private static TestDatabase work;

	@BeforeAll
	static void createDatabases(TestDatabase database) {
		atK = database.server().createDatabase(database.name() + "_k");
		last = database.server().createDatabase(database.name() + "_last");
		work = database.server().createDatabase(database.name() + "_w");
	}

	@AfterAll
	static void dropDatabases(TestDatabase database) {
		for (TestDatabase created : new TestDatabase[] { atK, last, work }) {
			if (created != null) {
				database.server().dropDatabase(created.name());
			}
		}
	}

	@TestFactory
	Stream<DynamicTest> everyPointOfAHistoryDiffsToItsEndAndBack() {
		return Stream.of(history("saas", MigrationHistories::saas), history("shop", MigrationHistories::shop));
	}

	private DynamicTest history(String name, Supplier<List<String>> history) {
		return DynamicTest.dynamicTest(name, () -> check(name, history.get()));
	}

	private void check(String name, List<String> history) throws SQLException {
		ProofDatabases.reset(last);
		ProofDatabases.execute(last, history);
		ProofDatabases.reset(atK);
		Set<Integer> points = points(history.size());
		List<String> failures = new ArrayList<>();
		int applied = 0;
		for (int k : points) {
			ProofDatabases.execute(atK, history.subList(applied, k));
			applied = k;
			List<String> prefix = history.subList(0, k);
			check(name, k, "k to last", new RoundTrip(atK, last, work, directory()), prefix, history, failures);
			check(name, k, "last to k", new RoundTrip(last, atK, work, directory()), history, prefix, failures);
		}
		if (!failures.isEmpty()) {
			fail(failures.size() + " round trip(s) of history " + name + " failed:\n\n"
					+ String.join("\n\n----------------\n\n", failures));
		}
	}

	private static void check(String name, int k, String direction, RoundTrip roundTrip, List<String> statementsOfA,
			List<String> statementsOfB, List<String> failures) {
		RoundTrip.Outcome outcome = roundTrip.run(statementsOfA, k % 2 == 0);
		if (outcome != null) {
			String header = "History " + name + ", " + direction + " at k = " + k + " fails. Reproduce: mvn -B -ntp"
					+ " -pl core -am verify -Dtest=HistoryRoundTripTests -Dsurefire.failIfNoSpecifiedTests=false";
			failures.add(outcome.report(header, statementsOfA, List.of("-- (B is the history up to its own end)"),
					Paths.get("target", "schema-diff-proof",
							"history-" + name + "-" + k + "-" + direction.replace(' ', '-') + ".txt")));
		}
	}

	private static Set<Integer> points(int size) {
		String setting = System.getProperty("hoist.schemadiff.history-points", "6");
		Set<Integer> points = new TreeSet<>();
		if (setting.equals("all")) {
			for (int k = 0; k < size; k++) {
				points.add(k);
			}
			return points;
		}
		int count = Integer.parseInt(setting);
		points.add(0);
		points.add(1);
		points.add(size - 1);
		for (int i = 1; i < count; i++) {
			points.add(size * i / count);
		}
		return points;
	}

	private static Path directory() {
		return Paths.get("target", "schema-diff-proof", "history-migration");
	}

}
