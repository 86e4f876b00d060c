package dev.hoist.core;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import dev.hoist.core.internal.DriverDataSource;
import org.jspecify.annotations.Nullable;

/**
 * Configures and builds a {@link Hoist}. Obtain one with {@link Hoist#configure()}; every
 * setting has a default except where the database is.
 *
 * <pre>{@code
 * Hoist hoist = Hoist.configure()
 *         .dataSource(dataSource)
 *         .locations("classpath:db/migration", "filesystem:/opt/app/migrations")
 *         .load();
 * }</pre>
 */
public final class HoistConfiguration {

	/** The default location of migration files. */
	public static final String DEFAULT_LOCATION = "classpath:db/migration";

	/** The default name of the history table. */
	public static final String DEFAULT_TABLE = "hoist_schema_history";

	private @Nullable DataSource dataSource;

	private List<String> locations = List.of(DEFAULT_LOCATION);

	private @Nullable String schema;

	private String table = DEFAULT_TABLE;

	private @Nullable MigrationVersion target;

	private boolean outOfOrder;

	private AheadPolicy aheadPolicy = AheadPolicy.WARN;

	private LockMode lockMode = LockMode.SESSION;

	private Duration lockTimeout = Duration.ofMinutes(10);

	private @Nullable Duration ddlLockTimeout;

	private int ddlLockRetries = 10;

	private @Nullable String installedBy;

	private String applicationName = defaultApplicationName();

	private final List<HoistListener> listeners = new ArrayList<>();

	private final List<JavaMigration> javaMigrations = new ArrayList<>();

	private @Nullable ClassLoader classLoader;

	private boolean cleanEnabled;

	HoistConfiguration() {
	}

	/**
	 * Migrate through this data source. Hoist takes one connection for a run and returns
	 * it afterwards.
	 * @param dataSource the data source
	 * @return this configuration
	 */
	public HoistConfiguration dataSource(DataSource dataSource) {
		this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
		return this;
	}

	/**
	 * Migrate through a JDBC URL and credentials.
	 * @param jdbcUrl a {@code jdbc:postgresql://} URL
	 * @param user the user, or {@code null} for the driver's default
	 * @param password the password, or {@code null}
	 * @return this configuration
	 */
	public HoistConfiguration url(String jdbcUrl, @Nullable String user, @Nullable String password) {
		this.dataSource = new DriverDataSource(jdbcUrl, user, password);
		return this;
	}

	/**
	 * Where migration files are: {@code classpath:} or {@code filesystem:} locations
	 * (default {@value #DEFAULT_LOCATION}). A location without prefix is on the
	 * classpath.
	 * @param locations the locations
	 * @return this configuration
	 */
	public HoistConfiguration locations(String... locations) {
		this.locations = List.copyOf(Arrays.asList(locations));
		return this;
	}

	/**
	 * The schema of the history table, created when missing (default: the connection's
	 * current schema).
	 * @param schema the schema, or {@code null} for the current one
	 * @return this configuration
	 */
	public HoistConfiguration schema(@Nullable String schema) {
		this.schema = schema;
		return this;
	}

	/**
	 * The name of the history table (default {@value #DEFAULT_TABLE}).
	 * @param table the table name
	 * @return this configuration
	 */
	public HoistConfiguration table(String table) {
		this.table = Objects.requireNonNull(table, "table");
		return this;
	}

	/**
	 * Stop migrating at this version (default: apply everything).
	 * @param target the last version to apply, or {@code null} for all
	 * @return this configuration
	 */
	public HoistConfiguration target(@Nullable String target) {
		this.target = (target != null && !target.isBlank() && !"latest".equalsIgnoreCase(target))
				? MigrationVersion.parse(target) : null;
		return this;
	}

