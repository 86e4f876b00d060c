package dev.hoist.core;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One migration as this build and the database see it together.
 *
 * @param version the version, or {@code null} for a repeatable migration
 * @param description the description, from the file or class name
 * @param type the kind of migration
 * @param script the file name or class name
 * @param checksum the checksum recorded in history when applied, else the build's
 * @param state where it stands
 * @param installedRank the history rank, or {@code null} when not applied
 * @param installedBy who applied it, or {@code null} when not applied
 * @param installedAt when it was applied, or {@code null} when not applied
 * @param executionTime how long it ran, or {@code null} when not applied
 */
public record MigrationInfo(@Nullable MigrationVersion version, String description, Type type, String script,
		@Nullable String checksum, State state, @Nullable Integer installedRank, @Nullable String installedBy,
		@Nullable Instant installedAt, @Nullable Duration executionTime) {

	/**
	 * Return the version as text, or {@code "R"} for a repeatable migration.
	 * @return the version text
	 */
	public String versionText() {
		return (this.version != null) ? this.version.toString() : "R";
	}

	@Override
	public String toString() {
		return this.script + " (" + this.state + ")";
	}

	/**
	 * Where one migration stands between this build and the database.
	 */
	public enum State {

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
		 * A non-transactional migration that another instance is applying right now (it
		 * holds the migration lock).
		 */
		RUNNING,

		/**
		 * A non-transactional migration that failed part way: blocks until
		 * {@code repair}.
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

	/**
	 * What kind of migration a history row or a file is.
	 */
	public enum Type {

		/** A versioned SQL file, {@code V<version>__<description>.sql}. */
		SQL,

		/** A versioned migration in code, a {@link JavaMigration}. */
		JAVA,

		/**
		 * A repeatable SQL file, {@code R__<description>.sql}, re-applied when it
		 * changes.
		 */
		REPEATABLE,

		/**
		 * A marker row recorded by {@code baseline}: everything up to it counts as
		 * applied.
		 */
		BASELINE

	}

}
