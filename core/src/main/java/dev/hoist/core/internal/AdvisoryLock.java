package dev.hoist.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import dev.hoist.core.DatabaseSettings;
import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.HoistException;
import dev.hoist.core.HoistStatus;
import dev.hoist.core.LockTimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL advisory lock taken by polling {@code pg_try_advisory_lock}: the waiter
 * never sits inside a statement or an open transaction, so a holder running
 * {@code CREATE INDEX CONCURRENTLY} is never blocked by its waiters, and a crashed
 * holder's lock goes with its session.
 */
public final class AdvisoryLock {

	private static final Logger logger = LoggerFactory.getLogger(AdvisoryLock.class);

	private static final long FIRST_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

	// a waiter notices a release within ~50 ms, which matters when a whole run takes
	// less; a try-lock is one cheap query, so ten replicas polling cost ~200 queries/s
	static final long MAX_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

	private static final long HOLDER_REPORT_NANOS = TimeUnit.SECONDS.toNanos(5);

	private final long key;

	private final String description;

	private final HoistConfiguration configuration;

	private final Listeners listeners;

	private final Runnable beforeHolding;

	/**
	 * Create the lock of one history table.
	 * @param key the 64-bit advisory-lock key
	 * @param description the table it protects, for people
	 * @param configuration the configuration, for the wait timeout and the names of
	 * settings in messages
	 * @param listeners told when waiting starts and every few seconds after, and when the
	 * lock is taken
	 * @param beforeHolding run on the holding connection before the session lock is
	 * taken, such as the settings that free it soon should the session be lost
	 */
	public AdvisoryLock(long key, String description, HoistConfiguration configuration, Listeners listeners,
			Runnable beforeHolding) {
		this.key = key;
		this.description = description;
		this.configuration = configuration;
		this.listeners = listeners;
		this.beforeHolding = beforeHolding;
	}

	/**
	 * Run work while holding the session lock: take it (polling until the lock wait
	 * timeout), run the work, and release it, in one place. A failure to release after
	 * the work failed is added to that failure as suppressed, never hiding it.
	 * @param <T> what the work returns
	 * @param connection the connection that holds the lock and does the work, in
	 * autocommit
	 * @param work the work, told how long the lock took
	 * @return what the work returned
	 * @throws SQLException on a database error
	 * @throws LockTimeoutException when the lock wait timeout passes
	 * @throws HoistException when the lock was lost before it was released
	 */
	public <T> T whileHolding(Connection connection, Work<T> work) throws SQLException {
		this.beforeHolding.run();
		Duration lockWait = poll(connection, () -> call(connection, "SELECT pg_try_advisory_lock(?)"));
		return holding(connection, lockWait, work);
	}

	/**
	 * Run work while holding the session lock if it is free now, as
	 * {@link #whileHolding(Connection, Work)} does, or do nothing when another session
	 * holds it: one try, no wait.
	 * @param <T> what the work returns
	 * @param connection the connection that holds the lock and does the work, in
	 * autocommit
	 * @param work the work
	 * @return what the work returned, or empty when the lock was held elsewhere
	 * @throws SQLException on a database error
	 */
	public <T> Optional<T> whileHoldingIfFree(Connection connection, Work<T> work) throws SQLException {
		if (!call(connection, "SELECT pg_try_advisory_lock(?)")) {
			return Optional.empty();
		}
		return Optional.of(holding(connection, Duration.ZERO, work));
	}

	private <T> T holding(Connection connection, Duration lockWait, Work<T> work) throws SQLException {
		this.listeners.fire((listener) -> listener.lockAcquired(lockWait));
		Throwable failure = null;
		try {
			return work.run(lockWait);
		}
		catch (SQLException | RuntimeException | Error ex) {
			failure = ex;
			throw ex;
		}
		finally {
			release(connection, failure);
		}
	}

	/**
	 * Take the transaction-level lock inside the connection's open transaction, polling
	 * until the timeout. Between attempts the transaction is rolled back, so the waiter
	 * never sits in an open transaction.
	 * @param connection the connection, not in autocommit
	 * @return how long it took
	 * @throws SQLException on a database error
	 * @throws LockTimeoutException when the timeout passes
	 */
	public Duration acquireForTransaction(Connection connection) throws SQLException {
		return poll(connection, () -> {
			if (call(connection, "SELECT pg_try_advisory_xact_lock(?)")) {
				return true;
			}
			connection.rollback();
			return false;
		});
	}

