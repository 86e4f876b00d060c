package dev.hoist.core.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.HoistConfiguration.TenantKind;
import dev.hoist.core.HoistConfiguration.TenantShard;
import dev.hoist.core.HoistException;
import org.jspecify.annotations.Nullable;

/**
 * The tenants of a run: read from the fixed list, the query or the supplier, checked
 * (every name usable and listed once, the list not empty) before anything is done to any
 * of them, and cut to the configured shard.
 */
final class TenantList {

	// PostgreSQL cuts longer identifiers silently, so two tenants could become one
	private static final int MAX_NAME_BYTES = 63;

	private TenantList() {
	}

	/**
	 * Read and check the tenant list. With a query, the same round trip says which
	 * tenants have a history table (schemas) or exist at all (databases); with a fixed
	 * list of databases, one more query says which exist.
	 * @param configuration the configuration
	 * @param connection a connection to the configured database
	 * @return the tenants
	 * @throws HoistException if the list cannot be read or holds a name that cannot be a
	 * tenant, a duplicate, or nothing
	 * @throws SQLException on a database error other than the query's own
	 */
	static Resolved resolve(HoistConfiguration configuration, Connection connection) throws SQLException {
		String source = source(configuration);
		List<@Nullable String> names;
		Set<String> present = null;
		String query = configuration.getTenantsQuery();
		Supplier<? extends Collection<String>> supplier = configuration.getTenantSupplier();
		if (query != null) {
			names = new ArrayList<>();
			present = new HashSet<>();
			for (Row row : query(configuration, connection, query)) {
				names.add(row.name());
				if (row.name() != null && row.present()) {
					present.add(row.name());
				}
			}
		}
		else if (supplier != null) {
			names = supplied(supplier, source);
		}
		else {
			names = new ArrayList<>(configuration.getTenantNames());
		}
		List<String> checked = check(names, configuration.getTenantKind(), source, query);
		if (present == null && configuration.getTenantKind() == TenantKind.DATABASE) {
			present = existingDatabases(connection, checked);
		}
		TenantShard shard = configuration.getTenantShard();
		List<String> mine = (shard != null) ? checked.stream().filter(shard::contains).toList() : checked;
		return new Resolved(mine, checked.size(), present, source);
	}

	/**
	 * Return where the tenant list comes from, in the spelling of the configuration's
	 * user.
	 * @param configuration the configuration
	 * @return the source, such as {@code hoist.tenants.query (HOIST_TENANTS_QUERY)}
	 */
	static String source(HoistConfiguration configuration) {
		if (configuration.getTenantsQuery() != null) {
			return "the tenant query " + SettingName.TENANTS_QUERY.in(configuration);
		}
		if (configuration.getTenantSupplier() != null) {
			return "the tenant list supplied by code (tenants(...), or a HoistTenants bean)";
		}
		return "the tenant list " + ((configuration.getTenantKind() == TenantKind.SCHEMA)
				? SettingName.TENANT_SCHEMAS.in(configuration) : SettingName.TENANT_DATABASES.in(configuration));
	}

