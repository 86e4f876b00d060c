package dev.hoist.core.lint;

/**
 * How much a {@link Finding} matters, most severe first.
 */
public enum Severity {

	/**
	 * The statement blocks reads or writes for as long as it takes to scan or rewrite a
	 * table, fails on a live database, or breaks the code that is still running.
	 */
	ERROR,

	/**
	 * The statement takes a strong lock briefly, or is dangerous depending on the table
	 * and how it is used.
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
