package dev.hoist.core.internal.schema;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import dev.hoist.core.HoistException;
import dev.hoist.core.internal.schema.SchemaModel.Dependency;
import dev.hoist.core.internal.schema.SchemaObject.Attribute;
import dev.hoist.core.internal.schema.SchemaObject.Column;
import dev.hoist.core.internal.schema.SchemaObject.Constraint;
import dev.hoist.core.internal.schema.SchemaObject.Sequence;
import dev.hoist.core.internal.schema.SchemaObject.ViewColumn;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@link SchemaModel} from PostgreSQL's catalogs: one query per object kind, in
 * one read-only repeatable-read transaction, so that every kind sees the same moment.
 * Never writes and takes no lock stronger than a catalog read's.
 */
public final class CatalogReader {

	/** The name of Hoist's history table, which no diff ever includes. */
	public static final String DEFAULT_HISTORY_TABLE = "hoist_schema_history";

	private final String where;

	private final Set<String> excludedTables;

	private int queries;

	/**
	 * Create a reader.
	 * @param where how to name the database in errors, such as
	 * {@code the from database app@db:5432/shop}; never with a password
	 * @param excludedTables tables left out wherever they are, by name: Hoist's history
	 * table
	 */
	public CatalogReader(String where, Set<String> excludedTables) {
		this.where = where;
		this.excludedTables = Set.copyOf(excludedTables);
	}

	/**
	 * Read the schemas through a connection, which is left as it was found (autocommit
	 * restored, the read-only transaction ended).
	 * @param connection an open connection
	 * @param schemas the schemas to read; empty for the connection's current schema
	 * @return the model
	 * @throws HoistException when a schema does not exist, or the catalogs cannot be read
	 */
	public SchemaModel read(Connection connection, List<String> schemas) {
		return read(connection, schemas, true);
	}

	/**
	 * Read the schemas through a connection, as {@link #read(Connection, List)} does.
	 * @param connection an open connection
	 * @param schemas the schemas to read; empty for the connection's current schema
	 * @param requireAll whether a named schema that does not exist is an error, rather
	 * than read as absent (for a comparison where one side creates it)
	 * @return the model
	 */
	public SchemaModel read(Connection connection, List<String> schemas, boolean requireAll) {
		this.queries = 0;
		boolean autoCommit = true;
		try {
			autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(false);
			try {
				return readInTransaction(connection, schemas, requireAll, true, true);
			}
			finally {
				connection.rollback();
				connection.setAutoCommit(autoCommit);
			}
		}
		catch (SQLException ex) {
			throw failure(ex);
		}
	}

	/**
	 * Read the schemas' objects to compare them with {@link ModelDifferences}, which
	 * looks at the objects only: {@code pg_depend} is not read, so the model's
	 * dependencies are the structural ones alone (a member on its owner, an object on its
	 * schema), and it must not be planned from. A connection in autocommit is read in a
	 * read-only repeatable-read transaction of its own, as {@link #read} does; inside a
	 * transaction the caller holds open, the read sees what that transaction changed and
	 * is undone to a savepoint afterwards, so the transaction goes on as before.
	 * @param connection an open connection
	 * @param schemas the schemas to read, absent ones read as empty
	 * @return the model
	 */
	public SchemaModel readForComparison(Connection connection, List<String> schemas) {
		this.queries = 0;
		try {
			if (connection.getAutoCommit()) {
				connection.setAutoCommit(false);
				try {
					return readInTransaction(connection, schemas, false, false, true);
				}
				finally {
					connection.rollback();
					connection.setAutoCommit(true);
				}
			}
			Savepoint savepoint = connection.setSavepoint();
			try {
				return readInTransaction(connection, schemas, false, false, false);
			}
			finally {
				// undoes the SET LOCALs of the read, and nothing else
				connection.rollback(savepoint);
				connection.releaseSavepoint(savepoint);
			}
		}
		catch (SQLException ex) {
			throw failure(ex);
		}
	}

	/**
	 * Return how many queries the last {@link #read} sent, for the bench.
	 * @return the number of round trips
	 */
	public int queries() {
		return this.queries;
	}

