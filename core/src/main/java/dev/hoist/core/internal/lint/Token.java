package dev.hoist.core.internal.lint;

import java.util.Locale;

/**
 * One lexical token of PostgreSQL SQL.
 *
 * @param kind what the token is
 * @param text the token as written
 * @param value the identifier folded to lower case, a quoted identifier or string
 * constant without its quotes, otherwise the text
 * @param start the offset of the token's first character in the text that was tokenized
 * @param end the offset after the token's last character
 * @param line the 1-based line of the token's first character
 */
record Token(Kind kind, String text, String value, int start, int end, int line) {

	/**
	 * Return whether this is the unquoted word, in any case. Quoted identifiers are never
	 * keywords.
	 * @param word the word in lower case
	 * @return whether it matches
	 */
	boolean is(String word) {
		return this.kind == Kind.WORD && this.value.equals(word);
	}

	boolean isPunct(String punct) {
		return (this.kind == Kind.PUNCT || this.kind == Kind.OPERATOR) && this.text.equals(punct);
	}

	boolean isName() {
		return this.kind == Kind.WORD || this.kind == Kind.QUOTED;
	}

	static String fold(String word) {
		return word.toLowerCase(Locale.ROOT);
	}

	enum Kind {

		/** An unquoted identifier or keyword. */
		WORD,

		/** A double-quoted identifier. */
		QUOTED,

		/** A string constant: quoted, escape, bit, Unicode or dollar-quoted. */
		STRING,

		/** A numeric constant. */
		NUMBER,

		/** A positional parameter such as {@code $1}. */
		PARAM,

		/** An operator such as {@code =}, {@code ||} or {@code ->>}. */
		OPERATOR,

		/**
		 * Punctuation: parentheses, brackets, comma, semicolon, dot, colon, {@code ::}.
		 */
		PUNCT,

		/** A line or block comment, kept for suppressions. */
		COMMENT

	}

}
