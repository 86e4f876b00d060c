package dev.hoist.core.internal;

import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Tells a section marker ({@code -- migrate:up}, {@code -- migrate:down}) from an
 * ordinary comment, and recognises the comments meant as a marker but not spelled as one:
 * {@code -- migrate-down}, {@code -- Migrate: Down}, {@code -- migrate:dwon},
 * {@code -- migrate :up}, {@code -- migrate_up}, other tools' markers. Such a comment
 * read as a comment would silently move the down SQL into the up section, so the parser
 * refuses it and names the intended spelling.
 * <p>
 * A comment looks like a marker when its first word is within two edits of
 * {@code migrate}, the next word within one edit of {@code up} or {@code down}, and
 * nothing follows but punctuation or {@code name:value} options; punctuation and spaces
 * between the words and their case do not matter. Prose such as {@code -- migrate the
 * data}, {@code -- migrated from X} or {@code -- migrate up to 100 rows} is a comment.
 */
final class MarkerRecogniser {

	/** What {@code hoist new} writes into a section to be filled in. */
	static final String PLACEHOLDER = "hoist:todo";

	private static final String PREFIX = "migrate:";

	private static final Pattern OPTIONS = Pattern
		.compile("[A-Za-z_]+\\s*[:=]\\s*\\S+(\\s+[A-Za-z_]+\\s*[:=]\\s*\\S+)*");

	private MarkerRecogniser() {
	}

	/**
	 * Read one line comment.
	 * @param comment the text after {@code --}, without the line end
	 * @return what it is
	 */
	static Recognised recognise(String comment) {
		String text = comment.strip();
		if (text.startsWith(PREFIX)) {
			return prefixed(text);
		}
		if (text.regionMatches(true, 0, PLACEHOLDER, 0, PLACEHOLDER.length())) {
			return new Recognised(Kind.PLACEHOLDER, "", "", null, null);
		}
		return text.isEmpty() ? Recognised.NONE : lookalike(text);
	}

	// spelled the right way up to the colon: a marker, or a misspelled direction
	private static Recognised prefixed(String text) {
		String rest = text.substring(PREFIX.length());
		int end = 0;
		while (end < rest.length() && !Character.isWhitespace(rest.charAt(end))) {
			end++;
		}
		String direction = rest.substring(0, end);
		String options = rest.substring(end).strip();
		String lower = direction.toLowerCase(Locale.ROOT);
		if (lower.equals("up") || lower.equals("down")) {
			return new Recognised(Kind.MARKER, lower, options, null, null);
		}
		String intended = closestDirection(letters(lower, 0));
		return new Recognised(Kind.MISSPELLED, "", options,
				(intended != null) ? "-- migrate:" + intended + (options.isEmpty() ? "" : " " + options) : null, null);
	}

	private static Recognised lookalike(String text) {
		String lower = lowerCase(text);
		int start = 0;
		while (start < lower.length() && !Character.isLetterOrDigit(lower.charAt(start))) {
			start++;
		}
		boolean plus = text.startsWith("+");
		String word = letters(lower, start);
		int after = start + word.length();
		if (plus && word.equals("goose")) {
			return goose(text.substring(after).strip());
		}
		String direction = null;
		if (isMigrate(word)) {
			int next = after;
			while (next < lower.length() && !Character.isLetterOrDigit(lower.charAt(next))) {
				next++;
			}
			String second = letters(lower, next);
			direction = closestDirection(second);
			if (direction != null) {
				after = next + second.length();
			}
		}
		if (direction == null) {
			// glued together: "migrateup", "MigrateDown"
			String glued = word.endsWith("down") ? "down" : word.endsWith("up") ? "up" : null;
			if (glued != null && isMigrate(word.substring(0, word.length() - glued.length()))) {
				direction = glued;
			}
		}
		if (direction == null) {
			return (plus && isMigrate(word)) ? foreign("sql-migrate", text, null) : Recognised.NONE;
		}
		String rest = text.substring(after);
		String options = rest.strip();
		boolean onlyPunctuation = options.chars().noneMatch(Character::isLetterOrDigit);
		boolean optionsFollow = !rest.isEmpty() && Character.isWhitespace(rest.charAt(0))
				&& OPTIONS.matcher(options).matches();
		if (!onlyPunctuation && !optionsFollow) {
			return Recognised.NONE;
		}
		String intended = "-- migrate:" + direction + (optionsFollow ? " " + options : "");
		if (plus) {
			return foreign("sql-migrate", text, intended);
		}
		return new Recognised(Kind.MISSPELLED, direction, "", intended, null);
	}

