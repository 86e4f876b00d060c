package dev.hoist.core;

import java.util.List;

/**
 * One thing wrong between this build's migrations and the database's history.
 *
 * @param kind what kind of problem
 * @param message a complete message for a person: what, which files and versions, and the
 * way out
 * @param scripts the files or history entries concerned
 */
public record ValidationProblem(Kind kind, String message, List<String> scripts) {

	/**
	 * Create a problem.
	 * @param kind the kind
	 * @param message the message
	 * @param scripts the files concerned
	 */
	public ValidationProblem {
		scripts = List.copyOf(scripts);
	}

	/**
	 * The kinds of problem Hoist detects.
	 */
	public enum Kind {

		/**
		 * A migration file that cannot be read as one: name, markers, options, content.
		 */
		INVALID_FILE,

		/**
		 * A pending migration whose down section cannot run as written. It does not stop
		 * {@code migrate}, which applies the up section and logs it as a warning;
		 * {@code validate}, {@code check} and {@code downgrade} fail on it.
		 */
		INVALID_DOWN_SECTION,

		/**
		 * Two migrations with the same version, or two repeatables with one description.
		 */
		DUPLICATE_VERSION,

		/** An applied migration whose file changed. */
		CHECKSUM_MISMATCH,

		/** An applied migration no longer in the build, below head. */
		MISSING,

		/** Applied migrations newer than the build's head, with the ahead policy FAIL. */
		AHEAD,

		/** Pending migrations older than the revision, without out-of-order allowed. */
		OUT_OF_ORDER,

		/** A failed row left by a non-transactional migration. */
		FAILED

	}

	@Override
	public String toString() {
		return this.message;
	}

}
