package dev.hoist.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.hoist.core.DatabaseSettings;
import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.HoistException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hoist's one connection for a command: autocommit, named {@code hoist@<host>} so
 * operators see who holds the lock, with the history table located. A connection of
 * Hoist's own is closed afterwards; a borrowed one (from a pool, or any data source Hoist
 * did not build) goes back with its session exactly as it came, or is discarded: see
 * {@link SessionState}.
 */
public final class Session implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(Session.class);

	private static final String INSUFFICIENT_PRIVILEGE = "42501";

	private final Connection connection;

	private final SchemaHistory.Located located;

	private final String installedBy;

	private final HoistConfiguration configuration;

	private final Listeners listeners;

	private final boolean originalAutoCommit;

	private final int originalNetworkTimeout;

	private final @Nullable SessionState borrowed;

	private final Own own;

	private boolean migrationsRan;

	private @Nullable Map<String, String> originalLostHolderSettings;

	private Session(Connection connection, SchemaHistory.Located located, HoistConfiguration configuration,
			Listeners listeners, boolean originalAutoCommit, int originalNetworkTimeout,
			@Nullable SessionState borrowed, Own own) {
		this.connection = connection;
		this.located = located;
		this.configuration = configuration;
		this.listeners = listeners;
		this.installedBy = (configuration.getInstalledBy() != null) ? configuration.getInstalledBy()
				: located.currentUser();
		this.originalAutoCommit = originalAutoCommit;
		this.originalNetworkTimeout = originalNetworkTimeout;
		this.borrowed = borrowed;
		this.own = own;
	}

	/**
	 * Make an open connection Hoist's session for one command: autocommit, named so that
	 * operators see who holds the lock, {@code search_path} set to the configured schema,
	 * the history table located; optionally every read bounded, so that a caller such as
	 * a health check is never stuck on a database that hangs. Closes the connection when
	 * this fails.
	 * @param connection the connection
	 * @param configuration the configuration
	 * @param listeners the listeners, told about lock waits
	 * @param readTimeout the longest wait for any answer from the database, or
	 * {@code null} for the driver's setting
	 * @param borrowed whether the connection goes on to someone else afterwards (a pool
	 * hands it to the application), so that whatever Hoist or a migration changed on its
	 * session must be put back, or the connection discarded
	 * @return the session
	 * @throws SQLException on a database error, including a read that timed out
	 */
	static Session open(Connection connection, HoistConfiguration configuration, Listeners listeners,
			@Nullable Duration readTimeout, boolean borrowed) throws SQLException {
		int originalNetworkTimeout = -1;
		try {
			String statementTimeout = null;
			if (readTimeout != null) {
				// the server cancels a statement that waits too long, so that waiting
				// sessions do not pile up there; the socket timeout is the backstop for a
				// server that does not answer at all
				long millis = Math.max(1, readTimeout.toMillis());
				statementTimeout = Long.toString(millis);
				originalNetworkTimeout = connection.getNetworkTimeout();
				connection.setNetworkTimeout(Runnable::run, (int) Math.min(Integer.MAX_VALUE, 2 * millis + 1000));
			}
			boolean autoCommit = connection.getAutoCommit();
			if (!autoCommit) {
				connection.setAutoCommit(true);
			}
			String schema = configuration.getSchema();
			SessionState before = null;
			Own own;
			// one round trip: what a borrowed session was (read before anything is set),
			// then Hoist's name, the configured schema, where the migrations'
			// unqualified names go, as Flyway users expect, and the read timeout
			try (PreparedStatement statement = connection.prepareStatement("SELECT current_setting('application_name'),"
					+ " current_setting('search_path'), current_setting('statement_timeout'), "
					+ (borrowed ? SessionState.COLUMNS + ", " : "") + "set_config('application_name', ?, false),"
					+ " CASE WHEN ?::text IS NULL THEN NULL ELSE set_config('search_path', quote_ident(?), false) END,"
					+ " CASE WHEN ?::text IS NULL THEN NULL ELSE set_config('statement_timeout', ?, false) END")) {
				statement.setString(1, configuration.getApplicationName());
				statement.setString(2, schema);
				statement.setString(3, schema);
				statement.setString(4, statementTimeout);
				statement.setString(5, statementTimeout);
				try (ResultSet rs = statement.executeQuery()) {
					rs.next();
					own = new Own(rs.getString(1), (schema != null) ? rs.getString(2) : null,
							(statementTimeout != null) ? rs.getString(3) : null);
					if (borrowed) {
						before = SessionState.of(rs, 4, connection.isReadOnly());
					}
				}
			}
			SchemaHistory.Located located = SchemaHistory.locate(connection, configuration);
			return new Session(connection, located, configuration, listeners, autoCommit, originalNetworkTimeout,
					before, own);
		}
		catch (SQLException | RuntimeException ex) {
			connection.close();
			throw ex;
		}
	}

	public Connection connection() {
		return this.connection;
	}

	/**
	 * Note that a migration's own SQL or code runs on this session, which may change it
	 * in ways PostgreSQL does not list ({@code SET app.tenant = ...}): a borrowed
	 * connection then has every setting reset before it goes back.
	 */
	void migrationsRun() {
		this.migrationsRan = true;
	}

	public SchemaHistory.Located located() {
		return this.located;
	}

	public SchemaHistory history() {
		return this.located.history();
	}

	public String installedBy() {
		return this.installedBy;
	}

	/**
	 * Return the migration lock of this session's history table.
	 * @return the lock
	 */
	public AdvisoryLock lock() {
		SchemaHistory history = history();
		return new AdvisoryLock(history.lockKey(), history.schema() + "." + history.table(), this.configuration,
				this.listeners, this::prepareToHoldTheLock);
	}

	/**
	 * Ask the server, once, to end this session soon should it be lost while it holds the
	 * migration lock: only a session that takes the lock pays for it. Under transaction
	 * pooling the server session is the pooler's, shared with others, and the lock ends
	 * with each transaction anyway.
	 */
	private void prepareToHoldTheLock() {
		if (this.originalLostHolderSettings != null
				|| this.configuration.getLockMode() != HoistConfiguration.LockMode.SESSION) {
			return;
		}
		LostHolderSettings settings = LostHolderSettings.of(this.configuration.getLostHolderTimeout());
		this.originalLostHolderSettings = (settings != null) ? settings.apply(this.connection) : Map.of();
	}

	/**
	 * Read every history row, or none when the table does not exist yet: one query.
	 * @return the rows in rank order
	 * @throws SQLException on a database error
	 */
	public List<HistoryRow> readHistory() throws SQLException {
		return this.located.exists() ? history().read(this.connection) : List.of();
	}

	/**
	 * Create the history table (and its schema) when missing.
	 * @throws SQLException on a database error
	 */
	public void createHistoryIfMissing() throws SQLException {
		if (!this.located.exists()) {
			try {
				history().create(this.connection);
			}
			catch (SQLException ex) {
				if (!INSUFFICIENT_PRIVILEGE.equals(ex.getSQLState())) {
					throw ex;
				}
				// a role that may not create in the connection's schema (public, since
				// PostgreSQL 15): the history table goes where the migrations go
				String schema = history().schema();
				throw new HoistException("User '" + this.located.currentUser()
						+ "' may not create Hoist's history table " + history().table() + " in schema " + schema + ": "
						+ firstLine(ex.getMessage()) + " (SQLSTATE " + ex.getSQLState()
						+ "). Migrations and their history go to one schema: name one that user owns" + " with "
						+ SettingName.SCHEMA.in(this.configuration) + " (and let the application use it too),"
						+ " or let the user create in this one: GRANT CREATE ON SCHEMA " + schema + " TO "
						+ this.located.currentUser(), ex);
			}
		}
	}

	private static String firstLine(@Nullable String message) {
		String text = (message != null) ? message : "";
		int newline = text.indexOf('\n');
		return ((newline >= 0) ? text.substring(0, newline) : text).replaceFirst("^ERROR:\\s*", "");
	}

	/**
	 * Return whether another session holds the migration lock, asked only when history
	 * has an unfinished row: is that migration running, or did it crash?
	 * @param rows the history rows
	 * @return whether the lock is held elsewhere
	 */
	public boolean isLockHeldElsewhere(List<HistoryRow> rows) {
		return rows.stream().anyMatch(HistoryRow::isUnfinished) && lock().holder(this.connection) != null;
	}

	/**
	 * Turn a database error into a Hoist error that says what Hoist was doing.
	 * @param action what Hoist was doing, such as "migrate"
	 * @param ex the error
	 * @return the exception to throw
	 */
	public static HoistException failure(String action, SQLException ex) {
		return new HoistException(
				"Hoist could not " + action + ": " + DatabaseSettings.mask(String.valueOf(ex.getMessage()))
						+ ((ex.getSQLState() != null) ? " (SQLSTATE " + ex.getSQLState() + ")" : ""),
				MaskedSqlException.of(ex));
	}

	@Override
	public void close() {
		try {
			if (!this.connection.isClosed()) {
				if (!this.connection.getAutoCommit()) {
					this.connection.rollback();
					this.connection.setAutoCommit(true);
				}
				if (this.originalLostHolderSettings != null) {
					LostHolderSettings.restore(this.connection, this.originalLostHolderSettings);
				}
				boolean returned = this.borrowed == null || returnOrDiscard(this.borrowed);
				if (returned) {
					this.connection.setAutoCommit(this.originalAutoCommit);
					if (this.originalNetworkTimeout >= 0) {
						this.connection.setNetworkTimeout(Runnable::run, this.originalNetworkTimeout);
					}
				}
			}
		}
		catch (SQLException ex) {
			logger.debug("Could not restore the connection's settings", ex);
		}
		finally {
			try {
				this.connection.close();
			}
			catch (SQLException ex) {
				logger.debug("Could not close the connection", ex);
			}
		}
	}

	// a borrowed connection goes back only as it came: what a migration set on its
	// session (read-only transactions, a role, a search_path, ...) must never reach the
	// application
	private boolean returnOrDiscard(SessionState borrowed) {
		List<String> changes;
		try {
			if (!this.migrationsRan) {
				// only Hoist's own statements ran: put back what it set, one round trip
				this.own.restore(this.connection);
				return true;
			}
			SessionState now = SessionState.read(this.connection);
			changes = now.changesSince(borrowed);
			if (now.isRestorableTo(borrowed)) {
				borrowed.restore(this.connection, true);
				List<String> left = SessionState.read(this.connection).changesSince(borrowed);
				if (left.isEmpty()) {
					List<String> byMigrations = new ArrayList<>(changes);
					byMigrations.removeAll(this.own.names());
					if (this.originalLostHolderSettings != null) {
						// Hoist's own, for the lock, not the migrations'
						byMigrations.removeAll(this.originalLostHolderSettings.keySet());
					}
					if (!byMigrations.isEmpty()) {
						logger.info("Hoist: put back what the migrations changed on the borrowed connection's"
								+ " session ({}) before returning it", String.join(", ", byMigrations));
					}
					return true;
				}
				changes = left;
			}
		}
		catch (SQLException | RuntimeException ex) {
			logger.debug("Could not read or restore the borrowed connection's session", ex);
			changes = List.of("a session that could not be read back");
		}
		discard(changes);
		return false;
	}

	private void discard(List<String> all) {
		List<String> changes = new ArrayList<>(all);
		changes.removeAll(this.own.names());
		logger.info(
				"Hoist: the migrations left {} on the borrowed connection's session; closing the connection"
						+ " so that the pool replaces it rather than hand it to the application",
				String.join(", ", changes));
		try {
			// the standard way to tell a pool that a connection is unusable: it is closed
			// for good, and the pool opens another
			this.connection.abort(Runnable::run);
		}
		catch (SQLException | RuntimeException ex) {
			logger.warn(
					"Hoist: could not discard the borrowed connection whose session the migrations changed ({}):"
							+ " {}",
					String.join(", ", changes), DatabaseSettings.mask(String.valueOf(ex.getMessage())));
		}
	}

	/**
	 * What Hoist itself sets on a session, as it was before.
	 *
	 * @param applicationName the application name before
	 * @param searchPath the search path before, or {@code null} when Hoist leaves it
	 * @param statementTimeout the statement timeout before, or {@code null} when Hoist
	 * leaves it
	 */
	private record Own(String applicationName, @Nullable String searchPath, @Nullable String statementTimeout) {

		List<String> names() {
			List<String> names = new ArrayList<>(List.of("application_name"));
			if (this.searchPath != null) {
				names.add("search_path");
			}
			if (this.statementTimeout != null) {
				names.add("statement_timeout");
			}
			return names;
		}

		void restore(Connection connection) throws SQLException {
			try (PreparedStatement statement = connection.prepareStatement(
					"SELECT set_config('application_name', ?, false), CASE WHEN ?::text IS NULL THEN NULL ELSE"
							+ " set_config('search_path', ?, false) END, CASE WHEN ?::text IS NULL THEN NULL ELSE"
							+ " set_config('statement_timeout', ?, false) END")) {
				statement.setString(1, this.applicationName);
				statement.setString(2, this.searchPath);
				statement.setString(3, this.searchPath);
				statement.setString(4, this.statementTimeout);
				statement.setString(5, this.statementTimeout);
				statement.execute();
			}
		}

	}

}
