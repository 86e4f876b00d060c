package dev.hoist.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * The entries of one {@code .env} file, read the way real ones are written:
 * <ul>
 * <li>blank lines and {@code #} comments, also after an unquoted value
 * ({@code KEY=value # note}; a {@code #} inside a value without a space before it stays,
 * as in {@code PASSWORD=abc#123});</li>
 * <li>an optional {@code export} in front, spaces around {@code =};</li>
 * <li>{@code 'single quotes'}: the text as is;</li>
 * <li>{@code "double quotes"}: may span lines, {@code #} stays, escapes {@code \n},
 * {@code \r}, {@code \t}, {@code \"}, {@code \\} and {@code \$};</li>
 * <li>empty values ({@code KEY=});</li>
 * <li>{@code ${OTHER}} and {@code ${OTHER:-default}} in unquoted and double-quoted
 * values: an entry earlier in the same file, else the lookup given (the environment),
 * else the default or nothing, as a shell would.</li>
 * </ul>
 * A later entry for the same key replaces an earlier one. Anything else is an
 * {@link DatabaseSettings.InvalidSettingException} naming the file and line.
 */
final class Dotenv {

	private final String file;

	private final Map<String, Entry> entries;

	private final List<String> warnings;

	private Dotenv(String file, Map<String, Entry> entries, List<String> warnings) {
		this.file = file;
		this.entries = Collections.unmodifiableMap(entries);
		this.warnings = List.copyOf(warnings);
	}

	/**
	 * Read a file, resolving references that the file does not define against
	 * {@code lookup}.
	 * @param file the file
	 * @param lookup the values of variables outside the file, e.g. {@code System::getenv}
	 * @return the entries
	 * @throws DatabaseSettings.InvalidSettingException if a line is malformed
	 * @throws HoistException if the file cannot be read
	 */
	static Dotenv load(Path file, Function<String, @Nullable String> lookup) {
		try {
			return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString(), lookup);
		}
		catch (IOException ex) {
			throw new HoistException("Could not read " + file + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Parse the text of a {@code .env} file.
	 * @param content the text
	 * @param file how to name the file in error messages
	 * @param lookup the values of variables outside the file
	 * @return the entries
	 * @throws DatabaseSettings.InvalidSettingException if a line is malformed
	 */
	static Dotenv parse(String content, String file, Function<String, @Nullable String> lookup) {
		return new Parser(content, file, lookup).parse();
	}

	/**
	 * Parse the text of a {@code .env} file whose references resolve only within the
	 * file.
	 * @param content the text
	 * @param file how to name the file in error messages
	 * @return the entries
	 * @throws DatabaseSettings.InvalidSettingException if a line is malformed
	 */
	static Dotenv parse(String content, String file) {
		return parse(content, file, (name) -> null);
	}

	/**
	 * Return the file as named when it was read.
	 * @return the file
	 */
	String file() {
		return this.file;
	}

	/**
	 * Return the entries in file order.
	 * @return the entries by key
	 */
	Map<String, Entry> entries() {
		return this.entries;
	}

	/**
	 * Return what looks like a mistake but is not an error: a {@code ${NAME}} that is set
	 * nowhere and so became empty.
	 * @return the warnings, each naming the file and line
	 */
	List<String> warnings() {
		return this.warnings;
	}

	/**
	 * Return the values in file order.
	 * @return the values by key
	 */
	Map<String, String> asMap() {
		Map<String, String> values = new LinkedHashMap<>();
		this.entries.forEach((key, entry) -> values.put(key, entry.value()));
		return values;
	}

	@Override
	public String toString() {
		return "Dotenv[" + this.file + ": " + this.entries.keySet() + "]";
	}

	/**
	 * One entry.
	 *
	 * @param key the variable name
	 * @param value the value, quotes removed and references resolved
	 * @param line the line the entry starts on, from 1
	 */
	record Entry(String key, String value, int line) {

		@Override
		public String toString() {
			// the value may be a password
			return this.key + " (line " + this.line + ")";
		}

	}

	private static final class Parser {

		private final String text;

		private final String file;

		private final Function<String, @Nullable String> lookup;

		private final Map<String, Entry> entries = new LinkedHashMap<>();

		private final List<String> warnings = new ArrayList<>();

		private String key = "";

		private int position;

		private int line = 1;

		Parser(String content, String file, Function<String, @Nullable String> lookup) {
			String text = content.replace("\r\n", "\n").replace('\r', '\n');
			this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
			this.file = file;
			this.lookup = lookup;
		}

		Dotenv parse() {
			while (this.position < this.text.length()) {
				parseLine();
			}
			return new Dotenv(this.file, this.entries, this.warnings);
		}

		private void parseLine() {
			int startLine = this.line;
			skipBlanks();
			if (atLineEnd()) {
				nextLine();
				return;
			}
			if (peek() == '#') {
				skipToLineEnd();
				nextLine();
				return;
			}
			if (this.text.startsWith("export", this.position) && this.position + 6 < this.text.length()
					&& (this.text.charAt(this.position + 6) == ' ' || this.text.charAt(this.position + 6) == '\t')) {
				this.position += 6;
				skipBlanks();
			}
			String key = readKey(startLine);
			this.key = key;
			skipBlanks();
			if (atEnd() || peek() != '=') {
				throw malformed(startLine);
			}
			this.position++;
			skipBlanks();
			String value;
			if (atLineEnd()) {
				value = "";
			}
			else if (peek() == '\'') {
				value = readQuoted('\'', startLine);
				expectLineEnd(startLine);
			}
			else if (peek() == '"') {
				value = readQuoted('"', startLine);
				expectLineEnd(startLine);
			}
			else {
				value = readUnquoted(startLine);
			}
			this.entries.remove(key);
			this.entries.put(key, new Entry(key, value, startLine));
			nextLine();
		}

		private String readKey(int startLine) {
			int start = this.position;
			while (!atEnd()) {
				char c = peek();
				boolean valid = Character.isLetter(c) || c == '_'
						|| (this.position > start && (Character.isDigit(c) || c == '.' || c == '-'));
				if (!valid || c > 0x7F) {
					break;
				}
				this.position++;
			}
			if (this.position == start) {
				throw malformed(startLine);
			}
			return this.text.substring(start, this.position);
		}

		private String readQuoted(char quote, int startLine) {
			this.position++;
			StringBuilder value = new StringBuilder();
			while (true) {
				if (atEnd()) {
					throw new DatabaseSettings.InvalidSettingException(this.file, startLine,
							"the " + ((quote == '"') ? "double" : "single") + " quote opened here is never closed."
									+ " Close it at the end of the value");
				}
				char c = this.text.charAt(this.position++);
				if (c == quote) {
					return value.toString();
				}
				if (c == '\n') {
					this.line++;
					value.append(c);
				}
				else if (quote == '"' && c == '\\' && !atEnd()) {
					char escaped = this.text.charAt(this.position++);
					switch (escaped) {
						case 'n' -> value.append('\n');
						case 'r' -> value.append('\r');
						case 't' -> value.append('\t');
						case '"', '\\', '$' -> value.append(escaped);
						case '\n' -> {
							this.line++;
							value.append('\\').append('\n');
						}
						default -> value.append('\\').append(escaped);
					}
				}
				else if (quote == '"' && c == '$' && !atEnd() && peek() == '{') {
					value.append(readReference(startLine));
				}
				else {
					value.append(c);
				}
			}
		}

		private String readUnquoted(int startLine) {
			StringBuilder value = new StringBuilder();
			while (!atLineEnd()) {
				char c = peek();
				if (c == '#' && Character.isWhitespace(this.text.charAt(this.position - 1))) {
					skipToLineEnd();
					break;
				}
				this.position++;
				if (c == '$' && !atEnd() && peek() == '{') {
					value.append(readReference(startLine));
				}
				else {
					value.append(c);
				}
			}
			return value.toString().strip();
		}

		/** Called after '$' with the position on '{'. */
		private String readReference(int startLine) {
			int close = this.text.indexOf('}', this.position);
			int lineEnd = this.text.indexOf('\n', this.position);
			if (close < 0 || (lineEnd >= 0 && close > lineEnd)) {
				throw new DatabaseSettings.InvalidSettingException(this.file, this.line,
						"a '${' reference is not closed with '}'. Write it as ${NAME}, or put a value with a literal"
								+ " ${ in single quotes");
			}
			String reference = this.text.substring(this.position + 1, close);
			this.position = close + 1;
			String name = reference;
			String fallback = "";
			int defaultMarker = reference.indexOf(":-");
			if (defaultMarker >= 0) {
				name = reference.substring(0, defaultMarker);
				fallback = reference.substring(defaultMarker + 2);
			}
			if (!name.matches("[A-Za-z_][A-Za-z0-9_.\\-]*")) {
				// the text may be part of a password, so it is not repeated
				throw new DatabaseSettings.InvalidSettingException(this.file, this.line,
						"a '${...}' reference does not name a variable. Use letters, digits and '_', starting with a"
								+ " letter or '_'; put a value with a literal ${ in single quotes");
			}
			Entry entry = this.entries.get(name);
			String value = (entry != null) ? entry.value() : this.lookup.apply(name);
			if (value == null && defaultMarker < 0) {
				// as a shell would, but a variable set nowhere is more often a typo or a
				// missing secret than an empty value on purpose
				this.warnings.add(this.file + " line " + this.line + ": ${" + name + "} is set nowhere (not above it"
						+ " in the file, not in the environment), so " + this.key + " has nothing in its place. Set "
						+ name + ", or write ${" + name + ":-} where an empty value is meant");
			}
			return (value == null || value.isEmpty()) ? fallback : value;
		}

		private void expectLineEnd(int startLine) {
			skipBlanks();
			if (atLineEnd()) {
				return;
			}
			if (peek() == '#') {
				skipToLineEnd();
				return;
			}
			throw new DatabaseSettings.InvalidSettingException(this.file, this.line,
					"unexpected text after the closing quote. Put the whole value in quotes, or start a comment"
							+ " with ' #'");
		}

		private DatabaseSettings.InvalidSettingException malformed(int startLine) {
			int end = this.text.indexOf('\n', this.position);
			String rest = this.text.substring(this.position, (end >= 0) ? end : this.text.length());
			String lineText = this.text.substring(this.text.lastIndexOf('\n', this.position - 1) + 1,
					(end >= 0) ? end : this.text.length());
			String hint = lineText.contains("://")
					? " A URL needs a name in front, e.g. DATABASE_URL=postgres://user:password@host:5432/db" : "";
			String problem = (rest.isEmpty() || lineText.indexOf('=') < 0)
					? "expected KEY=value but the line has no '='." + hint
					: "expected KEY=value; the name must be letters, digits and '_', starting with a letter or '_'."
							+ hint;
			return new DatabaseSettings.InvalidSettingException(this.file, startLine, problem);
		}

		private void skipBlanks() {
			while (!atEnd() && (peek() == ' ' || peek() == '\t')) {
				this.position++;
			}
		}

		private void skipToLineEnd() {
			while (!atLineEnd()) {
				this.position++;
			}
		}

		private void nextLine() {
			if (!atEnd() && peek() == '\n') {
				this.position++;
				this.line++;
			}
		}

		private boolean atEnd() {
			return this.position >= this.text.length();
		}

		private boolean atLineEnd() {
			return atEnd() || peek() == '\n';
		}

		private char peek() {
			return this.text.charAt(this.position);
		}

	}

}
