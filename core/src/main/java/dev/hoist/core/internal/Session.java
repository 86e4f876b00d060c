package dev.hoist.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.HoistException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hoist's one connection for a command: autocommit, named {@code hoist@<host>} so
 * operators see who holds the lock, with the history table located. Closing it restores
 * what it changed, for pooled connections.
 */
public final class Session implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(Session.class);

	private static final String INSUFFICIENT_PRIVILEGE = "42501";

	private final Connection connection;

	private final SchemaHistory.Located located;

	private final String installedBy;

	private final HoistConfiguration configuration;

	private final Listeners listeners;

	private final @Nullable String originalApplicationName;

	private final boolean originalAutoCommit;

	private final @Nullable String originalSearchPath;

	private final int originalNetworkTimeout;

	private final @Nullable String originalStatementTimeout;

	private @Nullable Map<String, String> originalLostHolderSettings;

	private Session(Connection connection, SchemaHistory.Located located, HoistConfiguration configuration,
			Listeners listeners, Original original) {
		this.connection = connection;
		this.located = located;
		this.configuration = configuration;
		this.listeners = listeners;
		this.installedBy = (configuration.getInstalledBy() != null) ? configuration.getInstalledBy()
				: located.currentUser();
		this.originalApplicationName = original.applicationName();
		this.originalAutoCommit = original.autoCommit();
		this.originalSearchPath = original.searchPath();
		this.originalNetworkTimeout = original.networkTimeout();
		this.originalStatementTimeout = original.statementTimeout();
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
	 * @return the session
	 * @throws SQLException on a database error, including a read that timed out
	 */
	static Session open(Connection connection, HoistConfiguration configuration, Listeners listeners,
			@Nullable Duration readTimeout) throws SQLException {
		int originalNetworkTimeout = -1;
		String originalStatementTimeout = null;
		try {
			if (readTimeout != null) {
				long millis = Math.max(1, readTimeout.toMillis());
				// the server cancels a statement that waits too long, so that waiting
				// sessions do not pile up there; the socket timeout is the backstop for a
				// server that does not answer at all
				originalNetworkTimeout = connection.getNetworkTimeout();
				connection.setNetworkTimeout(Runnable::run, (int) Math.min(Integer.MAX_VALUE, 2 * millis + 1000));
				try (PreparedStatement statement = connection.prepareStatement(
						"SELECT current_setting('statement_timeout'), set_config('statement_timeout', ?, false)")) {
					statement.setString(1, Long.toString(millis));
					try (ResultSet rs = statement.executeQuery()) {
						rs.next();
						originalStatementTimeout = rs.getString(1);
					}
				}
			}
			boolean autoCommit = connection.getAutoCommit();
			if (!autoCommit) {
				connection.setAutoCommit(true);
			}
			String schema = configuration.getSchema();
			String originalApplicationName;
			String originalSearchPath;
			// a configured schema is where the migrations' unqualified names go, as
			// Flyway users expect
			try (PreparedStatement statement = connection
				.prepareStatement("SELECT current_setting('application_name'), current_setting('search_path'),"
						+ " set_config('application_name', ?, false),"
						+ " CASE WHEN ?::text IS NULL THEN NULL ELSE set_config('search_path', quote_ident(?), false) END")) {
				statement.setString(1, configuration.getApplicationName());
				statement.setString(2, schema);
				statement.setString(3, schema);
				try (ResultSet rs = statement.executeQuery()) {
					rs.next();
					originalApplicationName = rs.getString(1);
					originalSearchPath = (schema != null) ? rs.getString(2) : null;
				}
			}
			SchemaHistory.Located located = SchemaHistory.locate(connection, configuration);
			return new Session(connection, located, configuration, listeners, new Original(originalApplicationName,
					autoCommit, originalSearchPath, originalNetworkTimeout, originalStatementTimeout));
		}
		catch (SQLException | RuntimeException ex) {
			connection.close();
			throw ex;
		}
	}

	public Connection connection() {
		return this.connection;
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
		return new HoistException("Hoist could not " + action + ": " + ex.getMessage()
				+ ((ex.getSQLState() != null) ? " (SQLSTATE " + ex.getSQLState() + ")" : ""), ex);
	}

	@Override
	public void close() {
		try {
			if (!this.connection.isClosed()) {
				if (!this.connection.getAutoCommit()) {
					this.connection.rollback();
					this.connection.setAutoCommit(true);
				}
				try (PreparedStatement statement = this.connection.prepareStatement(
						"SELECT set_config('application_name', ?, false), CASE WHEN ?::text IS NULL THEN NULL"
								+ " ELSE set_config('search_path', ?, false) END")) {
					statement.setString(1, (this.originalApplicationName != null) ? this.originalApplicationName : "");
					statement.setString(2, this.originalSearchPath);
					statement.setString(3, this.originalSearchPath);
					statement.execute();
				}
				this.connection.setAutoCommit(this.originalAutoCommit);
				if (this.originalStatementTimeout != null) {
					try (PreparedStatement statement = this.connection
						.prepareStatement("SELECT set_config('statement_timeout', ?, false)")) {
						statement.setString(1, this.originalStatementTimeout);
						statement.execute();
					}
				}
				if (this.originalLostHolderSettings != null) {
					LostHolderSettings.restore(this.connection, this.originalLostHolderSettings);
				}
				if (this.originalNetworkTimeout >= 0) {
					this.connection.setNetworkTimeout(Runnable::run, this.originalNetworkTimeout);
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

	/** What the session changes on the connection, to restore on close. */
	private record Original(@Nullable String applicationName, boolean autoCommit, @Nullable String searchPath,
			int networkTimeout, @Nullable String statementTimeout) {

	}

}
