package dev.hoist.core;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What one {@code migrate} run did.
 *
 * @param initialRevision the revision before the run
 * @param revision the revision after the run
 * @param applied the migrations this run applied, in order
 * @param lockWait how long this run waited for another instance's lock
 * @param duration the whole run, lock wait included
 */
public record MigrateResult(@Nullable MigrationVersion initialRevision, @Nullable MigrationVersion revision,
		List<MigrationInfo> applied, Duration lockWait, Duration duration) {

	/**
	 * Create a result.
	 * @param initialRevision the revision before
	 * @param revision the revision after
	 * @param applied the applied migrations
	 * @param lockWait the lock wait
	 * @param duration the duration
	 */
	public MigrateResult {
		applied = List.copyOf(applied);
	}

	/**
	 * Return how many migrations this run applied.
	 * @return the count
	 */
	public int migrationsExecuted() {
		return this.applied.size();
	}

}