	private SchemaModel readInTransaction(Connection connection, List<String> requested, boolean requireAll,
			boolean readDependencies, boolean ownTransaction) throws SQLException {
		int serverVersion;
		String currentSchema;
		String user;
		try (Statement statement = connection.createStatement()) {
			// one round trip: the snapshot, then what search_path said before we pin it
			statement.execute((ownTransaction ? "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY;" : "")
					+ " SELECT current_setting('server_version_num')::int, current_schema(), current_user;"
					+ " SET LOCAL search_path = pg_catalog, pg_temp; SET LOCAL statement_timeout = '300s';"
					+ " SET LOCAL lock_timeout = '30s'");
			this.queries++;
			while (statement.getResultSet() == null) {
				statement.getMoreResults();
			}
			try (ResultSet rs = statement.getResultSet()) {
				rs.next();
				serverVersion = rs.getInt(1);
				currentSchema = rs.getString(2);
				user = rs.getString(3);
			}
			while (statement.getMoreResults() || statement.getUpdateCount() != -1) {
				// drain the SET results
			}
		}
		List<String> schemas = new ArrayList<>(requested);
		if (schemas.isEmpty()) {
			if (currentSchema == null) {
				throw new HoistException("The " + this.where + " has no current schema: no schema of its search_path"
						+ " exists. Name the schemas to compare (--schema)");
			}
			schemas.add(currentSchema);
		}
		Reading reading = new Reading(connection, connection.createArrayOf("text", schemas.toArray()));
		Map<ObjectKey, SchemaObject> objects = new LinkedHashMap<>();
		readSchemas(reading, objects, schemas, user, requireAll);
		readExtensions(reading, objects);
		readCollations(reading, objects);
		readTypes(reading, objects);
		readSequences(reading, objects);
		readTables(reading, objects);
		readColumns(reading, objects);
		readConstraints(reading, objects);
		readIndexes(reading, objects);
		Map<ObjectKey, SchemaObject> inheritedCopies = readInheritedCopies(reading, objects);
		readViews(reading, objects);
		readFunctions(reading, objects);
		readTriggers(reading, objects);
		readRules(reading, objects);
		readPolicies(reading, objects);
		readStatistics(reading, objects);
		readOthers(reading, objects);
		Map<ObjectKey, Map<ObjectKey, Dependency>> dependencies;
		if (readDependencies) {
			dependencies = readDependencies(reading, objects);
		}
		else {
			dependencies = new HashMap<>();
			addStructure(objects, dependencies);
		}
		return new SchemaModel(serverVersion, schemas, objects, dependencies, inheritedCopies,
				reading.partitionConstraints);
	}

	private void readSchemas(Reading reading, Map<ObjectKey, SchemaObject> objects, List<String> schemas, String user,
			boolean requireAll) throws SQLException {
		Set<String> found = new TreeSet<>();
		reading.query(CatalogQueries.SCHEMAS, (rs) -> {
			SchemaObject.Schema schema = new SchemaObject.Schema(rs.getString(2), rs.getString(3));
			found.add(schema.name());
			reading.oid("pg_namespace", rs.getLong(1), schema.key());
			objects.put(schema.key(), schema);
		});
		List<String> missing = schemas.stream().filter((name) -> !found.contains(name)).toList();
		if (!missing.isEmpty() && requireAll) {
			List<String> existing = new ArrayList<>();
			try (Statement statement = reading.connection.createStatement();
					ResultSet rs = statement.executeQuery("SELECT nspname FROM pg_namespace WHERE nspname !~ '^pg_'"
							+ " AND nspname <> 'information_schema' ORDER BY 1")) {
				while (rs.next()) {
					existing.add(rs.getString(1));
				}
			}
			throw new HoistException(((missing.size() == 1) ? "Schema " + missing.get(0) + " does not exist"
					: "Schemas " + String.join(", ", missing) + " do not exist") + " in the " + this.where
					+ " (connected as " + user + "). Its schemas are: "
					+ (existing.isEmpty() ? "(none)" : String.join(", ", existing))
					+ ". Name existing schemas with --schema, or create the schema first");
		}
	}

	private void readExtensions(Reading reading, Map<ObjectKey, SchemaObject> objects) throws SQLException {
		reading.query(CatalogQueries.EXTENSIONS, (rs) -> {
			SchemaObject.Extension extension = new SchemaObject.Extension(rs.getString(2), rs.getString(3),
					rs.getString(4), rs.getString(5));
			reading.oid("pg_extension", rs.getLong(1), extension.key());
			objects.put(extension.key(), extension);
		});
	}