	private Duration poll(Connection connection, Attempt attempt) throws SQLException {
		Duration timeout = this.configuration.getLockWaitTimeout();
		long start = System.nanoTime();
		long deadline = start + timeout.toNanos();
		long pause = FIRST_POLL_NANOS;
		long nextReport = start;
		HoistStatus.LockHolder holder = null;
		while (true) {
			if (attempt.tryOnce()) {
				return Duration.ofNanos(System.nanoTime() - start);
			}
			long now = System.nanoTime();
			if (now - nextReport >= 0) {
				holder = holder(connection);
				Duration waited = Duration.ofNanos(now - start);
				logger.info("Hoist: waiting for the migration lock on {} held by {}; waited {} s of {} s",
						this.description, (holder != null) ? holder.describe() : "a session that just ended",
						waited.toSeconds(), timeout.toSeconds());
				HoistStatus.LockHolder current = holder;
				this.listeners.fire((listener) -> listener.lockWaiting(current, waited));
				nextReport = now + HOLDER_REPORT_NANOS;
			}
			if (now - deadline >= 0) {
				Duration waited = Duration.ofNanos(now - start);
				HoistStatus.LockHolder last = holder(connection);
				throw new LockTimeoutException("Hoist waited " + waited.toSeconds() + " s for the migration lock on "
						+ this.description + ", held by " + ((last != null) ? last.describe() : "another session")
						+ ". If that holder is a stuck"
						+ " process, end it (SELECT pg_terminate_backend(pid)) and its lock goes with it; if a long"
						+ " migration is running, raise the lock wait timeout ("
						+ SettingName.LOCK_WAIT_TIMEOUT.in(this.configuration) + ")", (last != null) ? last : holder,
						waited);
			}
			long sleep = Math.min(pause, deadline - now);
			// jitter keeps many replicas from polling in lock step
			sleep = sleep / 2 + ThreadLocalRandom.current().nextLong(sleep / 2 + 1);
			try {
				TimeUnit.NANOSECONDS.sleep(sleep);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new HoistException("Interrupted while waiting for the migration lock on " + this.description, ex);
			}
			pause = Math.min(pause * 2, MAX_POLL_NANOS);
		}
	}

	/**
	 * Release the session lock. A {@code false} from PostgreSQL means this session did
	 * not hold it any more (a pooler such as PgBouncer in transaction mode swapped the
	 * server connection): that is an error, never ignored; after another failure it is
	 * added to that failure instead.
	 */
	private void release(Connection connection, @Nullable Throwable failure) throws SQLException {
		HoistException lost = null;
		try {
			if (!call(connection, "SELECT pg_advisory_unlock(?)")) {
				lost = new HoistException("Hoist released the migration lock on " + this.description
						+ " but PostgreSQL says this session did not hold it. The connection probably goes through"
						+ " PgBouncer in transaction pooling mode, which hands each transaction to another server"
						+ " session, so the lock protected nothing. Use "
						+ SettingName.LOCK_MODE_TRANSACTION.in(this.configuration) + ", or migrate through a direct"
						+ " connection (" + SettingName.URL.in(this.configuration) + ")");
			}
		}
		catch (SQLException | RuntimeException ex) {
			if (failure == null) {
				throw ex;
			}
			// the original failure is what the operator needs; never hide it
			logger.warn("Hoist: could not release the migration lock on {} after a failure: {}", this.description,
					DatabaseSettings.mask(String.valueOf(ex.getMessage())));
			failure.addSuppressed(ex);
			return;
		}
		if (lost != null) {
			if (failure == null) {
				throw lost;
			}
			failure.addSuppressed(lost);
		}
	}

	/**
	 * Return who holds the lock now, or {@code null} if nobody does.
	 * @param connection any connection to the database
	 * @return the holder
	 */
	public HoistStatus.@Nullable LockHolder holder(Connection connection) {
		String sql = "SELECT a.pid, a.application_name, host(a.client_addr), a.state, a.query, a.backend_start,"
				+ " extract(epoch FROM now() - a.backend_start) FROM pg_locks l"
				+ " JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted"
				+ " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND "
				+ keyMatch("l") + " LIMIT 1";
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			bindKey(statement, 1, this.key);
			try (ResultSet rs = statement.executeQuery()) {
				if (!rs.next()) {
					return null;
				}
				Timestamp since = rs.getTimestamp(6);
				double age = rs.getDouble(7);
				return new HoistStatus.LockHolder(rs.getInt(1), nonNull(rs.getString(2)), rs.getString(3),
						rs.getString(4), rs.getString(5), (since != null) ? since.toInstant() : null,
						Duration.ofMillis((long) (age * 1000)));
			}
		}
		catch (SQLException ex) {
			// reading the holder is for people; never let it break the wait itself
			logger.debug("Could not read the migration lock holder", ex);
			return null;
		}
	}

	/**
	 * Return the condition that matches this lock's row in {@code pg_locks}, whose 64-bit
	 * key PostgreSQL shows as two 32-bit halves; bind it with
	 * {@link #bindKey(PreparedStatement, int, long)}.
	 * @param alias the alias of {@code pg_locks} in the query
	 * @return the condition, with two parameters
	 */
	static String keyMatch(String alias) {
		return alias + ".locktype = 'advisory' AND " + alias + ".classid::bigint = ? AND " + alias
				+ ".objid::bigint = ? AND " + alias + ".objsubid = 1";
	}

	static void bindKey(PreparedStatement statement, int index, long key) throws SQLException {
		statement.setLong(index, key >>> 32);
		statement.setLong(index + 1, key & 0xFFFFFFFFL);
	}

	private static String nonNull(@Nullable String value) {
		return (value != null) ? value : "";
	}

	private boolean call(Connection connection, String sql) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setLong(1, this.key);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return rs.getBoolean(1);
			}
		}
	}

	/** One try at the lock. */
	@FunctionalInterface
	private interface Attempt {

		boolean tryOnce() throws SQLException;

	}

	/**
	 * Work done while holding the lock.
	 *
	 * @param <T> what the work returns
	 */
	@FunctionalInterface
	public interface Work<T> {

		/**
		 * Do the work.
		 * @param lockWait how long taking the lock took
		 * @return the result
		 * @throws SQLException on a database error
		 */
		T run(Duration lockWait) throws SQLException;

	}

}
