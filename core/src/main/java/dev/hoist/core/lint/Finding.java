package dev.hoist.core.lint;

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
 */
public record Finding(String rule, Severity severity, String script, int line, String statement,
		@Nullable String relation, @Nullable String lockMode, boolean rewrites, String reason, String suggestion,
		@Nullable String suppression) {

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
				this.lockMode, this.rewrites, this.reason, this.suggestion, reason);
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