	private void readCollations(Reading reading, Map<ObjectKey, SchemaObject> objects) throws SQLException {
		reading.query(CatalogQueries.COLLATIONS, (rs) -> {
			String provider = switch (rs.getString(4)) {
				case "i" -> "icu";
				case "b" -> "builtin";
				default -> "libc";
			};
			boolean libc = "libc".equals(provider);
			String locale = rs.getString(8);
			if (locale == null && !libc) {
				// 14 kept an ICU collation's locale in collcollate
				locale = rs.getString(6);
			}
			SchemaObject.Collation collation = new SchemaObject.Collation(rs.getString(2), rs.getString(3), provider,
					libc ? null : locale, libc ? rs.getString(6) : null, libc ? rs.getString(7) : null,
					rs.getBoolean(5), rs.getString(9), rs.getBoolean(11), rs.getString(10));
			reading.oid("pg_collation", rs.getLong(1), collation.key());
			objects.put(collation.key(), collation);
		});
	}

	private void readTypes(Reading reading, Map<ObjectKey, SchemaObject> objects) throws SQLException {
		reading.query(CatalogQueries.TYPES, (rs) -> {
			String schema = rs.getString("nspname");
			String name = rs.getString("typname");
			String comment = rs.getString("description");
			SchemaObject type = switch (rs.getString("typtype")) {
				case "e" -> new SchemaObject.EnumType(schema, name, strings(rs.getArray("labels")), comment);
				case "c" -> {
					List<String> names = strings(rs.getArray("attribute_names"));
					List<String> types = strings(rs.getArray("attribute_types"));
					List<@Nullable String> collations = nullableStrings(rs.getArray("attribute_collations"));
					List<Attribute> attributes = new ArrayList<>();
					for (int i = 0; i < names.size(); i++) {
						attributes.add(new Attribute(names.get(i), types.get(i), collations.get(i)));
					}
					yield new SchemaObject.CompositeType(schema, name, attributes, comment);
				}
				case "d" ->
					new SchemaObject.Domain(schema, name, rs.getString("base_type"), rs.getString("domain_collation"),
							rs.getString("domain_default"), rs.getBoolean("typnotnull"), comment);
				default -> new SchemaObject.RangeType(schema, name, rs.getString("subtype"),
						rs.getString("subtype_opclass"), rs.getString("range_collation"), rs.getString("canonical"),
						rs.getString("subtype_diff"), rs.getString("multirange"), comment);
			};
			reading.oid("pg_type", rs.getLong("oid"), type.key());
			reading.oid("pg_type", rs.getLong("typarray"), type.key());
			long multirange = rs.getLong("rngmultitypid");
			if (multirange != 0) {
				reading.oid("pg_type", multirange, type.key());
			}
			long relation = rs.getLong("relation");
			if (relation != 0) {
				reading.oid("pg_class", relation, type.key());
			}
			objects.put(type.key(), type);
		});
	}

	private void readSequences(Reading reading, Map<ObjectKey, SchemaObject> objects) throws SQLException {
		reading.query(CatalogQueries.SEQUENCES, (rs) -> {
			Sequence sequence = new Sequence(rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
					rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getBoolean(10), rs.getString(12),
					rs.getBoolean(11), rs.getString(13));
			if (sequence.ownedBy() != null && excludedOwner(sequence.ownedBy())) {
				return;
			}
			reading.oid("pg_class", rs.getLong(1), sequence.key());
			objects.put(sequence.key(), sequence);
		});
	}

	private boolean excludedOwner(String ownedBy) {
		for (String table : this.excludedTables) {
			if (ownedBy.contains("." + SqlText.ident(table) + ".")) {
				return true;
			}
		}
		return false;
	}