	private static List<Row> query(HoistConfiguration configuration, Connection connection, String query)
			throws SQLException {
		String inner = query.strip();
		while (inner.endsWith(";")) {
			inner = inner.substring(0, inner.length() - 1).strip();
		}
		if (inner.isEmpty()) {
			throw new HoistException("The tenant query is empty: set " + SettingName.TENANTS_QUERY.in(configuration)
					+ " to a query whose first column holds the tenant names, such as"
					+ " SELECT schema_name FROM tenants WHERE active");
		}
		// the line breaks keep a trailing '--' comment in the query from swallowing the
		// rest
		boolean schemas = configuration.getTenantKind() == TenantKind.SCHEMA;
		String sql = "SELECT q.name::text, "
				+ (schemas ? "to_regclass(quote_ident(q.name::text) || '.' || quote_ident(?)) IS NOT NULL"
						: "EXISTS (SELECT 1 FROM pg_database d WHERE d.datname = q.name::text)")
				+ " FROM (\n" + inner + "\n) AS q (name)";
		List<Row> rows = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			if (schemas) {
				statement.setString(1, configuration.getTable());
			}
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					rows.add(new Row(rs.getString(1), rs.getBoolean(2)));
				}
			}
		}
		catch (SQLException ex) {
			if (ex.getSQLState() != null && (ex.getSQLState().startsWith("08") || ex.getSQLState().startsWith("57"))) {
				throw ex;
			}
			throw new HoistException("The tenant query failed, so no tenant was touched: " + ex.getMessage()
					+ ((ex.getSQLState() != null) ? " (SQLSTATE " + ex.getSQLState() + ")" : "") + ". The query ("
					+ SettingName.TENANTS_QUERY.in(configuration) + "): " + abbreviate(inner)
					+ ". Run it with psql against the configured database: its first column must hold the "
					+ (schemas ? "schema" : "database") + " names", ex);
		}
		return rows;
	}

	private static List<@Nullable String> supplied(Supplier<? extends Collection<String>> supplier, String source) {
		Collection<String> names;
		try {
			names = supplier.get();
		}
		catch (RuntimeException ex) {
			throw new HoistException("Reading " + source + " failed, so no tenant was touched: " + ex, ex);
		}
		if (names == null) {
			throw new HoistException(source + " returned null instead of the tenant names; no tenant was touched");
		}
		return new ArrayList<>(names);
	}

	/**
	 * Check every name and the list as a whole, reporting every problem at once.
	 */
	static List<String> check(List<@Nullable String> names, TenantKind kind, String source, @Nullable String query) {
		List<String> problems = new ArrayList<>();
		Map<String, Integer> counts = new LinkedHashMap<>();
		List<String> checked = new ArrayList<>();
		for (int i = 0; i < names.size(); i++) {
			String name = names.get(i);
			if (name == null) {
				problems.add("row " + (i + 1) + " holds NULL instead of a name");
				continue;
			}
			String problem = problem(name, kind);
			if (problem != null) {
				problems.add(problem);
				continue;
			}
			if (counts.merge(name, 1, Integer::sum) == 1) {
				checked.add(name);
			}
		}
		List<String> duplicates = counts.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() > 1)
			.map((entry) -> "'" + entry.getKey() + "' (" + entry.getValue() + " times)")
			.toList();
		if (!duplicates.isEmpty()) {
			problems.add("listed more than once: " + String.join(", ", limit(duplicates))
					+ ((query != null) ? " (SELECT DISTINCT lists each once)" : ""));
		}
		if (!problems.isEmpty()) {
			throw new HoistException("Hoist cannot use " + source + ", so no tenant was touched:\n  - "
					+ String.join("\n  - ", limit(problems)));
		}
		if (checked.isEmpty()) {
			throw new HoistException(source + " holds no tenant"
					+ ((query != null) ? ": the query returned no rows (" + abbreviate(query)
							+ "). Check it with psql against the configured database" : "")
					+ ". Hoist migrates nothing rather than guess; give it at least one tenant");
		}
		return checked;
	}

	private static @Nullable String problem(String name, TenantKind kind) {
		String what = (kind == TenantKind.SCHEMA) ? "schema" : "database";
		if (name.isEmpty()) {
			return "an empty " + what + " name";
		}
		if (!name.equals(name.strip())) {
			return "'" + name + "' begins or ends with white space, which PostgreSQL would keep as part of the name";
		}
		if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
			return "'" + name + "' is longer than PostgreSQL's " + MAX_NAME_BYTES + "-byte names; PostgreSQL would cut"
					+ " it short, and two tenants could end up as one " + what;
		}
		String lower = name.toLowerCase(Locale.ROOT);
		if (kind == TenantKind.SCHEMA && (lower.startsWith("pg_") || lower.equals("information_schema"))) {
			return "'" + name + "' is a system schema, never a tenant";
		}
		if (kind == TenantKind.DATABASE && (name.equals("template0") || name.equals("template1"))) {
			return "'" + name + "' is a template database, never a tenant";
		}
		return null;
	}

	private static Set<String> existingDatabases(Connection connection, List<String> names) throws SQLException {
		Set<String> existing = new HashSet<>();
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT datname FROM pg_database WHERE datname = ANY (?)")) {
			Array array = connection.createArrayOf("text", names.toArray());
			statement.setArray(1, array);
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					existing.add(rs.getString(1));
				}
			}
		}
		return existing;
	}

	private static List<String> limit(List<String> items) {
		if (items.size() <= 20) {
			return items;
		}
		List<String> first = new ArrayList<>(items.subList(0, 20));
		first.add("and " + (items.size() - 20) + " more");
		return first;
	}

	private static String abbreviate(String query) {
		String single = query.replaceAll("\\s+", " ").strip();
		return (single.length() > 200) ? single.substring(0, 197) + "..." : single;
	}

	/** One row of the tenant query. */
	private record Row(@Nullable String name, boolean present) {

	}

	/**
	 * The tenants of a run.
	 *
	 * @param names the tenants of this run (of this shard), in list order, each once
	 * @param listed how many the list held before sharding
	 * @param present the schemas with a history table, or the databases that exist, when
	 * the list was read with that knowledge; {@code null} when unknown
	 * @param source where the list came from, for messages
	 */
	record Resolved(List<String> names, int listed, @Nullable Set<String> present, String source) {

	}

}