	/**
	 * Whether pending migrations older than the revision are applied instead of refused
	 * (default {@code false}).
	 * @param outOfOrder whether to allow out-of-order migrations
	 * @return this configuration
	 */
	public HoistConfiguration outOfOrder(boolean outOfOrder) {
		this.outOfOrder = outOfOrder;
		return this;
	}

	/**
	 * What to do when the database is ahead of this build (default
	 * {@link AheadPolicy#WARN}).
	 * @param aheadPolicy the policy
	 * @return this configuration
	 */
	public HoistConfiguration aheadPolicy(AheadPolicy aheadPolicy) {
		this.aheadPolicy = Objects.requireNonNull(aheadPolicy, "aheadPolicy");
		return this;
	}

	/**
	 * How instances exclude each other (default {@link LockMode#SESSION}).
	 * @param lockMode the lock mode
	 * @return this configuration
	 */
	public HoistConfiguration lockMode(LockMode lockMode) {
		this.lockMode = Objects.requireNonNull(lockMode, "lockMode");
		return this;
	}

	/**
	 * How long to wait for another instance's migration lock (default 10 minutes).
	 * @param lockTimeout the longest wait
	 * @return this configuration
	 */
	public HoistConfiguration lockTimeout(Duration lockTimeout) {
		this.lockTimeout = Objects.requireNonNull(lockTimeout, "lockTimeout");
		return this;
	}

	/**
	 * PostgreSQL's {@code lock_timeout} for migration statements, so that DDL never
	 * queues behind a long reader and stalls traffic; a statement that times out
	 * (SQLSTATE 55P03) is retried with backoff (default: none, wait as long as PostgreSQL
	 * does).
	 * @param ddlLockTimeout the timeout, or {@code null} for none
	 * @return this configuration
	 */
	public HoistConfiguration ddlLockTimeout(@Nullable Duration ddlLockTimeout) {
		this.ddlLockTimeout = ddlLockTimeout;
		return this;
	}

	/**
	 * How many times to retry a migration whose statement hit {@code lock_timeout}
	 * (default 10).
	 * @param ddlLockRetries the retries
	 * @return this configuration
	 */
	public HoistConfiguration ddlLockRetries(int ddlLockRetries) {
		this.ddlLockRetries = ddlLockRetries;
		return this;
	}

	/**
	 * Who history records as having applied migrations (default: the database user).
	 * @param installedBy the name, or {@code null} for the database user
	 * @return this configuration
	 */
	public HoistConfiguration installedBy(@Nullable String installedBy) {
		this.installedBy = installedBy;
		return this;
	}

	/**
	 * The {@code application_name} of Hoist's connection, shown to operators as the lock
	 * holder (default {@code hoist@<host name>}).
	 * @param applicationName the name
	 * @return this configuration
	 */
	public HoistConfiguration applicationName(String applicationName) {
		this.applicationName = Objects.requireNonNull(applicationName, "applicationName");
		return this;
	}

	/**
	 * Add listeners.
	 * @param listeners the listeners
	 * @return this configuration
	 */
	public HoistConfiguration listeners(HoistListener... listeners) {
		this.listeners.addAll(Arrays.asList(listeners));
		return this;
	}

	/**
	 * Add migrations written in code.
	 * @param migrations the migrations
	 * @return this configuration
	 */
	public HoistConfiguration javaMigrations(JavaMigration... migrations) {
		this.javaMigrations.addAll(Arrays.asList(migrations));
		return this;
	}

	/**
	 * The class loader for {@code classpath:} locations (default: the thread's context
	 * class loader).
	 * @param classLoader the class loader
	 * @return this configuration
	 */
	public HoistConfiguration classLoader(@Nullable ClassLoader classLoader) {
		this.classLoader = classLoader;
		return this;
	}

	/**
	 * Whether {@code clean}, which drops every object in the schema, may run (default
	 * {@code false}).
	 * @param cleanEnabled whether clean is allowed
	 * @return this configuration
	 */
	public HoistConfiguration cleanEnabled(boolean cleanEnabled) {
		this.cleanEnabled = cleanEnabled;
		return this;
	}

