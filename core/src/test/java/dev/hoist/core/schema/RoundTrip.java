package dev.hoist.core.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import dev.hoist.core.Hoist;
import dev.hoist.core.internal.schema.CatalogReader;
import dev.hoist.core.internal.schema.MigrationPlan;
import dev.hoist.core.internal.schema.SchemaModel;
import dev.hoist.core.lint.Finding;
import dev.hoist.core.lint.SafetyRulesAssertions;
import dev.hoist.testsupport.CatalogFingerprint;
import dev.hoist.testsupport.TestDatabase;
import org.jspecify.annotations.Nullable;

/**
 * One round trip of the proof: for schemas A and B, compute the migration that turns A
 * into B, apply it to a copy of A the way a user would (files in a directory, run by
 * Hoist), check the copy now equals B, run the down section, and check it equals A again.
 * "Equals" is judged twice: by the engine itself (a diff of the two databases is empty)
 * and by the independent {@link CatalogFingerprint}.
 */
final class RoundTrip {

	/**
	 * Rules the online diff still breaks on what the generator makes, found when this
	 * proof started linting its online pairs (issue 17): indexes, unique constraints and
	 * {@code SET NOT NULL} on partitioned tables (PostgreSQL has no {@code CONCURRENTLY}
	 * there, and the writer does not yet build each partition's index concurrently and
	 * attach it), and columns added with {@code NOT NULL} and no default, a volatile
	 * default or an identity to an existing table, which the target asks for and the
	 * writer does not yet stage (add, backfill in batches, then constrain). Each is a
	 * defect of the writer to fix; the three of {@code SchemaPair}'s former list (domain
	 * checks, ATTACH, DETACH) are not among them.
	 */
	static final Set<String> NOT_YET_SAFE = Set.of("hoist:index-not-concurrent", "hoist:drop-index-not-concurrent",
			"hoist:add-unique", "hoist:set-not-null", "hoist:add-required-column", "hoist:add-column-volatile-default",
			"hoist:add-auto-increment-column");

	private final TestDatabase from;

	private final TestDatabase to;

	private final TestDatabase work;

	private final Path directory;

	RoundTrip(TestDatabase from, TestDatabase to, TestDatabase work, Path directory) {
		this.from = from;
		this.to = to;
		this.work = work;
		this.directory = directory;
	}

	/**
	 * Run the round trip; {@code from} and {@code to} must hold A and B, {@code work} is
	 * rebuilt from {@code statementsOfA}.
	 * @return what went wrong, or {@code null} when A + up = B and B + down = A
	 */
	@Nullable Outcome run(List<String> statementsOfA, boolean online) {
		Outcome outcome = new Outcome();
		try {
			ProofDatabases.reset(this.work);
			ProofDatabases.execute(this.work, statementsOfA);
			CatalogFingerprint a = ProofDatabases.fingerprint(this.from);
			CatalogFingerprint b = ProofDatabases.fingerprint(this.to);
			SchemaDiff.Result diff = SchemaDiff.between(this.from.dataSource(), this.to.dataSource())
				.schemas(SchemaEvolution.SCHEMAS.toArray(String[]::new))
				.online(online)
				.compute();
			outcome.upSql = diff.upSql();
			outcome.downSql = diff.downSql();
			if (diff.isEmpty() != a.equals(b)) {
				return outcome
					.failed("the diff is " + (diff.isEmpty() ? "" : "not ") + "empty but the fingerprints are "
							+ (a.equals(b) ? "equal" : "different:\n" + b.differenceFrom(a)));
			}
			if (diff.isEmpty()) {
				return null;
			}
			clean(this.directory);
			List<Path> files = diff.writeTo(this.directory, "1", "round trip");
			for (Path file : files) {
				outcome.files.add("== " + file.getFileName() + "\n" + Files.readString(file));
			}
			Hoist hoist = Hoist.configure()
				.dataSource(this.work.dataSource())
				.schema(ProofDatabases.HISTORY_SCHEMA)
				.locations("filesystem:" + this.directory)
				.load();
			outcome.stage = "applying the up section";
			hoist.migrate();
			outcome.stage = "comparing A + up with B";
			String difference = ProofDatabases.fingerprint(this.work).differenceFrom(b);
			if (!difference.isEmpty()) {
				return outcome.failed(
						"the fingerprint of A + up differs from B's (- only in B, + only in A + up):\n" + difference);
			}
			if (System.getProperty("hoist.schemadiff.pg-dump") != null) {
				List<String> expected = PgDumpSchema.of(this.to, SchemaEvolution.SCHEMAS);
				List<String> actual = PgDumpSchema.of(this.work, SchemaEvolution.SCHEMAS);
				if (!actual.equals(expected)) {
					return outcome.failed("pg_dump of A + up differs from B's:\nB:\n" + String.join("\n", expected)
							+ "\nA + up:\n" + String.join("\n", actual));
				}
			}
			SchemaDiff.Result remaining = compare(this.work.dataSource(), this.to.dataSource());
			if (!remaining.isEmpty()) {
				return outcome.failed("the engine still sees a difference between A + up and B:\n" + remaining.upSql());
			}
			outcome.stage = "applying the down section";
			hoist.downgradeTo("0");
			outcome.stage = "comparing A + up + down with A";
			difference = ProofDatabases.fingerprint(this.work).differenceFrom(a);
			if (!difference.isEmpty()) {
				return outcome.failed(
						"the fingerprint of A + up + down differs from A's (- only in A, + only in A + up + down):\n"
								+ difference);
			}
			remaining = compare(this.work.dataSource(), this.from.dataSource());
			if (!remaining.isEmpty()) {
				return outcome
					.failed("the engine still sees a difference between A + up + down and A:\n" + remaining.upSql());
			}
			return null;
		}
		catch (RuntimeException | IOException | SQLException ex) {
			return outcome.failed(ex.toString());
		}
	}

