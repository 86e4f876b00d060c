package dev.hoist.core.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Reads a migration file in dbmate's notation: an optional {@code -- migrate:up} marker,
 * the up statements, an optional {@code -- migrate:down} marker and the down statements.
 * Options ride on the marker line ({@code transaction:false}); a down marker without
 * options inherits the up's. A file without markers is all up.
 */
public final class SqlMigrationParser {

	private static final Pattern MARKER = Pattern.compile("^\\s*--\\s*migrate:(\\S*)(.*)$");

	private static final Pattern OPTION = Pattern.compile("([A-Za-z_]+):(\\S*)");

	private static final Pattern WHITESPACE = Pattern.compile("\\s+");

	private static final Pattern WORD_TAIL = Pattern.compile("[;(].*$");

	private static final Pattern TRANSACTION_CONTROL = Pattern
		.compile("(BEGIN|START TRANSACTION|COMMIT|ROLLBACK|END|ABORT)( .*)?");

	private static final Pattern OUTSIDE_TRANSACTION_ONLY = Pattern.compile("(CREATE (UNIQUE )?INDEX CONCURRENTLY"
			+ "|DROP INDEX CONCURRENTLY|CREATE DATABASE|DROP DATABASE|VACUUM|ALTER SYSTEM|CREATE TABLESPACE"
			+ "|DROP TABLESPACE)( .*)?");

	private SqlMigrationParser() {
	}

	/**
	 * Parse a file's normalized text.
	 * @param script the file name, for messages
	 * @param text the normalized text (LF line ends, no BOM)
	 * @return the up section and the down section, if any
	 * @throws MigrationFileException naming the file, line and reason
	 */
	public static Parsed parse(String script, String text) {
		return parse(script, text, true);
	}

	/**
	 * Parse a file's normalized text without refusing the statements Hoist would refuse
	 * to run (such as {@code CREATE INDEX CONCURRENTLY} in a transactional section): the
	 * linter reports those as findings, with the rest of the file.
	 * @param script the file name, for messages
	 * @param text the normalized text (LF line ends, no BOM)
	 * @return the up section and the down section, if any
	 * @throws MigrationFileException when the markers or quoting cannot be read
	 */
	public static Parsed parseLeniently(String script, String text) {
		return parse(script, text, false);
	}

	private static Parsed parse(String script, String text, boolean checkStatements) {
		String[] lines = text.split("\n", -1);
		int upMarker = -1;
		int downMarker = -1;
		@Nullable Boolean upTransactional = null;
		@Nullable Boolean downTransactional = null;
		for (int i = 0; i < lines.length; i++) {
			Matcher matcher = MARKER.matcher(lines[i]);
			if (!matcher.matches()) {
				continue;
			}
			int lineNumber = i + 1;
			String direction = matcher.group(1).toLowerCase(Locale.ROOT);
			Boolean transactional = options(script, lineNumber, matcher.group(2));
			if (direction.equals("up")) {
				if (upMarker >= 0) {
					throw new MigrationFileException(script,
							script + " line " + lineNumber + ": a second '-- migrate:up' marker (the first is on line "
									+ (upMarker + 1) + "); a file has one up and at most one down section");
				}
				if (downMarker >= 0) {
					throw new MigrationFileException(script,
							script + " line " + lineNumber + ": '-- migrate:up' comes after '-- migrate:down' (line "
									+ (downMarker + 1) + "); put the up section first");
				}
				upMarker = i;
				upTransactional = transactional;
			}
			else if (direction.equals("down")) {
				if (upMarker < 0) {
					throw new MigrationFileException(script, script + " line " + lineNumber
							+ ": '-- migrate:down' without a '-- migrate:up' before it; start the file with '-- migrate:up'");
				}
				if (downMarker >= 0) {
					throw new MigrationFileException(script, script + " line " + lineNumber
							+ ": a second '-- migrate:down' marker (the first is on line " + (downMarker + 1) + ")");
				}
				downMarker = i;
				downTransactional = transactional;
			}
			else {
				throw new MigrationFileException(script,
						script + " line " + lineNumber + ": unknown marker '-- migrate:" + matcher.group(1)
								+ "'; use '-- migrate:up' or '-- migrate:down'");
			}
		}
		if (upMarker < 0) {
			MigrationSection up = section(script, lines, 0, lines.length, true, 0, checkStatements);
			if (up.statements().isEmpty()) {
				throw new MigrationFileException(script, script + ": the file has no SQL statements");
			}
			return new Parsed(up, null);
		}
		List<SqlStatement> before = split(script, lines, 0, upMarker);
		if (!before.isEmpty()) {
			throw new MigrationFileException(script, script + " line " + before.get(0).line()
					+ ": SQL before '-- migrate:up' (line " + (upMarker + 1) + "); move it below the marker");
		}
		boolean upTx = (upTransactional != null) ? upTransactional : true;
		int upEnd = (downMarker >= 0) ? downMarker : lines.length;
		MigrationSection up = section(script, lines, upMarker + 1, upEnd, upTx, upMarker + 1, checkStatements);
		if (up.statements().isEmpty()) {
			throw new MigrationFileException(script, script + " line " + (upMarker + 1)
					+ ": the '-- migrate:up' section is empty; a migration must change something");
		}
		MigrationSection down = null;
		if (downMarker >= 0) {
			boolean downTx = (downTransactional != null) ? downTransactional : upTx;
			down = section(script, lines, downMarker + 1, lines.length, downTx, downMarker + 1, checkStatements);
		}
		return new Parsed(up, down);
	}