	/**
	 * Build the configured {@link Hoist}. Nothing touches the database yet.
	 * @return the engine
	 * @throws HoistException if no database is configured
	 */
	public Hoist load() {
		if (this.dataSource == null) {
			throw new HoistException("No database configured: call dataSource(...) or url(...)");
		}
		return new Hoist(this);
	}

	/**
	 * Return the data source migrations run through, or {@code null} before one is set.
	 * @return the data source
	 */
	public @Nullable DataSource getDataSource() {
		return this.dataSource;
	}

	/**
	 * Return the configured locations.
	 * @return the locations
	 */
	public List<String> getLocations() {
		return this.locations;
	}

	/**
	 * Return the configured schema, or {@code null} for the current schema.
	 * @return the schema
	 */
	public @Nullable String getSchema() {
		return this.schema;
	}

	/**
	 * Return the history table name.
	 * @return the table
	 */
	public String getTable() {
		return this.table;
	}

	/**
	 * Return the target version, or {@code null} for all.
	 * @return the target
	 */
	public @Nullable MigrationVersion getTarget() {
		return this.target;
	}

	/**
	 * Return whether out-of-order migrations are allowed.
	 * @return whether allowed
	 */
	public boolean isOutOfOrder() {
		return this.outOfOrder;
	}

	/**
	 * Return the ahead policy.
	 * @return the policy
	 */
	public AheadPolicy getAheadPolicy() {
		return this.aheadPolicy;
	}

	/**
	 * Return the lock mode.
	 * @return the lock mode
	 */
	public LockMode getLockMode() {
		return this.lockMode;
	}

	/**
	 * Return the lock timeout.
	 * @return the lock timeout
	 */
	public Duration getLockTimeout() {
		return this.lockTimeout;
	}

	/**
	 * Return the DDL {@code lock_timeout}, or {@code null} for none.
	 * @return the DDL lock timeout
	 */
	public @Nullable Duration getDdlLockTimeout() {
		return this.ddlLockTimeout;
	}

	/**
	 * Return the retries after a DDL lock timeout.
	 * @return the retries
	 */
	public int getDdlLockRetries() {
		return this.ddlLockRetries;
	}

	/**
	 * Return who is recorded as installer, or {@code null} for the database user.
	 * @return the installer
	 */
	public @Nullable String getInstalledBy() {
		return this.installedBy;
	}

	/**
	 * Return the connection's application name.
	 * @return the application name
	 */
	public String getApplicationName() {
		return this.applicationName;
	}

	/**
	 * Return the listeners.
	 * @return the listeners
	 */
	public List<HoistListener> getListeners() {
		return List.copyOf(this.listeners);
	}

	/**
	 * Return the Java migrations.
	 * @return the Java migrations
	 */
	public List<JavaMigration> getJavaMigrations() {
		return List.copyOf(this.javaMigrations);
	}

	/**
	 * Return the class loader for classpath locations.
	 * @return the class loader
	 */
	public ClassLoader getClassLoader() {
		if (this.classLoader != null) {
			return this.classLoader;
		}
		ClassLoader context = Thread.currentThread().getContextClassLoader();
		return (context != null) ? context : HoistConfiguration.class.getClassLoader();
	}

	/**
	 * Return whether clean may run.
	 * @return whether clean is enabled
	 */
	public boolean isCleanEnabled() {
		return this.cleanEnabled;
	}

	private static String defaultApplicationName() {
		String host = System.getenv("HOSTNAME");
		if (host == null || host.isBlank()) {
			try {
				host = InetAddress.getLocalHost().getHostName();
			}
			catch (UnknownHostException ex) {
				host = "unknown";
			}
		}
		// application_name is cut at 63 bytes by PostgreSQL
		String name = "hoist@" + host;
		return (name.length() > 63) ? name.substring(0, 63) : name;
	}

}
