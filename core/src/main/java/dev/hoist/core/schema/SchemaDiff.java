package dev.hoist.core.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import javax.sql.DataSource;

import dev.hoist.core.DatabaseAddress;
import dev.hoist.core.HoistException;
import dev.hoist.core.internal.DriverDataSource;
import dev.hoist.core.internal.schema.CatalogReader;
import dev.hoist.core.internal.schema.MigrationPlan;
import dev.hoist.core.internal.schema.ObjectKey;
import dev.hoist.core.internal.schema.ObjectKind;
import dev.hoist.core.internal.schema.SchemaModel;

/**
 * Compares the schemas of two PostgreSQL databases and writes the migration that turns
 * the first into the second:
 *
 * <pre>{@code
 * SchemaDiffResult result = SchemaDiff.between(fromDataSource, toDataSource)
 *         .schemas("public")
 *         .compute();
 * if (!result.isEmpty()) {
 *     result.writeTo(Path.of("src/main/resources/db/migration"), "3", "add orders");
 * }
 * }</pre>
 *
 * Both databases are only read: each through one read-only transaction of catalog
 * queries. Hoist's history table is never part of a diff. The generated SQL uses the
 * online forms by default ({@code CREATE INDEX CONCURRENTLY}, constraints added
 * {@code NOT VALID} then validated, {@code SET NOT NULL} through a validated check), so
 * that it can run against a live service; {@link #online(boolean) online(false)} writes
 * the plain forms for an empty database.
 */
public final class SchemaDiff {

	private final DataSource from;

	private final DataSource to;

	private final List<String> schemas = new ArrayList<>();

	private final Set<String> excludedTables = new LinkedHashSet<>(Set.of(CatalogReader.DEFAULT_HISTORY_TABLE));

	private boolean online = true;

	private boolean allowUnsupported;

	private SchemaDiff(DataSource from, DataSource to) {
		this.from = from;
		this.to = to;
	}

	/**
	 * Start a comparison of two databases.
	 * @param from the database as it is (the migration runs against its likes)
	 * @param to the database as it should be
	 * @return a comparison to configure
	 */
	public static SchemaDiff between(DataSource from, DataSource to) {
		return new SchemaDiff(Objects.requireNonNull(from, "from"), Objects.requireNonNull(to, "to"));
	}

	/**
	 * Compare these schemas, present in both databases. Default: the first database's
	 * current schema.
	 * @param names the schema names
	 * @return this comparison
	 */
	public SchemaDiff schemas(String... names) {
		this.schemas.clear();
		this.schemas.addAll(Arrays.asList(names));
		return this;
	}

	/**
	 * Whether to write the forms that keep live tables available (the default), or the
	 * plain forms, which are shorter and run in one transaction, for an empty database.
	 * @param online whether to use the online forms
	 * @return this comparison
	 */
	public SchemaDiff online(boolean online) {
		this.online = online;
		return this;
	}

	/**
	 * Name Hoist's history table when it is not {@code hoist_schema_history}; it is left
	 * out of the comparison.
	 * @param table the history table's name
	 * @return this comparison
	 */
	public SchemaDiff historyTable(String table) {
		this.excludedTables.add(table);
		return this;
	}

	/**
	 * Whether SQL may be produced although some differences cannot be written (they are
	 * listed in the changes and the summary either way). Default {@code false}: the SQL
	 * methods then refuse.
	 * @param allow whether to allow it
	 * @return this comparison
	 */
	public SchemaDiff allowUnsupported(boolean allow) {
		this.allowUnsupported = allow;
		return this;
	}

	/**
	 * Read both schemas and compare them.
	 * @return the result
	 * @throws HoistException when a database cannot be reached or read, a schema does not
	 * exist, or the servers are of different major versions; nothing is compared then
	 */
	public SchemaDiffResult compute() {
		String fromWhere = "from database " + describe(this.from);
		String toWhere = "to database " + describe(this.to);
		SchemaModel source = read(this.from, fromWhere, this.schemas);
		// the to side compares the same schemas, even when its search_path differs
		SchemaModel target = read(this.to, toWhere, source.schemas());
		List<String> missing = new ArrayList<>();
		for (String schema : source.schemas()) {
			ObjectKey key = ObjectKey.of(ObjectKind.SCHEMA, schema, schema);
			if (source.get(key) == null && target.get(key) == null) {
				missing.add(schema);
			}
		}
		if (!missing.isEmpty()) {
			throw new HoistException("Schema " + String.join(", ", missing) + " exists in neither the " + fromWhere
					+ " nor the " + toWhere + ". Check the --schema names (PostgreSQL folds unquoted names to lower"
					+ " case)");
		}
		return new SchemaDiffResult(MigrationPlan.between(source, target, this.online), this.allowUnsupported);
	}

	private SchemaModel read(DataSource dataSource, String where, List<String> schemas) {
		try (Connection connection = dataSource.getConnection()) {
			return new CatalogReader(where, this.excludedTables).read(connection, schemas, false);
		}
		catch (SQLException ex) {
			throw new HoistException("Cannot connect to the " + where + ": " + ex.getMessage()
					+ ". Check the URL, that the server runs and accepts connections, and the credentials", ex);
		}
	}

	private static String describe(DataSource dataSource) {
		if (dataSource instanceof DriverDataSource driver) {
			return DatabaseAddress.fromJdbcUrl(driver.getUrl(), driver.getUser(), "--" + "url")
				.describe()
				.replace(" (--url)", "");
		}
		return "(" + dataSource.getClass().getSimpleName() + ")";
	}

}
