package dev.hoist.core.internal;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import dev.hoist.core.DatabaseAddress;
import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.HoistException;
import dev.hoist.core.internal.schema.CatalogReader;
import dev.hoist.core.internal.schema.Change;
import dev.hoist.core.internal.schema.MigrationPlan;
import dev.hoist.core.internal.schema.SchemaModel;
import dev.hoist.core.internal.schema.Step;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A database that Hoist may change freely to try migrations on, for {@code plan} (and the
 * commands that compare a schema built from migrations): the configured shadow database
 * ({@link HoistConfiguration#shadowUrl(String, String, String)}), which must be empty and
 * is emptied again on {@link #close()}, else a temporary database created on the migrated
 * server (the role needs {@code CREATEDB}) and dropped on {@link #close()}, even when the
 * work failed. Never the live database: a configured shadow that turns out to be the live
 * database is refused.
 * <p>
 * One connection, in autocommit, with the live session's {@code search_path};
 * {@link #copySchema} puts the live schema on it with the schema-diff engine.
 */
public final class ShadowDatabase implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ShadowDatabase.class);

	/** The prefix of a temporary shadow database's name, for operators to recognise. */
	public static final String TEMPORARY_PREFIX = "hoist_shadow_";

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT);

	private static final Pattern JDBC_DATABASE = Pattern.compile("^(jdbc:postgresql://[^/?]*/)([^?]*)(.*)$");

	/** No statement on the shadow database runs longer: it holds no data. */
	private static final String STATEMENT_TIMEOUT = "300s";

	private static final String SYSTEM_SCHEMA = "(n.nspname IN ('pg_catalog', 'information_schema')"
			+ " OR n.nspname LIKE 'pg\\_toast%' OR n.nspname LIKE 'pg\\_temp\\_%')";

	private final Connection connection;

	private final String description;

	private final @Nullable Temporary temporary;

	private final Set<String> schemasBefore;

	private boolean closed;

	private ShadowDatabase(Connection connection, String description, @Nullable Temporary temporary,
			Set<String> schemasBefore) {
		this.connection = connection;
		this.description = description;
		this.temporary = temporary;
		this.schemasBefore = schemasBefore;
	}

	/**
	 * Open the shadow database: the configured one, checked to be empty and not the live
	 * database, else a temporary one on the live database's server.
	 * @param configuration the configuration
	 * @param live the live database: Hoist's session, in autocommit
	 * @return the shadow database, to close
	 * @throws HoistException when neither is possible, saying how to provide one
	 */
	public static ShadowDatabase open(HoistConfiguration configuration, Connection live) {
		DataSource configured = configuration.getShadowDataSource();
		try {
			return (configured != null) ? configured(configuration, configured, live) : temporary(configuration, live);
		}
		catch (SQLException ex) {
			throw new HoistException("Cannot prepare the shadow database: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Return the one connection to the shadow database, in autocommit.
	 * @return the connection
	 */
	public Connection connection() {
		return this.connection;
	}

	/**
	 * Say which database this is, for reports: never a password.
	 * @return the description
	 */
	public String describe() {
		return this.description;
	}

	/**
	 * Put the live schemas onto this database: the schema-diff engine compares what this
	 * database has (nothing) with the live schemas and the result runs here. Hoist's
	 * history table is left out.
	 * @param live the live database
	 * @param schemas the schemas to copy
	 * @param historyTable the history table's name
	 * @return what could not be copied, one sentence each
	 * @throws HoistException when the copy fails
	 */
	public List<String> copySchema(Connection live, List<String> schemas, String historyTable) {
		Set<String> excluded = new LinkedHashSet<>(List.of(CatalogReader.DEFAULT_HISTORY_TABLE, historyTable));
		SchemaModel source = new CatalogReader("live database", excluded).read(live, schemas, false);
		SchemaModel target = new CatalogReader("shadow database " + this.description, excluded).read(this.connection,
				schemas, false);
		MigrationPlan plan = MigrationPlan.between(target, source, false);
		List<String> notes = new ArrayList<>();
		for (Change change : plan.unsupported()) {
			notes.add("Not copied onto the shadow database (the schema diff cannot write it): "
					+ change.key().describe() + ": " + change.detail());
		}
		try {
			for (MigrationPlan.Part part : plan.parts()) {
				boolean transactional = !part.section().outsideTransaction();
				this.connection.setAutoCommit(!transactional);
				try (Statement statement = this.connection.createStatement()) {
					if (transactional) {
						// a function body may name a table created later in the copy
						statement.execute("SET LOCAL check_function_bodies = off");
					}
					for (Step step : part.up()) {
						for (String sql : step.statements()) {
							execute(statement, sql);
						}
					}
				}
				if (transactional) {
					this.connection.commit();
				}
			}
		}
		catch (SQLException ex) {
			MigrateCommand.rollbackQuietly(this.connection);
			throw new HoistException(
					"Cannot copy the live schema onto the shadow database " + this.description + ": " + ex.getMessage(),
					ex);
		}
		finally {
			autocommit();
		}
		return notes;
	}

	private void execute(Statement statement, String sql) throws SQLException {
		try {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new SQLException(ex.getMessage() + " (in: " + firstLine(sql) + ")", ex.getSQLState(), ex);
		}
	}

	/**
	 * Drop the temporary database, or empty the configured one again: every object in
	 * every schema, and the schemas that were not there before.
	 */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		if (this.temporary != null) {
			closeQuietly(this.connection);
			this.temporary.drop();
			return;
		}
		try {
			autocommit();
			try (Statement statement = this.connection.createStatement()) {
				statement.execute("RESET ALL");
			}
			this.connection.setAutoCommit(false);
			for (String schema : schemas(this.connection)) {
				if (this.schemasBefore.contains(schema)) {
					new SchemaCleaner(this.connection, schema).clean();
				}
				else {
					try (Statement statement = this.connection.createStatement()) {
						statement.execute("DROP SCHEMA " + quote(schema) + " CASCADE");
					}
				}
			}
			this.connection.commit();
		}
		catch (SQLException ex) {
			MigrateCommand.rollbackQuietly(this.connection);
			logger.warn("Hoist: could not empty the shadow database {} again: {}. Empty it by hand before the next"
					+ " plan (it must hold no objects)", this.description, ex.getMessage());
		}
		finally {
			closeQuietly(this.connection);
		}
	}

	private void autocommit() {
		try {
			if (!this.connection.getAutoCommit()) {
				this.connection.rollback();
				this.connection.setAutoCommit(true);
			}
		}
		catch (SQLException ex) {
			logger.debug("Hoist: could not reset the shadow connection", ex);
		}
	}

	private static ShadowDatabase configured(HoistConfiguration configuration, DataSource dataSource, Connection live)
			throws SQLException {
		DatabaseAddress address = configuration.getShadowDatabase();
		String description = (address != null) ? address.describe() : "(the configured shadow data source)";
		Connection connection;
		try {
			connection = dataSource.getConnection();
		}
		catch (SQLException ex) {
			throw new HoistException("Cannot connect to the shadow database " + description + " ("
					+ SettingName.SHADOW_URL.in(configuration) + "): " + ex.getMessage()
					+ ". Check that it exists and that the user may connect", ex);
		}
		try {
			connection.setAutoCommit(true);
			refuseLiveDatabase(connection, live, description, configuration);
			holdShadowLock(connection, description);
			List<String> objects = objects(connection);
			if (!objects.isEmpty()) {
				throw new HoistException("The shadow database " + description + " ("
						+ SettingName.SHADOW_URL.in(configuration) + ") is not empty: it holds "
						+ String.join(", ", objects) + ((objects.size() == 10) ? ", ..." : "")
						+ ". Hoist copies the live schema into it and empties it again after each plan, so it must be a"
						+ " database of its own, created empty (CREATE DATABASE ...). Point "
						+ SettingName.SHADOW_URL.in(configuration)
						+ " at an empty database, or leave it unset to use a temporary one");
			}
			Set<String> before = new LinkedHashSet<>(schemas(connection));
			prepare(connection, live, configuration);
			return new ShadowDatabase(connection, description, null, before);
		}
		catch (SQLException | RuntimeException ex) {
			closeQuietly(connection);
			throw ex;
		}
	}

	private static ShadowDatabase temporary(HoistConfiguration configuration, Connection live) throws SQLException {
		DataSource dataSource = configuration.getDataSource();
		if (!(dataSource instanceof DriverDataSource driver)) {
			throw new HoistException("plan needs a shadow database to try the pending migrations on, and has none:"
					+ " set " + SettingName.SHADOW_URL.in(configuration)
					+ " to an empty database Hoist may use, or configure the database with "
					+ SettingName.URL.in(configuration)
					+ " so that Hoist can create a temporary database on the same server (its user needs CREATEDB)."
					+ " Hoist migrates through a DataSource here, whose URL and password it cannot reuse");
		}
		Matcher matcher = JDBC_DATABASE.matcher(driver.getUrl());
		if (!matcher.matches()) {
			throw new HoistException("plan needs a shadow database and cannot derive a temporary one from the URL "
					+ configuration.getDatabase().describe() + ": set " + SettingName.SHADOW_URL.in(configuration)
					+ " to an empty database Hoist may use");
		}
		String name = TEMPORARY_PREFIX + LocalDateTime.now(ZoneOffset.UTC).format(STAMP) + "_" + randomHex();
		try (Statement statement = live.createStatement()) {
			statement.execute("CREATE DATABASE " + quote(name) + createOptions(live));
		}
		catch (SQLException ex) {
			if ("42501".equals(ex.getSQLState())) {
				throw new HoistException("plan needs a shadow database to try the pending migrations on: Hoist's user "
						+ configuration.getDatabase().user() + " may not create the temporary one (" + ex.getMessage()
						+ "). Grant it CREATEDB (ALTER ROLE ... CREATEDB), or set "
						+ SettingName.SHADOW_URL.in(configuration) + " to an empty database Hoist may use", ex);
			}
			throw ex;
		}
		Temporary temporary = new Temporary(name, driver);
		String url = matcher.group(1) + name + matcher.group(3);
		String description = "temporary database " + name + " on "
				+ DatabaseAddress.fromJdbcUrl(url, driver.getUser(), "").host();
		Connection connection = null;
		try {
			connection = driver.withUrl(url).getConnection();
			connection.setAutoCommit(true);
			prepare(connection, live, configuration);
			logger.info("Hoist: created {} for the plan; it is dropped when the plan ends", description);
			return new ShadowDatabase(connection, description, temporary, Set.of());
		}
		catch (SQLException | RuntimeException ex) {
			if (connection != null) {
				closeQuietly(connection);
			}
			temporary.drop();
			throw ex;
		}
	}

	// the shadow session as Hoist's own: named, search_path as live, every wait bounded
	private static void prepare(Connection connection, Connection live, HoistConfiguration configuration)
			throws SQLException {
		String searchPath;
		try (Statement statement = live.createStatement();
				ResultSet rs = statement.executeQuery("SELECT current_setting('search_path')")) {
			rs.next();
			searchPath = rs.getString(1);
		}
		String schema = configuration.getSchema();
		try (Statement statement = connection.createStatement()) {
			if (schema != null) {
				statement.execute("CREATE SCHEMA IF NOT EXISTS " + quote(schema));
			}
		}
		try (PreparedStatement statement = connection.prepareStatement("SELECT set_config('search_path', ?, false),"
				+ " set_config('application_name', ?, false), set_config('statement_timeout', ?, false)")) {
			statement.setString(1, searchPath);
			statement.setString(2, configuration.getApplicationName());
			statement.setString(3, STATEMENT_TIMEOUT);
			statement.execute();
		}
	}

	// a shadow that is the live database would have the pending migrations run on it
	private static void refuseLiveDatabase(Connection shadow, Connection live, String description,
			HoistConfiguration configuration) throws SQLException {
		long key = new SecureRandom().nextLong();
		try (PreparedStatement lock = live.prepareStatement("SELECT pg_advisory_lock(?)")) {
			lock.setLong(1, key);
			lock.execute();
		}
		try (PreparedStatement find = shadow.prepareStatement("SELECT count(*) FROM pg_locks l"
				+ " JOIN pg_database d ON d.oid = l.database WHERE l.locktype = 'advisory'"
				+ " AND d.datname = current_database() AND l.classid = ? AND l.objid = ? AND l.objsubid = 1")) {
			find.setLong(1, key >>> 32);
			find.setLong(2, key & 0xFFFFFFFFL);
			try (ResultSet rs = find.executeQuery()) {
				rs.next();
				if (rs.getLong(1) > 0) {
					throw new HoistException(
							"The shadow database " + description + " (" + SettingName.SHADOW_URL.in(configuration)
									+ ") is the live database: plan would try the pending migrations on it. Point "
									+ SettingName.SHADOW_URL.in(configuration) + " at an empty database of its own");
				}
			}
		}
		finally {
			try (PreparedStatement unlock = live.prepareStatement("SELECT pg_advisory_unlock(?)")) {
				unlock.setLong(1, key);
				unlock.execute();
			}
		}
	}

	// two plans at once on one shadow would copy over each other
	private static void holdShadowLock(Connection connection, String description) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement
					.executeQuery("SELECT pg_try_advisory_lock(hashtext('hoist shadow database'))")) {
			rs.next();
			if (!rs.getBoolean(1)) {
				throw new HoistException("The shadow database " + description + " is in use by another plan: wait"
						+ " for it to finish (each plan empties the shadow database when it ends)");
			}
		}
	}

	private static List<String> objects(Connection connection) throws SQLException {
		List<String> objects = new ArrayList<>();
		String query = "SELECT kind || ' ' || name FROM ("
				+ " SELECT 'relation' AS kind, quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS name"
				+ " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT " + SYSTEM_SCHEMA
				+ " UNION ALL SELECT 'type', quote_ident(n.nspname) || '.' || quote_ident(t.typname) FROM pg_type t"
				+ " JOIN pg_namespace n ON n.oid = t.typnamespace WHERE NOT " + SYSTEM_SCHEMA
				+ " AND t.typtype <> 'b' AND t.typrelid = 0"
				+ " UNION ALL SELECT 'function', quote_ident(n.nspname) || '.' || quote_ident(p.proname) FROM pg_proc p"
				+ " JOIN pg_namespace n ON n.oid = p.pronamespace WHERE NOT " + SYSTEM_SCHEMA
				+ " UNION ALL SELECT 'extension', quote_ident(e.extname) FROM pg_extension e"
				+ " WHERE e.extname <> 'plpgsql') o ORDER BY 1 LIMIT 10";
		try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(query)) {
			while (rs.next()) {
				objects.add(rs.getString(1));
			}
		}
		return objects;
	}

	private static List<String> schemas(Connection connection) throws SQLException {
		List<String> schemas = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement
					.executeQuery("SELECT n.nspname FROM pg_namespace n WHERE NOT " + SYSTEM_SCHEMA + " ORDER BY 1")) {
			while (rs.next()) {
				schemas.add(rs.getString(1));
			}
		}
		return schemas;
	}

	// the live database's encoding and locale, so that text behaves the same
	private static String createOptions(Connection live) throws SQLException {
		try (Statement statement = live.createStatement();
				ResultSet rs = statement
					.executeQuery("SELECT pg_encoding_to_char(d.encoding), d.datcollate, d.datctype,"
							+ " to_jsonb(d) ->> 'datlocprovider', coalesce(to_jsonb(d) ->> 'datlocale',"
							+ " to_jsonb(d) ->> 'daticulocale') FROM pg_database d WHERE d.datname = current_database()")) {
			rs.next();
			StringBuilder options = new StringBuilder(" TEMPLATE template0 ENCODING ").append(literal(rs.getString(1)))
				.append(" LC_COLLATE ")
				.append(literal(rs.getString(2)))
				.append(" LC_CTYPE ")
				.append(literal(rs.getString(3)));
			String provider = rs.getString(4);
			String locale = rs.getString(5);
			if ("i".equals(provider) && locale != null) {
				options.append(" LOCALE_PROVIDER icu ICU_LOCALE ").append(literal(locale));
			}
			else if ("b".equals(provider) && locale != null) {
				options.append(" LOCALE_PROVIDER builtin BUILTIN_LOCALE ").append(literal(locale));
			}
			return options.toString();
		}
	}

	private static String randomHex() {
		byte[] bytes = new byte[3];
		new SecureRandom().nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	static String quote(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

	private static String literal(String value) {
		return "'" + value.replace("'", "''") + "'";
	}

	private static String firstLine(String sql) {
		int newline = sql.indexOf('\n');
		String first = (newline < 0) ? sql : sql.substring(0, newline) + " ...";
		return (first.length() > 120) ? first.substring(0, 117) + "..." : first;
	}

	private static void closeQuietly(Connection connection) {
		try {
			connection.close();
		}
		catch (SQLException ex) {
			logger.debug("Hoist: could not close the shadow connection", ex);
		}
	}

	/**
	 * A temporary database: dropped on close, or by a shutdown hook when the process ends
	 * first.
	 */
	private static final class Temporary {

		private final String name;

		private final DriverDataSource server;

		private final Thread hook;

		private boolean dropped;

		Temporary(String name, DriverDataSource server) {
			this.name = name;
			this.server = server;
			this.hook = new Thread(this::dropNow, "hoist-shadow-drop");
			Runtime.getRuntime().addShutdownHook(this.hook);
		}

		void drop() {
			try {
				Runtime.getRuntime().removeShutdownHook(this.hook);
			}
			catch (IllegalStateException ex) {
				// the process is ending: the hook drops it
				return;
			}
			dropNow();
		}

		private synchronized void dropNow() {
			if (this.dropped) {
				return;
			}
			// a connection of its own: the live session may be what failed
			try (Connection admin = this.server.getConnection(); Statement statement = admin.createStatement()) {
				statement.execute("DROP DATABASE IF EXISTS " + quote(this.name) + " WITH (FORCE)");
				this.dropped = true;
			}
			catch (SQLException ex) {
				logger.warn("Hoist: could not drop the temporary shadow database {}: {}. Drop it by hand:"
						+ " DROP DATABASE {} WITH (FORCE)", this.name, ex.getMessage(), quote(this.name));
			}
		}

	}

}
