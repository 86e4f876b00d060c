package dev.hoist.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

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

	private final Connection connection;

	private final SchemaHistory.Located located;

	private final String installedBy;

	private final @Nullable String originalApplicationName;

	private final boolean originalAutoCommit;

	private final @Nullable String originalSearchPath;

	private int originalNetworkTimeout = -1;

	private @Nullable String originalStatementTimeout;

	private Session(Connection connection, SchemaHistory.Located located, String installedBy,
			@Nullable String originalApplicationName, boolean originalAutoCommit, @Nullable String originalSearchPath) {
		this.originalSearchPath = originalSearchPath;
		this.connection = connection;
		this.located = located;
		this.installedBy = installedBy;
		this.originalApplicationName = originalApplicationName;
		this.originalAutoCommit = originalAutoCommit;
	}

	public static Session open(Settings settings) throws SQLException {
		return open(settings, null);
	}

	/**
	 * Open a session whose every database read gives up after a timeout, so that a caller
	 * such as a health check is never stuck on a database that hangs.
	 * @param settings the settings
	 * @param readTimeout the longest wait for any answer from the database, or
	 * {@code null} for the driver's setting
	 * @return the session
	 * @throws SQLException on a database error, including a read that timed out
	 */
	public static Session open(Settings settings, @Nullable Duration readTimeout) throws SQLException {
		Connection connection = settings.dataSource().getConnection();
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
			String original;
			String originalSearchPath;
			// a configured schema is where the migrations' unqualified names go, as
			// Flyway users expect
			try (PreparedStatement statement = connection
				.prepareStatement("SELECT current_setting('application_name'), current_setting('search_path'),"
						+ " set_config('application_name', ?, false),"
						+ " CASE WHEN ?::text IS NULL THEN NULL ELSE set_config('search_path', quote_ident(?), false) END")) {
				statement.setString(1, settings.applicationName());
				statement.setString(2, settings.schema());
				statement.setString(3, settings.schema());
				try (ResultSet rs = statement.executeQuery()) {
					rs.next();
					original = rs.getString(1);
					originalSearchPath = (settings.schema() != null) ? rs.getString(2) : null;
				}
			}
			SchemaHistory.Located located = SchemaHistory.locate(connection, settings.schema(), settings.table());
			String installedBy = (settings.installedBy() != null) ? settings.installedBy() : located.currentUser();
			Session session = new Session(connection, located, installedBy, original, autoCommit, originalSearchPath);
			session.originalNetworkTimeout = originalNetworkTimeout;
			session.originalStatementTimeout = originalStatementTimeout;
			return session;
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

	public AdvisoryLock lock() {
		SchemaHistory history = history();
		return new AdvisoryLock(history.lockKey(), history.schema() + "." + history.table());
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

}