	private static Recognised goose(String rest) {
		String annotation = lowerCase(rest);
		String intended = annotation.equals("up") ? "-- migrate:up"
				: annotation.equals("down") ? "-- migrate:down" : null;
		return foreign("goose", "+goose " + rest, intended);
	}

	private static Recognised foreign(String tool, String text, @Nullable String intended) {
		String hint = (intended != null) ? null : "'-- " + text + "' is " + tool
				+ "'s notation, which Hoist does not read: delete the line. Hoist"
				+ " splits statements the way psql does, so function bodies need no StatementBegin/End; sections"
				+ " are marked '-- migrate:up' and '-- migrate:down', with 'transaction:false' on the marker"
				+ " line where a section must run outside a transaction";
		return new Recognised(Kind.MISSPELLED, "", "", intended, hint);
	}

	private static boolean isMigrate(String word) {
		return word.length() >= 5 && (word.startsWith("migrat") || distance(word, "migrate") <= 2);
	}

	private static @Nullable String closestDirection(String word) {
		if (word.isEmpty()) {
			return null;
		}
		if (distance(word, "up") <= 1) {
			return "up";
		}
		if (distance(word, "down") <= 1) {
			return "down";
		}
		return null;
	}

	private static String letters(String text, int from) {
		int end = from;
		while (end < text.length() && Character.isLetter(text.charAt(end))) {
			end++;
		}
		return text.substring(from, end);
	}

	// char by char, so that indexes stay those of the original text
	private static String lowerCase(String text) {
		char[] chars = text.toCharArray();
		for (int i = 0; i < chars.length; i++) {
			chars[i] = Character.toLowerCase(chars[i]);
		}
		return new String(chars);
	}

	/**
	 * Return the edit distance between two words, counting an insertion, a deletion, a
	 * substitution and a swap of two neighbours as one edit each.
	 */
	static int distance(String a, String b) {
		int[][] d = new int[a.length() + 1][b.length() + 1];
		for (int i = 0; i <= a.length(); i++) {
			d[i][0] = i;
		}
		for (int j = 0; j <= b.length(); j++) {
			d[0][j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			for (int j = 1; j <= b.length(); j++) {
				int cost = (a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1;
				d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
				if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
					d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
				}
			}
		}
		return d[a.length()][b.length()];
	}

	/**
	 * What a comment is.
	 */
	enum Kind {

		/** An ordinary comment. */
		NONE,

		/** A section marker. */
		MARKER,

		/** Meant as a marker, not spelled as one. */
		MISSPELLED,

		/** The line {@code hoist new} writes into a section still to be filled in. */
		PLACEHOLDER

	}

	/**
	 * A comment, read.
	 *
	 * @param kind what it is
	 * @param direction {@code up} or {@code down} for a marker, or the direction a
	 * misspelled one was meant as
	 * @param options the text after a marker's direction
	 * @param intended the spelling a misspelled marker was meant to have, when known
	 * @param hint the whole advice for another tool's notation, or {@code null}
	 */
	record Recognised(Kind kind, String direction, String options, @Nullable String intended, @Nullable String hint) {

		static final Recognised NONE = new Recognised(Kind.NONE, "", "", null, null);

	}

}
