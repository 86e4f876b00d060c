package dev.hoist.core.internal.lint;

import java.util.ArrayList;
import java.util.List;

import dev.hoist.core.internal.lint.Token.Kind;

/**
 * Tokenizes PostgreSQL SQL the way the server's lexer does: identifiers folded to lower
 * case, quoted identifiers ({@code "..."}, {@code U&"..."}), string constants
 * ({@code '...'} with doubled quotes, {@code E'...'} with backslash escapes,
 * {@code B'...'}, {@code X'...'}, {@code N'...'}, {@code U&'...'}), dollar-quoted bodies,
 * numbers, parameters, operators, punctuation, and line and nested block comments. It
 * never fails: an unclosed quote or comment runs to the end (the splitter has already
 * refused those).
 */
final class SqlLexer {

	private static final String OPERATOR_CHARS = "+-*/<>=~!@#%^&|`?";

	private final String text;

	private final List<Token> tokens = new ArrayList<>();

	private int pos;

	private int line;

	private SqlLexer(String text, int firstLine) {
		this.text = text;
		this.line = firstLine;
	}

	/**
	 * Tokenize text.
	 * @param text the SQL
	 * @param firstLine the file line of the text's first line
	 * @return the tokens, comments included, in order
	 */
	static List<Token> tokenize(String text, int firstLine) {
		SqlLexer lexer = new SqlLexer(text, firstLine);
		lexer.run();
		return lexer.tokens;
	}

	private void run() {
		while (this.pos < this.text.length()) {
			char c = this.text.charAt(this.pos);
			if (c == '\n') {
				this.line++;
				this.pos++;
			}
			else if (Character.isWhitespace(c)) {
				this.pos++;
			}
			else if (c == '-' && peek(1) == '-') {
				lineComment();
			}
			else if (c == '/' && peek(1) == '*') {
				blockComment();
			}
			else if (c == '\'') {
				quoted(this.pos, '\'', false, Kind.STRING);
			}
			else if (c == '"') {
				quoted(this.pos, '"', false, Kind.QUOTED);
			}
			else if ((c == 'E' || c == 'e') && peek(1) == '\'') {
				quoted(this.pos, '\'', true, Kind.STRING);
			}
			else if ((c == 'B' || c == 'b' || c == 'X' || c == 'x' || c == 'N' || c == 'n') && peek(1) == '\'') {
				quoted(this.pos, '\'', false, Kind.STRING);
			}
			else if ((c == 'U' || c == 'u') && peek(1) == '&' && (peek(2) == '\'' || peek(2) == '"')) {
				quoted(this.pos, peek(2), false, (peek(2) == '"') ? Kind.QUOTED : Kind.STRING);
			}
			else if (c == '$') {
				dollar();
			}
			else if (isIdentifierStart(c)) {
				word();
			}
			else if (Character.isDigit(c) || (c == '.' && Character.isDigit(peek(1)))) {
				number();
			}
			else if (c == ':' && peek(1) == ':') {
				add(Kind.PUNCT, this.pos, this.pos + 2, "::");
			}
			else if ("(),;.[]:".indexOf(c) >= 0) {
				add(Kind.PUNCT, this.pos, this.pos + 1, String.valueOf(c));
			}
			else if (OPERATOR_CHARS.indexOf(c) >= 0) {
				operator();
			}
			else {
				add(Kind.OPERATOR, this.pos, this.pos + 1, String.valueOf(c));
			}
		}
	}

	private char peek(int offset) {
		int i = this.pos + offset;
		return (i < this.text.length()) ? this.text.charAt(i) : '\0';
	}

	private void add(Kind kind, int start, int end, String value) {
		this.tokens.add(new Token(kind, this.text.substring(start, end), value, start, end, this.line));
		this.pos = end;
	}

	private void lineComment() {
		int start = this.pos;
		int end = this.text.indexOf('\n', start);
		end = (end < 0) ? this.text.length() : end;
		add(Kind.COMMENT, start, end, this.text.substring(start + 2, end));
	}

	private void blockComment() {
		int start = this.pos;
		int startLine = this.line;
		int depth = 0;
		int i = start;
		while (i < this.text.length()) {
			char c = this.text.charAt(i);
			if (c == '/' && i + 1 < this.text.length() && this.text.charAt(i + 1) == '*') {
				depth++;
				i += 2;
			}
			else if (c == '*' && i + 1 < this.text.length() && this.text.charAt(i + 1) == '/') {
				depth--;
				i += 2;
				if (depth == 0) {
					break;
				}
			}
			else {
				if (c == '\n') {
					this.line++;
				}
				i++;
			}
		}
		String inner = this.text.substring(start + 2, Math.max(start + 2, (depth == 0) ? i - 2 : i));
		this.tokens.add(new Token(Kind.COMMENT, this.text.substring(start, i), inner, start, i, startLine));
		this.pos = i;
	}

