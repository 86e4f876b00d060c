package dev.hoist.core.schema;

import java.nio.file.Path;
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
import dev.hoist.core.DatabaseSettings;
import dev.hoist.core.HoistException;
import dev.hoist.core.internal.DriverDataSource;
import dev.hoist.core.internal.MaskedSqlException;
import dev.hoist.core.internal.schema.CatalogReader;
import dev.hoist.core.internal.schema.MigrationPlan;
import dev.hoist.core.internal.schema.ObjectKey;
import dev.hoist.core.internal.schema.ObjectKind;
import dev.hoist.core.internal.schema.SchemaModel;
import org.jspecify.annotations.Nullable;

/**
 * Compares the schemas of two PostgreSQL databases and writes the migration that turns
 * the first into the second:
 *
 * <pre>{@code
 * Result result = SchemaDiff.between(fromDataSource, toDataSource)
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
	public Result compute() {
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
		return new Result(MigrationPlan.between(source, target, this.online), this.allowUnsupported);
	}

	private SchemaModel read(DataSource dataSource, String where, List<String> schemas) {
		try (Connection connection = dataSource.getConnection()) {
			return new CatalogReader(where, this.excludedTables).read(connection, schemas, false);
		}
		catch (SQLException ex) {
			// the driver may repeat the URL it was given, password and all
			throw new HoistException(
					"Cannot connect to the " + where + ": " + DatabaseSettings.mask(String.valueOf(ex.getMessage()))
							+ ". Check the URL, that the server runs and accepts connections, and the credentials",
					MaskedSqlException.of(ex));
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

	/**
	 * The differences between two schemas and the migration that turns the first into the
	 * second. The down SQL turns it back. Immutable.
	 */
	public static final class Result {

		private final MigrationPlan plan;

		private final boolean allowUnsupported;

		Result(MigrationPlan plan, boolean allowUnsupported) {
			this.plan = plan;
			this.allowUnsupported = allowUnsupported;
		}

		/**
		 * Return whether the schemas are equal.
		 * @return whether there is nothing to migrate
		 */
		public boolean isEmpty() {
			return this.plan.isEmpty();
		}

		/**
		 * Return every difference, one per object, including those the engine cannot
		 * write ({@link Change.Action#UNSUPPORTED}).
		 * @return the changes
		 */
		public List<Change> changes() {
			return this.plan.describedChanges();
		}

		/**
		 * Return whether some difference cannot be written as SQL.
		 * @return whether a change is {@link Change.Action#UNSUPPORTED}
		 */
		public boolean hasUnsupportedChanges() {
			return !this.plan.unsupported().isEmpty();
		}

		/**
		 * Return what changes, what loses data and what takes strong locks, for people.
		 * @return the summary
		 */
		public String summary() {
			return this.plan.summary();
		}

		/**
		 * Return the SQL that turns the first schema into the second, all parts in order.
		 * Parts that must run outside a transaction are marked by a comment.
		 * @return the SQL, empty when the schemas are equal
		 * @throws HoistException when a difference cannot be written and that was not
		 * allowed
		 */
		public String upSql() {
			checkSupported();
			return this.plan.upSql();
		}

		/**
		 * Return the SQL that turns the second schema back into the first.
		 * @return the SQL, empty when the schemas are equal
		 * @throws HoistException when a difference cannot be written and that was not
		 * allowed
		 */
		public String downSql() {
			checkSupported();
			return this.plan.downSql();
		}

		/**
		 * Write the migration as Hoist migration files with up and down sections:
		 * {@code V<version>__<description>.sql}, and, when some statements must run
		 * outside a transaction ({@code CREATE INDEX CONCURRENTLY}, validations), a
		 * {@code V<version>.1__<description>_online.sql} with {@code transaction:false}
		 * sections next to it. Nothing is written when any file already exists.
		 * @param directory the directory, created when missing
		 * @param version the version of the first file, such as {@code 3}
		 * @param description words such as {@code add orders}
		 * @return the files written, in the order they run
		 * @throws HoistException when the schemas are equal, a difference cannot be
		 * written and that was not allowed, or a file cannot be written
		 */
		public List<Path> writeTo(Path directory, String version, String description) {
			checkSupported();
			return this.plan.writeTo(directory, version, description);
		}

		private void checkSupported() {
			String unsupported = this.plan.unsupportedMessage();
			if (unsupported != null && !this.allowUnsupported) {
				throw new HoistException(unsupported);
			}
		}

		@Override
		public String toString() {
			return summary();
		}

	}

	/**
	 * One difference between two schemas.
	 *
	 * @param action what the migration does to the object
	 * @param objectType the kind of object, such as {@code table}, {@code column} or
	 * {@code materialized view}
	 * @param name the object's name, such as {@code public.orders.total} or
	 * {@code orders_pkey on public.orders}
	 * @param detail what differs, such as {@code type integer -> bigint}
	 * @param dataLoss what data the change loses, or {@code null} when it loses none
	 */
	public record Change(Action action, String objectType, String name, String detail, @Nullable String dataLoss) {

		/**
		 * Return whether the change loses data.
		 * @return whether {@link #dataLoss()} is set
		 */
		public boolean losesData() {
			return this.dataLoss != null;
		}

		@Override
		public String toString() {
			return this.action + " " + this.objectType + " " + this.name
					+ (this.detail.isEmpty() ? "" : ": " + this.detail);
		}

		/**
		 * What a migration does to an object.
		 */
		public enum Action {

			/** Creates it. */
			CREATE,

			/** Changes it in place. */
			ALTER,

			/** Drops it and creates it again. */
			REPLACE,

			/** Drops it. */
			DROP,

			/**
			 * A difference the engine saw but cannot write; the migration does not cover
			 * it.
			 */
			UNSUPPORTED

		}

	}

}
