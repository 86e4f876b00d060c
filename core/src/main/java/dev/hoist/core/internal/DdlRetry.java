package dev.hoist.core.internal;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.HoistException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that decides whether a failed migration step is tried again: only when
 * its statement gave up waiting for a table lock (SQLSTATE 55P03) because Hoist set a DDL
 * {@code lock_timeout}, and retries remain. Then it backs off, so that the DDL never
 * queues behind a long reader while traffic queues behind the DDL. Every path that runs
 * migration statements (migrate, downgrade, transactional or not) retries through it.
 */
final class DdlRetry {

	private static final Logger logger = LoggerFactory.getLogger(DdlRetry.class);

	// capped: a blocker that goes away should not leave the DDL idle for long
	private static final long MAX_BACKOFF_MILLIS = 5_000;

	private final @Nullable Duration lockTimeout;

	private final int retries;

	private final HoistConfiguration configuration;

	DdlRetry(HoistConfiguration configuration) {
		this.configuration = configuration;
		this.lockTimeout = configuration.getDdlLockTimeout();
		this.retries = configuration.getDdlLockRetries();
	}

	/**
	 * Run a step, trying it again after a DDL lock timeout while retries remain. The step
	 * must leave nothing behind when it fails (roll back its transaction).
	 * @param <T> what the step returns
	 * @param migration the migration the step belongs to, for the log
	 * @param step the step
	 * @return what the step returned
	 * @throws MigrationExecutor.StepFailure when the step failed for good
	 * @throws SQLException on a database error outside the migration's statements
	 */
	<T> T run(ResolvedMigration migration, Step<T> step) throws MigrationExecutor.StepFailure, SQLException {
		int retry = 0;
		while (true) {
			try {
				return step.run();
			}
			catch (MigrationExecutor.StepFailure failure) {
				if (!isRetryable(failure) || retry >= this.retries) {
					throw failure;
				}
				retry++;
				backOff(migration, retry);
			}
		}
	}

	private boolean isRetryable(MigrationExecutor.StepFailure failure) {
		// without Hoist's own lock_timeout a 55P03 is the migration's own business (its
		// own SET lock_timeout, a NOWAIT): no retry can be right about it
		return this.lockTimeout != null && failure.isLockTimeout();
	}

	private void backOff(ResolvedMigration migration, int retry) {
		long millis = Math.min(MAX_BACKOFF_MILLIS, 250L << Math.min(retry, 7));
		millis = millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1);
		logger.warn("Hoist: {} could not get its table lock within lock_timeout {} ms ({}); retry {} of {} in {} ms",
				migration.script(), (this.lockTimeout != null) ? this.lockTimeout.toMillis() : 0,
				SettingName.DDL_LOCK_TIMEOUT.in(this.configuration), retry, this.retries, millis);
		try {
			TimeUnit.MILLISECONDS.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new HoistException("Interrupted while retrying " + migration.script(), ex);
		}
	}

	/**
	 * One attempt at a step.
	 *
	 * @param <T> what the step returns
	 */
	@FunctionalInterface
	interface Step<T> {

		T run() throws MigrationExecutor.StepFailure, SQLException;

	}

}
