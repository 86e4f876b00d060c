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
 * A database that Hoist may change freely to build a schema by applying migrations, for
 * {@code drift}, {@code verify}, {@code plan} and {@code generate}: the configured shadow
 * database ({@link HoistConfiguration#shadowUrl(String, String, String)}), which must be
 * empty and is emptied again on {@link #close()}, else a temporary database created on
 * the migrated server (its user needs {@code CREATEDB}) and dropped on {@link #close()},
 * even when the work failed. Never the migrated database: a configured shadow that turns
 * out to be it is refused, and nothing is written to it (the temporary database is
 * created and dropped through a connection of its own).
 * <p>
 * One connection, in autocommit, with the migrated session's {@code search_path};
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

	/** Statements of the schema copy sent in one round trip. */
	private static final int COPY_BATCH = 500;

	private static final String SYSTEM_SCHEMA = "(n.nspname IN ('pg_catalog', 'information_schema')"
			+ " OR n.nspname LIKE 'pg\\_toast%' OR n.nspname LIKE 'pg\\_temp\\_%')";

	private final HoistConfiguration configuration;

	private final String description;

	private final @Nullable Temporary temporary;

	private final Set<String> schemasBefore;

	private final String searchPath;

	private Connection connection;

	private boolean closed;

	private ShadowDatabase(HoistConfiguration configuration, Connection connection, String description,
			@Nullable Temporary temporary, Set<String> schemasBefore, String searchPath) {
		this.configuration = configuration;
		this.connection = connection;
		this.description = description;
		this.temporary = temporary;
		this.schemasBefore = schemasBefore;
		this.searchPath = searchPath;
	}

	/**
	 * Open the shadow database: the configured one, checked to be empty and not the
	 * migrated database, else a temporary one on the migrated database's server.
	 * @param configuration the configuration
	 * @param live the migrated database: Hoist's session, only read
	 * @param command the command that needs it, such as {@code drift}, for messages
	 * @return the shadow database, to close
	 * @throws HoistException when neither is possible, saying how to provide one
	 */
	public static ShadowDatabase open(HoistConfiguration configuration, Connection live, String command) {
		DataSource configured = configuration.getShadowDataSource();
		try {
			String searchPath = searchPath(live);
			return (configured != null) ? configured(configuration, configured, live, command, searchPath)
					: temporary(configuration, live, command, searchPath);
		}
		catch (SQLException ex) {
			throw new HoistException("Cannot prepare the shadow database for " + command + ": " + ex.getMessage(), ex);
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
	 * Return the schemas the database had before anything was applied to it, such as
	 * {@code public}.
	 * @return the schema names
	 */
	public Set<String> schemasBefore() {
		return this.schemasBefore;
	}

	/**
	 * Return the schemas the database has now, system schemas left out.
	 * @return the schema names, sorted
	 * @throws SQLException on a database error
	 */
	public List<String> schemas() throws SQLException {
		return schemas(this.connection);
	}

	/**
	 * Return the schemas that hold at least one object (a relation, a type, a function,
	 * an extension), or that were created since the database was opened.
	 * @return the schema names, sorted
	 * @throws SQLException on a database error
	 */
	public List<String> usedSchemas() throws SQLException {
		List<String> used = new ArrayList<>();
		String query = "SELECT n.nspname FROM pg_namespace n WHERE NOT " + SYSTEM_SCHEMA
				+ " AND (EXISTS (SELECT 1 FROM pg_class c WHERE c.relnamespace = n.oid)"
				+ " OR EXISTS (SELECT 1 FROM pg_type t WHERE t.typnamespace = n.oid)"
				+ " OR EXISTS (SELECT 1 FROM pg_proc p WHERE p.pronamespace = n.oid)"
				+ " OR EXISTS (SELECT 1 FROM pg_extension e WHERE e.extnamespace = n.oid AND e.extname <> 'plpgsql')"
				+ " OR NOT (n.nspname = ANY (?))) ORDER BY 1";
		try (PreparedStatement statement = this.connection.prepareStatement(query)) {
			statement.setArray(1, this.connection.createArrayOf("text", this.schemasBefore.toArray()));
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					used.add(rs.getString(1));
				}
			}
		}
		return used;
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
		return copySchema(new CatalogReader("live database", excludedTables(historyTable)).read(live, schemas, false),
				schemas, historyTable);
	}

	/**
	 * Put a schema model read from the live database onto this database, as
	 * {@link #copySchema(Connection, List, String)} does, for a caller that has read the
	 * model already. Each transactional part of the copy is sent in a few batches rather
	 * than one round trip per statement; when a batch fails, its transaction is rolled
	 * back and run again statement by statement, so that the error names the statement
	 * and the object that failed.
	 * @param source the live schemas' model
	 * @param schemas the schemas it holds
	 * @param historyTable the history table's name
	 * @return what could not be copied, one sentence each
	 * @throws HoistException when the copy fails
	 */
	public List<String> copySchema(SchemaModel source, List<String> schemas, String historyTable) {
		SchemaModel target = new CatalogReader("shadow database " + this.description, excludedTables(historyTable))
			.read(this.connection, schemas, false);
		MigrationPlan plan = MigrationPlan.between(target, source, false);
		List<String> notes = new ArrayList<>();
		for (Change change : plan.unsupported()) {
			notes.add("Not copied onto the shadow database (the schema diff cannot write it): "
					+ change.key().describe() + ": " + change.detail());
		}
		try {
			for (MigrationPlan.Part part : plan.parts()) {
				if (part.section().outsideTransaction()) {
					applyPart(part);
				}
				else {
					copyInBatches(part.up());
				}
			}
		}
		catch (SQLException ex) {
			throw new HoistException(
					"Cannot copy the live schema onto the shadow database " + this.description + ": " + ex.getMessage(),
					ex);
		}
		return notes;
	}

	// Hoist's history table, under its default and its configured name
	static Set<String> excludedTables(String historyTable) {
		return new LinkedHashSet<>(List.of(CatalogReader.DEFAULT_HISTORY_TABLE, historyTable));
	}

	// one transaction, its statements sent COPY_BATCH at a time; on a failure, the whole
	// transaction again statement by statement, to name the one that fails
	private void copyInBatches(List<Step> steps) throws SQLException {
		List<String> statements = new ArrayList<>();
		for (Step step : steps) {
			statements.addAll(step.statements());
		}
		this.connection.setAutoCommit(false);
		try {
			try (Statement statement = this.connection.createStatement()) {
				// a function body may name a table created later in the copy
				statement.execute("SET LOCAL check_function_bodies = off");
				for (int from = 0; from < statements.size(); from += COPY_BATCH) {
					for (String sql : statements.subList(from, Math.min(from + COPY_BATCH, statements.size()))) {
						statement.addBatch(sql);
					}
					statement.executeBatch();
				}
			}
			this.connection.commit();
		}
		catch (SQLException ex) {
			this.connection.rollback();
			logger.debug("Hoist: a batch of the copy onto the shadow database failed; running it statement by"
					+ " statement to find the statement", ex);
			copyOneByOne(steps);
		}
		finally {
			autocommit(this.connection);
		}
	}

	private void copyOneByOne(List<Step> steps) throws SQLException {
		this.connection.setAutoCommit(false);
		try (Statement statement = this.connection.createStatement()) {
			statement.execute("SET LOCAL check_function_bodies = off");
			for (Step step : steps) {
				for (String sql : step.statements()) {
					try {
						statement.execute(sql);
					}
					catch (SQLException ex) {
						throw new SQLException(ex.getMessage() + " (copying " + step.subject().describe() + ": "
								+ firstLine(sql) + ")", ex.getSQLState(), ex);
					}
				}
			}
			this.connection.commit();
		}
		catch (SQLException | RuntimeException ex) {
			MigrateCommand.rollbackQuietly(this.connection);
			throw ex;
		}
	}

	// a part outside a transaction: statement by statement, in autocommit
	private void applyPart(MigrationPlan.Part part) throws SQLException {
		autocommit(this.connection);
		try (Statement statement = this.connection.createStatement()) {
			for (Step step : part.up()) {
				for (String sql : step.statements()) {
					execute(statement, sql);
				}
			}
		}
	}

	/**
	 * Run a migration plan's up steps here, each part in a transaction or not as it
	 * needs.
	 * @param plan the plan, such as the one from an empty model to a schema
	 * @throws SQLException when a statement fails; its transaction was rolled back
	 */
	public void apply(MigrationPlan plan) throws SQLException {
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
			throw ex;
		}
		finally {
			autocommit(this.connection);
		}
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
	 * Make the database empty again, as when it was opened: a temporary database is
	 * dropped and created again, a configured one emptied schema by schema.
	 * @throws HoistException when that fails; the shadow database is then closed
	 */
	public void reset() {
		try {
			if (this.temporary != null) {
				closeQuietly(this.connection);
				this.temporary.recreate();
				this.connection = this.temporary.connect();
				prepare(this.connection, this.configuration, this.searchPath);
			}
			else {
				empty();
				prepare(this.connection, this.configuration, this.searchPath);
			}
		}
		catch (SQLException | RuntimeException ex) {
			close();
			throw new HoistException("Cannot empty the shadow database " + this.description + " again: "
					+ ex.getMessage() + ". Empty it by hand (it must hold no objects)", ex);
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
			empty();
		}
		catch (SQLException ex) {
			logger.warn("Hoist: could not empty the shadow database {} again: {}. Empty it by hand before it is"
					+ " used again (it must hold no objects)", this.description, ex.getMessage());
		}
		finally {
			closeQuietly(this.connection);
		}
	}

	private void empty() throws SQLException {
		autocommit(this.connection);
		try (Statement statement = this.connection.createStatement()) {
			statement.execute("RESET ALL");
		}
		this.connection.setAutoCommit(false);
		try {
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
		catch (SQLException | RuntimeException ex) {
			MigrateCommand.rollbackQuietly(this.connection);
			throw ex;
		}
		finally {
			autocommit(this.connection);
		}
	}

	private static void autocommit(Connection connection) {
		try {
			if (!connection.getAutoCommit()) {
				connection.rollback();
				connection.setAutoCommit(true);
			}
		}
		catch (SQLException ex) {
			logger.debug("Hoist: could not reset the shadow connection", ex);
		}
	}

	private static ShadowDatabase configured(HoistConfiguration configuration, DataSource dataSource, Connection live,
			String command, String searchPath) throws SQLException {
		DatabaseAddress address = configuration.getShadowDatabase();
		String description = (address != null) ? address.describe() : "(the configured shadow data source)";
		String setting = SettingName.SHADOW_URL.in(configuration);
		Connection connection;
		try {
			connection = dataSource.getConnection();
		}
		catch (SQLException ex) {
			throw new HoistException("Cannot connect to the shadow database " + description + ": " + ex.getMessage()
					+ ". Check that it exists and that its user may connect, or leave " + setting
					+ " unset to use a temporary database", ex);
		}
		try {
			connection.setAutoCommit(true);
			refuseLiveDatabase(connection, live, description, setting, command);
			holdShadowLock(connection, description, command);
			List<String> objects = objects(connection);
			if (!objects.isEmpty()) {
				throw new HoistException("The shadow database " + description + ") is not empty: it holds "
						+ String.join(", ", objects) + ((objects.size() == 10) ? ", ..." : "") + ". " + command
						+ " applies migrations to it and empties it again afterwards, so it must be a database of its"
						+ " own, created empty (CREATE DATABASE ...). Point " + setting
						+ " at an empty database, or leave it unset to use a temporary one");
			}
			Set<String> before = new LinkedHashSet<>(schemas(connection));
			prepare(connection, configuration, searchPath);
			return new ShadowDatabase(configuration, connection, description, null, before, searchPath);
		}
		catch (SQLException | RuntimeException ex) {
			closeQuietly(connection);
			throw ex;
		}
	}

	private static ShadowDatabase temporary(HoistConfiguration configuration, Connection live, String command,
			String searchPath) throws SQLException {
		DataSource dataSource = configuration.getDataSource();
		String setting = SettingName.SHADOW_URL.in(configuration);
		if (!(dataSource instanceof DriverDataSource driver)) {
			throw new HoistException(command + " needs a shadow database to apply migrations to, and has none: set "
					+ setting + " to an empty database Hoist may use, or configure the database with "
					+ SettingName.URL.in(configuration)
					+ " so that Hoist can create a temporary database on the same server (its user needs CREATEDB)."
					+ " Hoist connects through a DataSource here, whose URL and password it cannot reuse");
		}
		Matcher matcher = JDBC_DATABASE.matcher(driver.getUrl());
		if (!matcher.matches()) {
			throw new HoistException(command + " needs a shadow database and cannot derive a temporary one from the URL"
					+ " of " + configuration.getDatabase().describe() + ": set " + setting
					+ " to an empty database Hoist may use");
		}
		String name = TEMPORARY_PREFIX + LocalDateTime.now(ZoneOffset.UTC).format(STAMP) + "_" + randomHex();
		String options = createOptions(live);
		Temporary temporary = new Temporary(name, options, driver,
				driver.withUrl(matcher.group(1) + name + matcher.group(3)));
		try {
			temporary.create();
		}
		catch (SQLException ex) {
			temporary.forget();
			if ("42501".equals(ex.getSQLState())) {
				throw new HoistException(command + " needs a shadow database to apply migrations to: Hoist's user "
						+ configuration.getDatabase().user() + " may not create a temporary one (" + ex.getMessage()
						+ "). Grant it CREATEDB (ALTER ROLE ... CREATEDB), or set " + setting
						+ " to an empty database Hoist may use. Nothing was written to "
						+ configuration.getDatabase().describe(), ex);
			}
			throw new HoistException(command + " cannot create its temporary shadow database " + name + " on "
					+ configuration.getDatabase().describe() + ": " + ex.getMessage() + ". Set " + setting
					+ " to an empty database Hoist may use instead", ex);
		}
		String description = "temporary database " + name + " on " + temporary.host();
		Connection connection = null;
		try {
			connection = temporary.connect();
			Set<String> before = new LinkedHashSet<>(schemas(connection));
			prepare(connection, configuration, searchPath);
			logger.info("Hoist: created {} for {}; it is dropped when {} ends", description, command, command);
			return new ShadowDatabase(configuration, connection, description, temporary, before, searchPath);
		}
		catch (SQLException | RuntimeException ex) {
			if (connection != null) {
				closeQuietly(connection);
			}
			temporary.drop();
			throw ex;
		}
	}

	// the search_path the migrations saw: the configured schema, else the session's own
	private static String searchPath(Connection live) throws SQLException {
		try (Statement statement = live.createStatement();
				ResultSet rs = statement.executeQuery("SELECT current_setting('search_path')")) {
			rs.next();
			return rs.getString(1);
		}
	}

	// the shadow session as Hoist's own: named, search_path as live, every wait bounded
	private static void prepare(Connection connection, HoistConfiguration configuration, String searchPath)
			throws SQLException {
		String schema = configuration.getSchema();
		if (schema != null) {
			try (PreparedStatement exists = connection
				.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ?)")) {
				exists.setString(1, schema);
				try (ResultSet rs = exists.executeQuery()) {
					rs.next();
					if (!rs.getBoolean(1)) {
						try (Statement statement = connection.createStatement()) {
							statement.execute("CREATE SCHEMA " + quote(schema));
						}
					}
				}
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

	// a shadow that is the migrated database would have migrations applied to it: the
	// live session names itself uniquely for a moment, and the shadow looks for that name
	// among its own database's sessions (no lock, no write on the live database)
	private static void refuseLiveDatabase(Connection shadow, Connection live, String description, String setting,
			String command) throws SQLException {
		String original;
		try (Statement statement = live.createStatement();
				ResultSet rs = statement.executeQuery("SELECT current_setting('application_name')")) {
			rs.next();
			original = rs.getString(1);
		}
		String token = "hoist-shadow-check-" + randomHex() + randomHex();
		try {
			setApplicationName(live, token);
			try (PreparedStatement find = shadow.prepareStatement(
					"SELECT count(*) FROM pg_stat_activity WHERE application_name = ? AND datname = current_database()")) {
				find.setString(1, token);
				try (ResultSet rs = find.executeQuery()) {
					rs.next();
					if (rs.getLong(1) > 0) {
						throw new HoistException(
								"The shadow database " + description + ") is the migrated database itself: " + command
										+ " would apply migrations to it. Point " + setting
										+ " at an empty database of its own, or leave it unset to use a temporary one");
					}
				}
			}
		}
		finally {
			setApplicationName(live, original);
		}
	}

	private static void setApplicationName(Connection connection, String name) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT set_config('application_name', ?, false)")) {
			statement.setString(1, name);
			statement.execute();
		}
	}

	// two commands at once on one shadow would apply over each other
	private static void holdShadowLock(Connection connection, String description, String command) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement
					.executeQuery("SELECT pg_try_advisory_lock(hashtext('hoist shadow database'))")) {
			rs.next();
			if (!rs.getBoolean(1)) {
				throw new HoistException("The shadow database " + description + " is in use by another Hoist command:"
						+ " wait for it to finish (each empties the shadow database when it ends), then run " + command
						+ " again");
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

	// the migrated database's encoding and locale, so that text behaves the same
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

	private static void closeQuietly(Connection connection) {
		try {
			connection.close();
		}
		catch (SQLException ex) {
			logger.debug("Hoist: could not close the shadow connection", ex);
		}
	}

	private static String firstLine(String sql) {
		int newline = sql.indexOf('\n');
		String first = (newline < 0) ? sql : sql.substring(0, newline) + " ...";
		return (first.length() > 120) ? first.substring(0, 117) + "..." : first;
	}

	/**
	 * A temporary database, created and dropped through connections of its own to the
	 * migrated server: dropped on close, or by a shutdown hook when the process ends
	 * first.
	 */
	private static final class Temporary {

		private final String name;

		private final String options;

		private final DriverDataSource server;

		private final DriverDataSource database;

		private final Thread hook;

		private boolean dropped;

		Temporary(String name, String options, DriverDataSource server, DriverDataSource database) {
			this.name = name;
			this.options = options;
			this.server = server;
			this.database = database;
			this.hook = new Thread(this::dropNow, "hoist-shadow-drop");
			Runtime.getRuntime().addShutdownHook(this.hook);
		}

		String host() {
			DatabaseAddress address = DatabaseAddress.fromJdbcUrl(this.database.getUrl(), this.database.getUser(), "");
			return address.host() + ((address.port() >= 0) ? ":" + address.port() : "");
		}

		void create() throws SQLException {
			try (Connection admin = this.server.getConnection(); Statement statement = admin.createStatement()) {
				statement.execute("CREATE DATABASE " + quote(this.name) + this.options);
			}
		}

		void recreate() throws SQLException {
			try (Connection admin = this.server.getConnection(); Statement statement = admin.createStatement()) {
				statement.execute("DROP DATABASE IF EXISTS " + quote(this.name) + " WITH (FORCE)");
				statement.execute("CREATE DATABASE " + quote(this.name) + this.options);
			}
		}

		Connection connect() throws SQLException {
			Connection connection = this.database.getConnection();
			connection.setAutoCommit(true);
			return connection;
		}

		// it was never created: nothing to drop
		void forget() {
			this.dropped = true;
			removeHook();
		}

		void drop() {
			if (removeHook()) {
				dropNow();
			}
		}

		private boolean removeHook() {
			try {
				Runtime.getRuntime().removeShutdownHook(this.hook);
				return true;
			}
			catch (IllegalStateException ex) {
				// the process is ending: the hook drops it
				return false;
			}
		}

		private synchronized void dropNow() {
			if (this.dropped) {
				return;
			}
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
