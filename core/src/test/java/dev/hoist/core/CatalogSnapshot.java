package dev.hoist.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.hoist.testsupport.TestDatabase;

/**
 * What a schema contains, read from the catalog as sorted lines so that two snapshots
 * compare with {@code isEqualTo} and a difference reads as a diff: tables, columns with
 * types, nullability and defaults, indexes, constraints, sequences, views, functions,
 * types and triggers. The history table is left out.
 */
final class CatalogSnapshot {

	private static final String SCHEMA = "public";

	private static final String HISTORY = "hoist_schema_history";

	private final List<String> lines;

	private CatalogSnapshot(List<String> lines) {
		this.lines = List.copyOf(lines);
	}

	static CatalogSnapshot of(TestDatabase database) {
		List<String> lines = new ArrayList<>();
		add(lines, database,
				"SELECT 'relation ' || c.relname || ' ' || c.relkind::text FROM pg_class c"
						+ " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '" + SCHEMA + "'"
						+ " AND c.relname NOT LIKE '" + HISTORY + "%'");
		// by name, not position: a column dropped and added again gets a new attnum
		add(lines, database,
				"SELECT 'column ' || table_name || '.' || column_name || ' ' || udt_name"
						+ " || coalesce('(' || character_maximum_length || ')', '') || ' nullable=' || is_nullable"
						+ " || ' default=' || coalesce(column_default, '-') || ' identity=' || is_identity"
						+ " FROM information_schema.columns WHERE table_schema = '" + SCHEMA + "'"
						+ " AND table_name <> '" + HISTORY + "'");
		add(lines, database, "SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = '" + SCHEMA + "'"
				+ " AND tablename <> '" + HISTORY + "'");
		add(lines, database,
				"SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || contype::text || ' '"
						+ " || pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_namespace n"
						+ " ON n.oid = c.connamespace WHERE n.nspname = '" + SCHEMA + "'"
						+ " AND conrelid <> coalesce(to_regclass('" + SCHEMA + "." + HISTORY + "'), 0)");
		add(lines, database, "SELECT 'sequence ' || sequence_name || ' ' || data_type || ' ' || increment"
				+ " FROM information_schema.sequences WHERE sequence_schema = '" + SCHEMA + "'");
		add(lines, database,
				"SELECT 'view ' || viewname || ' ' || definition FROM pg_views WHERE schemaname = '" + SCHEMA + "'");
		add(lines, database, "SELECT 'materialized view ' || matviewname || ' ' || definition FROM pg_matviews"
				+ " WHERE schemaname = '" + SCHEMA + "'");
		add(lines, database,
				"SELECT 'function ' || pg_get_functiondef(p.oid) FROM pg_proc p"
						+ " JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = '" + SCHEMA + "'"
						+ " AND p.prokind IN ('f', 'p')");
		add(lines, database, "SELECT 'type ' || t.typname || ' ' || t.typtype::text || ' ' || coalesce((SELECT"
				+ " string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid),"
				+ " format_type(t.typbasetype, t.typtypmod)) FROM pg_type t JOIN pg_namespace n"
				+ " ON n.oid = t.typnamespace WHERE n.nspname = '" + SCHEMA + "' AND t.typtype IN ('d', 'e')");
		add(lines, database,
				"SELECT 'trigger ' || pg_get_triggerdef(t.oid) FROM pg_trigger t"
						+ " JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
						+ " WHERE n.nspname = '" + SCHEMA + "' AND NOT t.tgisinternal");
		lines.sort(null);
		return new CatalogSnapshot(lines);
	}

	private static void add(List<String> lines, TestDatabase database, String query) {
		database.queryForList(query).stream().map(Objects::requireNonNull).forEach(lines::add);
	}

	List<String> lines() {
		return this.lines;
	}

	boolean isEmpty() {
		return this.lines.isEmpty();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof CatalogSnapshot snapshot && this.lines.equals(snapshot.lines);
	}

	@Override
	public int hashCode() {
		return this.lines.hashCode();
	}

	@Override
	public String toString() {
		return String.join("\n", this.lines);
	}

}
