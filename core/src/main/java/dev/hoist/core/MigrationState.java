package dev.hoist.core;

/**
 * Where one migration stands between this build and the database.
 */
public enum MigrationState {

	/** In this build, not applied yet. */
	PENDING,

	/** Applied successfully and unchanged. */
	APPLIED,

	/**
	 * A repeatable migration applied before whose file has changed since: re-applied
	 * next.
	 */
	OUTDATED,

	/** Applied, but its file's checksum differs from the recorded one. */
	CHANGED,

	/**
	 * A non-transactional migration that another instance is applying right now (it holds
	 * the migration lock).
	 */
	RUNNING,

	/**
	 * A non-transactional migration that failed part way: blocks until {@code repair}.
	 */
	FAILED,

	/** Applied, but no longer in this build, below this build's head. */
	MISSING,

	/** Applied, newer than this build's head: the database is ahead of this build. */
	AHEAD,

	/** At or below the baseline: counts as applied without having run. */
	BELOW_BASELINE,

	/** The baseline marker itself. */
	BASELINE

}
