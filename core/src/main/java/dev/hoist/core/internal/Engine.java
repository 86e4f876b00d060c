package dev.hoist.core.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.hoist.core.HoistException;
import dev.hoist.core.HoistListener;
import dev.hoist.core.HoistStatus;
import dev.hoist.core.LockMode;
import dev.hoist.core.MigrateResult;
import dev.hoist.core.MigrationFailedException;
import dev.hoist.core.MigrationInfo;
import dev.hoist.core.MigrationState;
import dev.hoist.core.MigrationVersion;
import dev.hoist.core.ValidationException;
import dev.hoist.core.ValidationProblem;
import dev.hoist.core.ValidationProblem.Kind;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Hoist's commands against one database.
 */
public final class Engine {

	private static final Logger logger = LoggerFactory.getLogger(Engine.class);

	private final Settings settings;

	private final MigrationLoader loader;

	private final MigrationExecutor executor;

	private final Listeners listeners;

	public Engine(Settings settings) {
		this.settings = settings;
		this.loader = new MigrationLoader(settings);
		this.executor = new MigrationExecutor(settings);
		this.listeners = new Listeners(settings.listeners());
	}

	public Settings settings() {
		return this.settings;
	}

	/**
	 * Load the build's migrations.
	 * @return the migrations and file problems
	 */
	public MigrationLoader.Loaded load() {
		return this.loader.load();
	}

	public HoistStatus status() {
		return status(null);
	}

	public HoistStatus status(@Nullable Duration readTimeout) {
		MigrationLoader.Loaded loaded = this.loader.load();
		try (Session session = Session.open(this.settings, readTimeout)) {
			List<HistoryRow> rows = session.located().exists() ? session.history().read(session.connection())
					: List.of();
			HoistStatus status = Plan.of(loaded, rows, this.settings, isLockHeldElsewhere(session, rows)).status();
			this.listeners.fire((listener) -> listener.statusRead(status));
			return status;
		}
		catch (SQLException ex) {
			throw Session.failure("read the migration status", ex);
		}
	}

	public void validate() {
		List<ValidationProblem> problems = status().problems();
		if (!problems.isEmpty()) {
			throw new ValidationException(problems);
		}
	}

	public MigrateResult migrate() {
		long start = System.nanoTime();
		this.listeners.fire(HoistListener::migrateRunStarted);
		MigrationLoader.Loaded loaded;
		try {
			loaded = this.loader.load();
		}
		catch (HoistException ex) {
			this.listeners.fire((listener) -> listener.migrateFailed(ex, elapsed(start)));
			throw ex;
		}
		try (Session session = Session.open(this.settings)) {
			List<HistoryRow> rows = session.located().exists() ? session.history().read(session.connection())
					: List.of();
			Plan plan = Plan.of(loaded, rows, this.settings, isLockHeldElsewhere(session, rows));
			check(plan);
			// what passes the check is a down section's problem: it does not stop the up
			plan.problems().forEach((problem) -> logger.warn("Hoist: {}", problem.message()));
			MigrationVersion initial = plan.revision();
			if (plan.toApply(this.settings.target()).isEmpty()) {
				// the common start: nothing to do, so no lock and no further statements
				logger.info("Hoist: schema {} is up to date at revision {}", session.history().schema(),
						(initial != null) ? initial : "(empty)");
				MigrateResult result = new MigrateResult(initial, initial, List.of(), Duration.ZERO, elapsed(start));
				this.listeners.fire((listener) -> listener.migrateFinished(result));
				fireStatusRead(plan);
				return result;
			}
			int pendingCount = plan.toApply(this.settings.target()).size();
			this.listeners.fire((listener) -> listener.migrateStarted(pendingCount));
			Run run = (this.settings.lockMode() == LockMode.SESSION)
					? migrateUnderSessionLock(session, loaded, initial, start)
					: migrateUnderTransactionLocks(session, loaded, initial, start);
			MigrateResult result = run.result();
			logger.info("Hoist: applied {} migration{} to schema {} in {} ms; revision {} -> {}",
					result.migrationsExecuted(), (result.migrationsExecuted() == 1) ? "" : "s",
					session.history().schema(), result.duration().toMillis(), (initial != null) ? initial : "(empty)",
					(result.revision() != null) ? result.revision() : "(empty)");
			this.listeners.fire((listener) -> listener.migrateFinished(result));
			fireStatusRead(run.after());
			return result;
		}
		catch (HoistException ex) {
			this.listeners.fire((listener) -> listener.migrateFailed(ex, elapsed(start)));
			throw ex;
		}
		catch (SQLException ex) {
			HoistException failure = Session.failure("migrate", ex);
			this.listeners.fire((listener) -> listener.migrateFailed(failure, elapsed(start)));
			throw failure;
		}
	}

	// the status after a run costs no statement: the plan holds it, and gauges and health
	// want it
	private void fireStatusRead(Plan plan) {
		HoistStatus status = plan.status();
		this.listeners.fire((listener) -> listener.statusRead(status));
	}

