package dev.hoist.core.internal;

/**
 * The up or down part of a migration file, as read when it was checked; its statements
 * are read again, one by one, when it runs.
 *
 * @param transactional whether the section runs in one transaction with its history row
 * @param markerLine the line of the {@code -- migrate:} marker, or 0 for a file without
 * markers
 * @param statementCount how many statements it holds; 0 for a section of comments only
 */
public record MigrationSection(boolean transactional, int markerLine, int statementCount) {

	/**
	 * Return whether the section holds at least one statement.
	 * @return whether it has statements
	 */
	public boolean hasStatements() {
		return this.statementCount > 0;
	}

}
