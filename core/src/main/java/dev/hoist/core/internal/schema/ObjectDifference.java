package dev.hoist.core.internal.schema;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Says how one object differs between two models, property by property, for people:
 * {@code type integer -> bigint}, {@code NOT NULL yes -> no}, {@code valid yes -> no},
 * {@code labels + refunded}, {@code definition, line 3: ... -> ...}. The properties are
 * the object's record components, so every difference the models see is named.
 */
public final class ObjectDifference {

	private static final Set<String> IDENTITY = Set.of("schema", "name", "table", "typeCategory", "onDomain",
			"onMaterializedView", "identityArguments");

	private static final int SHORT = 60;

	private ObjectDifference() {
	}

	/**
	 * Describe how an object differs.
	 * @param expected the object as it should be
	 * @param actual the object as it is
	 * @return the differences, {@code "; "}-separated; empty when the two are equal
	 */
	public static String describe(SchemaObject expected, SchemaObject actual) {
		if (expected.equals(actual)) {
			return "";
		}
		if (expected.getClass() != actual.getClass()) {
			return "was " + kind(expected) + ", is " + kind(actual);
		}
		List<String> parts = new ArrayList<>();
		for (RecordComponent component : expected.getClass().getRecordComponents()) {
			if (IDENTITY.contains(component.getName())) {
				continue;
			}
			Object before = value(component, expected);
			Object after = value(component, actual);
			if (!Objects.equals(before, after)) {
				parts.add(property(component.getName(), before, after));
			}
		}
		return String.join("; ", parts);
	}

	private static String kind(SchemaObject object) {
		return object.key().kind().label() + " (" + object.getClass().getSimpleName() + ")";
	}

	private static @Nullable Object value(RecordComponent component, SchemaObject object) {
		try {
			return component.getAccessor().invoke(object);
		}
		catch (IllegalAccessException | InvocationTargetException ex) {
			throw new IllegalStateException("Cannot read " + component.getName() + " of " + object.key(), ex);
		}
	}

	private static String property(String name, @Nullable Object before, @Nullable Object after) {
		String label = label(name);
		if (before instanceof Boolean b && after instanceof Boolean a) {
			return label + " " + yes(b) + " -> " + yes(a);
		}
		if (before instanceof List<?> b && after instanceof List<?> a) {
			return label + " " + list(b, a);
		}
		String from = text(before);
		String to = text(after);
		if (from.contains("\n") || to.contains("\n") || from.length() > SHORT || to.length() > SHORT) {
			return label + ", " + firstDifference(from, to);
		}
		return label + " " + from + " -> " + to;
	}

	private static String list(List<?> before, List<?> after) {
		Set<Object> removed = new LinkedHashSet<>(before);
		after.forEach(removed::remove);
		Set<Object> added = new LinkedHashSet<>(after);
		before.forEach(added::remove);
		if (removed.isEmpty() && added.isEmpty()) {
			return "order " + before + " -> " + after;
		}
		List<String> parts = new ArrayList<>();
		removed.forEach((item) -> parts.add("- " + item));
		added.forEach((item) -> parts.add("+ " + item));
		return String.join(", ", parts);
	}

	// the first line that differs, so that a changed function body shows where
	private static String firstDifference(String before, String after) {
		List<String> from = before.lines().toList();
		List<String> to = after.lines().toList();
		int line = 0;
		while (line < from.size() && line < to.size() && from.get(line).equals(to.get(line))) {
			line++;
		}
		String was = (line < from.size()) ? from.get(line).strip() : "(end)";
		String is = (line < to.size()) ? to.get(line).strip() : "(end)";
		return "line " + (line + 1) + ": " + abbreviate(was) + " -> " + abbreviate(is);
	}

	private static String abbreviate(String text) {
		return (text.length() > 120) ? text.substring(0, 117) + "..." : text;
	}

	private static String text(@Nullable Object value) {
		if (value == null) {
			return "(none)";
		}
		String text = value.toString();
		return text.isEmpty() ? "(none)" : text;
	}

	private static String yes(boolean value) {
		return value ? "yes" : "no";
	}

	// notNull -> NOT NULL, defaultValue -> default, rowSecurity -> row security
	private static String label(String name) {
		return switch (name) {
			case "notNull" -> "NOT NULL";
			case "defaultValue" -> "default";
			default -> {
				StringBuilder words = new StringBuilder();
				for (char c : name.toCharArray()) {
					if (Character.isUpperCase(c)) {
						words.append(' ').append(Character.toLowerCase(c));
					}
					else {
						words.append(c);
					}
				}
				yield words.toString().toLowerCase(Locale.ROOT);
			}
		};
	}

}
