package dev.hoist.core.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import dev.hoist.core.Hoist;
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
