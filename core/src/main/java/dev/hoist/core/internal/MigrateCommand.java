package dev.hoist.core.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.HoistConfiguration.LockMode;
import dev.hoist.core.HoistException;
import dev.hoist.core.HoistListener;
import dev.hoist.core.HoistStatus;
import dev.hoist.core.HoistStatus.Problem.Kind;
import dev.hoist.core.MigrateResult;
import dev.hoist.core.MigrationFailedException;
import dev.hoist.core.MigrationInfo;
import dev.hoist.core.MigrationVersion;
import dev.hoist.core.ValidationException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code migrate}: validate, then apply every pending migration up to the target, each in
 * its own transaction with its history row ({@code transaction:false} ones statement by
 * statement), under the migration lock. When nothing is pending it reads history once and
 * returns without locking: the common start.
 */
public final class MigrateCommand {

	private static final Logger logger = LoggerFactory.getLogger(MigrateCommand.class);

	private static final int MAX_LISTED_STATEMENTS = 10;

	private static final int FIRST_WORDS = 60;

	private final Engine engine;

	private final HoistConfiguration configuration;

	private final Listeners listeners;

	public MigrateCommand(Engine engine) {
		this.engine = engine;
		this.configuration = engine.configuration();
		this.listeners = engine.listeners();
	}

	/**
	 * Run the command.
	 * @return what was applied
	 */
	public MigrateResult run() {
		return Objects.requireNonNull(run(false));
	}

	/**
	 * Run the command, or, when asked to and another session holds the migration lock, do
	 * nothing and return {@code null} so that the caller can come back later: a run over
	 * many tenants goes on with others meanwhile. Listeners then hear no end of the run.
	 * @param deferWhenLocked whether to give up at once when the session lock is taken
	 * @return what was applied, or {@code null} when deferred
	 */
	@Nullable MigrateResult run(boolean deferWhenLocked) {
		long start = System.nanoTime();
		this.listeners.fire(HoistListener::migrateRunStarted);
		try {
			MigrationLoader.Loaded loaded = this.engine.load();
			Connection connection = this.engine.connect();
			MigrateResult atHead = atHead(connection, loaded, start);
			if (atHead != null) {
				return atHead;
			}
			try (Session session = this.engine.open(connection)) {
				List<HistoryRow> rows = session.readHistory();
				Plan plan = this.engine.plan(loaded, rows, session.isLockHeldElsewhere(rows));
				check(plan);
				// what passes the check is a down section's problem: it does not stop the
				// up
				plan.problems().forEach((problem) -> logger.warn("Hoist: {}", problem.message()));
				MigrationVersion initial = plan.revision();
				if (plan.toApply().isEmpty()) {
					logger.info("Hoist: schema {} is up to date at revision {}", session.history().schema(),
							Engine.text(initial));
					return finished(
							new MigrateResult(initial, initial, List.of(), Duration.ZERO, Engine.elapsed(start)), plan);
				}
				new SafetyCheck(this.configuration).beforeMigrate(loaded, plan.toApply(), session.connection());
				int pending = plan.toApply().size();
				this.listeners.fire((listener) -> listener.migrateStarted(pending));
				AdvisoryLock.Work<Run> work = (lockWait) -> applyUnderSessionLock(session, loaded, initial, lockWait,
						start);
				Run run;
				if (this.configuration.getLockMode() != LockMode.SESSION) {
					run = applyUnderTransactionLocks(session, loaded, initial, start);
				}
				else if (deferWhenLocked) {
					Optional<Run> free = session.lock().whileHoldingIfFree(session.connection(), work);
					if (free.isEmpty()) {
						return null;
					}
					run = free.get();
				}
				else {
					run = session.lock().whileHolding(session.connection(), work);
				}
				MigrateResult result = run.result();
				logRun(session, result, initial, pending);
				return finished(result, run.after());
			}
			catch (SQLException ex) {
				throw Session.failure("migrate", ex);
			}
		}
		catch (HoistException ex) {
			if (ex instanceof Interrupted) {
				// said once the lock is released, so that the line is true
				logger.warn(ex.getMessage());
			}
			this.listeners.fire((listener) -> listener.migrateFailed(ex, Engine.elapsed(start)));
			throw ex;
		}
	}

