package dev.hoist.core.lint;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * One statement of a migration that breaks one safety rule.
 *
 * @param rule the stable rule id, such as {@code hoist:index-not-concurrent}
 * @param severity how much it matters
 * @param script the migration file, as its location names it
 * @param line the 1-based line in the file where the statement starts
 * @param statement the statement's text
 * @param relation the table, index or view the statement acts on, {@code null} when not
 * known
 * @param lockMode the lock the statement takes on that relation in PostgreSQL's spelling
 * ({@code ACCESS EXCLUSIVE}, {@code SHARE}, ...), {@code null} when it takes none that
 * matters or the relation is created in the same migration
 * @param rewrites whether the statement rewrites the whole table
 * @param reason one line: what is locked or broken, and for how long
 * @param suggestion the safe way to do the same, as SQL to paste where possible
 * @param suppression the reason given in a {@code -- hoist:allow} comment that suppresses
 * this finding, {@code null} when it is not suppressed
 * @param size how big the relation is on the live database, {@code null} when no database
 * was read or the relation is not there yet
 */
public record Finding(String rule, Severity severity, String script, int line, String statement,
		@Nullable String relation, @Nullable String lockMode, boolean rewrites, String reason, String suggestion,
		@Nullable String suppression, @Nullable Size size) {

	/**
	 * Create a finding of the static rules, which know no sizes.
	 * @param rule the rule id
	 * @param severity the severity
	 * @param script the migration file
	 * @param line the line where the statement starts
	 * @param statement the statement
	 * @param relation the relation, or {@code null}
	 * @param lockMode the lock mode, or {@code null}
	 * @param rewrites whether the table is rewritten
	 * @param reason what is locked or broken
	 * @param suggestion the safe way to do the same
	 * @param suppression the suppression's reason, or {@code null}
	 */
	public Finding(String rule, Severity severity, String script, int line, String statement, @Nullable String relation,
			@Nullable String lockMode, boolean rewrites, String reason, String suggestion,
			@Nullable String suppression) {
		this(rule, severity, script, line, statement, relation, lockMode, rewrites, reason, suggestion, suppression,
				null);
	}

	/**
	 * Return whether a reviewed {@code -- hoist:allow} comment suppresses this finding.
	 * Suppressed findings are still reported, so that reviews see them.
	 * @return whether it is suppressed
	 */
	public boolean isSuppressed() {
		return this.suppression != null;
	}

	/**
	 * Return this finding suppressed with a reason.
	 * @param reason the reason given in the {@code -- hoist:allow} comment
	 * @return the suppressed finding
	 */
	public Finding suppressedBecause(String reason) {
		return new Finding(this.rule, this.severity, this.script, this.line, this.statement, this.relation,
				this.lockMode, this.rewrites, this.reason, this.suggestion, reason, this.size);
	}

	/**
	 * Return this finding with the live size of its relation.
	 * @param size the size, or {@code null} when not known
	 * @return the finding
	 */
	public Finding withSize(@Nullable Size size) {
		return new Finding(this.rule, this.severity, this.script, this.line, this.statement, this.relation,
				this.lockMode, this.rewrites, this.reason, this.suggestion, this.suppression, size);
	}

	/**
	 * Return whether a finding that is not suppressed is at least as severe as a
	 * threshold: the exit-code question for CI.
	 * @param findings the findings
	 * @param threshold the least severity that fails
	 * @return whether one is
	 */
	public static boolean fails(List<Finding> findings, Severity threshold) {
		return findings.stream()
			.anyMatch((finding) -> !finding.isSuppressed() && finding.severity().isAtLeast(threshold));
	}

	/**
	 * How big a relation is on the live database, from the catalogs: PostgreSQL's own
	 * estimate of its rows, made as the planner makes it, and its size on disk.
	 *
	 * @param relation the relation, schema-qualified
	 * @param rows the estimated number of rows (a partitioned table's partitions summed)
	 * @param bytes the size of its main data on disk, without indexes and TOAST
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
	 * How much a {@link Finding} matters, most severe first.
	 */
	public enum Severity {

		/**
		 * The statement blocks reads or writes for as long as it takes to scan or rewrite
		 * a table, fails on a live database, or breaks the code that is still running.
		 */
		ERROR,

		/**
		 * The statement takes a strong lock briefly, or is dangerous depending on the
		 * table and how it is used.
		 */
		WARNING,

		/**
		 * Schema-design advice: nothing is locked, but the choice is hard to undo later.
		 */
		INFO;

		/**
		 * Return whether this severity is at least as severe as another.
		 * @param other the other severity
		 * @return whether this one is as severe or more
		 */
		public boolean isAtLeast(Severity other) {
			return compareTo(other) <= 0;
		}

	}

}
