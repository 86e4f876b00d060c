package dev.hoist.reliability;

import java.util.ArrayList;
import java.util.List;

import dev.hoist.testsupport.TestDatabase;

/**
 * What a schema consists of, one sorted line per object, read from the catalogs: columns,
 * indexes (with their validity, so that an index left {@code INVALID} by a killed
 * {@code CREATE INDEX CONCURRENTLY} shows), constraints, functions, triggers, enum types,
 * views, sequences and the row count of every table. Hoist's history table is left out:
 * it is checked on its own. Sequence positions are left out too: a rolled back insert
 * moves them, as PostgreSQL documents.
 *
 * @param lines the sorted lines
 */
record SchemaFingerprint(List<String> lines) {

	private static final String HISTORY = "hoist_schema_history";

	static SchemaFingerprint of(TestDatabase database) {
		List<String> lines = new ArrayList<>();
		add(lines, database, "column", "SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || udt_name"
				+ " || ' null=' || is_nullable || ' default=' || coalesce(column_default, '') || ' #' || ordinal_position"
				+ " FROM information_schema.columns WHERE table_schema = current_schema() AND table_name <> '" + HISTORY
				+ "'");
		add(lines, database, "index",
				"SELECT pg_get_indexdef(i.indexrelid) || ' valid=' || i.indisvalid FROM pg_index i"
						+ " JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relnamespace = current_schema()::regnamespace"
						+ " AND i.indrelid IS DISTINCT FROM to_regclass('" + HISTORY + "')");
		add(lines, database, "constraint",
				"SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint"
						+ " WHERE connamespace = current_schema()::regnamespace"
						+ " AND conrelid IS DISTINCT FROM to_regclass('" + HISTORY + "')");
		add(lines, database, "function", "SELECT oid::regprocedure::text || ' ' || md5(pg_get_functiondef(oid))"
				+ " FROM pg_proc WHERE pronamespace = current_schema()::regnamespace");
		add(lines, database, "trigger", "SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal"
				+ " AND tgrelid IN (SELECT oid FROM pg_class WHERE relnamespace = current_schema()::regnamespace)");
		add(lines, database, "enum",
				"SELECT t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_type t"
						+ " JOIN pg_enum e ON e.enumtypid = t.oid WHERE t.typnamespace = current_schema()::regnamespace"
						+ " GROUP BY t.typname");
		add(lines, database, "view",
				"SELECT viewname || ' ' || md5(definition) FROM pg_views" + " WHERE schemaname = current_schema()");
		add(lines, database, "sequence", "SELECT sequencename || ' ' || data_type || ' ' || increment_by"
				+ " FROM pg_sequences WHERE schemaname = current_schema()");
		for (String table : database.queryForList("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
				+ " AND tablename <> '" + HISTORY + "' ORDER BY tablename")) {
			lines.add("rows " + table + " " + database.queryForString("SELECT count(*) FROM " + table));
		}
		lines.sort(null);
		return new SchemaFingerprint(List.copyOf(lines));
	}

	private static void add(List<String> lines, TestDatabase database, String kind, String sql) {
		for (String line : database.queryForList(sql)) {
			lines.add(kind + " " + line);
		}
	}

	@Override
	public String toString() {
		return this.lines.size() + " lines";
	}

}
