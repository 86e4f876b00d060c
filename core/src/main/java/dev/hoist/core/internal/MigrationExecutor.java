package dev.hoist.core.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.JavaMigration;
import dev.hoist.core.MigrationFailedException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one migration's statements on a connection and turns a failure into a message that
 * names the file, the line, the statement and PostgreSQL's own words.
 */
final class MigrationExecutor {

	private static final Logger logger = LoggerFactory.getLogger(MigrationExecutor.class);

	static final String LOCK_NOT_AVAILABLE = "55P03";

	static final String QUERY_CANCELED = "57014";

	private static final Pattern POSITION = Pattern.compile("\\n\\s*Position: (\\d+)");

	private final @Nullable Duration ddlLockTimeout;

	private final DdlRetry retry;

	MigrationExecutor(HoistConfiguration configuration) {
		this.ddlLockTimeout = configuration.getDdlLockTimeout();
		this.retry = new DdlRetry(configuration);
	}

	/**
	 * Return the retry policy after DDL lock timeouts, for steps larger than a statement.
	 * @return the retry policy
	 */
	DdlRetry retry() {
		return this.retry;
	}

	/**
	 * Run a transactional section (or a Java migration) inside the connection's current
	 * transaction. The caller commits or rolls back.
	 */
	void runInTransaction(Connection connection, ResolvedMigration migration, boolean down) throws StepFailure {
		Duration ddlTimeout = this.ddlLockTimeout;
		if (ddlTimeout != null) {
			execute(connection, migration,
					new SqlStatement("SET LOCAL lock_timeout = '" + ddlTimeout.toMillis() + "ms'", 0));
		}
		JavaMigration java = migration.java();
		if (java != null) {
			// the migration's own statements are cancelled when this thread is
			// interrupted
			try (StatementCanceller.Watch watch = StatementCanceller.watch()) {
				Connection watching = watch.watching(connection);
				if (down) {
					java.down(watching);
				}
				else {
					java.up(watching);
				}
			}
			catch (Exception ex) {
				throw new StepFailure(javaFailure(migration, ex, down), ex, 0);
			}
			return;
		}
		try (SqlSource.Statements statements = statements(migration, down)) {
			for (SqlStatement statement = statements.next(); statement != null; statement = statements.next()) {
				execute(connection, migration, statements, statement);
			}
			logIfEmpty(migration, statements, down);
		}
	}

	/**
	 * Run a non-transactional section statement by statement in autocommit, retrying a
	 * statement that hit the DDL lock timeout.
	 */
	void runInAutocommit(Connection connection, ResolvedMigration migration, boolean down)
			throws StepFailure, SQLException {
		Duration ddlTimeout = this.ddlLockTimeout;
		try {
			if (ddlTimeout != null) {
				execute(connection, migration,
						new SqlStatement("SET lock_timeout = '" + ddlTimeout.toMillis() + "ms'", 0));
			}
			try (SqlSource.Statements statements = statements(migration, down)) {
				for (SqlStatement statement = statements.next(); statement != null; statement = statements.next()) {
					SqlStatement current = statement;
					this.retry.run(connection, migration, () -> {
						execute(connection, migration, statements, current);
						return null;
					});
				}
				logIfEmpty(migration, statements, down);
			}
		}
		finally {
			if (ddlTimeout != null) {
				try (Statement reset = connection.createStatement()) {
					reset.execute("RESET lock_timeout");
				}
				catch (SQLException ex) {
					logger.debug("Could not reset lock_timeout", ex);
				}
			}
		}
	}

	private static SqlSource.Statements statements(ResolvedMigration migration, boolean down) {
		return Objects.requireNonNull(migration.sql(), "a SQL migration").statements(down);
	}

	// a migration kept for its history, such as "data is migrated in code": worth a line
	private static void logIfEmpty(ResolvedMigration migration, SqlSource.Statements statements, boolean down) {
		if (statements.count() == 0 && !down) {
			logger.info("Hoist: {} has no SQL statements; recording it as applied", migration.location());
		}
	}