	private void readTables(Reading reading, Map<ObjectKey, SchemaObject> objects) throws SQLException {
		reading.query(CatalogQueries.TABLES, (rs) -> {
			String name = rs.getString("relname");
			if (this.excludedTables.contains(name)) {
				return;
			}
			SchemaObject.Table table = new SchemaObject.Table(rs.getString("nspname"), name, rs.getBoolean("unlogged"),
					rs.getString("partition_key"), rs.getString("partition_of"), rs.getString("partition_bound"),
					strings(rs.getArray("inherits")), sorted(rs.getArray("reloptions")),
					rs.getBoolean("relrowsecurity"), rs.getBoolean("relforcerowsecurity"), rs.getString("relreplident"),
					rs.getString("access_method"), rs.getString("description"));
			reading.oid("pg_class", rs.getLong("oid"), table.key());
			reading.oid("pg_type", rs.getLong("reltype"), table.key());
			reading.tables.put(rs.getLong("oid"), table.key());
			String partitionConstraint = rs.getString("partition_constraint");
			if (partitionConstraint != null) {
				reading.partitionConstraints.put(table.key(), partitionConstraint);
			}
			objects.put(table.key(), table);
		});
	}

	private void readColumns(Reading reading, Map<ObjectKey, SchemaObject> objects) throws SQLException {
		reading.query(CatalogQueries.COLUMNS, (rs) -> {
			ObjectKey table = reading.tables.get(rs.getLong(1));
			if (table == null) {
				return;
			}
			String identity = rs.getString(11);
			Sequence identitySequence = null;
			if (!identity.isEmpty()) {
				identitySequence = new Sequence(rs.getString(28), rs.getString(19), rs.getString(20), rs.getLong(21),
						rs.getLong(22), rs.getLong(23), rs.getLong(24), rs.getLong(25), rs.getBoolean(26), null,
						rs.getBoolean(27), null);
			}
			String compression = rs.getString(15);
			Column column = new Column(rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
					rs.getString(7), rs.getString(8), rs.getBoolean(9), rs.getString(10), identity, identitySequence,
					rs.getString(12), rs.getBoolean(13), rs.getString(14),
					(compression == null || compression.isEmpty()) ? null : compression, rs.getInt(16),
					sorted(rs.getArray(17)), rs.getString(18));
			reading.column(rs.getLong(1), rs.getInt(2), column.key());
			objects.put(column.key(), column);
		});
	}

	private void readConstraints(Reading reading, Map<ObjectKey, SchemaObject> objects) throws SQLException {
		readConstraints(reading, CatalogQueries.CONSTRAINTS, objects, objects, true);
	}

	private Map<ObjectKey, SchemaObject> readInheritedCopies(Reading reading, Map<ObjectKey, SchemaObject> objects)
			throws SQLException {
		Map<ObjectKey, SchemaObject> copies = new LinkedHashMap<>();
		readConstraints(reading, CatalogQueries.INHERITED_CONSTRAINTS, objects, copies, false);
		readIndexes(reading, CatalogQueries.INHERITED_INDEXES, copies, false);
		return copies;
	}

	private void readConstraints(Reading reading, String query, Map<ObjectKey, SchemaObject> objects,
			Map<ObjectKey, SchemaObject> into, boolean own) throws SQLException {
		reading.query(query, (rs) -> {
			boolean onDomain = rs.getBoolean(8);
			String owner = rs.getString(3);
			ObjectKey ownerKey = ObjectKey.of(onDomain ? ObjectKind.DOMAIN : ObjectKind.TABLE, rs.getString(2), owner);
			if (!objects.containsKey(ownerKey)) {
				return;
			}
			boolean valid = rs.getBoolean(7);
			String definition = rs.getString(6);
			if (!valid && definition.endsWith(" NOT VALID")) {
				definition = definition.substring(0, definition.length() - " NOT VALID".length());
			}
			Constraint constraint = new Constraint(rs.getString(2), owner, rs.getString(4), rs.getString(5), definition,
					valid, onDomain, rs.getString(9), strings(rs.getArray(10)), rs.getString(11));
			if (own) {
				reading.oid("pg_constraint", rs.getLong(1), constraint.key());
				long index = rs.getLong(12);
				if (index != 0) {
					reading.oid("pg_class", index, constraint.key());
				}
			}
			into.put(constraint.key(), constraint);
		});
	}

	private void readIndexes(Reading reading, Map<ObjectKey, SchemaObject> objects) throws SQLException {
		readIndexes(reading, CatalogQueries.INDEXES, objects, true);
	}

	private void readIndexes(Reading reading, String query, Map<ObjectKey, SchemaObject> into, boolean own)
			throws SQLException {
		reading.query(query, (rs) -> {
			if (this.excludedTables.contains(rs.getString(4))) {
				return;
			}
			SchemaObject.Index index = new SchemaObject.Index(rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getBoolean(10), rs.getString(5), rs.getBoolean(6), rs.getBoolean(7), rs.getBoolean(8),
					rs.getString(9));
			if (own) {
				reading.oid("pg_class", rs.getLong(1), index.key());
			}
			into.put(index.key(), index);
		});
	}