	private void check(Plan plan) {
		if (plan.problems().stream().anyMatch((problem) -> problem.kind() != Kind.INVALID_DOWN_SECTION)) {
			throw new ValidationException(plan.problems());
		}
		if (!plan.ahead().isEmpty()) {
			logger.warn("Hoist: {}. Starting anyway (hoist.ahead=warn): this looks like an older replica during a"
					+ " rolling deploy", plan.aheadMessage());
		}
	}

	private Run migrateUnderSessionLock(Session session, MigrationLoader.Loaded loaded,
			@Nullable MigrationVersion initial, long start) throws SQLException {
		Connection connection = session.connection();
		AdvisoryLock lock = session.lock();
		Duration lockWait = lock.acquire(connection, this.settings.lockTimeout(),
				(holder, waited) -> this.listeners.fire((listener) -> listener.lockWaiting(holder, waited)));
		this.listeners.fire((listener) -> listener.lockAcquired(lockWait));
		Exception failure = null;
		try {
			createHistoryIfMissing(session);
			// another instance may have migrated while this one waited
			Plan plan = Plan.of(loaded, session.history().read(connection), this.settings);
			check(plan);
			List<MigrationInfo> applied = new ArrayList<>();
			for (ResolvedMigration migration : plan.toApply(this.settings.target())) {
				applied.add(apply(session, migration));
			}
			Plan after = Plan.of(loaded, session.history().read(connection), this.settings);
			return new Run(new MigrateResult(initial, after.revision(), applied, lockWait, elapsed(start)), after);
		}
		catch (SQLException | RuntimeException ex) {
			failure = ex;
			throw ex;
		}
		finally {
			release(session, lock, failure);
		}
	}

	private void release(Session session, AdvisoryLock lock, @Nullable Exception failure) {
		try {
			lock.release(session.connection());
		}
		catch (SQLException | HoistException ex) {
			if (failure != null) {
				// the original failure is what the operator needs; never hide it
				logger.warn("Hoist: could not release the migration lock after a failure: {}", ex.getMessage());
				failure.addSuppressed(ex);
			}
			else if (ex instanceof HoistException hoist) {
				throw hoist;
			}
			else {
				throw Session.failure("release the migration lock", (SQLException) ex);
			}
		}
	}

	private Run migrateUnderTransactionLocks(Session session, MigrationLoader.Loaded loaded,
			@Nullable MigrationVersion initial, long start) throws SQLException {
		Connection connection = session.connection();
		AdvisoryLock lock = session.lock();
		long lockWaitNanos = 0;
		List<MigrationInfo> applied = new ArrayList<>();
		while (true) {
			connection.setAutoCommit(false);
			boolean done = false;
			try {
				lockWaitNanos += lock
					.acquireForTransaction(connection, this.settings.lockTimeout(),
							(holder, waited) -> this.listeners.fire((listener) -> listener.lockWaiting(holder, waited)))
					.toNanos();
				createHistoryIfMissing(session);
				Plan plan = Plan.of(loaded, session.history().read(connection), this.settings);
				check(plan);
				List<ResolvedMigration> next = plan.toApply(this.settings.target());
				if (next.isEmpty()) {
					connection.commit();
					done = true;
				}
				else {
					ResolvedMigration migration = next.get(0);
					if (!migration.isTransactional()) {
						throw new HoistException(migration.location() + " is marked transaction:false, which cannot run"
								+ " under hoist.lock.mode=transaction: the transaction-level lock ends with each"
								+ " transaction. Run migrations through a direct connection (hoist.url, not through"
								+ " PgBouncer) with hoist.lock.mode=session");
					}
					applied.add(applyInTransaction(session, migration, true));
				}
			}
			catch (SQLException | RuntimeException ex) {
				rollbackQuietly(connection);
				throw ex;
			}
			finally {
				connection.setAutoCommit(true);
			}
			if (done) {
				break;
			}
		}
		Duration lockWait = Duration.ofNanos(lockWaitNanos);
		this.listeners.fire((listener) -> listener.lockAcquired(lockWait));
		Plan after = Plan.of(loaded, session.history().read(connection), this.settings);
		return new Run(new MigrateResult(initial, after.revision(), applied, lockWait, elapsed(start)), after);
	}

	// asked only when history has an unfinished row: is it running, or did it crash?
	private static boolean isLockHeldElsewhere(Session session, List<HistoryRow> rows) {
		return rows.stream().anyMatch(HistoryRow::isUnfinished) && session.lock().holder(session.connection()) != null;
	}

	private static void createHistoryIfMissing(Session session) throws SQLException {
		if (!session.located().exists()) {
			session.history().create(session.connection());
		}
	}

