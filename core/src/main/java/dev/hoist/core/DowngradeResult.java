package dev.hoist.core;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What one {@code downgrade} run did.
 *
 * @param initialRevision the revision before the run
 * @param revision the revision after the run
 * @param reverted the migrations whose down sections ran, newest first
 * @param lockWait how long this run waited for another instance's lock
 * @param duration the whole run, lock wait included
 */
public record DowngradeResult(@Nullable MigrationVersion initialRevision, @Nullable MigrationVersion revision,
		List<MigrationInfo> reverted, Duration lockWait, Duration duration) {

	/**
	 * Create a result.
	 * @param initialRevision the revision before
	 * @param revision the revision after
	 * @param reverted the reverted migrations
	 * @param lockWait the lock wait
	 * @param duration the duration
	 */
	public DowngradeResult {
		reverted = List.copyOf(reverted);
	}

	/**
	 * Return how many migrations this run reverted.
	 * @return the count
	 */
	public int migrationsReverted() {
		return this.reverted.size();
	}

}
