package dev.hoist.core;

import org.jspecify.annotations.Nullable;

/**
 * A migration's statement failed. For a transactional migration everything it did was
 * rolled back and no history row remains; for a non-transactional one a failed row blocks
 * until {@code repair}.
 */
public class MigrationFailedException extends HoistException {

	private final String script;

	private final int line;

	private final String statement;

	private final @Nullable String sqlState;

	/**
	 * Create an exception.
	 * @param message the full message
	 * @param script the file or class of the migration
	 * @param line the line in the file where the failing statement or error is (1-based),
	 * or 0 when unknown
	 * @param statement the failing statement
	 * @param sqlState the SQLSTATE PostgreSQL gave, when there is one
	 * @param cause the cause
	 */
	public MigrationFailedException(String message, String script, int line, String statement,
			@Nullable String sqlState, @Nullable Throwable cause) {
		super(message, cause);
		this.script = script;
		this.line = line;
		this.statement = statement;
		this.sqlState = sqlState;
	}

	/**
	 * Return the file or class name of the failed migration.
	 * @return the script
	 */
	public String script() {
		return this.script;
	}

	/**
	 * Return the 1-based line in the file, or 0 when unknown.
	 * @return the line
	 */
	public int line() {
		return this.line;
	}

	/**
	 * Return the failing statement.
	 * @return the statement
	 */
	public String statement() {
		return this.statement;
	}

	/**
	 * Return PostgreSQL's SQLSTATE, if any.
	 * @return the SQLSTATE
	 */
	public @Nullable String sqlState() {
		return this.sqlState;
	}

}
