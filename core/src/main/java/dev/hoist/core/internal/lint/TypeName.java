package dev.hoist.core.internal.lint;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A column type as written, with its name brought to PostgreSQL's internal spelling
 * ({@code integer} and {@code int} become {@code int4}, {@code character varying} becomes
 * {@code varchar}, {@code timestamp with time zone} becomes {@code timestamptz}).
 *
 * @param name the internal name, without a {@code pg_catalog} qualification
 * @param schema the schema it was qualified with, other than {@code pg_catalog}
 * @param modifiers the type modifiers in parentheses, as written
 * @param arrayDimensions how many array dimensions follow the type
 * @param text the type as written
 */
record TypeName(String name, @Nullable String schema, List<String> modifiers, int arrayDimensions, String text) {

	private static final Map<String, String> ALIASES = Map.ofEntries(Map.entry("int", "int4"),
			Map.entry("integer", "int4"), Map.entry("smallint", "int2"), Map.entry("bigint", "int8"),
			Map.entry("serial4", "serial"), Map.entry("serial8", "bigserial"), Map.entry("serial2", "smallserial"),
			Map.entry("real", "float4"), Map.entry("double precision", "float8"), Map.entry("decimal", "numeric"),
			Map.entry("dec", "numeric"), Map.entry("boolean", "bool"), Map.entry("character varying", "varchar"),
			Map.entry("char varying", "varchar"), Map.entry("national character varying", "varchar"),
			Map.entry("national char varying", "varchar"), Map.entry("nchar varying", "varchar"),
			Map.entry("character", "bpchar"), Map.entry("char", "bpchar"), Map.entry("nchar", "bpchar"),
			Map.entry("national character", "bpchar"), Map.entry("national char", "bpchar"),
			Map.entry("bit varying", "varbit"), Map.entry("timestamp without time zone", "timestamp"),
			Map.entry("timestamp with time zone", "timestamptz"), Map.entry("time without time zone", "time"),
			Map.entry("time with time zone", "timetz"));

	TypeName {
		modifiers = List.copyOf(modifiers);
	}

	static String canonical(String written) {
		return ALIASES.getOrDefault(written, written);
	}

	boolean isArray() {
		return this.arrayDimensions > 0;
	}

	/**
	 * Return whether this is the built-in type of that internal name, not an array of it.
	 * @param internalName the internal name, such as {@code int4}
	 * @return whether it is
	 */
	boolean is(String internalName) {
		return this.schema == null && !isArray() && this.name.equals(internalName);
	}

	boolean isSerial() {
		return is("serial") || is("bigserial") || is("smallserial");
	}

	/**
	 * Return the numeric type modifier at an index, or -1 when absent or not a number.
	 * @param index the index
	 * @return the modifier
	 */
	int modifier(int index) {
		if (index >= this.modifiers.size()) {
			return -1;
		}
		try {
			return Integer.parseInt(this.modifiers.get(index).strip());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	@Override
	public String toString() {
		return this.text;
	}

}