	private void readViews(Reading reading, Map<ObjectKey, SchemaObject> objects) throws SQLException {
		reading.query(CatalogQueries.VIEWS, (rs) -> {
			List<String> names = strings(rs.getArray("column_names"));
			List<String> types = strings(rs.getArray("column_types"));
			List<@Nullable String> comments = nullableStrings(rs.getArray("column_comments"));
			List<ViewColumn> columns = new ArrayList<>();
			for (int i = 0; i < names.size(); i++) {
				columns.add(new ViewColumn(names.get(i), types.get(i), comments.get(i)));
			}
			String definition = rs.getString(6).strip();
			if (definition.endsWith(";")) {
				definition = definition.substring(0, definition.length() - 1);
			}
			SchemaObject view = "m".equals(rs.getString("relkind"))
					? new SchemaObject.MaterializedView(rs.getString("nspname"), rs.getString("relname"), definition,
							sorted(rs.getArray("reloptions")), rs.getBoolean("relispopulated"), columns,
							rs.getString("description"))
					: new SchemaObject.View(rs.getString("nspname"), rs.getString("relname"), definition,
							sorted(rs.getArray("reloptions")), columns, rs.getString("description"));
			reading.oid("pg_class", rs.getLong("oid"), view.key());
			reading.oid("pg_type", rs.getLong("reltype"), view.key());
			for (int i = 0; i < names.size(); i++) {
				// a view's columns are part of the view: what uses one uses the view
				reading.column(rs.getLong("oid"), i + 1, view.key());
			}
			reading.tables.put(rs.getLong("oid"), view.key());
			objects.put(view.key(), view);
		});
	}

	private void readFunctions(Reading reading, Map<ObjectKey, SchemaObject> objects) throws SQLException {
		reading.query(CatalogQueries.FUNCTIONS, (rs) -> {
			List<@Nullable String> names = nullableStrings(rs.getArray("proargnames"));
			List<@Nullable String> modes = nullableStrings(rs.getArray("proargmodes"));
			List<String> inputNames = new ArrayList<>();
			for (int i = 0; i < names.size(); i++) {
				String mode = (i < modes.size()) ? modes.get(i) : "i";
				if (mode == null || "i".equals(mode) || "b".equals(mode) || "v".equals(mode)) {
					inputNames.add(Objects.requireNonNullElse(names.get(i), ""));
				}
			}
			SchemaObject.Function function = new SchemaObject.Function(rs.getString(2), rs.getString(3),
					rs.getString(4), rs.getString(5), rs.getString("definition"), rs.getString("result"), inputNames,
					rs.getInt("pronargdefaults"), rs.getString("description"));
			reading.oid("pg_proc", rs.getLong(1), function.key());
			objects.put(function.key(), function);
		});
	}