	private static void execute(Connection connection, ResolvedMigration migration, SqlSource.Statements statements,
			SqlStatement statement) throws StepFailure {
		try (Statement jdbc = connection.createStatement()) {
			if (Thread.currentThread().isInterrupted()) {
				throw new SQLException("Hoist was interrupted before this statement", QUERY_CANCELED);
			}
			// the SQL goes to the server as written: no JDBC escape processing
			// of {fn ...}
			jdbc.setEscapeProcessing(false);
			try (StatementCanceller.Watch watch = StatementCanceller.watch(jdbc)) {
				jdbc.execute(statement.sql());
			}
		}
		catch (SQLException ex) {
			throw new StepFailure(statementFailure(migration, statement, ex), ex, statements.count() - 1);
		}
		catch (OutOfMemoryError ex) {
			throw statements.source().outOfMemory(statement.line(), statement.sql().length(), true);
		}
	}

	private static void execute(Connection connection, ResolvedMigration migration, SqlStatement statement)
			throws StepFailure {
		try (Statement jdbc = connection.createStatement()) {
			jdbc.execute(statement.sql());
		}
		catch (SQLException ex) {
			throw new StepFailure(statementFailure(migration, statement, ex), ex, 0);
		}
	}

	private static MigrationFailedException statementFailure(ResolvedMigration migration, SqlStatement statement,
			SQLException ex) {
		// read the server's fields from pgjdbc's message text so core needs no driver
		// at compile time
		String text = String.valueOf(ex.getMessage());
		int position = 0;
		Matcher matcher = POSITION.matcher(text);
		if (matcher.find()) {
			position = Integer.parseInt(matcher.group(1));
		}
		List<String> lines = text.lines().filter((l) -> !POSITION.matcher("\n" + l).find()).toList();
		String serverMessage = lines.isEmpty() ? text : lines.get(0).replaceFirst("^(ERROR|FATAL):\\s*", "");
		String details = String.join("\n", lines.subList(Math.min(1, lines.size()), lines.size())).strip();
		int line = statement.lineAt(position);
		StringBuilder message = new StringBuilder();
		message.append("Migration ").append(migration.location());
		if (statement.line() > 0) {
			message.append(" failed at line ").append(line);
		}
		else {
			message.append(" failed");
		}
		message.append(":\n    ").append(abbreviate(statement.sql()).replace("\n", "\n    "));
		message.append("\nPostgreSQL said: ").append(serverMessage);
		if (ex.getSQLState() != null) {
			message.append(" (SQLSTATE ").append(ex.getSQLState()).append(')');
		}
		if (!details.isEmpty()) {
			message.append("\n").append(details);
		}
		return new MigrationFailedException(message.toString(), migration.script(), line, statement.sql(),
				ex.getSQLState(), ex);
	}

	private static MigrationFailedException javaFailure(ResolvedMigration migration, Exception ex, boolean down) {
		String sqlState = (ex instanceof SQLException sql) ? sql.getSQLState() : null;
		String message = "Java migration " + migration.script() + (down ? " (down)" : "") + " failed: " + ex;
		return new MigrationFailedException(message, migration.script(), 0, "", sqlState, ex);
	}

	// twelve lines at most, found without splitting what may be a very long statement
	private static String abbreviate(String sql) {
		int end = -1;
		for (int i = 0; i < 12; i++) {
			end = sql.indexOf('\n', end + 1);
			if (end < 0) {
				return (sql.length() > 2000)
						? sql.substring(0, 2000) + " ... (" + (sql.length() - 2000) + " more characters)" : sql;
			}
		}
		long more = 1 + sql.chars().skip(end + 1).filter((c) -> c == '\n').count();
		String head = sql.substring(0, Math.min(end, 2000));
		return head + "\n... (" + more + " more line" + ((more == 1) ? "" : "s") + ")";
	}

	/**
	 * A statement failed; carries the message built for people.
	 */
	static final class StepFailure extends Exception {

		private final MigrationFailedException failure;

		private final int statementsBefore;

		StepFailure(MigrationFailedException failure, Throwable cause, int statementsBefore) {
			super(failure.getMessage(), cause);
			this.failure = failure;
			this.statementsBefore = statementsBefore;
		}

		/**
		 * Return how many statements of the section ran before the failing one.
		 * @return the count
		 */
		int statementsBefore() {
			return this.statementsBefore;
		}

		MigrationFailedException failure() {
			return this.failure;
		}

		boolean isLockTimeout() {
			return LOCK_NOT_AVAILABLE.equals(this.failure.sqlState());
		}

	}

}