	/**
	 * The common start: one query on the connection, changing nothing on it, finds
	 * nothing to apply. Closes the connection then; otherwise leaves it open for the full
	 * path, which locates history and takes the lock.
	 */
	private @Nullable MigrateResult atHead(Connection connection, MigrationLoader.Loaded loaded, long start) {
		SchemaHistory.Read read = this.engine.readAsIs(connection);
		if (read == null || read.rows().stream().anyMatch(HistoryRow::isUnfinished)) {
			// missing table, or a transaction:false migration running or crashed: the
			// full path tells which
			return null;
		}
		Plan plan = this.engine.plan(loaded, read.rows(), false);
		if (!plan.toApply().isEmpty()) {
			return null;
		}
		try {
			check(plan);
		}
		catch (RuntimeException ex) {
			closeQuietly(connection);
			throw ex;
		}
		closeQuietly(connection);
		plan.problems().forEach((problem) -> logger.warn("Hoist: {}", problem.message()));
		MigrationVersion revision = plan.revision();
		logger.info("Hoist: schema {} is up to date at revision {}", read.schema(), Engine.text(revision));
		return finished(new MigrateResult(revision, revision, List.of(), Duration.ZERO, Engine.elapsed(start)), plan);
	}

	static void closeQuietly(Connection connection) {
		try {
			connection.close();
		}
		catch (SQLException ex) {
			logger.debug("Could not close the connection", ex);
		}
	}

	private MigrateResult finished(MigrateResult result, Plan plan) {
		this.listeners.fire((listener) -> listener.migrateFinished(result));
		// the status after a run costs no statement: the plan holds it
		HoistStatus status = plan.status();
		this.listeners.fire((listener) -> listener.statusRead(status));
		return result;
	}

	private void logRun(Session session, MigrateResult result, @Nullable MigrationVersion initial, int pending) {
		String schema = session.history().schema();
		int executed = result.migrationsExecuted();
		if (executed == 0) {
			// a waiter: another instance did the work while this one waited for the lock
			if (Objects.equals(initial, result.revision())) {
				logger.info("Hoist: another instance applied the pending migrations of schema {} while this one"
						+ " waited; nothing left to do at revision {}", schema, Engine.text(initial));
			}
			else {
				logger.info("Hoist: another instance migrated schema {} while this one waited; revision {} -> {}",
						schema, Engine.text(initial), Engine.text(result.revision()));
			}
			return;
		}
		int others = pending - executed;
		// the migrations' own time first: on a first start the whole step is mostly the
		// first connection and class loading, which is not what a reader asks about
		long applying = result.applied()
			.stream()
			.map(MigrationInfo::executionTime)
			.filter(Objects::nonNull)
			.mapToLong(Duration::toMillis)
			.sum();
		logger.info(
				"Hoist: applied {} migration{} to schema {} in {} ms ({} ms with connecting, reading the history"
						+ " and locking){}; revision {} -> {}",
				executed, (executed == 1) ? "" : "s", schema, applying, result.duration().toMillis(),
				(others > 0) ? " (another instance applied " + others + " more while this one waited)" : "",
				Engine.text(initial), Engine.text(result.revision()));
	}

	private void check(Plan plan) {
		if (plan.problems().stream().anyMatch((problem) -> problem.kind() != Kind.INVALID_DOWN_SECTION)) {
			throw new ValidationException(plan.problems());
		}
		if (!plan.ahead().isEmpty()) {
			logger.warn("Hoist: {}. Starting anyway ({}): this looks like an older replica during a rolling deploy",
					plan.aheadMessage(), SettingName.AHEAD_WARN.in(this.configuration));
		}
	}

