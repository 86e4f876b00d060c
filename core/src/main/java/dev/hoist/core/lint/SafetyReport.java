package dev.hoist.core.lint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What Hoist knows about migrations before they run: the findings of the static safety
 * rules ({@code lint}), the live size of each relation they name, and, for a
 * {@code plan}, what each statement was seen to lock and rewrite when it ran on a shadow
 * database that has the live schema.
 *
 * <pre>{@code
 * SafetyReport plan = hoist.plan();
 * for (SafetyReport.Migration migration : plan.migrations()) {
 *     for (SafetyReport.Statement statement : migration.statements()) {
 *         statement.locks().forEach((lock) -> System.out.println(lock.meaning()));
 *     }
 * }
 * boolean unsafe = plan.fails(Severity.ERROR);
 * }</pre>
 *
 * @param findings the findings of the static rules, suppressed ones included, in the
 * order the files apply, then by line
 * @param sizes the live size of each relation that a finding or an observed lock names,
 * by the name it uses; empty when no database was read
 * @param migrations each migration as a plan observed it, in the order they apply; empty
 * for {@code lint}
 * @param serverMajor the PostgreSQL major version the rules assumed and the plan ran on
 * @param shadow where a plan ran the migrations, such as
 * {@code temporary database hoist_shadow_20261201_1a2b on db:5432}; {@code null} for
 * {@code lint}
 * @param notes what could not be checked or observed, one sentence each
 */
