package dev.hoist.core;

import java.time.Duration;

import dev.hoist.core.tenants.TenantsResult;
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

	/**
	 * A tenant migrate run ({@link Hoist#migrateTenants()}) has read its tenants and is
	 * about to migrate those that are behind. Its tenants' migrations are told to
	 * {@link #migrationStarted}, {@link #migrationApplied} and {@link #migrationFailed}
	 * as a single schema's are; the run-level events of a single schema
	 * ({@link #migrateStarted}, {@link #migrateFinished}, {@link #statusRead}) are not
	 * called for each tenant. A run that fails before it reaches its tenants (an
	 * unreadable tenant list) is told to {@link #migrateFailed}.
	 * @param tenants how many tenants the run covers
	 * @param pending how many of them have migrations to apply or need checking
	 */
	default void tenantsMigrateStarted(int tenants, int pending) {
	}

	/**
	 * One tenant of a tenant migrate run is done: migrated, failed or skipped. Called on
	 * the thread that migrated it, for each tenant the run had to work on.
	 * @param tenant where the tenant stands now
	 */
	default void tenantMigrated(TenantsResult.Tenant tenant) {
	}

	/**
	 * A tenant migrate run ended, whatever became of each tenant.
	 * @param result every tenant's outcome
	 */
	default void tenantsMigrateFinished(TenantsResult result) {
	}

	/**
	 * Every tenant's status was read ({@link Hoist#tenantStatus()}).
	 * @param status every tenant's state
	 */
	default void tenantStatusRead(TenantsResult status) {
	}

}