	private Run applyUnderSessionLock(Session session, MigrationLoader.Loaded loaded,
			@Nullable MigrationVersion initial, Duration lockWait, long start) throws SQLException {
		session.createHistoryIfMissing();
		// another instance may have migrated while this one waited
		Plan plan = this.engine.plan(loaded, session.history().read(session.connection()), false);
		check(plan);
		List<MigrationInfo> applied = new ArrayList<>();
		// committed without waiting for the server's flush: reported as applied only once
		// a later synchronous commit (the run's last, or any transaction:false statement)
		// has flushed the log up to and past them
		List<Applied> unflushed = new ArrayList<>();
		List<ResolvedMigration> toApply = plan.toApply();
		for (int i = 0; i < toApply.size(); i++) {
			ResolvedMigration migration = toApply.get(i);
			boolean deferFlush = i < toApply.size() - 1;
			try {
				if (Thread.currentThread().isInterrupted()) {
					// what this run committed is made durable and reported before it
					// stops
					flushThenReport(session.connection(), unflushed, applied, null);
				}
				stopIfInterrupted(session, migration, initial, applied);
				if (migration.isTransactional()) {
					Applied done = applyTransactional(session, migration, deferFlush);
					unflushed.add(done);
				}
				else {
					Applied done = applyInAutocommit(session, migration);
					// its synchronous commits flushed every earlier one
					report(unflushed, applied);
					unflushed.add(done);
				}
				if (!deferFlush) {
					report(unflushed, applied);
				}
			}
			catch (HoistException ex) {
				flushThenReport(session.connection(), unflushed, applied, ex);
				throw interrupted(session, migration, initial, applied, ex);
			}
			catch (SQLException | RuntimeException ex) {
				flushThenReport(session.connection(), unflushed, applied, ex);
				throw ex;
			}
		}
		Plan after = this.engine.plan(loaded, session.history().read(session.connection()), false);
		return new Run(new MigrateResult(initial, after.revision(), applied, lockWait, Engine.elapsed(start)), after);
	}

