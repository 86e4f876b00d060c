package dev.hoist.core.internal;

import java.time.Duration;
import java.time.Instant;

import dev.hoist.core.MigrationInfo;
import dev.hoist.core.MigrationVersion;
import org.jspecify.annotations.Nullable;

/**
 * One row of the history table.
 *
 * @param rank the installed rank, increasing in the order of application
 * @param version the version, {@code null} for a repeatable
 * @param description the description
 * @param type the type
 * @param script the script
 * @param checksum the checksum, {@code null} when none was recorded
 * @param installedBy who applied it
 * @param installedAt when
 * @param executionMs how long it ran
 * @param success whether it succeeded
 */
public record HistoryRow(int rank, @Nullable MigrationVersion version, String description, MigrationInfo.Type type,
		String script, @Nullable String checksum, String installedBy, Instant installedAt, int executionMs,
		boolean success) {

	/** What a non-transactional migration's row says while it runs, or after a crash. */
	public static final int UNFINISHED = -1;

	/**
	 * Return whether this row was written before a non-transactional migration ran and
	 * never completed: it is running now, or its process died part way.
	 * @return whether unfinished
	 */
	/**
	 * Return this row as people see it, in a state decided by the caller.
	 * @param state the state
	 * @return the migration info
	 */
	public MigrationInfo info(MigrationInfo.State state) {
		return new MigrationInfo(this.version, this.description, this.type, this.script, this.checksum, state,
				this.rank, this.installedBy, this.installedAt, Duration.ofMillis(Math.max(0, this.executionMs)));
	}

	public boolean isUnfinished() {
		return !this.success && this.executionMs == UNFINISHED;
	}

}