	private static SchemaDiff.Result compare(DataSource actual, DataSource expected) {
		return SchemaDiff.between(actual, expected)
			.schemas(SchemaEvolution.SCHEMAS.toArray(String[]::new))
			.online(false)
			.compute();
	}

	private static void clean(Path directory) throws IOException {
		Files.createDirectories(directory);
		try (Stream<Path> files = Files.list(directory)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(file);
			}
		}
	}

	/**
	 * Round trips along one evolving history, each pair starting where the previous one
	 * ended: B of one pair is A of the next. What the previous pair read of B (its model
	 * and fingerprint) serves as A, and the work database, back at A after the down
	 * section, is brought to B by running the up section once more, which is itself
	 * checked (up, down, up again must give B). Half the catalog reads of a fresh round
	 * trip, and no replay of A's statements; after a failed pair the next one starts
	 * afresh from {@code from}.
	 */
	final class Chain {

		private @Nullable SchemaModel modelOfA;

		private @Nullable CatalogFingerprint fingerprintOfA;

		/**
		 * Run the next pair: {@code from} and the work database hold A (the work database
		 * is rebuilt from {@code statementsOfA} only when the chain starts or the
		 * previous pair failed), {@code to} holds B.
		 * @return what went wrong, or {@code null}
		 */
		@Nullable Outcome next(List<String> statementsOfA, boolean online) {
			Outcome outcome = new Outcome();
			try {
				if (this.modelOfA == null || this.fingerprintOfA == null) {
					ProofDatabases.reset(RoundTrip.this.work);
					ProofDatabases.execute(RoundTrip.this.work, statementsOfA);
					this.modelOfA = model(RoundTrip.this.from, "from");
					this.fingerprintOfA = ProofDatabases.fingerprint(RoundTrip.this.from);
				}
				SchemaModel a = this.modelOfA;
				CatalogFingerprint fingerprintA = this.fingerprintOfA;
				// a failure anywhere below starts the next pair afresh
				this.modelOfA = null;
				this.fingerprintOfA = null;
				SchemaModel b = model(RoundTrip.this.to, "to");
				CatalogFingerprint fingerprintB = ProofDatabases.fingerprint(RoundTrip.this.to);
				SchemaDiff.Result diff = new SchemaDiff.Result(MigrationPlan.between(a, b, online), false);
				outcome.upSql = diff.upSql();
				outcome.downSql = diff.downSql();
				if (diff.isEmpty() != fingerprintA.equals(fingerprintB)) {
					return outcome.failed("the diff is " + (diff.isEmpty() ? "" : "not ") + "empty but the fingerprints"
							+ " are " + (fingerprintA.equals(fingerprintB) ? "equal"
									: "different:\n" + fingerprintB.differenceFrom(fingerprintA)));
				}
				if (!diff.isEmpty()) {
					Hoist hoist = applyUp(diff, outcome, online ? a.serverMajor() : null);
					if (outcome.problem != null) {
						return outcome;
					}
					@Nullable Outcome failed = compare(outcome, b, fingerprintB, "A + up", "B");
					if (failed != null) {
						return failed;
					}
					if (System.getProperty("hoist.schemadiff.pg-dump") != null) {
						List<String> expected = PgDumpSchema.of(RoundTrip.this.to, SchemaEvolution.SCHEMAS);
						List<String> actual = PgDumpSchema.of(RoundTrip.this.work, SchemaEvolution.SCHEMAS);
						if (!actual.equals(expected)) {
							return outcome.failed("pg_dump of A + up differs from B's:\nB:\n"
									+ String.join("\n", expected) + "\nA + up:\n" + String.join("\n", actual));
						}
					}
					outcome.stage = "applying the down section";
					hoist.downgradeTo("0");
					failed = compare(outcome, a, fingerprintA, "A + up + down", "A");
					if (failed != null) {
						return failed;
					}
					outcome.stage = "applying the up section again";
					hoist.migrate();
					outcome.stage = "comparing A + up + down + up with B";
					String difference = ProofDatabases.fingerprint(RoundTrip.this.work).differenceFrom(fingerprintB);
					if (!difference.isEmpty()) {
						return outcome
							.failed("the fingerprint differs from B's (- only in B, + only here):\n" + difference);
					}
				}
				this.modelOfA = b;
				this.fingerprintOfA = fingerprintB;
				return null;
			}
			catch (RuntimeException | IOException | SQLException ex) {
				return outcome.failed(ex.toString());
			}
		}

		// an online migration must pass the safety rules a team runs in CI, as written
		private Hoist applyUp(SchemaDiff.Result diff, Outcome outcome, @Nullable Integer lintMajor) throws IOException {
			// a fresh history for each pair: the files are numbered from 1 every time
			RoundTrip.this.work.execute("DROP SCHEMA IF EXISTS " + ProofDatabases.HISTORY_SCHEMA + " CASCADE");
			clean(RoundTrip.this.directory);
			List<Path> files = diff.writeTo(RoundTrip.this.directory, "1", "round trip");
			for (Path file : files) {
				outcome.files.add("== " + file.getFileName() + "\n" + Files.readString(file));
			}
			if (lintMajor != null) {
				List<Finding> findings = SafetyRulesAssertions.unsafeFindings(files, lintMajor)
					.stream()
					.filter((finding) -> !NOT_YET_SAFE.contains(finding.rule()))
					.toList();
				if (!findings.isEmpty()) {
					outcome.failed("the online migration breaks safety rules:\n" + findings.stream()
						.map((finding) -> finding.rule() + " line " + finding.line() + ": " + finding.statement())
						.collect(Collectors.joining("\n")));
				}
			}
			Hoist hoist = Hoist.configure()
				.dataSource(RoundTrip.this.work.dataSource())
				.schema(ProofDatabases.HISTORY_SCHEMA)
				.locations("filesystem:" + RoundTrip.this.directory)
				.load();
			outcome.stage = "applying the up section";
			hoist.migrate();
			return hoist;
		}

		private @Nullable Outcome compare(Outcome outcome, SchemaModel expectedModel,
				CatalogFingerprint expectedFingerprint, String actualName, String expectedName) throws SQLException {
			outcome.stage = "comparing " + actualName + " with " + expectedName;
			String difference = ProofDatabases.fingerprint(RoundTrip.this.work).differenceFrom(expectedFingerprint);
			if (!difference.isEmpty()) {
				return outcome.failed("the fingerprint of " + actualName + " differs from " + expectedName
						+ "'s (- only in " + expectedName + ", + only in " + actualName + "):\n" + difference);
			}
			MigrationPlan remaining = MigrationPlan.between(model(RoundTrip.this.work, "work"), expectedModel, false);
			if (!remaining.isEmpty()) {
				return outcome.failed("the engine still sees a difference between " + actualName + " and "
						+ expectedName + ":\n" + new SchemaDiff.Result(remaining, true).upSql());
			}
			return null;
		}

		private static SchemaModel model(TestDatabase database, String role) throws SQLException {
			try (Connection connection = database.connect()) {
				return new CatalogReader(role + " database " + database.name(),
						Set.of(CatalogReader.DEFAULT_HISTORY_TABLE))
					.read(connection, SchemaEvolution.SCHEMAS, false);
			}
		}

	}

	/** What a round trip produced, kept to print when it fails. */
	static final class Outcome {

		String stage = "computing the diff";

		@Nullable String problem;

		String upSql = "";

		String downSql = "";

		final List<String> files = new ArrayList<>();

		Outcome failed(String problem) {
			this.problem = this.stage + ": " + problem;
			return this;
		}

		/**
		 * Write everything needed to reproduce into a file and return it as text.
		 */
		String report(String header, List<String> statementsOfA, List<String> evolution, Path reportFile) {
			StringBuilder text = new StringBuilder(header).append("\n\nPROBLEM\n").append(this.problem);
			text.append("\n\nSCHEMA A (run in an empty database with schemas public and audit)\n");
			statementsOfA.forEach((sql) -> text.append(sql).append(";\n"));
			text.append("\nSCHEMA B = SCHEMA A, then\n");
			evolution.forEach((sql) -> text.append(sql).append(";\n"));
			text.append("\nGENERATED MIGRATION (files)\n");
			if (this.files.isEmpty()) {
				text.append("-- migrate:up\n").append(this.upSql).append("\n-- migrate:down\n").append(this.downSql);
			}
			this.files.forEach((file) -> text.append(file).append('\n'));
			try {
				Files.createDirectories(reportFile.getParent());
				Files.writeString(reportFile, text, StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return text.toString();
		}

	}

}
