package dev.hoist.core.schema;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The round-trip property of the schema diff over generated schema evolutions: for each
 * seed, a random starting schema A evolves pair after pair into B; every pair must
 * satisfy A + up = B and B + down = A, judged by the engine and by the independent
 * fingerprint.
 * <p>
 * CI runs fixed seeds. Run more on demand: <pre>
 * mvn -B -ntp -pl core -am verify -Dtest=SchemaDiffRoundTripTests -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dhoist.schemadiff.seeds=100..199 -Dhoist.schemadiff.pairs=40
 * </pre> ({@code seeds}: a range {@code a..b}, a list {@code 3,17}, or {@code random}). A
 * failure prints its seed and pair, the DDL of both schemas and the generated migration,
 * and writes them to {@code core/target/schema-diff-proof/}.
 */
@PostgresTest
class SchemaDiffRoundTripTests {

	private static final String DEFAULT_SEEDS = "1..8";

	private static final int DEFAULT_PAIRS = 25;

	private static final int STARTING_STEPS = 40;

	private static final int MOST_FAILURES_PER_SEED = 3;

	private static TestDatabase from;

	private static TestDatabase to;

	private static TestDatabase work;

	@BeforeAll
	static void createDatabases(TestDatabase database) {
		database.execute(SchemaEvolution.SETUP);
		from = database.server().createDatabase(database.name() + "_a");
		to = database.server().createDatabase(database.name() + "_b");
		work = database.server().createDatabase(database.name() + "_w");
	}

	@AfterAll
	static void dropDatabases(TestDatabase database) {
		for (TestDatabase created : new TestDatabase[] { from, to, work }) {
			if (created != null) {
				database.server().dropDatabase(created.name());
			}
		}
	}

	@TestFactory
	Stream<DynamicTest> everyGeneratedPairRoundTrips() {
		int pairs = Integer.getInteger("hoist.schemadiff.pairs", DEFAULT_PAIRS);
		return seeds(System.getProperty("hoist.schemadiff.seeds", DEFAULT_SEEDS))
			.mapToObj((seed) -> DynamicTest.dynamicTest("seed " + seed, () -> roundTrips(seed, pairs)));
	}

	private void roundTrips(long seed, int pairs) throws SQLException {
		RoundTrip.Chain chain = new RoundTrip(from, to, work,
				Paths.get("target", "schema-diff-proof", "migration")).new Chain();
		SchemaEvolution evolutionOfB = new SchemaEvolution(seed);
		Random random = new Random(seed);
		ProofDatabases.reset(from);
		ProofDatabases.reset(to);
		List<String> statementsOfA = grow(evolutionOfB, STARTING_STEPS);
		ProofDatabases.execute(from, statementsOfA);
		List<String> failures = new ArrayList<>();
		for (int pair = 1; pair <= pairs && failures.size() < MOST_FAILURES_PER_SEED; pair++) {
			List<String> evolution = grow(evolutionOfB, 1 + random.nextInt(6));
			boolean online = pair % 2 == 0;
			RoundTrip.Outcome outcome = chain.next(statementsOfA, online);
			if (outcome != null) {
				String header = "Seed " + seed + ", pair " + pair + " of " + pairs + " (online=" + online
						+ ") fails. Reproduce: mvn -B -ntp -pl core -am verify -Dtest=SchemaDiffRoundTripTests"
						+ " -Dsurefire.failIfNoSpecifiedTests=false -Dhoist.schemadiff.seeds=" + seed
						+ " -Dhoist.schemadiff.pairs=" + pair;
				Path report = Paths.get("target", "schema-diff-proof", "seed-" + seed + "-pair-" + pair + ".txt");
				failures.add(outcome.report(header, statementsOfA, evolution, report) + "\n(also in "
						+ report.toAbsolutePath() + ")");
			}
			// A catches up with B: both now hold the same history
			ProofDatabases.execute(from, evolution);
			statementsOfA = new ArrayList<>(statementsOfA);
			statementsOfA.addAll(evolution);
		}
		assertThat(ProofDatabases.fingerprint(from)).as("A replayed equals B grown")
			.isEqualTo(ProofDatabases.fingerprint(to));
		if (!failures.isEmpty()) {
			fail(failures.size() + " round trip(s) failed for seed " + seed + ":\n\n"
					+ String.join("\n\n----------------\n\n", failures));
		}
	}

	/** Grow B by some steps on its own database; the statements then replay on A. */
	private static List<String> grow(SchemaEvolution evolution, int steps) throws SQLException {
		try (Connection connection = to.connect()) {
			return evolution.evolve(connection, steps);
		}
	}

	static LongStream seeds(String text) {
		String value = text.trim();
		if (value.equals("random")) {
			long seed = ThreadLocalRandom.current().nextLong(1, 1_000_000);
			System.out.println("hoist.schemadiff.seeds=random picked seed " + seed);
			return LongStream.of(seed);
		}
		if (value.contains("..")) {
			String[] bounds = value.split("\\.\\.");
			return LongStream.rangeClosed(Long.parseLong(bounds[0].trim()), Long.parseLong(bounds[1].trim()));
		}
		return Stream.of(value.split(",")).mapToLong((seed) -> Long.parseLong(seed.trim()));
	}

}
