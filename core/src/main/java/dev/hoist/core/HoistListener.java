package dev.hoist.core;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Callbacks for metrics, tracing and logs of one's own. Every method defaults to doing
 * nothing; implement what you need. Called on the migrating thread: keep them quick, and
 * an exception they throw is logged and ignored.
 */
public interface HoistListener {

	/**
	 * The database answered, after Hoist waited for it as configured.
	 * @param waited how long it took, the first attempt included
	 * @param attempts how many connection attempts were made
	 */
	default void databaseAvailable(Duration waited, int attempts) {
	}

	/**
	 * Waiting for the database failed: it did not answer in time, or failed in a way that
	 * waiting cannot heal.
	 * @param failure the failure, with how long Hoist waited
	 */
	default void databaseUnavailable(DatabaseUnavailableException failure) {
	}

	/**
	 * A migrate run begins, before anything is read: once per {@code migrate()}, always
	 * followed by {@link #migrateFinished} or {@link #migrateFailed}, also when there is
	 * nothing to do.
	 */
	default void migrateRunStarted() {
	}

	/**
	 * Pending migrations were found; called before the lock is taken.
	 * @param pending how many migrations were pending when the run started
	 */
	default void migrateStarted(int pending) {
	}

	/**
	 * Another instance holds the lock; called when waiting starts and then every few
	 * seconds.
	 * @param holder the holder, when it could be read, else {@code null}
	 * @param waited how long this instance has waited so far
	 */
	default void lockWaiting(HoistStatus.@Nullable LockHolder holder, Duration waited) {
	}

	/**
	 * The lock was acquired.
	 * @param waited how long it took
	 */
	default void lockAcquired(Duration waited) {
	}

	/**
	 * A migration is about to run.
	 * @param migration the migration
	 */
	default void migrationStarted(MigrationInfo migration) {
	}

	/**
	 * A migration was applied and recorded.
	 * @param migration the migration as now recorded
	 * @param duration how long it ran
	 */
	default void migrationApplied(MigrationInfo migration, Duration duration) {
	}

	/**
	 * A migration failed.
	 * @param migration the migration
	 * @param duration how long it ran before failing
	 * @param failure the failure
	 */
	default void migrationFailed(MigrationInfo migration, Duration duration, HoistException failure) {
	}

	/**
	 * A migrate run finished successfully.
	 * @param result what it did
	 */
	default void migrateFinished(MigrateResult result) {
	}

	/**
	 * A migrate run failed.
	 * @param failure the failure
	 * @param duration how long the run took
	 */
	default void migrateFailed(HoistException failure, Duration duration) {
	}

	/**
	 * The status was read (after a run, or when asked).
	 * @param status the status
	 */
	default void statusRead(HoistStatus status) {
	}

}
