package dev.hoist.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says what is wrong with a {@code .sql} file name that is not a migration name, and how
 * the name was probably meant: each part (prefix, version, separator, extension) is read
 * leniently and every fix it needs is named at once.
 */
final class MigrationFileName {

	private static final String GENERIC = "name it V<version>__<description>.sql (versioned) or"
			+ " R__<description>.sql (repeatable)";

	private static final Pattern VERSION = Pattern.compile("^[0-9]+(?:[._][0-9]+)*");

	private static final Pattern SEPARATOR = Pattern.compile("^[_\\-. ]+");

	private MigrationFileName() {
	}

	/**
	 * Return what to do about a file name that is not a migration name.
	 * @param name the file name, ending in {@code .sql} in any case
	 * @return the advice, naming the intended name where it can be told
	 */
	static String advice(String name) {
		String base = name.substring(0, name.length() - ".sql".length());
		List<String> fixes = new ArrayList<>();
		if (!name.endsWith(".sql")) {
			fixes.add("end it with a lower-case .sql");
		}
		if (base.isEmpty()) {
			return GENERIC;
		}
		char first = base.charAt(0);
		char prefix = Character.toUpperCase(first);
		String rest;
		if (Character.isDigit(first)) {
			prefix = 'V';
			fixes.add("start it with V");
			rest = base;
		}
		else if (prefix == 'U' && VERSION.matcher(base.substring(1)).find()) {
			return "it looks like a Flyway undo migration; Hoist keeps the SQL that undoes a migration in the"
					+ " migration's own file, below '-- migrate:down'";
		}
		else if (prefix != 'V' && prefix != 'R') {
			return GENERIC;
		}
		else {
			if (first != prefix) {
				fixes.add("start it with a capital " + prefix);
			}
			rest = base.substring(1);
		}
		String version = "";
		if (prefix == 'V') {
			Matcher matcher = VERSION.matcher(rest);
			if (!matcher.find()) {
				return "put a version after V: digits separated by '.' or '_', as in V1__" + description(rest)
						+ ".sql or V1_1__" + description(rest) + ".sql";
			}
			version = matcher.group();
			rest = rest.substring(version.length());
		}
		String description;
		if (rest.startsWith("__") && !rest.startsWith("___")) {
			description = rest.substring(2);
		}
		else {
			Matcher separator = SEPARATOR.matcher(rest);
			boolean separated = separator.find();
			description = separated ? rest.substring(separator.end()) : rest;
			if (prefix == 'V' && (!description.isEmpty() && Character.isDigit(description.charAt(0))
					|| (!separated && description.contains("__")))) {
				// V2026-11-21__x, V1a__x: the version itself is not digits and separators
				return "the version after V must be digits separated by '.' or '_' (V1, V1_1, V20261121093000),"
						+ " followed by two underscores and the description";
			}
			fixes.add("use two underscores between " + ((prefix == 'V') ? "version" : "R") + " and description");
		}
		if (description.isEmpty()) {
			return "describe the migration after '__', as in " + prefix + version + "__create_shops.sql";
		}
		if (fixes.isEmpty()) {
			return GENERIC;
		}
		String intended = prefix + version + "__" + description + ".sql";
		return join(fixes) + ", as in " + intended;
	}

	private static String description(String rest) {
		String description = rest.replaceFirst("^[_\\-. ]+", "");
		return description.isEmpty() ? "create_shops" : description;
	}

	private static String join(List<String> fixes) {
		if (fixes.size() == 1) {
			return fixes.get(0);
		}
		return String.join(", ", fixes.subList(0, fixes.size() - 1)) + " and " + fixes.get(fixes.size() - 1);
	}

}
