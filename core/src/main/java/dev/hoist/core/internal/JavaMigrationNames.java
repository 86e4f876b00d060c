package dev.hoist.core.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.hoist.core.HoistException;
import dev.hoist.core.MigrationVersion;

/**
 * Reads a {@link dev.hoist.core.JavaMigration}'s version and description from a class
 * name such as {@code V3_1__Backfill_order_totals}.
 */
public final class JavaMigrationNames {

	private static final Pattern PATTERN = Pattern.compile("V([0-9]+(?:[._][0-9]+)*)__(.+)");

	private JavaMigrationNames() {
	}

	public static MigrationVersion version(Class<?> type) {
		Matcher matcher = PATTERN.matcher(type.getSimpleName());
		if (!matcher.matches()) {
			throw new HoistException("Java migration " + type.getName()
					+ " needs a version: name the class like V3__Description or override version()");
		}
		return MigrationVersion.parse(matcher.group(1));
	}

	public static String description(Class<?> type) {
		Matcher matcher = PATTERN.matcher(type.getSimpleName());
		return matcher.matches() ? matcher.group(2).replace('_', ' ') : type.getSimpleName();
	}

}