	private MigrationInfo apply(Session session, ResolvedMigration migration) throws SQLException {
		if (migration.isTransactional()) {
			Connection connection = session.connection();
			int attempt = 0;
			while (true) {
				connection.setAutoCommit(false);
				try {
					return applyInTransaction(session, migration, false);
				}
				catch (RetryableLockTimeout retry) {
					rollbackQuietly(connection);
					if (attempt >= this.settings.ddlLockRetries()) {
						throw fail(migration, retry.failure, retry.nanos);
					}
					attempt++;
					this.executor.backOff(migration, attempt);
				}
				catch (SQLException | RuntimeException ex) {
					rollbackQuietly(connection);
					throw ex;
				}
				finally {
					connection.setAutoCommit(true);
				}
			}
		}
		return applyInAutocommit(session, migration);
	}

	/**
	 * Apply inside the connection's open transaction and commit with the history row.
	 */
	private MigrationInfo applyInTransaction(Session session, ResolvedMigration migration, boolean retryHere)
			throws SQLException {
		Connection connection = session.connection();
		MigrationInfo info = Plan.pendingInfo(migration);
		this.listeners.fire((listener) -> listener.migrationStarted(info));
		logger.info("Hoist: applying {}", migration.location());
		long start = System.nanoTime();
		try {
			this.executor.runInTransaction(connection, migration, false);
		}
		catch (MigrationExecutor.StepFailure failure) {
			// quietly: on a dropped connection the migration's own failure is the news
			rollbackQuietly(connection);
			if (failure.isLockTimeout() && !retryHere) {
				throw new RetryableLockTimeout(failure.failure(), System.nanoTime() - start);
			}
			throw fail(migration, failure.failure(), System.nanoTime() - start);
		}
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		session.history().insert(connection, migration, session.installedBy(), millis, true);
		connection.commit();
		return applied(migration, session, System.nanoTime() - start);
	}

	private MigrationInfo applyInAutocommit(Session session, ResolvedMigration migration) throws SQLException {
		Connection connection = session.connection();
		MigrationInfo info = Plan.pendingInfo(migration);
		this.listeners.fire((listener) -> listener.migrationStarted(info));
		logger.info("Hoist: applying {} statement by statement (transaction:false)", migration.location());
		// recorded as failed before it runs, so that a crash part way leaves a row that
		// blocks until someone looks, instead of a silent re-run from its first statement
		int rank = session.history().insert(connection, migration, session.installedBy(), HistoryRow.UNFINISHED, false);
		long start = System.nanoTime();
		try {
			this.executor.runInAutocommit(connection, migration, false);
		}
		catch (MigrationExecutor.StepFailure failure) {
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			session.history().finish(connection, rank, millis, false);
			MigrationFailedException original = failure.failure();
			int done = failure.statementsBefore();
			String applied = (done == 0) ? "nothing of it was applied (its first statement failed)"
					: done + " statement" + ((done == 1) ? "" : "s") + " before the failing one stayed applied";
			MigrationFailedException withHint = new MigrationFailedException(
					original.getMessage() + "\nThis migration runs without a transaction (transaction:false): "
							+ applied + ", and a failed row in " + this.settings.table()
							+ " now blocks migrate. Finish or undo by hand"
							+ " what was applied, then run 'repair' and start again.",
					original.script(), original.line(), original.statement(), original.sqlState(), original.getCause());
			throw fail(migration, withHint, System.nanoTime() - start);
		}
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		session.history().finish(connection, rank, millis, true);
		return applied(migration, session, System.nanoTime() - start);
	}

	private MigrationInfo applied(ResolvedMigration migration, Session session, long nanos) {
		Duration duration = Duration.ofNanos(nanos);
		MigrationInfo info = new MigrationInfo(migration.version(), migration.description(), migration.type(),
				migration.script(), migration.checksum(), MigrationState.APPLIED, null, session.installedBy(),
				Instant.now(), duration);
		this.listeners.fire((listener) -> listener.migrationApplied(info, duration));
		return info;
	}

	private MigrationFailedException fail(ResolvedMigration migration, MigrationFailedException failure, long nanos) {
		Duration duration = Duration.ofNanos(nanos);
		MigrationInfo info = Plan.pendingInfo(migration);
		this.listeners.fire((listener) -> listener.migrationFailed(info, duration, failure));
		return failure;
	}

	private static void rollbackQuietly(Connection connection) {
		try {
			if (!connection.isClosed() && !connection.getAutoCommit()) {
				connection.rollback();
			}
		}
		catch (SQLException ex) {
			logger.debug("Rollback failed", ex);
		}
	}

	static Duration elapsed(long start) {
		return Duration.ofNanos(System.nanoTime() - start);
	}

	/** What a run under the lock did, and the plan read after it. */
	private record Run(MigrateResult result, Plan after) {

	}

	/** A transactional migration hit lock_timeout: rolled back, may be retried. */
	private static final class RetryableLockTimeout extends RuntimeException {

		private final MigrationFailedException failure;

		private final long nanos;

		RetryableLockTimeout(MigrationFailedException failure, long nanos) {
			super(failure.getMessage(), null, false, false);
			this.failure = failure;
			this.nanos = nanos;
		}

	}

}
