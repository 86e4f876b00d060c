package dev.hoist.core.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
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
 * <p>
 * The file is read as a stream, one statement at a time: {@link #parse} checks a whole
 * file and keeps only what its sections are, {@link #next} hands the statements of one
 * section to the executor. Markers are recognised only outside quotes, dollar quotes and
 * block comments; a comment that looks like a marker but is not spelled as one is
 * refused, since reading it as a comment would run the down SQL with the up.
 * <p>
 * A section may hold no statements: an up section so is recorded like any other
 * migration, a down section so makes the migration irreversible. A problem in the down
 * section is kept apart ({@link Parsed#downProblem()}) so that it does not stop the up
 * section from being applied.
 */
public final class SqlMigrationParser {

	/** How much of each statement a check keeps: enough for its leading words. */
	static final int CHECKED_PREFIX = 4096;

	private static final Pattern OPTION = Pattern.compile("([A-Za-z_]+):(\\S*)");

	private static final Pattern WHITESPACE = Pattern.compile("\\s+");

	private static final Pattern WORD_TAIL = Pattern.compile("[;(].*$");

	private static final Pattern TRANSACTION_CONTROL = Pattern
		.compile("(BEGIN|START TRANSACTION|COMMIT|ROLLBACK|END|ABORT)( .*)?");

	private static final Pattern OUTSIDE_TRANSACTION_ONLY = Pattern.compile("(CREATE (UNIQUE )?INDEX CONCURRENTLY"
			+ "|DROP INDEX CONCURRENTLY|CREATE DATABASE|DROP DATABASE|VACUUM|ALTER SYSTEM|CREATE TABLESPACE"
			+ "|DROP TABLESPACE)( .*)?");

	private final String script;

	private final SqlSplitter splitter;

	private final boolean checkStatements;

	private Part section = Part.NONE;

	private int upMarker;

	private int downMarker;

	private boolean upTransactional = true;

	private boolean downTransactional = true;

	private int statementsBeforeMarkers;

	private int firstStatementLine;

	private int upStatements;

	private int downStatements;

	private int upPlaceholder;

	private int downPlaceholder;

	private @Nullable String downProblem;

	private boolean finished;

	/**
	 * Start reading a file.
	 * @param script the file name, for messages
	 * @param reader the normalized text (LF line ends, no BOM)
	 * @param keep how many characters of each statement to keep
	 * @param size the text's size, or more
	 */
	SqlMigrationParser(String script, Reader reader, int keep, long size) {
		this(script, reader, keep, size, true);
	}

	private SqlMigrationParser(String script, Reader reader, int keep, long size, boolean checkStatements) {
		this.script = script;
		this.splitter = new SqlSplitter(reader, 1, true, keep, size);
		this.checkStatements = checkStatements;
	}

	/**
	 * Parse a file's normalized text held in memory.
	 * @param script the file name, for messages
	 * @param text the normalized text (LF line ends, no BOM)
	 * @return the up section and the down section, if any
	 * @throws MigrationFileException naming the file, line and reason
	 */
	public static Parsed parse(String script, String text) {
		try {
			return parse(script, new StringReader(text), text.length());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Read a file held in memory into its sections and their statements, without refusing
	 * the statements Hoist would refuse to run (such as {@code CREATE INDEX CONCURRENTLY}
	 * in a transactional section): the linter reports those as findings, with the rest of
	 * the file.
	 * @param script the file name, for messages
	 * @param text the normalized text (LF line ends, no BOM)
	 * @return the sections with their statements
	 * @throws MigrationFileException when the markers, quoting or text cannot be read, in
	 * either section
	 */
	public static Sections parseLeniently(String script, String text) {
		SqlMigrationParser parser = new SqlMigrationParser(script, new StringReader(text), Integer.MAX_VALUE,
				text.length(), false);
		List<SqlStatement> up = new ArrayList<>();
		List<SqlStatement> down = new ArrayList<>();
		try {
			for (Located located = parser.next(); located != null; located = parser.next()) {
				(located.down() ? down : up).add(located.statement());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Parsed parsed = parser.parsed();
		if (parsed.downProblem() != null) {
			throw new MigrationFileException(script, parsed.downProblem());
		}
		MigrationSection downSection = parsed.down();
		return new Sections(new Section(parsed.up().transactional(), parsed.up().markerLine(), up),
				(downSection != null) ? new Section(downSection.transactional(), downSection.markerLine(), down)
						: null);
	}

	/**
	 * Check a whole file, keeping only what its sections are.
	 * @param script the file name, for messages
	 * @param reader the normalized text (LF line ends, no BOM)
	 * @param size the text's size, or more
	 * @return the up section and the down section, if any
	 * @throws MigrationFileException naming the file, line and reason
	 * @throws IOException if the text cannot be read
	 */
	static Parsed parse(String script, Reader reader, long size) throws IOException {
		SqlMigrationParser parser = new SqlMigrationParser(script, reader, CHECKED_PREFIX, size);
		while (parser.next() != null) {
			// each statement is checked as it is read
		}
		return parser.parsed();
	}

	/**
	 * Read the next statement of either section.
	 * @return the statement, or {@code null} at the end of the file
	 * @throws MigrationFileException on a problem outside the down section
	 * @throws IOException if the text cannot be read, or is not UTF-8
	 */
	@Nullable Located next() throws IOException {
		while (!this.finished) {
			SqlSplitter.Piece piece;
			try {
				piece = this.splitter.next();
			}
			catch (SqlSplitter.SqlSyntaxException ex) {
				if (this.section == Part.DOWN) {
					downProblem(ex.line(), ex.getMessage());
					// nothing after a broken down section can be read; the file ends with
					// it
					this.finished = true;
					return null;
				}
				throw problem(ex.line(), ex.getMessage());
			}
			catch (InvalidTextException ex) {
				throw new MigrationFileException(this.script, ex.describe(this.script, this.script));
			}
			if (piece == null) {
				finish();
				return null;
			}
			if (piece instanceof SqlSplitter.Directive directive) {
				directive(directive);
				continue;
			}
			Located statement = statement((SqlSplitter.Statement) piece);
			if (statement != null) {
				return statement;
			}
		}
		return null;
	}

	/**
	 * Return the first line of the statement being read, or 0 between statements.
	 * @return the line
	 */
	int statementLine() {
		return this.splitter.statementLine();
	}

	/**
	 * Return how many characters of the statement being read were read so far.
	 * @return the length
	 */
	long statementLength() {
		return this.splitter.statementLength();
	}

	/**
	 * Let go of the statement being read, after running out of memory with it.
	 */
	void releaseStatement() {
		this.splitter.release();
	}

	/**
	 * Return what the sections are, once {@link #next()} returned {@code null}.
	 * @return the sections
	 */
	Parsed parsed() {
		if (this.upMarker == 0) {
			return new Parsed(new MigrationSection(true, 0, this.statementsBeforeMarkers), null, this.downProblem);
		}
		MigrationSection up = new MigrationSection(this.upTransactional, this.upMarker, this.upStatements);
		MigrationSection down = (this.downMarker > 0)
				? new MigrationSection(this.downTransactional, this.downMarker, this.downStatements) : null;
		return new Parsed(up, down, this.downProblem);
	}

	private @Nullable Located statement(SqlSplitter.Statement piece) {
		SqlStatement statement = piece.statement();
		switch (this.section) {
			case NONE -> {
				if (this.statementsBeforeMarkers++ == 0) {
					this.firstStatementLine = statement.line();
				}
				String problem = check(piece, true, "start the file with '-- migrate:up transaction:false'");
				if (problem != null) {
					throw problem(statement.line(), problem);
				}
				return new Located(statement, false);
			}
			case UP -> {
				this.upStatements++;
				String problem = check(piece, this.upTransactional,
						"mark the section '-- migrate:up transaction:false'");
				if (problem != null) {
					throw problem(statement.line(), problem);
				}
				return new Located(statement, false);
			}
			default -> {
				this.downStatements++;
				if (this.downProblem != null) {
					return null;
				}
				String problem = check(piece, this.downTransactional,
						"mark the section '-- migrate:down transaction:false'");
				if (problem != null) {
					downProblem(statement.line(), problem);
					return null;
				}
				return new Located(statement, true);
			}
		}
	}

	private void directive(SqlSplitter.Directive directive) {
		MarkerRecogniser.Recognised recognised = directive.recognised();
		int line = directive.line();
		switch (recognised.kind()) {
			case PLACEHOLDER -> {
				if (this.section == Part.DOWN) {
					this.downPlaceholder = (this.downPlaceholder != 0) ? this.downPlaceholder : line;
				}
				else {
					this.upPlaceholder = (this.upPlaceholder != 0) ? this.upPlaceholder : line;
				}
			}
			case MISSPELLED -> throw problem(line, misspelled(directive));
			case MARKER -> marker(directive);
			default -> throw new IllegalStateException("Not a directive: " + directive);
		}
	}

	private static String misspelled(SqlSplitter.Directive directive) {
		MarkerRecogniser.Recognised recognised = directive.recognised();
		String text = directive.text().strip();
		if (recognised.hint() != null) {
			return recognised.hint();
		}
		if (recognised.intended() == null) {
			return "unknown marker '" + text + "'; use '-- migrate:up' or '-- migrate:down'";
		}
		return "'" + text + "' looks like a section marker but is not spelled as one, so Hoist would read it as a"
				+ " comment and the SQL below it as part of the section above. Write it as '" + recognised.intended()
				+ "'" + (directive.ownLine() ? "" : " on a line of its own");
	}

	private void marker(SqlSplitter.Directive directive) {
		int line = directive.line();
		String marker = "-- migrate:" + directive.recognised().direction();
		if (!directive.ownLine()) {
			throw problem(line, "'" + marker + "' must be on a line of its own, not after SQL or a comment; Hoist"
					+ " reads a marker only at the start of a line");
		}
		if (directive.recognised().direction().equals("up")) {
			if (this.upMarker > 0) {
				throw problem(line, "a second '-- migrate:up' marker (the first is on line " + this.upMarker
						+ "); a file has one up and at most one down section");
			}
			if (this.downMarker > 0) {
				throw problem(line, "'-- migrate:up' comes after '-- migrate:down' (line " + this.downMarker
						+ "); put the up section first");
			}
			if (this.statementsBeforeMarkers > 0) {
				throw problem(this.firstStatementLine,
						"SQL before '-- migrate:up' (line " + line + "); move it below the marker");
			}
			Boolean transactional = options(line, directive.recognised().options());
			this.upTransactional = (transactional != null) ? transactional : true;
			this.upMarker = line;
			this.upPlaceholder = 0;
			this.section = Part.UP;
			return;
		}
		if (this.upMarker == 0) {
			throw problem(line,
					"'-- migrate:down' without a '-- migrate:up' before it; start the file with '-- migrate:up'");
		}
		if (this.downMarker > 0) {
			throw problem(line, "a second '-- migrate:down' marker (the first is on line " + this.downMarker + ")");
		}
		this.downMarker = line;
		this.section = Part.DOWN;
		this.downTransactional = this.upTransactional;
		try {
			Boolean transactional = options(line, directive.recognised().options());
			if (transactional != null) {
				this.downTransactional = transactional;
			}
		}
		catch (MigrationFileException ex) {
			this.downProblem = ex.getMessage();
		}
	}

	private void finish() {
		this.finished = true;
		if (this.upMarker == 0 && this.statementsBeforeMarkers == 0 && this.upPlaceholder == 0
				&& !this.splitter.sawComment()) {
			throw new MigrationFileException(this.script, this.script + ": the file is empty. Write its SQL; if it is"
					+ " meant to change nothing, say so in a comment and Hoist records it like any other migration");
		}
		int upCount = (this.upMarker > 0) ? this.upStatements : this.statementsBeforeMarkers;
		if (upCount == 0 && this.upPlaceholder > 0) {
			throw problem(this.upPlaceholder, "the up section holds nothing but the '" + MarkerRecogniser.PLACEHOLDER
					+ "' placeholder that 'new' wrote: write the migration's SQL there (Hoist refuses the file until"
					+ " then; the placeholder line may stay or go)");
		}
		if (this.downMarker > 0 && this.downStatements == 0 && this.downPlaceholder > 0 && this.downProblem == null) {
			downProblem(this.downPlaceholder, "the down section holds nothing but the '" + MarkerRecogniser.PLACEHOLDER
					+ "' placeholder that 'new' wrote: write the SQL that undoes the up section there, or delete the"
					+ " placeholder line to declare the migration irreversible");
		}
	}

	private @Nullable Boolean options(int line, String text) {
		String rest = text.strip();
		if (rest.isEmpty()) {
			return null;
		}
		Boolean transactional = null;
		for (String token : WHITESPACE.split(rest)) {
			Matcher matcher = OPTION.matcher(token);
			if (!matcher.matches()) {
				throw problem(line, "cannot read option '" + token
						+ "' on the marker line; options look like 'transaction:false', without spaces");
			}
			String name = matcher.group(1).toLowerCase(Locale.ROOT);
			String value = matcher.group(2).toLowerCase(Locale.ROOT);
			if (!name.equals("transaction")) {
				String guess = (MarkerRecogniser.distance(name, "transaction") <= 3)
						? "; did you mean 'transaction:" + value + "'?"
						: "; the known option is 'transaction:false' (or 'transaction:true')";
				throw problem(line, "unknown option '" + token + "' on the marker line" + guess);
			}
			if (!value.equals("true") && !value.equals("false")) {
				throw problem(line, "option '" + token + "' needs 'true' or 'false'");
			}
			transactional = Boolean.valueOf(value);
		}
		return transactional;
	}

	// a problem with one statement, or null; the advice names the marker that fixes it
	private @Nullable String check(SqlSplitter.Statement piece, boolean transactional, String marker) {
		if (!this.checkStatements) {
			return null;
		}
		SqlStatement statement = piece.statement();
		String words = leadingWords(statement.sql(), 4);
		if (piece.copiesThroughClient()) {
			return "'" + firstLine(statement.sql()) + "' copies data through the client, which only psql and"
					+ " the driver's copy API can do; Hoist sends SQL statements. Turn the data into INSERT statements"
					+ " (pg_dump --inserts writes them), COPY from a file on the database server, or load it in a Java"
					+ " migration with pgjdbc's CopyManager";
		}
		if (!transactional) {
			return null;
		}
		if (TRANSACTION_CONTROL.matcher(words).matches() && !words.startsWith("BEGIN ATOMIC")
				&& !words.startsWith("ROLLBACK TO") && !words.startsWith("COMMIT PREPARED")
				&& !words.startsWith("ROLLBACK PREPARED")) {
			return "'" + firstLine(statement.sql()) + "' controls the transaction, but Hoist already runs this"
					+ " section in one transaction with its history row. Remove it, or " + marker
					+ " to run it statement by statement";
		}
		if (OUTSIDE_TRANSACTION_ONLY.matcher(words).matches()
				|| (words.startsWith("REINDEX") && statement.sql().toUpperCase(Locale.ROOT).contains("CONCURRENTLY"))) {
			return "'" + firstLine(statement.sql()) + "' cannot run inside a transaction block. " + capitalize(marker)
					+ " (and keep it alone in its file)";
		}
		return null;
	}

	private void downProblem(int line, String problem) {
		if (this.downProblem == null) {
			this.downProblem = this.script + " line " + line + ": " + problem;
		}
	}

	private MigrationFileException problem(int line, String problem) {
		return new MigrationFileException(this.script, this.script + " line " + line + ": " + problem);
	}

	private static String leadingWords(String sql, int count) {
		String start = (sql.length() > 200) ? sql.substring(0, 200) : sql;
		String[] parts = WHITESPACE.split(start.strip(), count + 1);
		StringBuilder words = new StringBuilder();
		for (int i = 0; i < Math.min(count, parts.length); i++) {
			if (i > 0) {
				words.append(' ');
			}
			words.append(WORD_TAIL.matcher(parts[i].toUpperCase(Locale.ROOT)).replaceAll(""));
		}
		return words.toString();
	}

	static String firstLine(String sql) {
		int newline = sql.indexOf('\n');
		String first = (newline < 0) ? sql : sql.substring(0, Math.min(newline, 100)) + " ...";
		return (first.length() > 80) ? first.substring(0, 77) + "..." : first;
	}

	private static String capitalize(String text) {
		return Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

	private enum Part {

		NONE, UP, DOWN

	}

	/**
	 * A statement and the section it belongs to.
	 *
	 * @param statement the statement
	 * @param down whether it is in the down section
	 */
	record Located(SqlStatement statement, boolean down) {

	}

	/**
	 * A file's sections with their statements, read from text held in memory.
	 *
	 * @param up the up section
	 * @param down the down section, or {@code null} when the file has no down marker
	 */
	public record Sections(Section up, @Nullable Section down) {

	}

	/**
	 * A section with its statements.
	 *
	 * @param transactional whether the section runs in one transaction with its history
	 * row
	 * @param markerLine the line of the {@code -- migrate:} marker, or 0 for a file
	 * without markers
	 * @param statements the statements in order
	 */
	public record Section(boolean transactional, int markerLine, List<SqlStatement> statements) {

		public Section {
			statements = List.copyOf(statements);
		}

	}

	/**
	 * A parsed file.
	 *
	 * @param up the up section
	 * @param down the down section, or {@code null} when the file has no down marker
	 * @param downProblem why the down section cannot run, naming the file and line, or
	 * {@code null}
	 */
	public record Parsed(MigrationSection up, @Nullable MigrationSection down, @Nullable String downProblem) {

		/**
		 * Return whether the down section exists, has statements and can run.
		 * @return whether the migration can be downgraded
		 */
		public boolean isReversible() {
			return this.down != null && this.down.statementCount() > 0 && this.downProblem == null;
		}

	}

}