	private void readTriggers(Reading reading, Map<ObjectKey, SchemaObject> objects) throws SQLException {
		reading.query(CatalogQueries.TRIGGERS, (rs) -> {
			if (this.excludedTables.contains(rs.getString(3))) {
				return;
			}
			SchemaObject.Trigger trigger = new SchemaObject.Trigger(rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), rs.getBoolean(7), rs.getString(8));
			reading.oid("pg_trigger", rs.getLong(1), trigger.key());
			objects.put(trigger.key(), trigger);
		});
	}

	private void readRules(Reading reading, Map<ObjectKey, SchemaObject> objects) throws SQLException {
		reading.query(CatalogQueries.RULES, (rs) -> {
			if (this.excludedTables.contains(rs.getString(3))) {
				return;
			}
			String definition = rs.getString(5).strip();
			if (definition.endsWith(";")) {
				definition = definition.substring(0, definition.length() - 1);
			}
			SchemaObject.Rule rule = new SchemaObject.Rule(rs.getString(2), rs.getString(3), rs.getString(4),
					definition, rs.getString(6), rs.getString(7));
			reading.oid("pg_rewrite", rs.getLong(1), rule.key());
			objects.put(rule.key(), rule);
		});
	}

	private void readPolicies(Reading reading, Map<ObjectKey, SchemaObject> objects) throws SQLException {
		reading.query(CatalogQueries.POLICIES, (rs) -> {
			if (this.excludedTables.contains(rs.getString(3))) {
				return;
			}
			String command = switch (rs.getString(6)) {
				case "r" -> "SELECT";
				case "a" -> "INSERT";
				case "w" -> "UPDATE";
				case "d" -> "DELETE";
				default -> "ALL";
			};
			SchemaObject.Policy policy = new SchemaObject.Policy(rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getBoolean(5), command, strings(rs.getArray(7)), rs.getString(8), rs.getString(9),
					rs.getString(10));
			reading.oid("pg_policy", rs.getLong(1), policy.key());
			objects.put(policy.key(), policy);
		});
	}

	private void readStatistics(Reading reading, Map<ObjectKey, SchemaObject> objects) throws SQLException {
		reading.query(CatalogQueries.STATISTICS, (rs) -> {
			SchemaObject.Statistics statistics = new SchemaObject.Statistics(rs.getString(2), rs.getString(3),
					rs.getString(4), rs.getInt(5), rs.getString(6));
			reading.oid("pg_statistic_ext", rs.getLong(1), statistics.key());
			objects.put(statistics.key(), statistics);
		});
	}

	private void readOthers(Reading reading, Map<ObjectKey, SchemaObject> objects) throws SQLException {
		reading.query(CatalogQueries.OTHERS, (rs) -> {
			SchemaObject.Other other = new SchemaObject.Other(rs.getString(3), rs.getString(4), rs.getString(5),
					Objects.requireNonNullElse(rs.getString(6), ""));
			objects.put(other.key(), other);
		});
	}

	private Map<ObjectKey, Map<ObjectKey, Dependency>> readDependencies(Reading reading,
			Map<ObjectKey, SchemaObject> objects) throws SQLException {
		Map<ObjectKey, Map<ObjectKey, Dependency>> dependencies = new HashMap<>();
		reading.query(CatalogQueries.DEPENDENCIES, (rs) -> {
			ObjectKey object;
			if (rs.getLong(9) != 0) {
				ObjectKey column = reading.columns.get(new ColumnId(rs.getLong(9), rs.getInt(10)));
				object = (column != null)
						? ObjectKey.member(ObjectKind.DEFAULT, column.schema(), column.name(), column.member()) : null;
			}
			else if (rs.getLong(8) != 0) {
				object = reading.find("pg_rewrite", rs.getLong(2), 0);
				if (object == null) {
					object = reading.find("pg_class", rs.getLong(8), 0);
				}
			}
			else {
				object = reading.find(rs.getString(1), rs.getLong(2), rs.getInt(3));
			}
			ObjectKey referenced = reading.find(rs.getString(4), rs.getLong(5), rs.getInt(6));
			if (object == null || referenced == null || object.equals(referenced)) {
				return;
			}
			Dependency type = "n".equals(rs.getString(7)) ? Dependency.NORMAL : Dependency.AUTOMATIC;
			if (object.kind() == ObjectKind.DEFAULT && referenced.equals(object.column())) {
				return;
			}
			Map<ObjectKey, Dependency> on = dependencies.computeIfAbsent(object, (k) -> new LinkedHashMap<>());
			on.merge(referenced, type, (a, b) -> (a == Dependency.NORMAL || b == Dependency.NORMAL) ? Dependency.NORMAL
					: Dependency.AUTOMATIC);
		});
		addStructure(objects, dependencies);
		return dependencies;
	}

	// What the catalogs leave implicit: members need their table, columns their types'
	// owners, and every object its schema.
	private static void addStructure(Map<ObjectKey, SchemaObject> objects,
			Map<ObjectKey, Map<ObjectKey, Dependency>> dependencies) {
		for (SchemaObject object : objects.values()) {
			ObjectKey key = object.key();
			ObjectKey owner = SchemaModel.owner(object);
			if (owner != null && objects.containsKey(owner)) {
				dependencies.computeIfAbsent(key, (k) -> new LinkedHashMap<>())
					.putIfAbsent(owner, Dependency.AUTOMATIC);
			}
			if (object instanceof Column column) {
				ObjectKey defaultKey = ObjectKey.member(ObjectKind.DEFAULT, key.schema(), key.name(), key.member());
				dependencies.computeIfAbsent(defaultKey, (k) -> new LinkedHashMap<>()).put(key, Dependency.AUTOMATIC);
				ObjectKey notNull = ObjectKey.member(ObjectKind.NOT_NULL, key.schema(), key.name(), key.member());
				dependencies.computeIfAbsent(notNull, (k) -> new LinkedHashMap<>()).put(key, Dependency.AUTOMATIC);
			}
			ObjectKey schema = ObjectKey.of(ObjectKind.SCHEMA, key.schema(), key.schema());
			if (object instanceof SchemaObject.Extension extension) {
				schema = ObjectKey.of(ObjectKind.SCHEMA, extension.schema(), extension.schema());
			}
			if (key.kind() != ObjectKind.SCHEMA && objects.containsKey(schema)) {
				dependencies.computeIfAbsent(key, (k) -> new LinkedHashMap<>()).putIfAbsent(schema, Dependency.NORMAL);
			}
		}
	}

	private HoistException failure(SQLException ex) {
		String state = ex.getSQLState();
		if ("42501".equals(state)) {
			return new HoistException("Cannot read the catalogs of the " + this.where + ": " + ex.getMessage()
					+ ". The schema diff reads PostgreSQL's system catalogs (pg_class, pg_proc, pg_depend, ...);"
					+ " connect as a role that may read them, or ask the database owner to restore"
					+ " 'GRANT SELECT ON ALL TABLES IN SCHEMA pg_catalog TO PUBLIC'", ex);
		}
		if (state != null && state.startsWith("08")) {
			return new HoistException("Lost the connection to the " + this.where + " while reading its schema: "
					+ ex.getMessage() + ". Nothing was compared; run the diff again", ex);
		}
		return new HoistException("Cannot read the schema of the " + this.where + ": " + ex.getMessage()
				+ ((state != null) ? " [SQLSTATE " + state + "]" : "") + ". Nothing was compared", ex);
	}

	private static List<String> strings(@Nullable Array array) throws SQLException {
		List<String> values = new ArrayList<>();
		for (String value : nullableStrings(array)) {
			values.add(Objects.requireNonNull(value));
		}
		return values;
	}

	private static List<@Nullable String> nullableStrings(@Nullable Array array) throws SQLException {
		if (array == null) {
			return List.of();
		}
		Object[] values = (Object[]) array.getArray();
		List<@Nullable String> result = new ArrayList<>(values.length);
		for (Object value : values) {
			result.add((value != null) ? value.toString() : null);
		}
		return result;
	}

	private static List<String> sorted(@Nullable Array array) throws SQLException {
		List<String> values = new ArrayList<>(strings(array));
		values.sort(null);
		return values;
	}

	/** One read: the connection, the schema parameter, and the OIDs seen so far. */
	private final class Reading {

		final Connection connection;

		final Array schemas;

		final Map<String, Map<Long, ObjectKey>> oids = new HashMap<>();

		final Map<ColumnId, ObjectKey> columns = new HashMap<>();

		final Map<Long, ObjectKey> tables = new HashMap<>();

		final Map<ObjectKey, String> partitionConstraints = new HashMap<>();

		Reading(Connection connection, Array schemas) {
			this.connection = connection;
			this.schemas = schemas;
		}

		void query(String sql, RowHandler handler) throws SQLException {
			try (PreparedStatement statement = this.connection.prepareStatement(sql)) {
				statement.setArray(1, this.schemas);
				statement.setFetchSize(0);
				try (ResultSet rs = statement.executeQuery()) {
					CatalogReader.this.queries++;
					while (rs.next()) {
						handler.row(rs);
					}
				}
			}
		}

		void oid(String catalog, long oid, ObjectKey key) {
			this.oids.computeIfAbsent(catalog, (k) -> new HashMap<>()).put(oid, key);
		}

		void column(long relation, int number, ObjectKey key) {
			this.columns.put(new ColumnId(relation, number), key);
		}

		@Nullable ObjectKey find(String catalog, long oid, int subId) {
			if (subId > 0 && "pg_class".equals(catalog)) {
				return this.columns.get(new ColumnId(oid, subId));
			}
			return this.oids.getOrDefault(catalog, Map.of()).get(oid);
		}

	}

	private record ColumnId(long relation, int number) {

	}

	@FunctionalInterface
	private interface RowHandler {

		void row(ResultSet rs) throws SQLException;

	}

}
