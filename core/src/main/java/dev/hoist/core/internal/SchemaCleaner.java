package dev.hoist.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Empties one schema object by object, inside the caller's transaction. The schema itself
 * stays, so its owner, its grants, its default privileges and its comment survive
 * (dropping and recreating {@code public} would lose {@code pg_database_owner} and the
 * grants to {@code PUBLIC}).
 */
final class SchemaCleaner {

	// objects that belong to an extension go with the extension
	private static final String NOT_FROM_EXTENSION = " AND NOT EXISTS (SELECT 1 FROM pg_depend ext"
			+ " WHERE ext.classid = '%s'::regclass AND ext.objid = %s AND ext.deptype = 'e')";

	private final Connection connection;

	private final String schema;

	private final List<String> dropped = new ArrayList<>();

	SchemaCleaner(Connection connection, String schema) {
		this.connection = connection;
		this.schema = schema;
	}

	/**
	 * Drop everything in the schema.
	 * @return each object dropped, such as {@code table public.orders}
	 * @throws SQLException on a database error
	 */
	List<String> clean() throws SQLException {
		drop("pg_extension", "SELECT 'extension', quote_ident(e.extname), e.oid FROM pg_extension e"
				+ " JOIN pg_namespace n ON n.oid = e.extnamespace WHERE n.nspname = ? ORDER BY e.extname");
		// views first so that the list names them; CASCADE takes whatever depends
		// on the rest
		drop("pg_class",
				"SELECT CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'"
						+ " WHEN 'f' THEN 'foreign table' WHEN 'S' THEN 'sequence' ELSE 'table' END,"
						+ " quote_ident(n.nspname) || '.' || quote_ident(c.relname), c.oid FROM pg_class c"
						+ " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ?"
						+ " AND c.relkind IN ('v', 'm', 'r', 'p', 'f', 'S') AND NOT c.relispartition"
						// sequences owned by a column go with their table
						+ " AND NOT EXISTS (SELECT 1 FROM pg_depend o WHERE o.classid = 'pg_class'::regclass"
						+ " AND o.objid = c.oid AND c.relkind = 'S' AND o.deptype IN ('a', 'i'))"
						+ NOT_FROM_EXTENSION.formatted("pg_class", "c.oid")
						+ " ORDER BY array_position(ARRAY['m', 'v', 'f', 'p', 'r', 'S']::\"char\"[], c.relkind), c.relname");
		drop("pg_proc",
				"SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END,"
						+ " quote_ident(n.nspname) || '.' || quote_ident(p.proname) || '('"
						+ " || pg_get_function_identity_arguments(p.oid) || ')', p.oid FROM pg_proc p"
						+ " JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ?"
						// a range type's constructors go with the type
						+ " AND NOT EXISTS (SELECT 1 FROM pg_depend own WHERE own.classid = 'pg_proc'::regclass"
						+ " AND own.objid = p.oid AND own.deptype = 'i')"
						+ NOT_FROM_EXTENSION.formatted("pg_proc", "p.oid")
						+ " ORDER BY p.prokind = 'a' DESC, p.proname, p.oid");
		drop("pg_type",
				"SELECT CASE t.typtype WHEN 'd' THEN 'domain' ELSE 'type' END,"
						+ " quote_ident(n.nspname) || '.' || quote_ident(t.typname), t.oid FROM pg_type t"
						+ " JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = ?"
						+ " AND t.typtype IN ('b', 'c', 'd', 'e', 'r')"
						// a table's row type goes with the table, an array type
						// with its element
						+ " AND (t.typrelid = 0 OR (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c')"
						+ " AND NOT EXISTS (SELECT 1 FROM pg_type e WHERE e.typarray = t.oid)"
						+ NOT_FROM_EXTENSION.formatted("pg_type", "t.oid") + " ORDER BY t.typname");
		dropNamed("pg_collation", "collation", "collname", "collnamespace");
		dropNamed("pg_ts_config", "text search configuration", "cfgname", "cfgnamespace");
		dropNamed("pg_ts_dict", "text search dictionary", "dictname", "dictnamespace");
		dropNamed("pg_conversion", "conversion", "conname", "connamespace");
		return this.dropped;
	}

	// the kinds that are only a name in a namespace
	private void dropNamed(String catalog, String kind, String name, String namespace) throws SQLException {
		drop(catalog, "SELECT '" + kind + "', quote_ident(n.nspname) || '.' || quote_ident(o." + name + "), o.oid"
				+ " FROM pg_catalog." + catalog + " o JOIN pg_namespace n ON n.oid = o." + namespace
				+ " WHERE n.nspname = ?" + NOT_FROM_EXTENSION.formatted(catalog, "o.oid") + " ORDER BY o." + name);
	}

	private void drop(String catalog, String query) throws SQLException {
		List<DroppedObject> objects = new ArrayList<>();
		try (PreparedStatement statement = this.connection.prepareStatement(query)) {
			statement.setString(1, this.schema);
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					objects.add(new DroppedObject(rs.getString(1), rs.getString(2), rs.getLong(3)));
				}
			}
		}
		try (PreparedStatement exists = this.connection
			.prepareStatement("SELECT 1 FROM pg_catalog." + catalog + " WHERE oid = ?");
				Statement statement = this.connection.createStatement()) {
			for (DroppedObject object : objects) {
				exists.setLong(1, object.oid());
				try (ResultSet rs = exists.executeQuery()) {
					if (!rs.next()) {
						// an earlier CASCADE took it already
						continue;
					}
				}
				statement.execute("DROP " + object.kind().toUpperCase(Locale.ROOT) + " " + object.name() + " CASCADE");
				this.dropped.add(object.kind() + " " + object.name());
			}
		}
	}

	private record DroppedObject(String kind, String name, long oid) {

	}

}
