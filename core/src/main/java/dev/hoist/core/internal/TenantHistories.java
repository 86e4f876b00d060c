package dev.hoist.core.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.hoist.core.MigrationInfo;
import dev.hoist.core.MigrationVersion;

/**
 * Reads the history tables of many tenant schemas of one database in one statement: a
 * {@code UNION ALL} over every tenant's history table, so that a start with every tenant
 * at the head costs one round trip however many tenants there are. Tenants with the same
 * history (the common case: every tenant migrated by the same builds) are grouped on the
 * server and only one of each group sends its rows.
 * <p>
 * A statement reads at most {@value #TENANTS_PER_STATEMENT} tenants: it locks each table
 * and its two indexes until it ends, and PostgreSQL's shared lock table holds 6,400 locks
 * with default settings.
 */
final class TenantHistories {

	static final int TENANTS_PER_STATEMENT = 1000;

	private static final String COLUMNS = "installed_rank, version, description, type, script, checksum,"
			+ " installed_by, installed_at, execution_ms, success";

	private TenantHistories() {
	}

	/**
	 * Read the histories of tenants whose history tables exist, one statement per
	 * {@value #TENANTS_PER_STATEMENT} tenants. Tenants with equal histories (equal in
	 * every column that validation and planning read: not who applied a migration, when,
	 * or how long it took) get the same list, read once: the rows of the first of them.
	 * @param connection the connection
	 * @param schemas the tenant schemas
	 * @param table the history table's name
	 * @return each tenant's rows in rank order; a tenant whose table is empty maps to an
	 * empty list
	 * @throws SQLException on a database error, such as SQLSTATE 42P01 when a table does
	 * not exist
	 */
	static Map<String, List<HistoryRow>> readGrouped(Connection connection, List<String> schemas, String table)
			throws SQLException {
		Map<String, List<HistoryRow>> histories = new HashMap<>();
		for (List<String> chunk : chunks(schemas)) {
			String sql = "WITH h AS (" + union(chunk, table) + "),\n"
					+ " d AS (SELECT t, string_agg(concat_ws(',', installed_rank, quote_nullable(version),"
					+ " quote_nullable(description), quote_nullable(type), quote_nullable(script),"
					+ " quote_nullable(checksum), success, execution_ms = " + HistoryRow.UNFINISHED
					+ "), ';' ORDER BY installed_rank) AS k FROM h GROUP BY t),\n"
					+ " r AS (SELECT k, min(t) AS rep FROM d GROUP BY k)\n" + "SELECT d.t, r.rep, h."
					+ COLUMNS.replace(", ", ", h.") + " FROM d JOIN r ON r.k = d.k"
					+ " LEFT JOIN h ON h.t = d.t AND d.t = r.rep ORDER BY d.t, h.installed_rank";
			Map<Integer, List<HistoryRow>> byIndex = new HashMap<>();
			Map<Integer, Integer> representative = new HashMap<>();
			try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
				while (rs.next()) {
					int tenant = rs.getInt(1);
					int rep = rs.getInt(2);
					representative.put(tenant, rep);
					List<HistoryRow> rows = byIndex.computeIfAbsent(tenant, (key) -> new ArrayList<>());
					if (tenant == rep) {
						rows.add(row(rs, 3));
					}
				}
			}
			for (int i = 0; i < chunk.size(); i++) {
				Integer rep = representative.get(i);
				// no row at all: the table is empty
				histories.put(chunk.get(i), (rep != null) ? byIndex.get(rep) : List.of());
			}
		}
		return histories;
	}

	/**
	 * Read the histories of tenants whose history tables exist, every tenant's own rows.
	 * @param connection the connection
	 * @param schemas the tenant schemas
	 * @param table the history table's name
	 * @return each tenant's rows in rank order
	 * @throws SQLException on a database error
	 */
	static Map<String, List<HistoryRow>> read(Connection connection, List<String> schemas, String table)
			throws SQLException {
		Map<String, List<HistoryRow>> histories = new HashMap<>();
		for (List<String> chunk : chunks(schemas)) {
			List<List<HistoryRow>> rows = new ArrayList<>();
			chunk.forEach((schema) -> rows.add(new ArrayList<>()));
			try (Statement statement = connection.createStatement();
					ResultSet rs = statement
						.executeQuery("SELECT * FROM (" + union(chunk, table) + ") h ORDER BY t, installed_rank")) {
				while (rs.next()) {
					rows.get(rs.getInt(1)).add(row(rs, 2));
				}
			}
			for (int i = 0; i < chunk.size(); i++) {
				histories.put(chunk.get(i), rows.get(i));
			}
		}
		return histories;
	}

	/**
	 * Return which of the schemas have the history table: one catalog query.
	 * @param connection the connection
	 * @param schemas the tenant schemas
	 * @param table the history table's name
	 * @return the schemas that have it
	 * @throws SQLException on a database error
	 */
	static Set<String> withHistory(Connection connection, List<String> schemas, String table) throws SQLException {
		Set<String> found = new HashSet<>();
		try (PreparedStatement statement = connection.prepareStatement("SELECT n.nspname FROM pg_class c"
				+ " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = ? AND n.nspname = ANY (?)")) {
			statement.setString(1, table);
			Array array = connection.createArrayOf("text", schemas.toArray());
			statement.setArray(2, array);
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					found.add(rs.getString(1));
				}
			}
		}
		return found;
	}

	/**
	 * Return the keys of every session advisory lock held in the current database, to
	 * tell a migration that is running elsewhere from one that crashed.
	 * @param connection the connection
	 * @return the 64-bit keys
	 * @throws SQLException on a database error
	 */
	static Set<Long> heldLocks(Connection connection) throws SQLException {
		Set<Long> keys = new HashSet<>();
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT (classid::bigint << 32) | objid::bigint FROM pg_locks"
						+ " WHERE locktype = 'advisory' AND granted AND objsubid = 1"
						+ " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
			while (rs.next()) {
				keys.add(rs.getLong(1));
			}
		}
		return keys;
	}

	private static String union(List<String> schemas, String table) {
		StringBuilder sql = new StringBuilder();
		String quotedTable = SchemaHistory.quote(table);
		for (int i = 0; i < schemas.size(); i++) {
			if (i > 0) {
				sql.append("\nUNION ALL ");
			}
			sql.append("SELECT ")
				.append(i)
				.append(" AS t, ")
				.append(COLUMNS)
				.append(" FROM ")
				.append(SchemaHistory.quote(schemas.get(i)))
				.append('.')
				.append(quotedTable);
		}
		return sql.toString();
	}

	private static List<List<String>> chunks(List<String> schemas) {
		List<List<String>> chunks = new ArrayList<>();
		for (int i = 0; i < schemas.size(); i += TENANTS_PER_STATEMENT) {
			chunks.add(schemas.subList(i, Math.min(schemas.size(), i + TENANTS_PER_STATEMENT)));
		}
		return chunks;
	}

	private static HistoryRow row(ResultSet rs, int first) throws SQLException {
		String version = rs.getString(first + 1);
		return new HistoryRow(rs.getInt(first), (version != null) ? MigrationVersion.parse(version) : null,
				rs.getString(first + 2), MigrationInfo.Type.valueOf(rs.getString(first + 3)), rs.getString(first + 4),
				rs.getString(first + 5), rs.getString(first + 6), rs.getTimestamp(first + 7).toInstant(),
				rs.getInt(first + 8), rs.getBoolean(first + 9));
	}

}
