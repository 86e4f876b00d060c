package dev.hoist.core;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A migration version: integers separated by dots or underscores, compared numerically
 * part by part ({@code 2 < 10}, {@code 1_1 = 1.1}, {@code 1.0 = 1}). Timestamps such as
 * {@code 20261121093000} work.
 *
 * @param parts the numeric parts without trailing zeros
 */
public record MigrationVersion(List<BigInteger> parts) implements Comparable<MigrationVersion> {

	// compiled once: every start parses a version per migration file and history row
	private static final Pattern FORM = Pattern.compile("[0-9]+([._][0-9]+)*");

	private static final Pattern SEPARATOR = Pattern.compile("[._]");

	/**
	 * Create a version, dropping trailing zero parts so that {@code 1.0} equals
	 * {@code 1}.
	 * @param parts the numeric parts
	 */
	public MigrationVersion {
		List<BigInteger> trimmed = new ArrayList<>(parts);
		while (trimmed.size() > 1 && trimmed.get(trimmed.size() - 1).signum() == 0) {
			trimmed.remove(trimmed.size() - 1);
		}
		parts = List.copyOf(trimmed);
	}

	/**
	 * Parse a version such as {@code 2}, {@code 1.1}, {@code 1_1} or
	 * {@code 20261121093000}.
	 * @param text the version text
	 * @return the version
	 * @throws IllegalArgumentException if the text is not such a version
	 */
	public static MigrationVersion parse(String text) {
		String trimmed = text.trim();
		if (trimmed.startsWith("V") || trimmed.startsWith("v")) {
			trimmed = trimmed.substring(1);
		}
		if (!FORM.matcher(trimmed).matches()) {
			throw new IllegalArgumentException("'" + text
					+ "' is not a migration version: use integers separated by dots or underscores, such as 3, 1.2 or 20261121093000");
		}
		return new MigrationVersion(Arrays.stream(SEPARATOR.split(trimmed)).map(BigInteger::new).toList());
	}

	@Override
	public int compareTo(MigrationVersion other) {
		int length = Math.max(this.parts.size(), other.parts.size());
		for (int i = 0; i < length; i++) {
			BigInteger mine = (i < this.parts.size()) ? this.parts.get(i) : BigInteger.ZERO;
			BigInteger theirs = (i < other.parts.size()) ? other.parts.get(i) : BigInteger.ZERO;
			int result = mine.compareTo(theirs);
			if (result != 0) {
				return result;
			}
		}
		return 0;
	}

	/**
	 * Return whether this version is newer than the other.
	 * @param other the version to compare with
	 * @return whether this one is greater
	 */
	public boolean isNewerThan(MigrationVersion other) {
		return compareTo(other) > 0;
	}

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder();
		for (BigInteger part : this.parts) {
			if (!text.isEmpty()) {
				text.append('.');
			}
			text.append(part);
		}
		return text.toString();
	}

}
