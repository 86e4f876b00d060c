package dev.hoist.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import dev.hoist.core.HoistException;
import dev.hoist.core.LockHolder;
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

	public AdvisoryLock(long key, String description) {
		this.key = key;
		this.description = description;
	}

	/**
	 * Try once to take the session lock.
	 * @param connection the connection that will hold it
	 * @return whether it was taken
	 * @throws SQLException on a database error
	 */
	public boolean tryAcquire(Connection connection) throws SQLException {
		return call(connection, "SELECT pg_try_advisory_lock(?)");
	}

	/**
	 * Take the session lock, polling until the timeout.
	 * @param connection the connection that will hold it, in autocommit
	 * @param timeout the longest wait
	 * @param waiting told when waiting starts and every few seconds after, with the
	 * holder
	 * @return how long it took
	 * @throws SQLException on a database error
	 * @throws LockTimeoutException when the timeout passes
	 */
	public Duration acquire(Connection connection, Duration timeout, BiConsumer<@Nullable LockHolder, Duration> waiting)
			throws SQLException {
		return poll(connection, timeout, waiting, () -> tryAcquire(connection));
	}

	/**
	 * Take the transaction-level lock inside the connection's open transaction, polling
	 * until the timeout. Between attempts the transaction is rolled back, so the waiter
	 * never sits in an open transaction.
	 * @param connection the connection, not in autocommit
	 * @param timeout the longest wait
	 * @param waiting told when waiting starts and every few seconds after, with the
	 * holder
	 * @return how long it took
	 * @throws SQLException on a database error
	 * @throws LockTimeoutException when the timeout passes
	 */
	public Duration acquireForTransaction(Connection connection, Duration timeout,
			BiConsumer<@Nullable LockHolder, Duration> waiting) throws SQLException {
		return poll(connection, timeout, waiting, () -> {
			if (call(connection, "SELECT pg_try_advisory_xact_lock(?)")) {
				return true;
			}
			connection.rollback();
			return false;
		});
	}

	private Duration poll(Connection connection, Duration timeout, BiConsumer<@Nullable LockHolder, Duration> waiting,
			Attempt attempt) throws SQLException {
		long start = System.nanoTime();
		long deadline = start + timeout.toNanos();
		long pause = FIRST_POLL_NANOS;
		long nextReport = start;
		LockHolder holder = null;
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
				waiting.accept(holder, waited);
				nextReport = now + HOLDER_REPORT_NANOS;
			}
			if (now - deadline >= 0) {
				Duration waited = Duration.ofNanos(now - start);
				LockHolder last = holder(connection);
				throw new LockTimeoutException("Hoist waited " + waited.toSeconds() + " s for the migration lock on "
						+ this.description + ", held by " + ((last != null) ? last.describe() : "another session")
						+ ". If that holder is a stuck"
						+ " process, end it (SELECT pg_terminate_backend(pid)) and its lock goes with it; if a long"
						+ " migration is running, raise the lock timeout (hoist.lock.wait-timeout, or lockTimeout(...) in the API)",
						(last != null) ? last : holder, waited);
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
	 * server connection): that is an error, never ignored.
	 * @param connection the holding connection
	 * @throws SQLException on a database error
	 * @throws HoistException when the lock was not held
	 */
	public void release(Connection connection) throws SQLException {
		if (!call(connection, "SELECT pg_advisory_unlock(?)")) {
			throw new HoistException("Hoist released the migration lock on " + this.description
					+ " but PostgreSQL says this session did not hold it. The connection is probably going through"
					+ " PgBouncer in transaction pooling mode, which hands each transaction to another server session,"
					+ " so the lock protected nothing. Use hoist.lock.mode=transaction, or migrate through a direct"
					+ " connection (hoist.url)");
		}
	}

	/**
	 * Return who holds the lock now, or {@code null} if nobody does.
	 * @param connection any connection to the database
	 * @return the holder
	 */
	public @Nullable LockHolder holder(Connection connection) {
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
				return new LockHolder(rs.getInt(1), nonNull(rs.getString(2)), rs.getString(3), rs.getString(4),
						rs.getString(5), (since != null) ? since.toInstant() : null,
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

}