	private Run applyUnderTransactionLocks(Session session, MigrationLoader.Loaded loaded,
			@Nullable MigrationVersion initial, long start) throws SQLException {
		Connection connection = session.connection();
		AdvisoryLock lock = session.lock();
		long lockWaitNanos = 0;
		List<MigrationInfo> applied = new ArrayList<>();
		while (true) {
			connection.setAutoCommit(false);
			boolean done = false;
			try {
				lockWaitNanos += lock.acquireForTransaction(connection).toNanos();
				session.createHistoryIfMissing();
				Plan plan = this.engine.plan(loaded, session.history().read(connection), false);
				check(plan);
				List<ResolvedMigration> next = plan.toApply();
				if (next.isEmpty()) {
					connection.commit();
					done = true;
				}
				else {
					ResolvedMigration migration = next.get(0);
					stopIfInterrupted(session, migration, initial, applied);
					if (!migration.isTransactional()) {
						throw new HoistException(migration.location() + " is marked transaction:false, which cannot run"
								+ " under " + SettingName.LOCK_MODE_TRANSACTION.in(this.configuration)
								+ ": the transaction-level lock ends with each transaction. Run migrations through a direct connection ("
								+ SettingName.URL.in(this.configuration) + ", not through PgBouncer) with "
								+ SettingName.LOCK_MODE_SESSION.in(this.configuration));
					}
					// the lock lives only as long as this transaction: no
					// retry outside it
					long started = System.nanoTime();
					try {
						Applied one = applyInOpenTransaction(session, migration, false);
						report(new ArrayList<>(List.of(one)), applied);
					}
					catch (MigrationExecutor.StepFailure failure) {
						throw interrupted(session, migration, initial, applied,
								fail(migration, failure.failure(), System.nanoTime() - started));
					}
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
		Plan after = this.engine.plan(loaded, session.history().read(connection), false);
		return new Run(new MigrateResult(initial, after.revision(), applied, lockWait, Engine.elapsed(start)), after);
	}

	private void stopIfInterrupted(Session session, ResolvedMigration next, @Nullable MigrationVersion initial,
			List<MigrationInfo> applied) {
		if (Thread.currentThread().isInterrupted()) {
			throw new Interrupted("Hoist was interrupted (a shutdown?) before applying " + next.location()
					+ ", which did not start. " + stays(session, initial, applied), null);
		}
	}

	private static String stays(Session session, @Nullable MigrationVersion initial, List<MigrationInfo> applied) {
		MigrationVersion revision = applied.isEmpty() ? initial : applied.get(applied.size() - 1).version();
		return applied.size() + " migration" + ((applied.size() == 1) ? "" : "s")
				+ " applied before it in this run stay applied; schema " + session.history().schema()
				+ " is at revision " + Engine.text(revision) + ", and the migration lock was released."
				+ " The next start applies the rest.";
	}

	/**
	 * Return the failure to throw for a migration that failed: when this thread was
	 * interrupted (a shutdown), one that says what was rolled back and what stays.
	 */
	private HoistException interrupted(Session session, ResolvedMigration migration, @Nullable MigrationVersion initial,
			List<MigrationInfo> applied, HoistException failure) {
		if (!Thread.currentThread().isInterrupted() || failure instanceof Interrupted) {
			return failure;
		}
		String what = migration.isTransactional() ? "its transaction was rolled back, so nothing of it stays"
				: "it runs without a transaction (transaction:false), so what it did before the interrupt stays, and"
						+ " its failed row blocks migrate until that is finished or undone by hand and 'repair' runs";
		return new Interrupted("Hoist was interrupted (a shutdown?) while applying " + migration.location() + ": "
				+ what + ". " + stays(session, initial, applied), failure);
	}

	private Applied applyTransactional(Session session, ResolvedMigration migration, boolean deferFlush)
			throws SQLException {
		Connection connection = session.connection();
		long start = System.nanoTime();
		try {
			return this.engine.executor().retry().run(connection, migration, () -> {
				connection.setAutoCommit(false);
				try {
					return applyInOpenTransaction(session, migration, deferFlush);
				}
				catch (SQLException | RuntimeException ex) {
					rollbackQuietly(connection);
					throw ex;
				}
				finally {
					connection.setAutoCommit(true);
				}
			});
		}
		catch (MigrationExecutor.StepFailure failure) {
			throw fail(migration, failure.failure(), System.nanoTime() - start);
		}
	}

	/**
	 * Apply inside the connection's open transaction and commit with the history row; on
	 * a failed statement roll back and throw.
	 */
	private Applied applyInOpenTransaction(Session session, ResolvedMigration migration, boolean deferFlush)
			throws SQLException, MigrationExecutor.StepFailure {
		Connection connection = session.connection();
		session.migrationsRun();
		MigrationInfo info = Plan.pendingInfo(migration);
		this.listeners.fire((listener) -> listener.migrationStarted(info));
		logger.info("Hoist: applying {}", migration.location());
		long start = System.nanoTime();
		try {
			this.engine.executor().runInTransaction(connection, migration, false);
		}
		catch (MigrationExecutor.StepFailure failure) {
			// quietly: on a dropped connection the migration's own failure is the news
			rollbackQuietly(connection);
			throw failure;
		}
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		session.history().insertApplied(connection, migration, session.installedBy(), millis, deferFlush);
		connection.commit();
		return applied(migration, session, System.nanoTime() - start);
	}

	private Applied applyInAutocommit(Session session, ResolvedMigration migration) throws SQLException {
		Connection connection = session.connection();
		session.migrationsRun();
		MigrationInfo info = Plan.pendingInfo(migration);
		this.listeners.fire((listener) -> listener.migrationStarted(info));
		logger.info("Hoist: applying {} statement by statement (transaction:false)", migration.location());
		// recorded as failed before it runs, so that a crash part way leaves a row that
		// blocks until someone looks, instead of a silent re-run from its first statement
		int rank = session.history().insert(connection, migration, session.installedBy(), HistoryRow.UNFINISHED, false);
		long start = System.nanoTime();
		try {
			this.engine.executor().runInAutocommit(connection, migration, false);
		}
		catch (MigrationExecutor.StepFailure failure) {
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			session.history().finish(connection, rank, millis, false);
			MigrationFailedException original = failure.failure();
			int done = failure.statementsBefore();
			String applied = (done == 0) ? "nothing of it was applied (its first statement failed)"
					: done + " statement" + ((done == 1) ? "" : "s") + " before the failing one stayed applied: "
							+ describe(statementsBefore(migration, done), done);
			MigrationFailedException withHint = new MigrationFailedException(
					original.getMessage() + "\nThis migration runs without a transaction (transaction:false): "
							+ applied + ". A failed row in " + this.configuration.getTable()
							+ " now blocks migrate. Finish or undo by hand"
							+ " what was applied, then run 'repair' and start again.",
					original.script(), original.line(), original.statement(), original.sqlState(), original.getCause());
			throw fail(migration, withHint, System.nanoTime() - start);
		}
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		session.history().finish(connection, rank, millis, true);
		return applied(migration, session, System.nanoTime() - start);
	}

	/**
	 * Return the first statements of the up section, which ran before the failing one,
	 * read again from the file: as many as a message lists.
	 */
	private static List<SqlStatement> statementsBefore(ResolvedMigration migration, int done) {
		List<SqlStatement> statements = new ArrayList<>();
		SqlSource sql = migration.sql();
		if (sql == null) {
			return statements;
		}
		try (SqlSource.Statements section = sql.statements(false)) {
			while (statements.size() < Math.min(done, MAX_LISTED_STATEMENTS)) {
				SqlStatement statement = section.next();
				if (statement == null) {
					break;
				}
				statements.add(statement);
			}
		}
		catch (RuntimeException ex) {
			// naming them is for people: the count stands without it
			logger.debug("Could not read again the statements of {}", migration.location(), ex);
		}
		return statements;
	}

	/**
	 * Name statements by line and first words, enough to find them in the file: {@code
	 * line 2 (CREATE INDEX CONCURRENTLY shops_domain_idx ON shops ...)}.
	 */
	static String describe(List<SqlStatement> statements, int done) {
		StringBuilder text = new StringBuilder();
		int listed = statements.size();
		for (int i = 0; i < listed; i++) {
			SqlStatement statement = statements.get(i);
			text.append((i > 0) ? ", " : "").append("line ").append(statement.line()).append(" (");
			text.append(firstWords(statement.sql())).append(')');
		}
		if (done > listed) {
			text.append((listed > 0) ? " and " : "").append(done - listed).append(" more");
		}
		return text.toString();
	}

	private static String firstWords(String sql) {
		String single = sql.replaceAll("\\s+", " ").strip();
		if (single.length() <= FIRST_WORDS) {
			return single;
		}
		int cut = single.lastIndexOf(' ', FIRST_WORDS);
		return single.substring(0, (cut > FIRST_WORDS / 2) ? cut : FIRST_WORDS) + " ...";
	}

	private Applied applied(ResolvedMigration migration, Session session, long nanos) {
		Duration duration = Duration.ofNanos(nanos);
		return new Applied(new MigrationInfo(migration.version(), migration.description(), migration.type(),
				migration.script(), migration.checksum(), MigrationInfo.State.APPLIED, null, session.installedBy(),
				Instant.now(), duration), duration);
	}

	// what has been flushed is reported, in order, and no longer waits
	private void report(List<Applied> flushed, List<MigrationInfo> applied) {
		for (Applied done : flushed) {
			applied.add(done.info());
			this.listeners.fire((listener) -> listener.migrationApplied(done.info(), done.duration()));
		}
		flushed.clear();
	}

	/**
	 * After a failure, make what was committed without waiting for the flush durable
	 * before reporting it applied: one synchronous commit of a transaction that only
	 * takes an id flushes the server's log past them. When that fails too (the server is
	 * gone), they are not reported: a crash may have lost them, and the next run applies
	 * whatever is missing.
	 */
	private void flushThenReport(Connection connection, List<Applied> unflushed, List<MigrationInfo> applied,
			@Nullable Exception failure) {
		if (unflushed.isEmpty()) {
			return;
		}
		try (Statement statement = connection.createStatement()) {
			if (!connection.getAutoCommit()) {
				connection.rollback();
				connection.setAutoCommit(true);
			}
			statement.execute("SELECT pg_current_xact_id()");
			report(unflushed, applied);
		}
		catch (SQLException | RuntimeException ex) {
			HoistException unconfirmed = new HoistException(
					unflushed.size() + " migration" + ((unflushed.size() == 1) ? "" : "s")
							+ " committed before the failure could not be confirmed durable (" + ex.getMessage()
							+ "); if the server crashed it may have lost them, and the next migrate applies"
							+ " whatever is missing");
			if (failure != null) {
				failure.addSuppressed(unconfirmed);
			}
			else {
				logger.warn("Hoist: {}", unconfirmed.getMessage());
			}
		}
	}

	private MigrationFailedException fail(ResolvedMigration migration, MigrationFailedException failure, long nanos) {
		Duration duration = Duration.ofNanos(nanos);
		MigrationInfo info = Plan.pendingInfo(migration);
		this.listeners.fire((listener) -> listener.migrationFailed(info, duration, failure));
		return failure;
	}

	static void rollbackQuietly(Connection connection) {
		try {
			if (!connection.isClosed() && !connection.getAutoCommit()) {
				connection.rollback();
			}
		}
		catch (SQLException ex) {
			logger.debug("Rollback failed", ex);
		}
	}

	/** A migration committed, with how long it took. */
	private record Applied(MigrationInfo info, Duration duration) {

	}

	/**
	 * The run stopped because its thread was interrupted: what was rolled back, what
	 * stays. The interrupt flag stays set.
	 */
	static final class Interrupted extends HoistException {

		Interrupted(String message, @Nullable Throwable cause) {
			super(message, cause);
		}

	}

	/** What a run under the lock did, and the plan read after it. */
	private record Run(MigrateResult result, Plan after) {

	}

}
