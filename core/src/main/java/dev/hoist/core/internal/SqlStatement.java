package dev.hoist.core.internal;

/**
 * One SQL statement of a migration file and the line it starts on.
 *
 * @param sql the statement text, without the terminating semicolon
 * @param line the 1-based line in the file where the statement's first token is
 */
public record SqlStatement(String sql, int line) {

	/**
	 * Return the 1-based file line of a 1-based character position in the statement, as
	 * PostgreSQL reports error positions.
	 * @param position the position, or 0 when unknown
	 * @return the file line
	 */
	public int lineAt(int position) {
		if (position <= 0) {
			return this.line;
		}
		int lines = 0;
		int end = Math.min(position - 1, this.sql.length());
		for (int i = 0; i < end; i++) {
			if (this.sql.charAt(i) == '\n') {
				lines++;
			}
		}
		return this.line + lines;
	}

}
