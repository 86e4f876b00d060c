package dev.hoist.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.HoistException;
import dev.hoist.core.MigrationInfo;
import dev.hoist.core.MigrationVersion;
import org.jspecify.annotations.Nullable;

/**
 * The history table: which migrations were applied, when, by whom, with which checksum.
 */
public final class SchemaHistory {

	private final String schema;

	private final String table;

	private final String qualified;

	private final long lockKey;

	private final HoistConfiguration configuration;

	private SchemaHistory(String schema, String table, HoistConfiguration configuration) {
		this.configuration = configuration;
		this.schema = schema;
		this.table = table;
		this.qualified = quote(schema) + "." + quote(table);
		this.lockKey = lockKey(schema, table);
	}

	/**
	 * Return the advisory-lock key of a history table.
	 * @param schema the schema
	 * @param table the table
	 * @return the 64-bit key
	 */
	static long lockKey(String schema, String table) {
		return Long.parseUnsignedLong(Checksums.sha256("hoist:" + schema + "." + table).substring(0, 16), 16);
	}

	/**
	 * Find the history table for a connection: the configured schema or the connection's
	 * current one. One round trip.
	 * @param connection the connection
	 * @param configuration the configuration: schema (or {@code null} for the current
	 * one) and table
	 * @return the history and whether its table exists
	 * @throws SQLException on a database error
	 */
	public static Located locate(Connection connection, HoistConfiguration configuration) throws SQLException {
		String schema = configuration.getSchema();
		String table = configuration.getTable();
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT s.name, to_regclass(quote_ident(s.name) || '.' || quote_ident(?)) IS NOT NULL,"
					+ " current_user FROM (SELECT coalesce(?, current_schema()) AS name) s")) {
			statement.setString(1, table);
			statement.setString(2, schema);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				String name = rs.getString(1);
				if (name == null) {
					throw new SQLException("The connection has no current schema (search_path is empty): configure "
							+ SettingName.SCHEMA.in(configuration));
				}
				return new Located(new SchemaHistory(name, table, configuration), rs.getBoolean(2), rs.getString(3));
			}
		}
	}

	public String schema() {
		return this.schema;
	}

	public String table() {
		return this.table;
	}

	public String qualifiedName() {
		return this.qualified;
	}

	/**
	 * Create the schema and table when missing, with the table's unique index, in one
	 * transaction: a process that dies part way leaves nothing, never a table without the
	 * index that refuses a second application of a version. Inside an open transaction
	 * (the transaction lock mode) they join it.
	 * @param connection the connection
	 * @throws SQLException on a database error
	 */
	public void create(Connection connection) throws SQLException {
		boolean autoCommit = connection.getAutoCommit();
		if (autoCommit) {
			connection.setAutoCommit(false);
		}
		try {
			createTable(connection);
			if (autoCommit) {
				connection.commit();
			}
		}
		catch (SQLException | RuntimeException ex) {
			if (autoCommit) {
				MigrateCommand.rollbackQuietly(connection);
			}
			throw ex;
		}
		finally {
			if (autoCommit) {
				connection.setAutoCommit(true);
			}
		}
	}

	private void createTable(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			// CREATE SCHEMA IF NOT EXISTS needs CREATE on the database even when the
			// schema exists, which an owner role of one schema often lacks
			boolean schemaExists;
			try (PreparedStatement exists = connection
				.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ?)")) {
				exists.setString(1, this.schema);
				try (ResultSet rs = exists.executeQuery()) {
					rs.next();
					schemaExists = rs.getBoolean(1);
				}
			}
			if (!schemaExists) {
				statement.execute("CREATE SCHEMA IF NOT EXISTS " + quote(this.schema));
			}
			statement.execute("CREATE TABLE IF NOT EXISTS " + this.qualified + " ("
					+ "installed_rank integer PRIMARY KEY, version text, description text NOT NULL,"
					+ " type text NOT NULL, script text NOT NULL, checksum text, installed_by text NOT NULL,"
					+ " installed_at timestamptz NOT NULL DEFAULT now(), execution_ms integer NOT NULL,"
					+ " success boolean NOT NULL)");
			// a second application of one version fails and rolls back, even if a
			// lock was lost
			statement.execute("CREATE UNIQUE INDEX IF NOT EXISTS " + quote(this.table + "_applied_version") + " ON "
					+ this.qualified + " (version) WHERE success AND version IS NOT NULL");
		}
	}

	/**
	 * Read every row in rank order: one query.
	 * @param connection the connection
	 * @return the rows
	 * @throws SQLException on a database error
	 */
	public List<HistoryRow> read(Connection connection) throws SQLException {
		List<HistoryRow> rows = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement
					.executeQuery("SELECT " + COLUMNS + " FROM " + this.qualified + " h ORDER BY installed_rank")) {
			while (rs.next()) {
				rows.add(row(rs, 1));
			}
		}
		return rows;
	}

	/**
	 * Read every row in one query on a connection as it is, changing nothing on it: the
	 * read of a start at the head. Gives up, without an error, when the table is not
	 * simply there to read (missing, in another schema of the search path than the
	 * current one, not readable): then the caller locates it as usual.
	 * @param connection the connection, in any autocommit mode
	 * @param configuration the configuration: schema (or {@code null} for the current
	 * one) and table
	 * @return the rows with the schema they were read from, or {@code null}
	 */
	public static @Nullable Read readAsIs(Connection connection, HoistConfiguration configuration) {
		String schema = configuration.getSchema();
		String table = configuration.getTable();
		String from;
		String located;
		if (schema != null) {
			from = quote(schema) + "." + quote(table);
			located = literal(schema) + "::text, true";
		}
		else {
			// the unqualified name is found along search_path: read only the table in the
			// current schema, where Hoist keeps it
			from = quote(table);
			located = "current_schema(), to_regclass(quote_ident(current_schema()) || '.' || quote_ident("
					+ literal(table) + ")) = " + literal(quote(table)) + "::regclass";
		}
		String sql = "SELECT s.*, " + COLUMNS + " FROM (SELECT " + located + ", current_user) s LEFT JOIN " + from
				+ " h ON true ORDER BY h.installed_rank";
		try {
			boolean autoCommit = connection.getAutoCommit();
			try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
				List<HistoryRow> rows = new ArrayList<>();
				String name = null;
				boolean here = false;
				while (rs.next()) {
					name = rs.getString(1);
					here = rs.getBoolean(2);
					if (rs.getObject(4) != null) {
						rows.add(row(rs, 4));
					}
				}
				return (name != null && here) ? new Read(name, rows) : null;
			}
			finally {
				if (!autoCommit) {
					connection.rollback();
				}
			}
		}
		catch (SQLException | RuntimeException ex) {
			return null;
		}
	}

	private static final String COLUMNS = "h.installed_rank, h.version, h.description, h.type, h.script, h.checksum,"
			+ " h.installed_by, h.installed_at, h.execution_ms, h.success";

	private static HistoryRow row(ResultSet rs, int first) throws SQLException {
		String version = rs.getString(first + 1);
		return new HistoryRow(rs.getInt(first), (version != null) ? MigrationVersion.parse(version) : null,
				rs.getString(first + 2), MigrationInfo.Type.valueOf(rs.getString(first + 3)), rs.getString(first + 4),
				rs.getString(first + 5), rs.getString(first + 6), rs.getTimestamp(first + 7).toInstant(),
				rs.getInt(first + 8), rs.getBoolean(first + 9));
	}

	private static String literal(String text) {
		return "'" + text.replace("'", "''") + "'";
	}

	/**
	 * Record a migration with the next rank. Call under the migration lock.
	 * @param connection the connection
	 * @param migration the migration
	 * @param installedBy who applied it
	 * @param executionMs how long it ran
	 * @param success whether it succeeded
	 * @throws SQLException on a database error
	 */
	public int insert(Connection connection, ResolvedMigration migration, String installedBy, long executionMs,
			boolean success) throws SQLException {
		return insert(connection, migration.version(), migration.description(), migration.type(), migration.script(),
				migration.checksum(), installedBy, executionMs, success, false);
	}

	/**
	 * Record a migration applied in the connection's open transaction, and say whether
	 * its commit may return before the server has flushed it: a later synchronous commit
	 * on the same server flushes it with everything before it, since the log is written
	 * in order. Call under the migration lock.
	 * @param connection the connection, in the migration's transaction
	 * @param migration the migration
	 * @param installedBy who applied it
	 * @param executionMs how long it ran
	 * @param deferFlush whether the commit need not wait for the flush
	 * @return the row's rank
	 * @throws SQLException on a database error
	 */
	public int insertApplied(Connection connection, ResolvedMigration migration, String installedBy, long executionMs,
			boolean deferFlush) throws SQLException {
		return insert(connection, migration.version(), migration.description(), migration.type(), migration.script(),
				migration.checksum(), installedBy, executionMs, true, deferFlush);
	}

	public int insert(Connection connection, @Nullable MigrationVersion version, String description,
			MigrationInfo.Type type, String script, @Nullable String checksum, String installedBy, long executionMs,
			boolean success) throws SQLException {
		return insert(connection, version, description, type, script, checksum, installedBy, executionMs, success,
				false);
	}

	private int insert(Connection connection, @Nullable MigrationVersion version, String description,
			MigrationInfo.Type type, String script, @Nullable String checksum, String installedBy, long executionMs,
			boolean success, boolean deferFlush) throws SQLException {
		// HAVING: the row is written only by the session that holds the migration lock,
		// in the same statement, so a lock lost behind a pooler can never go unnoticed
		try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + this.qualified
				+ " (installed_rank, version, description, type, script, checksum, installed_by, execution_ms, success)"
				+ " SELECT coalesce(max(installed_rank), 0) + 1, ?, ?, ?, ?, ?, ?, ?, ? FROM " + this.qualified
				+ " HAVING EXISTS (SELECT 1 FROM pg_locks l WHERE l.granted AND l.pid = pg_backend_pid() AND "
				+ AdvisoryLock.keyMatch("l") + ")" + " RETURNING installed_rank"
				// set with the row, for this transaction only: no round trip of its own
				+ (deferFlush ? ", set_config('synchronous_commit', 'off', true)" : ""))) {
			if (version != null) {
				statement.setString(1, version.toString());
			}
			else {
				statement.setNull(1, Types.VARCHAR);
			}
			statement.setString(2, description);
			statement.setString(3, type.name());
			statement.setString(4, script);
			statement.setString(5, checksum);
			statement.setString(6, installedBy);
			statement.setInt(7, (int) Math.min(executionMs, Integer.MAX_VALUE));
			statement.setBoolean(8, success);
			AdvisoryLock.bindKey(statement, 9, this.lockKey);
			try (ResultSet rs = statement.executeQuery()) {
				if (!rs.next()) {
					throw lockLost(script);
				}
				return rs.getInt(1);
			}
		}
	}

	// the work is rolled back rather than recorded unprotected
	private HoistException lockLost(String script) {
		String table = this.schema + "." + this.table;
		return new HoistException("Hoist no longer holds the migration lock on " + table + " while recording " + script
				+ ", so another instance may be migrating at the same time; " + script + " was not recorded"
				+ " (a transactional migration was rolled back with it). The connection probably goes through"
				+ " PgBouncer in transaction pooling mode, which hands each transaction to another server session."
				+ " Use " + SettingName.LOCK_MODE_TRANSACTION.in(this.configuration) + ", or migrate through a direct"
				+ " connection (" + SettingName.URL.in(this.configuration) + ")");
	}

	/**
	 * Record how a migration that was recorded before it ran ended.
	 * @param connection the connection
	 * @param rank the row's rank
	 * @param executionMs how long it ran
	 * @param success whether it succeeded
	 * @throws SQLException on a database error
	 */
	public void finish(Connection connection, int rank, long executionMs, boolean success) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(
				"UPDATE " + this.qualified + " SET execution_ms = ?, success = ? WHERE installed_rank = ?")) {
			statement.setInt(1, (int) Math.min(executionMs, Integer.MAX_VALUE));
			statement.setBoolean(2, success);
			statement.setInt(3, rank);
			statement.executeUpdate();
		}
	}

	/**
	 * Mark a row failed, as a non-transactional down section that failed part way leaves
	 * it: it blocks until {@code repair}.
	 * @param connection the connection
	 * @param rank the row's rank
	 * @throws SQLException on a database error
	 */
	public void markFailed(Connection connection, int rank) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("UPDATE " + this.qualified + " SET success = false WHERE installed_rank = ?")) {
			statement.setInt(1, rank);
			statement.executeUpdate();
		}
	}

	/**
	 * Remove one row.
	 * @param connection the connection
	 * @param rank the row's rank
	 * @throws SQLException on a database error
	 */
	public void delete(Connection connection, int rank) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("DELETE FROM " + this.qualified + " WHERE installed_rank = ?")) {
			statement.setInt(1, rank);
			statement.executeUpdate();
		}
	}

	/**
	 * Remove every repeatable migration's rows, so that the next migrate re-applies them.
	 * @param connection the connection
	 * @return how many rows were removed
	 * @throws SQLException on a database error
	 */
	public int deleteRepeatables(Connection connection) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("DELETE FROM " + this.qualified + " WHERE type = ?")) {
			statement.setString(1, MigrationInfo.Type.REPEATABLE.name());
			return statement.executeUpdate();
		}
	}

	/**
	 * Record a new checksum for one row.
	 * @param connection the connection
	 * @param rank the row's rank
	 * @param checksum the new checksum
	 * @throws SQLException on a database error
	 */
	public void updateChecksum(Connection connection, int rank, @Nullable String checksum) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("UPDATE " + this.qualified + " SET checksum = ? WHERE installed_rank = ?")) {
			statement.setString(1, checksum);
			statement.setInt(2, rank);
			statement.executeUpdate();
		}
	}

	/**
	 * Return a stable 64-bit advisory-lock key for this history table, so that two
	 * services with their own schemas in one database do not block each other.
	 * @return the key
	 */
	public long lockKey() {
		return this.lockKey;
	}

	static String quote(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

	/**
	 * A located history table.
	 *
	 * @param history the history
	 * @param exists whether its table exists
	 * @param currentUser the connection's user
	 */
	public record Located(SchemaHistory history, boolean exists, String currentUser) {

	}

	/**
	 * History read as it is.
	 *
	 * @param schema the schema of the table read
	 * @param rows the rows in rank order
	 */
	public record Read(String schema, List<HistoryRow> rows) {

	}

}
