package dev.hoist.core.internal.schema;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Quotes names and literals the way PostgreSQL's {@code quote_ident} and
 * {@code quote_literal} do, so that generated SQL reads like {@code pg_dump}'s.
 */
public final class SqlText {

	private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");

	// pg_get_keywords() of PostgreSQL 18 with catcode <> 'U': words quote_ident quotes
	private static final Set<String> KEYWORDS = Set.of(("all analyse analyze and any array as asc asymmetric"
			+ " authorization between bigint binary bit boolean both case cast char character check coalesce collate"
			+ " collation column concurrently constraint create cross current_catalog current_date current_role"
			+ " current_schema current_time current_timestamp current_user dec decimal default deferrable desc distinct"
			+ " do else end except exists extract false fetch float for foreign freeze from full grant greatest group"
			+ " grouping having ilike in initially inner inout int integer intersect interval into is isnull join json"
			+ " json_array json_arrayagg json_exists json_object json_objectagg json_query json_scalar json_serialize"
			+ " json_table json_value lateral leading least left like limit localtime localtimestamp merge_action"
			+ " national natural nchar none normalize not notnull null nullif numeric offset on only or order out outer"
			+ " overlaps overlay placing position precision primary real references returning right row select"
			+ " session_user setof similar smallint some substring symmetric system_user table tablesample then time"
			+ " timestamp to trailing treat trim true union unique user using values varchar variadic verbose when"
			+ " where window with xmlattributes xmlconcat xmlelement xmlexists xmlforest xmlnamespaces xmlparse xmlpi"
			+ " xmlroot xmlserialize xmltable")
		.split(" "));

	private SqlText() {
	}

	/**
	 * Quote an identifier when PostgreSQL needs it quoted.
	 * @param name the identifier as stored in the catalog
	 * @return the identifier as SQL text
	 */
	public static String ident(String name) {
		if (PLAIN.matcher(name).matches() && !KEYWORDS.contains(name)) {
			return name;
		}
		return "\"" + name.replace("\"", "\"\"") + "\"";
	}

	/**
	 * Quote a schema-qualified name.
	 * @param schema the schema
	 * @param name the name
	 * @return {@code schema.name}, each part quoted when needed
	 */
	public static String qualified(String schema, String name) {
		return ident(schema) + "." + ident(name);
	}

	/**
	 * Quote a string literal, or write {@code NULL}.
	 * @param value the value
	 * @return the literal
	 */
	public static String literal(@Nullable String value) {
		if (value == null) {
			return "NULL";
		}
		String quoted = "'" + value.replace("'", "''") + "'";
		// with standard_conforming_strings off, backslashes would need E'' quoting
		return value.contains("\\") ? "E" + quoted.replace("\\", "\\\\") : quoted;
	}

	/**
	 * Return a name for a temporary object, short enough for PostgreSQL's 63 bytes.
	 * @param base the name it derives from
	 * @param suffix what it is for
	 * @return the name
	 */
	public static String derivedName(String base, String suffix) {
		String name = base + "_" + suffix;
		return (name.length() <= 63) ? name : base.substring(0, 63 - suffix.length() - 1) + "_" + suffix;
	}

	static String lower(String text) {
		return text.toLowerCase(Locale.ROOT);
	}

}
