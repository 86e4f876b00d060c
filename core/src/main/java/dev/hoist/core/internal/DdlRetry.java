package dev.hoist.core.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.HoistException;
import dev.hoist.core.MigrationFailedException;
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
	 * must leave nothing behind when it fails (roll back its transaction). While it runs
	 * under Hoist's DDL lock timeout, a {@link LockWaitWatch} looks for the session it
	 * waits for, so that a step that gives up names it.
	 * @param <T> what the step returns
	 * @param connection the session the step runs on
	 * @param migration the migration the step belongs to, for the log
	 * @param step the step
	 * @return what the step returned
	 * @throws MigrationExecutor.StepFailure when the step failed for good
	 * @throws SQLException on a database error outside the migration's statements
	 */
	<T> T run(Connection connection, ResolvedMigration migration, Step<T> step)
			throws MigrationExecutor.StepFailure, SQLException {
		Duration timeout = this.lockTimeout;
		if (timeout == null) {
			return step.run();
		}
		int retry = 0;
		try (LockWaitWatch watch = LockWaitWatch.of(this.configuration.getDataSource(),
				LockWaitWatch.backendPid(connection), timeout)) {
			while (true) {
				watch.start();
				try {
					return step.run();
				}
				catch (MigrationExecutor.StepFailure failure) {
					if (!isRetryable(failure)) {
						throw failure;
					}
					List<LockWaitWatch.Blocker> blockers = watch.blockers();
					if (retry >= this.retries) {
						throw gaveUp(failure, blockers, watch.pid(), retry + 1);
					}
					retry++;
					backOff(migration, retry, blockers);
				}
				finally {
					watch.stop();
				}
			}
		}
	}

	private boolean isRetryable(MigrationExecutor.StepFailure failure) {
		// without Hoist's own lock_timeout a 55P03 is the migration's own business (its
		// own SET lock_timeout, a NOWAIT): no retry can be right about it
		return this.lockTimeout != null && failure.isLockTimeout();
	}

	private void backOff(ResolvedMigration migration, int retry, List<LockWaitWatch.Blocker> blockers) {
		long millis = Math.min(MAX_BACKOFF_MILLIS, 250L << Math.min(retry, 7));
		millis = millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1);
		logger.warn("Hoist: {} could not get its table lock within lock_timeout {} ms ({}){}; retry {} of {} in {} ms",
				migration.script(), (this.lockTimeout != null) ? this.lockTimeout.toMillis() : 0,
				SettingName.DDL_LOCK_TIMEOUT.in(this.configuration),
				blockers.isEmpty() ? "" : ": blocked by " + describe(blockers), retry, this.retries, millis);
		try {
			TimeUnit.MILLISECONDS.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new HoistException("Interrupted while retrying " + migration.script(), ex);
		}
	}

	/**
	 * The statement is fine; another session held a lock it needed on every attempt. Say
	 * who, when it was seen, and which settings give it more time.
	 */
	private MigrationExecutor.StepFailure gaveUp(MigrationExecutor.StepFailure failure,
			List<LockWaitWatch.Blocker> blockers, int pid, int attempts) {
		MigrationFailedException original = failure.failure();
		long millis = (this.lockTimeout != null) ? this.lockTimeout.toMillis() : 0;
		StringBuilder message = new StringBuilder(String.valueOf(original.getMessage()));
		message.append("\nThe statement waited for a lock that another session held");
		if (blockers.isEmpty()) {
			message.append("; Hoist could not see which one in time (while it waits, pg_blocking_pids(")
				.append(pid)
				.append(") names it).");
		}
		else {
			message.append(": ").append(describe(blockers)).append('.');
		}
		message.append(" Every attempt gave up after lock_timeout ")
			.append(millis)
			.append(" ms (")
			.append(SettingName.DDL_LOCK_TIMEOUT.in(this.configuration))
			.append("): ")
			.append(attempts)
			.append((attempts == 1) ? " attempt, " : " attempts, ")
			.append(this.retries)
			.append((this.retries == 1) ? " retry" : " retries")
			.append(" (")
			.append(SettingName.DDL_LOCK_RETRIES.in(this.configuration))
			.append("). Nothing is wrong with the migration: start again once that session is done");
		if (!blockers.isEmpty()) {
			message.append(", end it if it is stuck (SELECT pg_terminate_backend(")
				.append(blockers.get(0).pid())
				.append("))");
		}
		message.append(", or give the statement more time with those two settings.");
		MigrationFailedException withBlocker = new MigrationFailedException(message.toString(), original.script(),
				original.line(), original.statement(), original.sqlState(), original.getCause());
		return new MigrationExecutor.StepFailure(withBlocker, failure.getCause(), failure.statementsBefore());
	}

	private static String describe(List<LockWaitWatch.Blocker> blockers) {
		return blockers.stream().map(LockWaitWatch.Blocker::describe).collect(Collectors.joining("; "));
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