	private void quoted(int start, char quote, boolean backslashEscapes, Kind kind) {
		int startLine = this.line;
		int i = this.text.indexOf(quote, start);
		int contentStart = i + 1;
		StringBuilder value = new StringBuilder();
		i++;
		while (i < this.text.length()) {
			char c = this.text.charAt(i);
			if (c == '\n') {
				this.line++;
			}
			if (backslashEscapes && c == '\\' && i + 1 < this.text.length()) {
				char next = this.text.charAt(i + 1);
				if (next == '\n') {
					this.line++;
				}
				value.append(next);
				i += 2;
				continue;
			}
			if (c == quote) {
				if (i + 1 < this.text.length() && this.text.charAt(i + 1) == quote) {
					value.append(quote);
					i += 2;
					continue;
				}
				i++;
				break;
			}
			value.append(c);
			i++;
		}
		if (contentStart > this.text.length()) {
			value.setLength(0);
		}
		this.tokens.add(new Token(kind, this.text.substring(start, i), value.toString(), start, i, startLine));
		this.pos = i;
	}

	private void dollar() {
		int start = this.pos;
		if (Character.isDigit(peek(1))) {
			int i = start + 1;
			while (i < this.text.length() && Character.isDigit(this.text.charAt(i))) {
				i++;
			}
			add(Kind.PARAM, start, i, this.text.substring(start, i));
			return;
		}
		int i = start + 1;
		while (i < this.text.length() && isTagPart(this.text.charAt(i))) {
			i++;
		}
		if (i < this.text.length() && this.text.charAt(i) == '$'
				&& (i == start + 1 || isIdentifierStart(this.text.charAt(start + 1)))) {
			String tag = this.text.substring(start, i + 1);
			int bodyStart = i + 1;
			int close = this.text.indexOf(tag, bodyStart);
			int bodyEnd = (close < 0) ? this.text.length() : close;
			int end = (close < 0) ? this.text.length() : close + tag.length();
			int startLine = this.line;
			for (int j = start; j < end; j++) {
				if (this.text.charAt(j) == '\n') {
					this.line++;
				}
			}
			this.tokens.add(new Token(Kind.STRING, this.text.substring(start, end),
					this.text.substring(bodyStart, bodyEnd), start, end, startLine));
			this.pos = end;
			return;
		}
		add(Kind.OPERATOR, start, start + 1, "$");
	}

	private void word() {
		int start = this.pos;
		int i = start;
		while (i < this.text.length() && isIdentifierPart(this.text.charAt(i))) {
			i++;
		}
		add(Kind.WORD, start, i, Token.fold(this.text.substring(start, i)));
	}

	private void number() {
		int start = this.pos;
		int i = start;
		if (this.text.charAt(i) == '0' && i + 1 < this.text.length()
				&& "xXoObB".indexOf(this.text.charAt(i + 1)) >= 0) {
			i += 2;
			while (i < this.text.length()
					&& (Character.isLetterOrDigit(this.text.charAt(i)) || this.text.charAt(i) == '_')) {
				i++;
			}
			add(Kind.NUMBER, start, i, this.text.substring(start, i));
			return;
		}
		while (i < this.text.length()) {
			char c = this.text.charAt(i);
			if (Character.isDigit(c) || c == '_') {
				i++;
			}
			else if (c == '.' && !(i + 1 < this.text.length() && this.text.charAt(i + 1) == '.')) {
				i++;
			}
			else if ((c == 'e' || c == 'E') && i + 1 < this.text.length()
					&& (Character.isDigit(this.text.charAt(i + 1))
							|| ((this.text.charAt(i + 1) == '+' || this.text.charAt(i + 1) == '-')
									&& i + 2 < this.text.length() && Character.isDigit(this.text.charAt(i + 2))))) {
				i += 2;
			}
			else {
				break;
			}
		}
		add(Kind.NUMBER, start, i, this.text.substring(start, i));
	}

	private void operator() {
		int start = this.pos;
		int i = start;
		while (i < this.text.length() && OPERATOR_CHARS.indexOf(this.text.charAt(i)) >= 0) {
			// a comment starts inside an operator: the operator ends before it
			if (i > start && ((this.text.charAt(i) == '-' && i + 1 < this.text.length()
					&& this.text.charAt(i + 1) == '-')
					|| (this.text.charAt(i) == '/' && i + 1 < this.text.length() && this.text.charAt(i + 1) == '*'))) {
				break;
			}
			i++;
		}
		add(Kind.OPERATOR, start, i, this.text.substring(start, i));
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

}