	private static @Nullable Boolean options(String script, int line, String text) {
		String rest = text.strip();
		if (rest.isEmpty()) {
			return null;
		}
		Boolean transactional = null;
		for (String token : WHITESPACE.split(rest)) {
			Matcher matcher = OPTION.matcher(token);
			if (!matcher.matches()) {
				throw new MigrationFileException(script, script + " line " + line + ": cannot read option '" + token
						+ "' on the marker line; options look like 'transaction:false'");
			}
			String name = matcher.group(1).toLowerCase(Locale.ROOT);
			String value = matcher.group(2).toLowerCase(Locale.ROOT);
			if (!name.equals("transaction")) {
				throw new MigrationFileException(script, script + " line " + line + ": unknown option '" + token
						+ "' on the marker line; the known option is 'transaction:false' (or 'transaction:true')");
			}
			if (!value.equals("true") && !value.equals("false")) {
				throw new MigrationFileException(script,
						script + " line " + line + ": option '" + token + "' needs 'true' or 'false'");
			}
			transactional = Boolean.valueOf(value);
		}
		return transactional;
	}

	private static MigrationSection section(String script, String[] lines, int from, int to, boolean transactional,
			int markerLine, boolean checkStatements) {
		List<SqlStatement> statements = split(script, lines, from, to);
		for (SqlStatement statement : statements) {
			if (checkStatements) {
				check(script, statement, transactional);
			}
		}
		return new MigrationSection(transactional, statements, markerLine);
	}

	private static List<SqlStatement> split(String script, String[] lines, int from, int to) {
		String text = String.join("\n", Arrays.asList(lines).subList(from, to));
		try {
			return SqlSplitter.split(text, from + 1);
		}
		catch (SqlSplitter.SqlSyntaxException ex) {
			throw new MigrationFileException(script, script + " line " + ex.line() + ": " + ex.getMessage());
		}
	}

	private static void check(String script, SqlStatement statement, boolean transactional) {
		String words = leadingWords(statement.sql(), 4);
		if (statement.sql().startsWith("\\")) {
			throw new MigrationFileException(script, script + " line " + statement.line() + ": psql meta-command '"
					+ firstLine(statement.sql()) + "' is not SQL; Hoist sends SQL to the server");
		}
		if (!transactional) {
			return;
		}
		if (TRANSACTION_CONTROL.matcher(words).matches() && !words.startsWith("BEGIN ATOMIC")
				&& !words.startsWith("ROLLBACK TO") && !words.startsWith("COMMIT PREPARED")
				&& !words.startsWith("ROLLBACK PREPARED")) {
			throw new MigrationFileException(script, script + " line " + statement.line() + ": '"
					+ firstLine(statement.sql())
					+ "' controls the transaction, but Hoist already runs this migration in one transaction with its history row."
					+ " Remove it, or mark the section '-- migrate:up transaction:false' to run statement by statement");
		}
		if (OUTSIDE_TRANSACTION_ONLY.matcher(words).matches()
				|| (words.startsWith("REINDEX") && statement.sql().toUpperCase(Locale.ROOT).contains("CONCURRENTLY"))) {
			throw new MigrationFileException(script, script + " line " + statement.line() + ": '"
					+ firstLine(statement.sql())
					+ "' cannot run inside a transaction block. Mark the section '-- migrate:up transaction:false' (and keep it alone in its file)");
		}
	}

	private static String leadingWords(String sql, int count) {
		String[] parts = WHITESPACE.split(sql.strip(), count + 1);
		StringBuilder words = new StringBuilder();
		for (int i = 0; i < Math.min(count, parts.length); i++) {
			if (i > 0) {
				words.append(' ');
			}
			words.append(WORD_TAIL.matcher(parts[i].toUpperCase(Locale.ROOT)).replaceAll(""));
		}
		return words.toString();
	}

	private static String firstLine(String sql) {
		int newline = sql.indexOf('\n');
		String first = (newline < 0) ? sql : sql.substring(0, newline) + " ...";
		return (first.length() > 80) ? first.substring(0, 77) + "..." : first;
	}

	/**
	 * A parsed file.
	 *
	 * @param up the up section
	 * @param down the down section, or {@code null} when the file cannot be downgraded
	 */
	public record Parsed(MigrationSection up, @Nullable MigrationSection down) {

	}

}
