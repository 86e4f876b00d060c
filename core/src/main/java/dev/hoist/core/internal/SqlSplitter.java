package dev.hoist.core.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Splits PostgreSQL SQL into statements as a stream, the way psql does: a semicolon ends
 * a statement only outside quoted strings ({@code '...'}, {@code E'...'}), quoted
 * identifiers, dollar-quoted bodies ({@code $$...$$}, {@code $fn$...$fn$}), line and
 * nested block comments, parentheses ({@code CREATE RULE ... DO ALSO (INSERT ...; INSERT
 * ...)}) and SQL-standard {@code BEGIN ATOMIC ... END} function bodies.
 * <p>
 * Only the statement being read is held, so a file of any size is split in constant
 * memory plus its longest statement. A backslash outside quotes is a psql meta-command
 * ({@code \connect}, {@code \gset}, {@code \copy}, the {@code \.} ending COPY data),
 * never SQL, and is refused with its line, as is {@code COPY ... FROM STDIN} reported
 * through {@link Statement#copiesThroughClient()}.
 * <p>
 * With directives on, a line comment that is a section marker, or looks like one, ends
 * the statement before it and is returned as a {@link Directive}; inside a quoted string,
 * a dollar-quoted body or a block comment it is text like any other.
 */
public final class SqlSplitter {

	private static final int BUFFER = 8192;

	// a statement's buffer above this size is dropped after use rather than kept for the
	// next
	private static final int RETAINED_CAPACITY = 64 * 1024;

	private final Reader reader;

	private final boolean directives;

	private final int keep;

	private final char[] buffer;

	private int pos;

	private int limit;

	private boolean eof;

	private int line;

	private char previous = '\n';

	private boolean lineHasCode;

	private @Nullable Directive pendingDirective;

	private StringBuilder text = new StringBuilder();

	private boolean started;

	private int startLine;

	private long length;

	private int parenDepth;

	private int parenLine;

	private int blockDepth;

	private int blockLine;

	private int words;

	private final StringBuilder head = new StringBuilder();

	private boolean routine;

	private boolean copy;

	private boolean copiesThroughClient;

	private String previousWord = "";

	private boolean sawComment;

	/**
	 * Create a splitter.
	 * @param reader the text, with LF line ends
	 * @param firstLine the file line of the text's first line
	 * @param directives whether marker and placeholder comments are returned as
	 * {@link Directive directives}
	 * @param keep how many characters of each statement to keep: all of them to run it,
	 * its start to check it
	 */
	SqlSplitter(Reader reader, int firstLine, boolean directives, int keep) {
		this(reader, firstLine, directives, keep, BUFFER);
	}

	/**
	 * Create a splitter for a text of a known size, with a read buffer no larger than the
	 * text.
	 * @param reader the text, with LF line ends
	 * @param firstLine the file line of the text's first line
	 * @param directives whether marker and placeholder comments are returned as
	 * {@link Directive directives}
	 * @param keep how many characters of each statement to keep
	 * @param size the text's size, or more
	 */
	SqlSplitter(Reader reader, int firstLine, boolean directives, int keep, long size) {
		this.buffer = new char[(int) Math.max(64, Math.min(BUFFER, size + 1))];
		this.reader = reader;
		this.line = firstLine;
		this.directives = directives;
		this.keep = keep;
	}

	/**
	 * Split text into statements, every comment being a comment.
	 * @param text the SQL, with LF line ends
	 * @param firstLine the file line of the text's first line
	 * @return the non-empty statements in order
	 * @throws SqlSyntaxException when a quote, comment, dollar quote or parenthesis is
	 * never closed, or on a psql meta-command
	 */
	public static List<SqlStatement> split(String text, int firstLine) {
		SqlSplitter splitter = new SqlSplitter(new StringReader(text), firstLine, false, Integer.MAX_VALUE);
		List<SqlStatement> statements = new ArrayList<>();
		try {
			for (Piece piece = splitter.next(); piece != null; piece = splitter.next()) {
				statements.add(((Statement) piece).statement());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return statements;
	}

	/**
	 * Return the next statement or directive.
	 * @return the next piece, or {@code null} at the end of the text
	 * @throws IOException if the text cannot be read
	 * @throws SqlSyntaxException when a quote, comment, dollar quote or parenthesis is
	 * never closed, or on a psql meta-command
	 */
	@Nullable Piece next() throws IOException {
		if (this.pendingDirective != null) {
			Piece piece = this.pendingDirective;
			this.pendingDirective = null;
			return piece;
		}
		while (true) {
			if (!ensure(1)) {
				if (this.started) {
					checkClosed(null);
					return finish();
				}
				return null;
			}
			char c = this.buffer[this.pos];
			if (Character.isWhitespace(c)) {
				consume(1);
				continue;
			}
			if (c == '-' && peek(1) == '-') {
				Piece piece = lineComment();
				if (piece != null) {
					return piece;
				}
				continue;
			}
			if (c == '/' && peek(1) == '*') {
				blockComment();
				continue;
			}
			if (c == ';' && !this.started) {
				// an empty statement
				consume(1);
				continue;
			}
			if (!this.started) {
				this.started = true;
				this.startLine = this.line;
			}
			if (c == ';' && this.parenDepth == 0 && this.blockDepth == 0) {
				this.pos++;
				this.previous = ';';
				this.lineHasCode = true;
				return finish();
			}
			String tag = (c == '$' && !isIdentifierPart(this.previous)) ? dollarTag() : null;
			if (c == '\'' || c == '"') {
				quoted(c, false);
			}
			else if (tag != null) {
				dollarQuoted(tag);
			}
			else if (c == '\\') {
				throw metaCommand();
			}
			else if (isIdentifierStart(c)) {
				word();
			}
			else {
				if (c == '(') {
					if (this.parenDepth++ == 0) {
						this.parenLine = this.line;
					}
				}
				else if (c == ')' && this.parenDepth > 0) {
					this.parenDepth--;
				}
				consume(1);
			}
		}
	}

	/**
	 * Return the first line of the statement being read.
	 * @return the line, or 0 between statements
	 */
	int statementLine() {
		return this.started ? this.startLine : 0;
	}

	/**
	 * Return how many characters of the statement being read were read so far.
	 * @return the length
	 */
	long statementLength() {
		return this.length;
	}

	/**
	 * Let go of the statement being read, after running out of memory with it.
	 */
	void release() {
		this.text = new StringBuilder();
	}

	/**
	 * Return whether the text held a comment so far.
	 * @return whether a comment was read
	 */
	boolean sawComment() {
		return this.sawComment;
	}

	private @Nullable Piece lineComment() throws IOException {
		this.sawComment = true;
		boolean ownLine = !this.lineHasCode;
		int commentLine = this.line;
		StringBuilder comment = new StringBuilder();
		while (ensure(1) && this.buffer[this.pos] != '\n') {
			comment.append(this.buffer[this.pos]);
			this.pos++;
		}
		this.previous = comment.charAt(comment.length() - 1);
		this.lineHasCode = true;
		if (this.directives) {
			MarkerRecogniser.Recognised recognised = MarkerRecogniser.recognise(comment.substring(2));
			MarkerRecogniser.Kind kind = recognised.kind();
			if (kind == MarkerRecogniser.Kind.MARKER || kind == MarkerRecogniser.Kind.MISSPELLED
					|| (kind == MarkerRecogniser.Kind.PLACEHOLDER && !this.started)) {
				Directive directive = new Directive(recognised, comment.toString(), commentLine, ownLine);
				if (this.started && kind == MarkerRecogniser.Kind.MARKER) {
					// the marker ends the statement before it, which is returned first
					checkClosed(directive);
					this.pendingDirective = directive;
					return finish();
				}
				if (this.started) {
					reset();
				}
				return directive;
			}
		}
		if (this.started) {
			append(comment);
		}
		return null;
	}

	private void blockComment() throws IOException {
		this.sawComment = true;
		int openedAt = this.line;
		int depth = 0;
		while (ensure(1)) {
			char c = this.buffer[this.pos];
			if (c == '/' && peek(1) == '*') {
				depth++;
				consume(2);
			}
			else if (c == '*' && peek(1) == '/') {
				depth--;
				consume(2);
				if (depth == 0) {
					return;
				}
			}
			else {
				consume(1);
			}
		}
		throw new SqlSyntaxException(openedAt, "block comment /* opened on line " + openedAt + " is never closed");
	}

	private void quoted(char quote, boolean backslashEscapes) throws IOException {
		int openedAt = this.line;
		consume(1);
		while (ensure(1)) {
			char c = this.buffer[this.pos];
			if (backslashEscapes && c == '\\') {
				consume(ensure(2) ? 2 : 1);
				continue;
			}
			if (c == quote) {
				if (peek(1) == quote) {
					consume(2);
					continue;
				}
				consume(1);
				return;
			}
			consume(1);
		}
		String what = (quote == '"') ? "quoted identifier" : "string";
		throw new SqlSyntaxException(openedAt,
				what + " opened with " + quote + " on line " + openedAt + " is never closed");
	}

	private @Nullable String dollarTag() throws IOException {
		if (peek(1) == '$') {
			return "$$";
		}
		if (!isIdentifierStart(peek(1))) {
			return null;
		}
		int i = 2;
		while (ensure(i + 1) && i < this.buffer.length - 1 && isTagPart(this.buffer[this.pos + i])) {
			i++;
		}
		if (peek(i) == '$') {
			return new String(this.buffer, this.pos, i + 1);
		}
		return null;
	}

	private void dollarQuoted(String tag) throws IOException {
		int openedAt = this.line;
		consume(tag.length());
		while (ensure(1)) {
			if (this.buffer[this.pos] == '$' && ensure(tag.length()) && matches(tag)) {
				consume(tag.length());
				return;
			}
			consume(1);
		}
		throw new SqlSyntaxException(openedAt,
				"dollar quote " + tag + " opened on line " + openedAt + " is never closed");
	}

	private boolean matches(String tag) {
		for (int i = 0; i < tag.length(); i++) {
			if (this.buffer[this.pos + i] != tag.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	private void word() throws IOException {
		char first = this.buffer[this.pos];
		int wordLength = 0;
		StringBuilder upper = (this.words < 4 || this.routine || this.copy) ? new StringBuilder() : null;
		while (ensure(1) && isIdentifierPart(this.buffer[this.pos])) {
			if (upper != null) {
				upper.append(Character.toUpperCase(this.buffer[this.pos]));
			}
			consume(1);
			wordLength++;
		}
		if (wordLength == 1 && (first == 'E' || first == 'e') && peek(0) == '\'') {
			// E'...': a string with backslash escapes
			quoted('\'', true);
			return;
		}
		if (upper == null) {
			return;
		}
		String word = upper.toString();
		if (this.words < 4) {
			this.head.append(word).append(' ');
			this.words++;
			String h = this.head.toString();
			this.routine = h.startsWith("CREATE FUNCTION") || h.startsWith("CREATE PROCEDURE")
					|| h.startsWith("CREATE OR REPLACE FUNCTION") || h.startsWith("CREATE OR REPLACE PROCEDURE");
			this.copy = h.startsWith("COPY ");
		}
		if (this.routine && this.parenDepth == 0) {
			if (word.equals("ATOMIC") && this.previousWord.equals("BEGIN")) {
				if (this.blockDepth++ == 0) {
					this.blockLine = this.line;
				}
			}
			else if (word.equals("CASE") && this.blockDepth > 0) {
				this.blockDepth++;
			}
			else if (word.equals("END") && this.blockDepth > 0) {
				this.blockDepth--;
			}
		}
		if (this.copy && this.parenDepth == 0 && ((word.equals("STDIN") && this.previousWord.equals("FROM"))
				|| (word.equals("STDOUT") && this.previousWord.equals("TO")))) {
			this.copiesThroughClient = true;
		}
		this.previousWord = word;
	}

	private SqlSyntaxException metaCommand() throws IOException {
		int at = this.line;
		StringBuilder command = new StringBuilder();
		while (ensure(1) && this.buffer[this.pos] != '\n' && command.length() < 60) {
			command.append(this.buffer[this.pos]);
			this.pos++;
		}
		String shown = command.toString().strip();
		String name = shown.split("\\s+", 2)[0];
		String advice = switch (name) {
			case "\\copy" -> "Load data with INSERT statements, COPY ... FROM a file on the database server, or a Java"
					+ " migration using pgjdbc's CopyManager";
			case "\\." -> "It ends COPY data, which Hoist cannot send: turn the data into INSERT statements"
					+ " (pg_dump --inserts writes them)";
			case "\\i", "\\ir", "\\include", "\\include_relative" -> "Put the included SQL into the migration itself";
			case "\\c", "\\connect" -> "A migration runs on the database Hoist connects to; migrate another database"
					+ " with its own Hoist configuration";
			default -> "Remove it; Hoist sends each statement to the server as it is";
		};
		return new SqlSyntaxException(at,
				"psql meta-command '" + shown + "' is not SQL and cannot run on the server. " + advice);
	}

	// a marker, or the end of the text, may not cut a statement open in the middle
	private void checkClosed(@Nullable Directive marker) {
		String before = (marker != null) ? " before the marker on line " + marker.line() : "";
		if (this.parenDepth > 0) {
			throw new SqlSyntaxException(this.parenLine, "parenthesis opened on line " + this.parenLine
					+ " is never closed" + before + " (the statement starts on line " + this.startLine + ")");
		}
		if (this.blockDepth > 0) {
			throw new SqlSyntaxException(this.blockLine,
					"BEGIN ATOMIC on line " + this.blockLine + " has no matching END" + before);
		}
	}

	private Statement finish() {
		int end = this.text.length();
		while (end > 0 && Character.isWhitespace(this.text.charAt(end - 1))) {
			end--;
		}
		this.text.setLength(end);
		Statement statement = new Statement(new SqlStatement(this.text.toString(), this.startLine),
				this.copiesThroughClient, this.length > this.keep);
		reset();
		return statement;
	}

	private void reset() {
		if (this.text.capacity() > RETAINED_CAPACITY) {
			this.text = new StringBuilder();
		}
		this.text.setLength(0);
		this.started = false;
		this.length = 0;
		this.parenDepth = 0;
		this.blockDepth = 0;
		this.words = 0;
		this.head.setLength(0);
		this.routine = false;
		this.copy = false;
		this.copiesThroughClient = false;
		this.previousWord = "";
	}

	private void append(CharSequence chars) {
		for (int i = 0; i < chars.length(); i++) {
			if (this.length < this.keep) {
				this.text.append(chars.charAt(i));
			}
			this.length++;
		}
	}

	// move past n characters, keeping them in the statement once it has started
	private void consume(int n) {
		for (int i = 0; i < n; i++) {
			char c = this.buffer[this.pos++];
			if (c == '\n') {
				this.line++;
				this.lineHasCode = false;
			}
			else if (!Character.isWhitespace(c)) {
				this.lineHasCode = true;
			}
			if (this.started) {
				if (this.length < this.keep) {
					this.text.append(c);
				}
				this.length++;
			}
			this.previous = c;
		}
	}

	private char peek(int offset) throws IOException {
		return ensure(offset + 1) ? this.buffer[this.pos + offset] : '\0';
	}

	// make at least n characters available from pos, unless the text ends first
	private boolean ensure(int n) throws IOException {
		if (this.limit - this.pos >= n) {
			return true;
		}
		if (this.eof) {
			return false;
		}
		if (this.pos > 0) {
			System.arraycopy(this.buffer, this.pos, this.buffer, 0, this.limit - this.pos);
			this.limit -= this.pos;
			this.pos = 0;
		}
		while (this.limit < n && this.limit < this.buffer.length) {
			int read = this.reader.read(this.buffer, this.limit, this.buffer.length - this.limit);
			if (read < 0) {
				this.eof = true;
				break;
			}
			this.limit += read;
		}
		return this.limit - this.pos >= n;
	}

	private static boolean isIdentifierStart(char c) {
		return Character.isLetter(c) || c == '_' || c > 127;
	}

	private static boolean isIdentifierPart(char c) {
		return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 127;
	}

	private static boolean isTagPart(char c) {
		return Character.isLetterOrDigit(c) || c == '_' || c > 127;
	}

	/**
	 * A statement or a directive.
	 */
	sealed interface Piece permits Statement, Directive {

	}

	/**
	 * A statement, ended by a semicolon, a marker or the end of the text.
	 *
	 * @param statement the SQL without the semicolon, and its first line
	 * @param copiesThroughClient whether it is a {@code COPY ... FROM STDIN} or
	 * {@code TO STDOUT}, which needs psql's or the driver's copy protocol
	 * @param truncated whether the SQL was cut to the characters kept
	 */
	record Statement(SqlStatement statement, boolean copiesThroughClient, boolean truncated) implements Piece {

	}

	/**
	 * A line comment that marks a section, looks like a marker, or is the placeholder
	 * {@code hoist new} writes.
	 *
	 * @param recognised what it is
	 * @param text the comment, from its {@code --}
	 * @param line its line
	 * @param ownLine whether nothing but whitespace comes before it on its line
	 */
	record Directive(MarkerRecogniser.Recognised recognised, String text, int line, boolean ownLine) implements Piece {

	}

	/**
	 * SQL that cannot be split: an unclosed quote, comment, dollar quote or parenthesis,
	 * or a psql meta-command.
	 */
	public static final class SqlSyntaxException extends RuntimeException {

		private final int line;

		SqlSyntaxException(int line, String message) {
			super(message);
			this.line = line;
		}

		public int line() {
			return this.line;
		}

	}

}