public record SafetyReport(List<Finding> findings, Map<String, Size> sizes, List<Migration> migrations, int serverMajor,
		@Nullable String shadow, List<String> notes) {

	/**
	 * Create a report.
	 * @param findings the findings
	 * @param sizes the sizes by relation name
	 * @param migrations the observed migrations
	 * @param serverMajor the PostgreSQL major version
	 * @param shadow where a plan ran
	 * @param notes what could not be checked
	 */
	public SafetyReport {
		findings = List.copyOf(findings);
		sizes = Collections.unmodifiableMap(new LinkedHashMap<>(sizes));
		migrations = List.copyOf(migrations);
		notes = List.copyOf(notes);
	}

	/**
	 * Return whether a finding that is not suppressed is at least as severe as a
	 * threshold: the exit-code question for CI.
	 * @param threshold the severity that fails
	 * @return whether one is
	 */
	public boolean fails(Severity threshold) {
		return this.findings.stream()
			.anyMatch((finding) -> !finding.isSuppressed() && finding.severity().isAtLeast(threshold));
	}

	/**
	 * Return the live size of the relation a finding or a lock names.
	 * @param relation the name as the finding or the lock gives it
	 * @return the size, or {@code null} when it is not known (no database was read, or
	 * the relation does not exist there)
	 */
	public @Nullable Size sizeOf(@Nullable String relation) {
		return (relation != null) ? this.sizes.get(relation) : null;
	}

	/**
	 * A relation's size on the live database, from the catalogs: PostgreSQL's own
	 * estimate of its rows (as the planner makes it) and its size on disk.
	 *
	 * @param relation the relation, schema-qualified
	 * @param rows the estimated number of rows
	 * @param bytes the size of its main data on disk, indexes and TOAST not included
	 */
	public record Size(String relation, long rows, long bytes) {

		/**
		 * Say how big the relation is, such as {@code 1.2 M rows, 96 MB}.
		 * @return the description
		 */
		public String describe() {
			return rowCount(this.rows) + ((this.rows == 1) ? " row, " : " rows, ") + byteCount(this.bytes);
		}

		private static String rowCount(long rows) {
			if (rows < 10_000) {
				return String.format(Locale.ROOT, "%,d", rows);
			}
			if (rows < 1_000_000) {
				return String.format(Locale.ROOT, "%,d k", Math.round(rows / 1000.0));
			}
			if (rows < 1_000_000_000) {
				return String.format(Locale.ROOT, "%.1f M", rows / 1_000_000.0);
			}
			return String.format(Locale.ROOT, "%.1f G", rows / 1_000_000_000.0);
		}

		private static String byteCount(long bytes) {
			if (bytes < 1024) {
				return bytes + " bytes";
			}
			if (bytes < 1024 * 1024) {
				return String.format(Locale.ROOT, "%d kB", Math.round(bytes / 1024.0));
			}
			if (bytes < 1024L * 1024 * 1024) {
				return String.format(Locale.ROOT, "%d MB", Math.round(bytes / (1024.0 * 1024)));
			}
			return String.format(Locale.ROOT, "%.1f GB", bytes / (1024.0 * 1024 * 1024));
		}

	}

	/**
	 * One migration as a plan observed it.
	 *
	 * @param script the migration file, as its location names it
	 * @param version the version, {@code null} for a repeatable migration
	 * @param transactional whether it runs in one transaction (locks are then held until
	 * it commits), rather than statement by statement ({@code transaction:false})
	 * @param statements its statements in order
	 */
	public record Migration(String script, @Nullable String version, boolean transactional,
			List<Statement> statements) {

		/**
		 * Create a migration.
		 * @param script the script
		 * @param version the version
		 * @param transactional whether it runs in one transaction
		 * @param statements the statements
		 */
		public Migration {
			statements = List.copyOf(statements);
		}

	}

	/**
	 * One statement as a plan observed it.
	 *
	 * @param line the 1-based line in the file where the statement starts
	 * @param sql the statement's text
	 * @param observation how its locks and rewrites are known
	 * @param locks the locks it takes on relations that exist on the live database, and
	 * whether it rewrites them; each lock is listed at the first statement that takes it
	 * @param detail why the statement was not observed, or PostgreSQL's error when it
	 * failed; {@code null} when observed
	 */
	public record Statement(int line, String sql, Observation observation, List<Lock> locks, @Nullable String detail) {

		/**
		 * Create a statement.
		 * @param line the line
		 * @param sql the text
		 * @param observation how it is known
		 * @param locks the locks
		 * @param detail the detail
		 */
		public Statement {
			locks = List.copyOf(locks);
		}

	}

	/**
	 * How a statement's locks and rewrites are known.
	 */
	public enum Observation {

		/**
		 * It ran on the shadow database in a transaction that was rolled back, and its
		 * locks were read from {@code pg_locks} and its rewrites from the relations' file
		 * nodes.
		 */
		OBSERVED,

		/**
		 * It cannot run in a transaction ({@code CREATE INDEX CONCURRENTLY} and the
		 * like): its rewrites were observed on the shadow database, its locks are those
		 * PostgreSQL's documentation gives.
		 */
		DOCUMENTED,

		/**
		 * It was not run: it acts outside the database (roles, databases, tablespaces,
		 * server files), or is Java code.
		 */
		NOT_RUN,

		/** It failed on the shadow database; the detail gives PostgreSQL's error. */
		FAILED,

		/** It was not run because an earlier statement or migration failed. */
		SKIPPED;

		/**
		 * Return the name as reports show it, such as {@code not-run}.
		 * @return the lower-case, hyphenated name
		 */
		public String label() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

	}

	/**
	 * A lock a statement takes on a relation of the live database, and what it means.
	 *
	 * @param relation the relation, schema-qualified
	 * @param kind {@code table}, {@code partitioned table}, {@code index}, {@code view},
	 * {@code materialized view} or {@code sequence}
	 * @param mode the lock mode in PostgreSQL's spelling, such as
	 * {@code ACCESS EXCLUSIVE}
	 * @param rewrites whether the statement rewrites the relation (a table's or an
	 * index's files are replaced)
	 * @param size the relation's live size, {@code null} when not known
	 * @param meaning what the lock does to the service, in words
	 */
	public record Lock(String relation, String kind, String mode, boolean rewrites, @Nullable Size size,
			String meaning) {

		/**
		 * Return whether the mode makes inserts, updates and deletes wait.
		 * @return whether writes are blocked
		 */
		public boolean blocksWrites() {
			return this.mode.equals("SHARE") || this.mode.equals("SHARE ROW EXCLUSIVE") || this.mode.equals("EXCLUSIVE")
					|| blocksReads();
		}

		/**
		 * Return whether the mode makes plain reads wait.
		 * @return whether reads are blocked
		 */
		public boolean blocksReads() {
			return this.mode.equals("ACCESS EXCLUSIVE");
		}

	}

}
