package dev.hoist.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sees who blocks a migration statement while it waits for a table lock under Hoist's DDL
 * {@code lock_timeout}: from half the timeout on, a connection of its own reads
 * {@code pg_blocking_pids} of Hoist's session, so that a statement that gives up can name
 * the session it waited for. That is only known while the statement waits: once it has
 * given up, PostgreSQL no longer relates the two. The connection is opened the first time
 * a statement is still running at half the timeout, and closed with the watch.
 */
final class LockWaitWatch implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(LockWaitWatch.class);

	// only a session waiting on a lock has blockers; pg_blocking_pids takes the lock
	// manager's locks for a moment, so it is not asked otherwise
	private static final String BLOCKERS = "SELECT a.pid, a.application_name, host(a.client_addr), a.state, a.query,"
			+ " extract(epoch FROM now() - coalesce(a.xact_start, a.backend_start)) FROM pg_stat_activity a"
			+ " WHERE a.pid IN (SELECT unnest(pg_blocking_pids(w.pid)) FROM pg_stat_activity w"
			+ " WHERE w.pid = ? AND w.wait_event_type = 'Lock') ORDER BY a.xact_start NULLS LAST, a.pid";

	private static final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "hoist-lock-wait-watch");
		thread.setDaemon(true);
		return thread;
	});

	private final @Nullable DataSource dataSource;

	private final int pid;

	private final long firstLookNanos;

	private final long periodNanos;

	// the watching thread opens and uses it; close() ends it
	private final Object observerLock = new Object();

	private @Nullable Connection observer;

	private boolean closed;

	private @Nullable ScheduledFuture<?> sampling;

	private volatile List<Blocker> blockers = List.of();

	private LockWaitWatch(@Nullable DataSource dataSource, int pid, Duration lockTimeout) {
		this.dataSource = dataSource;
		this.pid = pid;
		long timeout = Math.max(1, lockTimeout.toNanos());
		this.firstLookNanos = timeout / 2;
		this.periodNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(10), timeout / 4);
	}

	/**
	 * Return a watch of the session with the given backend pid.
	 * @param dataSource where to open the watching connection
	 * @param pid the backend pid of Hoist's session
	 * @param lockTimeout the DDL lock timeout
	 * @return the watch
	 */
	static LockWaitWatch of(@Nullable DataSource dataSource, int pid, Duration lockTimeout) {
		return new LockWaitWatch(dataSource, pid, lockTimeout);
	}

	/**
	 * Return the backend pid of a connection.
	 * @param connection the connection
	 * @return the pid
	 * @throws SQLException on a database error
	 */
	static int backendPid(Connection connection) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT pg_backend_pid()");
				ResultSet rs = statement.executeQuery()) {
			rs.next();
			return rs.getInt(1);
		}
	}

	/**
	 * Start watching an attempt: what an earlier attempt saw is forgotten.
	 */
	synchronized void start() {
		stop();
		this.blockers = List.of();
		if (this.dataSource != null) {
			this.sampling = scheduler.scheduleWithFixedDelay(this::sample, this.firstLookNanos, this.periodNanos,
					TimeUnit.NANOSECONDS);
		}
	}

	/**
	 * Stop watching the attempt; what it saw stays readable.
	 */
	synchronized void stop() {
		if (this.sampling != null) {
			this.sampling.cancel(false);
			this.sampling = null;
		}
	}

	/**
	 * Return the sessions that blocked Hoist's session when last seen during this
	 * attempt.
	 * @return the blockers, empty when none was seen
	 */
	List<Blocker> blockers() {
		return this.blockers;
	}

	int pid() {
		return this.pid;
	}

	private void sample() {
		synchronized (this.observerLock) {
			if (this.closed) {
				return;
			}
			try {
				List<Blocker> seen = read(observer());
				if (!seen.isEmpty()) {
					this.blockers = seen;
				}
			}
			catch (SQLException | RuntimeException ex) {
				// seeing the blocker is for people; it must never break the migration
				logger.debug("Could not read who blocks Hoist's session", ex);
			}
		}
	}

	private Connection observer() throws SQLException {
		Connection connection = this.observer;
		if (connection == null || connection.isClosed()) {
			connection = Objects.requireNonNull(this.dataSource).getConnection();
			connection.setAutoCommit(true);
			this.observer = connection;
		}
		return connection;
	}

	private List<Blocker> read(Connection connection) throws SQLException {
		List<Blocker> seen = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(BLOCKERS)) {
			statement.setInt(1, this.pid);
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					seen.add(new Blocker(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
							rs.getString(5), Duration.ofMillis((long) (rs.getDouble(6) * 1000))));
				}
			}
		}
		return seen;
	}

	@Override
	public void close() {
		stop();
		synchronized (this.observerLock) {
			this.closed = true;
			if (this.observer != null) {
				try {
					this.observer.close();
				}
				catch (SQLException ex) {
					logger.debug("Could not close the lock wait watch's connection", ex);
				}
				this.observer = null;
			}
		}
	}

	/**
	 * A session that held a lock Hoist's statement waited for.
	 *
	 * @param pid its backend pid
	 * @param applicationName its {@code application_name}
	 * @param clientAddress its client address, {@code null} for a local socket or when
	 * hidden
	 * @param state its state, such as {@code idle in transaction}
	 * @param query its current or last query
	 * @param inTransaction how long its transaction (or, outside one, its session) has
	 * lasted
	 */
	record Blocker(int pid, @Nullable String applicationName, @Nullable String clientAddress, @Nullable String state,
			@Nullable String query, Duration inTransaction) {

		/**
		 * Describe the session in one line for logs and errors.
		 * @return the description
		 */
		String describe() {
			StringBuilder text = new StringBuilder("pid ").append(this.pid);
			text.append(" (application_name '").append((this.applicationName != null) ? this.applicationName : "");
			text.append("', client ").append((this.clientAddress != null) ? this.clientAddress : "local socket");
			if (this.state != null) {
				text.append(", ").append(this.state);
			}
			text.append(", in its transaction for ").append(DatabaseWaiter.format(this.inTransaction));
			if (this.query != null && !this.query.isBlank()) {
				String single = this.query.replaceAll("\\s+", " ").strip();
				text.append(("active".equals(this.state)) ? ", query: " : ", last query: ")
					.append((single.length() > 120) ? single.substring(0, 117) + "..." : single);
			}
			return text.append(')').toString();
		}

	}

}
