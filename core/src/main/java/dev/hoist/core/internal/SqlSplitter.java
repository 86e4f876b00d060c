package dev.hoist.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Splits PostgreSQL SQL into statements at top-level semicolons, the way psql does:
 * semicolons inside quoted strings ({@code '...'}, {@code E'...'}), quoted identifiers,
 * dollar-quoted bodies ({@code $$...$$}, {@code $fn$...$fn$}), line and nested block
 * comments, and SQL-standard {@code BEGIN ATOMIC ... END} function bodies do not end a
 * statement.
 */
public final class SqlSplitter {

	private final String text;

	private final int firstLine;

	private final List<SqlStatement> statements = new ArrayList<>();

	private int pos;

	private int line;

	private SqlSplitter(String text, int firstLine) {
		this.text = text;
		this.firstLine = firstLine;
	}

	/**
	 * Split text into statements.
	 * @param text the SQL, with LF line ends
	 * @param firstLine the file line of the text's first line
	 * @return the non-empty statements in order
	 * @throws SqlSyntaxException when a quote, comment or dollar quote is never closed
	 */
	public static List<SqlStatement> split(String text, int firstLine) {
		SqlSplitter splitter = new SqlSplitter(text, firstLine);
		splitter.run();
		return splitter.statements;
	}

	private void run() {
		this.line = this.firstLine;
		int start = -1;
		int startLine = this.line;
		// depth of BEGIN ATOMIC / CASE ... END inside CREATE FUNCTION or PROCEDURE
		int blockDepth = 0;
		boolean routine = false;
		int words = 0;
		StringBuilder head = new StringBuilder();
		while (this.pos < this.text.length()) {
			char c = this.text.charAt(this.pos);
			if (c == '\n') {
				this.line++;
				this.pos++;
				continue;
			}
			if (Character.isWhitespace(c)) {
				this.pos++;
				continue;
			}
			if (c == '-' && peek(1) == '-') {
				skipLineComment();
				continue;
			}
			if (c == '/' && peek(1) == '*') {
				skipBlockComment();
				continue;
			}
			if (start < 0) {
				start = this.pos;
				startLine = this.line;
			}
			if (c == ';' && blockDepth == 0) {
				add(start, this.pos, startLine);
				start = -1;
				blockDepth = 0;
				routine = false;
				words = 0;
				head.setLength(0);
				this.pos++;
				continue;
			}
			if (c == '\'') {
				boolean escapes = this.pos > 0
						&& (this.text.charAt(this.pos - 1) == 'E' || this.text.charAt(this.pos - 1) == 'e')
						&& (this.pos < 2 || !isIdentifierPart(this.text.charAt(this.pos - 2)));
				skipQuoted('\'', escapes, "string");
				continue;
			}
			if (c == '"') {
				skipQuoted('"', false, "quoted identifier");
				continue;
			}
			if (c == '$' && (this.pos == 0 || !isIdentifierPart(this.text.charAt(this.pos - 1)))) {
				String tag = dollarTag();
				if (tag != null) {
					skipDollarQuoted(tag);
					continue;
				}
			}
			if (isIdentifierStart(c)) {
				int wordStart = this.pos;
				while (this.pos < this.text.length() && isIdentifierPart(this.text.charAt(this.pos))) {
					this.pos++;
				}
				String word = this.text.substring(wordStart, this.pos).toUpperCase(Locale.ROOT);
				if (words < 4) {
					head.append(word).append(' ');
					words++;
					if (words >= 2) {
						String h = head.toString();
						routine = h.startsWith("CREATE FUNCTION") || h.startsWith("CREATE PROCEDURE")
								|| h.startsWith("CREATE OR REPLACE FUNCTION")
								|| h.startsWith("CREATE OR REPLACE PROCEDURE");
					}
				}
				if (routine) {
					if (word.equals("BEGIN") && nextWordIs("ATOMIC")) {
						blockDepth++;
					}
					else if (word.equals("CASE") && blockDepth > 0) {
						blockDepth++;
					}
					else if (word.equals("END") && blockDepth > 0) {
						blockDepth--;
					}
				}
				continue;
			}
			this.pos++;
		}
		if (start >= 0) {
			add(start, this.text.length(), startLine);
		}
	}

	private boolean nextWordIs(String expected) {
		int i = this.pos;
		while (i < this.text.length() && Character.isWhitespace(this.text.charAt(i))) {
			i++;
		}
		return this.text.regionMatches(true, i, expected, 0, expected.length())
				&& (i + expected.length() >= this.text.length()
						|| !isIdentifierPart(this.text.charAt(i + expected.length())));
	}

	private void add(int start, int end, int startLine) {
		String sql = this.text.substring(start, end).strip();
		if (!sql.isEmpty()) {
			this.statements.add(new SqlStatement(sql, startLine));
		}
	}

	private char peek(int offset) {
		int i = this.pos + offset;
		return (i < this.text.length()) ? this.text.charAt(i) : '\0';
	}

	private void skipLineComment() {
		while (this.pos < this.text.length() && this.text.charAt(this.pos) != '\n') {
			this.pos++;
		}
	}

	private void skipBlockComment() {
		int openedAt = this.line;
		int depth = 0;
		while (this.pos < this.text.length()) {
			char c = this.text.charAt(this.pos);
			if (c == '/' && peek(1) == '*') {
				depth++;
				this.pos += 2;
			}
			else if (c == '*' && peek(1) == '/') {
				depth--;
				this.pos += 2;
				if (depth == 0) {
					return;
				}
			}
			else {
				if (c == '\n') {
					this.line++;
				}
				this.pos++;
			}
		}
		throw new SqlSyntaxException(openedAt, "block comment /* opened on line " + openedAt + " is never closed");
	}

	private void skipQuoted(char quote, boolean backslashEscapes, String what) {
		int openedAt = this.line;
		this.pos++;
		while (this.pos < this.text.length()) {
			char c = this.text.charAt(this.pos);
			if (c == '\n') {
				this.line++;
			}
			if (backslashEscapes && c == '\\') {
				if (peek(1) == '\n') {
					this.line++;
				}
				this.pos += 2;
				continue;
			}
			if (c == quote) {
				if (peek(1) == quote) {
					this.pos += 2;
					continue;
				}
				this.pos++;
				return;
			}
			this.pos++;
		}
		throw new SqlSyntaxException(openedAt,
				what + " opened with " + quote + " on line " + openedAt + " is never closed");
	}

	private @Nullable String dollarTag() {
		int i = this.pos + 1;
		if (i < this.text.length() && this.text.charAt(i) == '$') {
			return "$$";
		}
		if (i >= this.text.length() || !isIdentifierStart(this.text.charAt(i))) {
			return null;
		}
		while (i < this.text.length() && isTagPart(this.text.charAt(i))) {
			i++;
		}
		if (i < this.text.length() && this.text.charAt(i) == '$') {
			return this.text.substring(this.pos, i + 1);
		}
		return null;
	}

	private void skipDollarQuoted(String tag) {
		int openedAt = this.line;
		int end = this.text.indexOf(tag, this.pos + tag.length());
		if (end < 0) {
			throw new SqlSyntaxException(openedAt,
					"dollar quote " + tag + " opened on line " + openedAt + " is never closed");
		}
		for (int i = this.pos; i < end; i++) {
			if (this.text.charAt(i) == '\n') {
				this.line++;
			}
		}
		this.pos = end + tag.length();
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
	 * SQL that cannot be split: an unclosed quote, comment or dollar quote.
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
