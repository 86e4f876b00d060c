package dev.hoist.autoconfigure.actuate;

import java.time.Duration;
import java.time.Instant;

import dev.hoist.core.DatabaseSettings;
import dev.hoist.core.DatabaseUnavailableException;
import dev.hoist.core.HoistException;
import dev.hoist.core.HoistListener;
import dev.hoist.core.HoistStatus;
import dev.hoist.core.MigrateResult;
import dev.hoist.core.tenants.TenantsResult;
import org.jspecify.annotations.Nullable;

/**
 * What this instance is doing with its migrations right now, as the listener callbacks
 * tell it: migrating, waiting for another instance's lock (and whose), the last failure
 * and the last status read; with tenants, the last tenant run and status. Health and the
 * endpoint show it without asking the database.
 *
 * @since 0.1.0
 */
public class MigrationActivity implements HoistListener {

	private volatile boolean migrating;

	private volatile @Nullable LockWait lockWait;

	private volatile @Nullable Failure lastFailure;

	private volatile @Nullable HoistStatus lastStatus;

	private volatile @Nullable TenantsResult lastTenantRun;

	private volatile @Nullable TenantsResult lastTenantStatus;

	@Override
	public void databaseAvailable(Duration waited, int attempts) {
		this.lastFailure = null;
	}

	@Override
	public void databaseUnavailable(DatabaseUnavailableException failure) {
		this.lastFailure = new Failure(DatabaseSettings.mask(String.valueOf(failure.getMessage())), Instant.now());
	}

	@Override
	public void migrateStarted(int pending) {
		this.migrating = true;
		this.lockWait = null;
	}

	@Override
	public void lockWaiting(HoistStatus.@Nullable LockHolder holder, Duration waited) {
		this.lockWait = new LockWait(holder, waited);
	}

	@Override
	public void lockAcquired(Duration waited) {
		this.lockWait = null;
	}

	@Override
	public void migrateFinished(MigrateResult result) {
		this.migrating = false;
		this.lockWait = null;
		this.lastFailure = null;
	}

	@Override
	public void migrateFailed(HoistException failure, Duration duration) {
		this.migrating = false;
		this.lockWait = null;
		this.lastFailure = new Failure(DatabaseSettings.mask(String.valueOf(failure.getMessage())), Instant.now());
	}

	@Override
	public void statusRead(HoistStatus status) {
		this.lastStatus = status;
	}

	@Override
	public void tenantsMigrateStarted(int tenants, int pending) {
		this.migrating = pending > 0;
		this.lockWait = null;
	}

	@Override
	public void tenantsMigrateFinished(TenantsResult result) {
		this.migrating = false;
		this.lockWait = null;
		this.lastFailure = null;
		this.lastTenantRun = result;
		this.lastTenantStatus = result;
	}

	@Override
	public void tenantStatusRead(TenantsResult status) {
		this.lastTenantStatus = status;
	}

	/**
	 * Return what this instance is doing now.
	 * @return an immutable snapshot
	 */
	public Snapshot snapshot() {
		LockWait wait = this.lockWait;
		boolean running = this.migrating;
		HoistStatus.State state = (wait != null) ? HoistStatus.State.WAITING_FOR_LOCK
				: running ? HoistStatus.State.MIGRATING : null;
		return new Snapshot(state, (wait != null) ? wait.holder() : null, this.lastFailure, this.lastStatus,
				this.lastTenantRun, this.lastTenantStatus);
	}

	/**
	 * What this instance is doing with its migrations.
	 *
	 * @param state {@link HoistStatus.State#MIGRATING} or
	 * {@link HoistStatus.State#WAITING_FOR_LOCK} while a run is under way, else
	 * {@code null}
	 * @param lockHolder the session holding the lock while this instance waits for it,
	 * when it could be read
	 * @param lastFailure the last failure to connect or to migrate, cleared by the next
	 * success
	 * @param lastStatus the last status read, by a run or by a health check
	 * @param lastTenantRun the outcome of this instance's last tenant migrate run, whose
	 * failed tenants health keeps reporting as failed
	 * @param lastTenantStatus the last tenant status read, or the last tenant run
	 */
	public record Snapshot(HoistStatus.@Nullable State state, HoistStatus.@Nullable LockHolder lockHolder,
			@Nullable Failure lastFailure, @Nullable HoistStatus lastStatus, @Nullable TenantsResult lastTenantRun,
			@Nullable TenantsResult lastTenantStatus) {

	}

	/**
	 * A failure to connect or to migrate.
	 *
	 * @param message the message; Hoist's messages never contain a password
	 * @param at when it happened
	 */
	public record Failure(@Nullable String message, Instant at) {

	}

	private record LockWait(HoistStatus.@Nullable LockHolder holder, Duration waited) {

	}

}
