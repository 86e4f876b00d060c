package dev.hoist.core.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import dev.hoist.core.lint.Finding.Size;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads how big relations are on the live database, from the catalogs: never a write, and
 * never a lock that a query of the relation would not take. Rows are PostgreSQL's own
 * estimate, made as the planner makes it: the density of the last {@code VACUUM} or
 * {@code ANALYZE} ({@code reltuples / relpages}) times the pages the relation has now,
 * or, for a table never analyzed, the pages times the rows that fit in a page given its
 * columns' widths. A partitioned table counts its partitions.
 */
final class RelationSizes {

	private static final Logger logger = LoggerFactory.getLogger(RelationSizes.class);

	/**
	 * How long the size of a relation's files may wait for its ACCESS SHARE lock (held
	 * against a running {@code ALTER TABLE}, say) before the catalog's page count stands
	 * in for it.
	 */
	private static final String SIZE_LOCK_TIMEOUT = "100ms";

	// the relations behind each name: itself, or a partitioned table's leaves
	private static final String QUERY = """
			WITH named AS (
			  SELECT n.name, to_regclass(n.name) AS oid FROM unnest(?::text[]) AS n(name)
			), parts AS (
			  SELECT named.name, named.oid AS named_oid, c.oid, c.relkind, c.reltuples, c.relpages
			  FROM named JOIN pg_class root ON root.oid = named.oid
			  JOIN LATERAL (
			    SELECT pc.oid, pc.relkind, pc.reltuples, pc.relpages FROM pg_class pc WHERE pc.oid = root.oid
			      AND root.relkind NOT IN ('p', 'I')
			    UNION ALL
			    SELECT pc.oid, pc.relkind, pc.reltuples, pc.relpages
			    FROM pg_partition_tree(root.oid) t JOIN pg_class pc ON pc.oid = t.relid
			    WHERE root.relkind IN ('p', 'I') AND t.isleaf
			  ) c ON true
			), sized AS (
			  SELECT parts.*, %s AS bytes,
			    (SELECT coalesce(sum(CASE WHEN a.attlen > 0 THEN a.attlen ELSE 32 END), 0) FROM pg_attribute a
			     WHERE a.attrelid = parts.oid AND a.attnum > 0 AND NOT a.attisdropped) AS width
			  FROM parts
			)
			SELECT name, (SELECT quote_ident(ns.nspname) || '.' || quote_ident(rc.relname) FROM pg_class rc
			  JOIN pg_namespace ns ON ns.oid = rc.relnamespace WHERE rc.oid = named_oid),
			  sum(CASE
			    WHEN reltuples >= 0 AND relpages > 0
			      THEN reltuples / relpages * (bytes / current_setting('block_size')::numeric)
			    WHEN reltuples >= 0 AND bytes = 0 THEN reltuples
			    ELSE floor((current_setting('block_size')::numeric - 24) / (width + 28))
			      * (bytes / current_setting('block_size')::numeric)
			  END)::bigint,
			  sum(bytes)::bigint
			FROM sized GROUP BY name, named_oid
			""";

	private RelationSizes() {
	}

	/**
	 * Read the size of each named relation that exists.
	 * @param connection a connection to the live database, in autocommit
	 * @param names relation names as migrations write them, resolved on the connection's
	 * {@code search_path}
	 * @return the sizes by name; a name that denotes no relation is absent
	 * @throws SQLException on a database error
	 */
	static Map<String, Size> read(Connection connection, Collection<String> names) throws SQLException {
		Set<String> wanted = new LinkedHashSet<>(names);
		if (wanted.isEmpty()) {
			return Map.of();
		}
		boolean autoCommit = connection.getAutoCommit();
		connection.setAutoCommit(false);
		try {
			try (Statement statement = connection.createStatement()) {
				statement.execute("SET LOCAL lock_timeout = '" + SIZE_LOCK_TIMEOUT + "'");
			}
			return query(connection, wanted, "pg_relation_size(parts.oid)");
		}
		catch (SQLException ex) {
			if (!"55P03".equals(ex.getSQLState())) {
				throw ex;
			}
			// a relation is locked against readers: its page count in the catalog
			// is the best that can be had without waiting
			logger.debug("Hoist: a relation is locked; sizes come from the catalog's page counts", ex);
			connection.rollback();
			return query(connection, wanted, "parts.relpages::bigint * current_setting('block_size')::bigint");
		}
		finally {
			connection.rollback();
			connection.setAutoCommit(autoCommit);
		}
	}

	private static Map<String, Size> query(Connection connection, Set<String> names, String bytes) throws SQLException {
		Map<String, Size> sizes = new LinkedHashMap<>();
		try (PreparedStatement statement = connection.prepareStatement(QUERY.formatted(bytes))) {
			Array array = connection.createArrayOf("text", names.toArray());
			statement.setArray(1, array);
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					sizes.put(rs.getString(1), new Size(rs.getString(2), Math.max(0, rs.getLong(3)), rs.getLong(4)));
				}
			}
		}
		return sizes;
	}

}
