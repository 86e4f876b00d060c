package dev.hoist.core;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.sql.DataSource;

import dev.hoist.core.internal.DriverDataSource;
import dev.hoist.core.internal.SettingName;
import org.jspecify.annotations.Nullable;

/**
 * Configures and builds a {@link Hoist}. Obtain one with {@link Hoist#configure()}; every
 * setting has a default except where the database is.
 *
 * <pre>{@code
 * Hoist hoist = Hoist.configure()
 *         .url("postgres://shop:secret@db:5432/shop", null, null)
 *         .locations("classpath:db/migration", "filesystem:/opt/app/migrations")
 *         .waitTimeout(Duration.ofSeconds(60))
 *         .load();
 * }</pre>
 *
 * {@link #load()} takes an immutable snapshot: changing this configuration afterwards
 * does not change the {@code Hoist} it built, and {@link Hoist#configuration()} returns
 * that snapshot, whose setters refuse to change it.
 */
public final class HoistConfiguration {

	/** The default location of migration files. */
	public static final String DEFAULT_LOCATION = "classpath:db/migration";

	/** The default name of the history table. */
	public static final String DEFAULT_TABLE = "hoist_schema_history";

	/** The default longest wait for another instance's migration lock. */
	public static final Duration DEFAULT_LOCK_WAIT_TIMEOUT = Duration.ofMinutes(10);

	/**
	 * The default number of retries of a migration whose statement hit a DDL lock
	 * timeout.
	 */
	public static final int DEFAULT_DDL_LOCK_RETRIES = 10;

	/**
	 * The default number of rows above which {@code clean} refuses to empty a schema:
	 * more than a development database usually holds.
	 */
	public static final long DEFAULT_CLEAN_MAX_ROWS = 1000;

	/** The default delay after the first failed connection attempt. */
	public static final Duration DEFAULT_WAIT_INITIAL_DELAY = Duration.ofMillis(500);

	/**
	 * The default number of tenants migrated at once when Hoist cannot read the size of
	 * the pool it migrates through.
	 */
	public static final int DEFAULT_TENANT_PARALLELISM = 4;

	/** The default factor between one connection delay and the next. */
	public static final double DEFAULT_WAIT_MULTIPLIER = 2.0;

	/** The default longest delay between two connection attempts. */
	public static final Duration DEFAULT_WAIT_MAX_DELAY = Duration.ofSeconds(10);

	/**
	 * Default of {@link #maxLockedRows(long)}: a rewrite or a validating scan of this
	 * many rows holds its lock for a few hundred milliseconds on ordinary hardware, about
	 * as long as a request can wait without timing out.
	 */
	public static final long DEFAULT_MAX_LOCKED_ROWS = 100_000;

	/** The default longest time one connection attempt may take. */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * The default longest time a lost session of Hoist's (a killed process, a vanished
	 * machine) may keep the migration lock.
	 */
	public static final Duration DEFAULT_LOST_HOLDER_TIMEOUT = Duration.ofSeconds(30);

	private final boolean frozen;

	private @Nullable DataSource dataSource;

	private @Nullable String jdbcUrl;

	private @Nullable String user;

	private @Nullable String password;

	private @Nullable String databaseSource;

	private @Nullable String dataSourceUrl;

	private @Nullable String dataSourceUser;

	private List<String> locations = List.of(DEFAULT_LOCATION);

	private @Nullable String schema;

	private String table = DEFAULT_TABLE;

	private @Nullable MigrationVersion target;

	private boolean outOfOrder;

	private AheadPolicy aheadPolicy = AheadPolicy.WARN;

	private LockMode lockMode = LockMode.SESSION;

	private Duration lockWaitTimeout = DEFAULT_LOCK_WAIT_TIMEOUT;

	private @Nullable Duration ddlLockTimeout;

	private int ddlLockRetries = DEFAULT_DDL_LOCK_RETRIES;

	private Duration waitTimeout = Duration.ZERO;

	private Duration waitInitialDelay = DEFAULT_WAIT_INITIAL_DELAY;

	private double waitMultiplier = DEFAULT_WAIT_MULTIPLIER;

	private Duration waitMaxDelay = DEFAULT_WAIT_MAX_DELAY;

	private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

	private Duration lostHolderTimeout = DEFAULT_LOST_HOLDER_TIMEOUT;

	private @Nullable String installedBy;

	private String applicationName = defaultApplicationName();

	private List<HoistListener> listeners = new ArrayList<>();

	private List<JavaMigration> javaMigrations = new ArrayList<>();

	private @Nullable ClassLoader classLoader;

	private boolean cleanEnabled;

	private long cleanMaxRows = DEFAULT_CLEAN_MAX_ROWS;

	private SettingNames settingNames = SettingNames.API;

	private SafetyMode safetyMode = SafetyMode.WARN;

	private long maxLockedRows = DEFAULT_MAX_LOCKED_ROWS;

	private @Nullable DataSource shadowDataSource;

	private @Nullable String shadowUrl;

	private @Nullable String shadowUser;

	private TenantKind tenantKind = TenantKind.SCHEMA;

	private List<String> tenantNames = List.of();

	private @Nullable String tenantsQuery;

	private @Nullable Supplier<? extends Collection<String>> tenantSupplier;

	private @Nullable Function<String, ? extends @Nullable DataSource> tenantDataSources;

	private int tenantParallelism;

	private int tenantCanary;

	private TenantFailurePolicy tenantFailurePolicy = TenantFailurePolicy.STOP;

	private @Nullable TenantShard tenantShard;

	HoistConfiguration() {
		this.frozen = false;
	}

	private HoistConfiguration(HoistConfiguration source) {
		this.frozen = true;
		this.dataSource = source.dataSource;
		this.jdbcUrl = source.jdbcUrl;
		this.user = source.user;
		this.password = source.password;
		this.databaseSource = source.databaseSource;
		this.dataSourceUrl = source.dataSourceUrl;
		this.dataSourceUser = source.dataSourceUser;
		this.locations = List.copyOf(source.locations);
		this.schema = source.schema;
		this.table = source.table;
		this.target = source.target;
		this.outOfOrder = source.outOfOrder;
		this.aheadPolicy = source.aheadPolicy;
		this.lockMode = source.lockMode;
		this.lockWaitTimeout = source.lockWaitTimeout;
		this.ddlLockTimeout = source.ddlLockTimeout;
		this.ddlLockRetries = source.ddlLockRetries;
		this.waitTimeout = source.waitTimeout;
		this.waitInitialDelay = source.waitInitialDelay;
		this.waitMultiplier = source.waitMultiplier;
		this.waitMaxDelay = source.waitMaxDelay;
		this.connectTimeout = source.connectTimeout;
		this.lostHolderTimeout = source.lostHolderTimeout;
		this.installedBy = source.installedBy;
		this.applicationName = source.applicationName;
		this.listeners = List.copyOf(source.listeners);
		this.javaMigrations = List.copyOf(source.javaMigrations);
		this.classLoader = source.getClassLoader();
		this.cleanEnabled = source.cleanEnabled;
		this.cleanMaxRows = source.cleanMaxRows;
		this.settingNames = source.settingNames;
		this.tenantKind = source.tenantKind;
		this.tenantNames = source.tenantNames;
		this.tenantsQuery = source.tenantsQuery;
		this.tenantSupplier = source.tenantSupplier;
		this.tenantDataSources = source.tenantDataSources;
		this.tenantParallelism = source.tenantParallelism;
		this.tenantCanary = source.tenantCanary;
		this.tenantFailurePolicy = source.tenantFailurePolicy;
		this.tenantShard = source.tenantShard;
		this.safetyMode = source.safetyMode;
		this.maxLockedRows = source.maxLockedRows;
		this.shadowDataSource = source.shadowDataSource;
		this.shadowUrl = source.shadowUrl;
		this.shadowUser = source.shadowUser;
	}

	/**
	 * Migrate through this data source, such as the application's pool. Hoist takes one
	 * connection for a command and returns it afterwards as it came: after migrations ran
	 * on it, every setting is reset ({@code RESET ALL}), the settings it had when
	 * borrowed are put back, the role and session authorization are reset, and the result
	 * is checked; a session that cannot be put back exactly (temporary tables, prepared
	 * statements, {@code LISTEN}, held advisory locks or cursors) is closed with
	 * {@link java.sql.Connection#abort abort} so that the pool replaces it. Prefer
	 * {@link #url(String, String, String)} where the URL is known: Hoist then uses
	 * connections of its own, outside any pool, closed after each command, and bounds
	 * each connection attempt.
	 * @param dataSource the data source
	 * @return this configuration
	 */
	public HoistConfiguration dataSource(DataSource dataSource) {
		checkNotFrozen();
		this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
		this.jdbcUrl = null;
		this.user = null;
		this.password = null;
		this.dataSourceUrl = null;
		this.dataSourceUser = null;
		return this;
	}

	/**
	 * Migrate through this data source, as {@link #dataSource(DataSource)} does, naming
	 * where it points in logs, errors and health.
	 * @param dataSource the data source
	 * @param jdbcUrl the URL it connects to; shown without credentials, never connected
	 * to directly
	 * @param user the user it connects as, or {@code null} when unknown
	 * @return this configuration
	 */
	public HoistConfiguration dataSource(DataSource dataSource, @Nullable String jdbcUrl, @Nullable String user) {
		dataSource(dataSource);
		this.dataSourceUrl = jdbcUrl;
		this.dataSourceUser = user;
		return this;
	}

	/**
	 * Migrate through connections of Hoist's own to this database.
	 * @param url a {@code jdbc:postgresql://}, {@code postgres://} or
	 * {@code postgresql://} URL; credentials in it are used unless given here
	 * @param user the user, or {@code null} for the URL's or the driver's default
	 * @param password the password, or {@code null} for the URL's
	 * @return this configuration
	 * @throws DatabaseSettings.InvalidSettingException if the URL cannot be understood;
	 * the message never contains the password
	 */
	public HoistConfiguration url(String url, @Nullable String user, @Nullable String password) {
		checkNotFrozen();
		DatabaseSettings parsed = DatabaseSettings.fromUrl(Objects.requireNonNull(url, "url"), "url", "configuration");
		this.jdbcUrl = Objects.requireNonNull(parsed.url()).value();
		this.user = (user != null) ? user : value(parsed.username());
		this.password = (password != null) ? password : value(parsed.password());
		this.dataSource = new DriverDataSource(this.jdbcUrl, this.user, this.password);
		this.dataSourceUrl = null;
		this.dataSourceUser = null;
		return this;
	}

	/**
	 * Say where the database settings came from, such as
	 * {@code DATABASE_URL from .env.local}, for the log lines and errors that name the
	 * database (default: none).
	 * @param databaseSource the description, or {@code null}
	 * @return this configuration
	 */
	public HoistConfiguration databaseSource(@Nullable String databaseSource) {
		checkNotFrozen();
		this.databaseSource = databaseSource;
		return this;
	}

	/**
	 * Where migration files are: {@code classpath:} or {@code filesystem:} locations
	 * (default {@value #DEFAULT_LOCATION}). A location without prefix is on the
	 * classpath. Each must exist, or validation fails: a mistyped directory or a jar
	 * built without its migrations is never taken for a build without migrations. Prefix
	 * one that may be absent with {@code optional:}, as in
	 * {@code optional:filesystem:/etc/app/migrations}.
	 * @param locations the locations
	 * @return this configuration
	 */
	public HoistConfiguration locations(String... locations) {
		checkNotFrozen();
		this.locations = List.copyOf(Arrays.asList(locations));
		return this;
	}

	/**
	 * The schema of the history table and of the migrations' unqualified names, created
	 * when missing (default: the connection's current schema).
	 * @param schema the schema, or {@code null} for the current one
	 * @return this configuration
	 */
	public HoistConfiguration schema(@Nullable String schema) {
		checkNotFrozen();
		this.schema = (schema != null && !schema.isBlank()) ? schema : null;
		return this;
	}

	/**
	 * The name of the history table (default {@value #DEFAULT_TABLE}).
	 * @param table the table name
	 * @return this configuration
	 */
	public HoistConfiguration table(String table) {
		checkNotFrozen();
		this.table = Objects.requireNonNull(table, "table");
		return this;
	}

	/**
	 * Stop migrating at this version (default: apply everything). {@code null}, blank and
	 * {@code latest} mean everything.
	 * @param target the last version to apply
	 * @return this configuration
	 * @throws IllegalArgumentException if the version cannot be read
	 */
	public HoistConfiguration target(@Nullable String target) {
		checkNotFrozen();
		this.target = (target != null && !target.isBlank() && !"latest".equalsIgnoreCase(target.strip()))
				? MigrationVersion.parse(target.strip()) : null;
		return this;
	}

	/**
	 * Whether pending migrations older than the revision are applied instead of refused
	 * (default {@code false}).
	 * @param outOfOrder whether to allow out-of-order migrations
	 * @return this configuration
	 */
	public HoistConfiguration outOfOrder(boolean outOfOrder) {
		checkNotFrozen();
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
		checkNotFrozen();
		this.aheadPolicy = Objects.requireNonNull(aheadPolicy, "aheadPolicy");
		return this;
	}

	/**
	 * How instances exclude each other (default {@link LockMode#SESSION}).
	 * @param lockMode the lock mode
	 * @return this configuration
	 */
	public HoistConfiguration lockMode(LockMode lockMode) {
		checkNotFrozen();
		this.lockMode = Objects.requireNonNull(lockMode, "lockMode");
		return this;
	}

	/**
	 * How long to wait for another instance's migration lock (default 10 minutes).
	 * @param lockWaitTimeout the longest wait
	 * @return this configuration
	 */
	public HoistConfiguration lockWaitTimeout(Duration lockWaitTimeout) {
		checkNotFrozen();
		this.lockWaitTimeout = nonNegative(lockWaitTimeout, "lockWaitTimeout");
		return this;
	}

	/**
	 * PostgreSQL's {@code lock_timeout} for migration statements, so that DDL never
	 * queues behind a long reader and stalls traffic; a migration whose statement times
	 * out (SQLSTATE 55P03) is rolled back and retried with backoff (default: none, wait
	 * as long as PostgreSQL does).
	 * @param ddlLockTimeout the timeout, or {@code null} for none
	 * @return this configuration
	 */
	public HoistConfiguration ddlLockTimeout(@Nullable Duration ddlLockTimeout) {
		checkNotFrozen();
		this.ddlLockTimeout = (ddlLockTimeout != null && !ddlLockTimeout.isZero())
				? nonNegative(ddlLockTimeout, "ddlLockTimeout") : null;
		return this;
	}

	/**
	 * How many times to retry a migration whose statement hit the DDL lock timeout
	 * (default {@value #DEFAULT_DDL_LOCK_RETRIES}).
	 * @param ddlLockRetries the retries, at least 0
	 * @return this configuration
	 */
	public HoistConfiguration ddlLockRetries(int ddlLockRetries) {
		checkNotFrozen();
		if (ddlLockRetries < 0) {
			throw new IllegalArgumentException("ddlLockRetries must not be negative, not " + ddlLockRetries);
		}
		this.ddlLockRetries = ddlLockRetries;
		return this;
	}

	/**
	 * How long every command waits for the database to answer before it gives up (default
	 * zero: one attempt). Connection failures that can heal (refused, unknown host,
	 * timeouts, a server starting up or out of connection slots) are retried with backoff
	 * until then; those that cannot (authentication, a missing database, a bad URL) fail
	 * at once.
	 * @param waitTimeout the total wait, measured from the first attempt
	 * @return this configuration
	 */
	public HoistConfiguration waitTimeout(Duration waitTimeout) {
		checkNotFrozen();
		this.waitTimeout = nonNegative(waitTimeout, "waitTimeout");
		return this;
	}

	/**
	 * The delay after the first failed connection attempt (default 500 ms).
	 * @param waitInitialDelay the first delay
	 * @return this configuration
	 */
	public HoistConfiguration waitInitialDelay(Duration waitInitialDelay) {
		checkNotFrozen();
		this.waitInitialDelay = nonNegative(waitInitialDelay, "waitInitialDelay");
		return this;
	}

	/**
	 * The factor between one connection delay and the next (default 2).
	 * @param waitMultiplier the factor, at least 1
	 * @return this configuration
	 */
	public HoistConfiguration waitMultiplier(double waitMultiplier) {
		checkNotFrozen();
		if (waitMultiplier < 1.0) {
			throw new IllegalArgumentException("waitMultiplier must be at least 1, not " + waitMultiplier);
		}
		this.waitMultiplier = waitMultiplier;
		return this;
	}

	/**
	 * The longest delay between two connection attempts (default 10 s).
	 * @param waitMaxDelay the longest delay
	 * @return this configuration
	 */
	public HoistConfiguration waitMaxDelay(Duration waitMaxDelay) {
		checkNotFrozen();
		this.waitMaxDelay = nonNegative(waitMaxDelay, "waitMaxDelay");
		return this;
	}

	/**
	 * The longest time one connection attempt may take: reaching the server, TLS, login
	 * and the driver's first queries (default 10 s). Each attempt also ends when the wait
	 * timeout does, so a server that accepts connections but never answers cannot hold a
	 * command past its wait. Applies to Hoist's own connections
	 * ({@link #url(String, String, String)}); a pool given as
	 * {@link #dataSource(DataSource) data source} bounds its attempts itself.
	 * @param connectTimeout the longest attempt, more than zero
	 * @return this configuration
	 */
	public HoistConfiguration connectTimeout(Duration connectTimeout) {
		checkNotFrozen();
		if (nonNegative(connectTimeout, "connectTimeout").isZero()) {
			throw new IllegalArgumentException("connectTimeout must be more than zero");
		}
		this.connectTimeout = connectTimeout;
		return this;
	}

	/**
	 * How soon PostgreSQL ends Hoist's session, and with it the migration lock, once the
	 * session is lost: a process killed during a long statement, a machine that vanished
	 * without closing its connection (default 30 s). Hoist derives from it, on its own
	 * session only, {@code client_connection_check_interval} (PostgreSQL 14 and later),
	 * {@code tcp_keepalives_idle}, {@code tcp_keepalives_interval},
	 * {@code tcp_keepalives_count} and {@code tcp_user_timeout}. Zero leaves the server's
	 * settings, whose TCP keepalive notices a vanished machine after about two hours. Not
	 * set in {@link LockMode#TRANSACTION}, whose server sessions belong to the pooler.
	 * @param lostHolderTimeout the bound, at least 5 s, or zero
	 * @return this configuration
	 */
	public HoistConfiguration lostHolderTimeout(Duration lostHolderTimeout) {
		checkNotFrozen();
		Duration timeout = nonNegative(lostHolderTimeout, "lostHolderTimeout");
		// TCP keepalive counts whole seconds: below 5 s the bound could not be kept
		if (!timeout.isZero() && timeout.compareTo(Duration.ofSeconds(5)) < 0) {
			throw new IllegalArgumentException(
					"lostHolderTimeout must be zero (the server's settings) or at least 5 s, not " + timeout);
		}
		this.lostHolderTimeout = timeout;
		return this;
	}

	/**
	 * Who history records as having applied migrations (default: the database user).
	 * @param installedBy the name, or {@code null} for the database user
	 * @return this configuration
	 */
	public HoistConfiguration installedBy(@Nullable String installedBy) {
		checkNotFrozen();
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
		checkNotFrozen();
		this.applicationName = Objects.requireNonNull(applicationName, "applicationName");
		return this;
	}

	/**
	 * Add listeners.
	 * @param listeners the listeners
	 * @return this configuration
	 */
	public HoistConfiguration listeners(HoistListener... listeners) {
		checkNotFrozen();
		this.listeners.addAll(Arrays.asList(listeners));
		return this;
	}

	/**
	 * Add migrations written in code.
	 * @param migrations the migrations
	 * @return this configuration
	 */
	public HoistConfiguration javaMigrations(JavaMigration... migrations) {
		checkNotFrozen();
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
		checkNotFrozen();
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
		checkNotFrozen();
		this.cleanEnabled = cleanEnabled;
		return this;
	}

	/**
	 * The most rows the tables of the schema (apart from the history table and tables of
	 * extensions) may hold for {@code clean} to empty it (default
	 * {@value #DEFAULT_CLEAN_MAX_ROWS}): a guard against cleaning a database that holds
	 * real data, such as production reached through a mistaken URL.
	 * @param cleanMaxRows the limit, at least 0
	 * @return this configuration
	 */
	public HoistConfiguration cleanMaxRows(long cleanMaxRows) {
		checkNotFrozen();
		if (cleanMaxRows < 0) {
			throw new IllegalArgumentException("cleanMaxRows must not be negative, not " + cleanMaxRows);
		}
		this.cleanMaxRows = cleanMaxRows;
		return this;
	}

	/**
	 * How Hoist's messages name a setting they advise changing (default
	 * {@link SettingNames#API}, the builder methods): integrations set theirs, so that a
	 * Spring Boot user reads {@code hoist.lock.wait-timeout} and a command-line user
	 * {@code --lock-wait-timeout}.
	 * @param settingNames the spelling
	 * @return this configuration
	 */
	public HoistConfiguration settingNames(SettingNames settingNames) {
		checkNotFrozen();
		this.settingNames = Objects.requireNonNull(settingNames, "settingNames");
		return this;
	}

	/**
	 * What the startup check does with the findings of the migrations about to be applied
	 * (default {@link SafetyMode#WARN}): the static safety rules of {@code lint} and the
	 * live size of each relation they name, read from the catalogs.
	 * @param safetyMode the mode
	 * @return this configuration
	 */
	public HoistConfiguration safetyMode(SafetyMode safetyMode) {
		checkNotFrozen();
		this.safetyMode = Objects.requireNonNull(safetyMode, "safetyMode");
		return this;
	}

	/**
	 * The most rows a pending migration may hold a long lock on: in
	 * {@link SafetyMode#FAIL} a migration that rewrites, or blocks writes while it scans,
	 * a larger relation refuses the start (default {@value #DEFAULT_MAX_LOCKED_ROWS}).
	 * @param maxLockedRows the rows, at least 0
	 * @return this configuration
	 */
	public HoistConfiguration maxLockedRows(long maxLockedRows) {
		checkNotFrozen();
		if (maxLockedRows < 0) {
			throw new IllegalArgumentException("maxLockedRows must not be negative, not " + maxLockedRows);
		}
		this.maxLockedRows = maxLockedRows;
		return this;
	}

	/**
	 * The database that {@code drift}, {@code verify}, {@code plan} and {@code generate}
	 * build schemas on by applying migrations (default: a temporary database that Hoist
	 * creates on the migrated server and drops afterwards, which needs the
	 * {@code CREATEDB} privilege and {@link #url(String, String, String)}). It must be
	 * empty and dedicated to Hoist: Hoist empties it again after each use, and never uses
	 * the migrated database as one.
	 * @param url a {@code jdbc:postgresql://}, {@code postgres://} or
	 * {@code postgresql://} URL; credentials in it are used unless given here;
	 * {@code null} or blank for a temporary database
	 * @param user the user, or {@code null} for the URL's
	 * @param password the password, or {@code null} for the URL's
	 * @return this configuration
	 * @throws DatabaseSettings.InvalidSettingException if the URL cannot be understood;
	 * the message never contains the password
	 */
	public HoistConfiguration shadowUrl(@Nullable String url, @Nullable String user, @Nullable String password) {
		checkNotFrozen();
		if (url == null || url.isBlank()) {
			this.shadowDataSource = null;
			this.shadowUrl = null;
			this.shadowUser = null;
			return this;
		}
		DatabaseSettings parsed = DatabaseSettings.fromUrl(url, "shadow url", "configuration");
		this.shadowUrl = Objects.requireNonNull(parsed.url()).value();
		this.shadowUser = (user != null) ? user : value(parsed.username());
		this.shadowDataSource = new DriverDataSource(this.shadowUrl, this.shadowUser,
				(password != null) ? password : value(parsed.password()));
		return this;
	}

	/**
	 * The shadow database of {@link #shadowUrl(String, String, String)} as a data source
	 * of its own.
	 * @param dataSource the data source, or {@code null} for a temporary database
	 * @return this configuration
	 */
	public HoistConfiguration shadowDataSource(@Nullable DataSource dataSource) {
		checkNotFrozen();
		this.shadowDataSource = dataSource;
		this.shadowUrl = null;
		this.shadowUser = null;
		return this;
	}

	/**
	 * Migrate these schemas of the configured database, each a tenant with its own
	 * history table and migration lock, instead of one schema: see
	 * {@link Hoist#migrateTenants()}. A schema that does not exist is created. Replaces
	 * any other tenant list.
	 * @param schemas the schema names, exactly as PostgreSQL stores them (case matters)
	 * @return this configuration
	 */
	public HoistConfiguration tenantSchemas(Collection<String> schemas) {
		return tenantNames(TenantKind.SCHEMA, schemas);
	}

	/**
	 * Migrate these schemas as tenants, as {@link #tenantSchemas(Collection)} does.
	 * @param schemas the schema names
	 * @return this configuration
	 */
	public HoistConfiguration tenantSchemas(String... schemas) {
		return tenantSchemas(Arrays.asList(schemas));
	}

	/**
	 * Migrate these databases of the configured server, each a tenant, instead of one
	 * database: the connections use the configured URL with the tenant's database and the
	 * same credentials, unless {@link #tenantDataSources(Function)} gives a tenant a data
	 * source of its own. Hoist does not create databases. Replaces any other tenant list.
	 * @param databases the database names, exactly as PostgreSQL stores them
	 * @return this configuration
	 */
	public HoistConfiguration tenantDatabases(Collection<String> databases) {
		return tenantNames(TenantKind.DATABASE, databases);
	}

	/**
	 * Migrate these databases as tenants, as {@link #tenantDatabases(Collection)} does.
	 * @param databases the database names
	 * @return this configuration
	 */
	public HoistConfiguration tenantDatabases(String... databases) {
		return tenantDatabases(Arrays.asList(databases));
	}

	private HoistConfiguration tenantNames(TenantKind kind, Collection<String> names) {
		checkNotFrozen();
		Objects.requireNonNull(names, "names");
		this.tenantKind = kind;
		this.tenantNames = List.copyOf(names);
		this.tenantsQuery = null;
		this.tenantSupplier = null;
		return this;
	}

	/**
	 * Find the tenants with a query on the configured database, run at the start of every
	 * tenant command: its first column holds the schema or database names, such as
	 * {@code SELECT schema_name FROM tenants WHERE active}. Replaces any other tenant
	 * list.
	 * @param query the query
	 * @param kind whether it returns schema or database names
	 * @return this configuration
	 */
	public HoistConfiguration tenantsQuery(String query, TenantKind kind) {
		checkNotFrozen();
		Objects.requireNonNull(query, "query");
		this.tenantKind = Objects.requireNonNull(kind, "kind");
		this.tenantsQuery = query;
		this.tenantNames = List.of();
		this.tenantSupplier = null;
		return this;
	}

	/**
	 * Find the tenants by calling code of one's own at the start of every tenant command,
	 * such as a registry client. Replaces any other tenant list.
	 * @param kind whether it returns schema or database names
	 * @param tenants returns the tenant names
	 * @return this configuration
	 */
	public HoistConfiguration tenants(TenantKind kind, Supplier<? extends Collection<String>> tenants) {
		checkNotFrozen();
		this.tenantKind = Objects.requireNonNull(kind, "kind");
		this.tenantSupplier = Objects.requireNonNull(tenants, "tenants");
		this.tenantNames = List.of();
		this.tenantsQuery = null;
		return this;
	}

	/**
	 * Give database tenants data sources of their own, such as one with the tenant's own
	 * credentials (default: the configured URL with the tenant's database). The function
	 * may return {@code null} for a tenant that uses the default.
	 * @param dataSources the data source of each tenant, by name
	 * @return this configuration
	 */
	public HoistConfiguration tenantDataSources(Function<String, ? extends @Nullable DataSource> dataSources) {
		checkNotFrozen();
		this.tenantDataSources = Objects.requireNonNull(dataSources, "dataSources");
		return this;
	}

	/**
	 * How many tenants migrate at once, each on a connection of its own (default: the
	 * size of the pool Hoist migrates through where an integration can read it, else
	 * {@value #DEFAULT_TENANT_PARALLELISM}).
	 * @param parallelism the number of tenants at once, at least 1; 0 for the default
	 * @return this configuration
	 */
	public HoistConfiguration tenantParallelism(int parallelism) {
		checkNotFrozen();
		if (parallelism < 0) {
			throw new IllegalArgumentException("tenantParallelism must not be negative, not " + parallelism);
		}
		this.tenantParallelism = parallelism;
		return this;
	}

	/**
	 * Migrate the first tenants that have migrations pending before any other, and stop
	 * without touching the rest when one of them fails (default 0: no canary).
	 * @param canary how many tenants form the canary, at least 0
	 * @return this configuration
	 */
	public HoistConfiguration tenantCanary(int canary) {
		checkNotFrozen();
		if (canary < 0) {
			throw new IllegalArgumentException("tenantCanary must not be negative, not " + canary);
		}
		this.tenantCanary = canary;
		return this;
	}

	/**
	 * What a tenant's failure does to the others (default
	 * {@link TenantFailurePolicy#STOP}).
	 * @param policy the policy
	 * @return this configuration
	 */
	public HoistConfiguration tenantFailurePolicy(TenantFailurePolicy policy) {
		checkNotFrozen();
		this.tenantFailurePolicy = Objects.requireNonNull(policy, "policy");
		return this;
	}

	/**
	 * Work on one shard of the tenants only, as one worker of several (a pod of a
	 * Kubernetes Indexed Job): the tenants whose stable hash falls in it (default: every
	 * tenant).
	 * @param shard the shard, or {@code null} for every tenant
	 * @return this configuration
	 */
	public HoistConfiguration tenantShard(@Nullable TenantShard shard) {
		checkNotFrozen();
		this.tenantShard = shard;
		return this;
	}

	/**
	 * Build the configured {@link Hoist} from a snapshot of this configuration. Nothing
	 * touches the database yet.
	 * @return the engine
	 * @throws HoistException if no database is configured
	 */
	public Hoist load() {
		if (this.dataSource == null) {
			throw new HoistException("No database configured: call dataSource(...) or url(...)");
		}
		if (hasTenants() && this.tenantKind == TenantKind.DATABASE && this.jdbcUrl == null
				&& this.tenantDataSources == null) {
			throw new HoistException("Database-per-tenant needs a URL to open each tenant's database with: Hoist"
					+ " migrates through a data source (" + getDatabase().describe() + ") whose URL it cannot change."
					+ " Configure " + SettingName.URL.in(this)
					+ ", or give each tenant a data source of its own (tenantDataSources(...))");
		}
		return new Hoist(new HoistConfiguration(this));
	}

	/**
	 * Return the configuration of one tenant: this one with the tenant's schema, or its
	 * database, and no tenant list.
	 * @param tenant the tenant's schema or database name
	 * @return the tenant's configuration, read-only
	 */
	HoistConfiguration tenant(String tenant) {
		HoistConfiguration copy = new HoistConfiguration(this);
		copy.tenantNames = List.of();
		copy.tenantsQuery = null;
		copy.tenantSupplier = null;
		copy.tenantDataSources = null;
		copy.tenantShard = null;
		if (this.tenantKind == TenantKind.SCHEMA) {
			copy.schema = tenant;
			return copy;
		}
		DataSource own = (this.tenantDataSources != null) ? this.tenantDataSources.apply(tenant) : null;
		if (own != null) {
			copy.dataSource = own;
			copy.jdbcUrl = null;
			copy.dataSourceUrl = null;
			copy.dataSourceUser = null;
			copy.databaseSource = "the data source of tenant " + tenant;
			return copy;
		}
		if (this.jdbcUrl == null) {
			throw new HoistException("Tenant database " + tenant + " has no data source and Hoist has no URL to open"
					+ " it with; return a data source for it from tenantDataSources(...) or configure url(...)");
		}
		copy.jdbcUrl = DatabaseUrl.parse(this.jdbcUrl).withDatabase(tenant).jdbcUrl();
		copy.dataSource = new DriverDataSource(copy.jdbcUrl, this.user, this.password);
		return copy;
	}

	/**
	 * Return the data source migrations run through, or {@code null} before one is set.
	 * @return the data source
	 */
	public @Nullable DataSource getDataSource() {
		return this.dataSource;
	}

	/**
	 * Return the JDBC URL of Hoist's own connections, or {@code null} when migrating
	 * through a {@link #dataSource(DataSource) data source}.
	 * @return the URL, without credentials
	 */
	public @Nullable String getUrl() {
		return this.jdbcUrl;
	}

	/**
	 * Return where the database is, for logs and errors: host, port, database, user and
	 * where the settings came from. Never holds the password.
	 * @return the address; host {@code ?} when migrating through a data source
	 */
	public DatabaseAddress getDatabase() {
		String url = (this.jdbcUrl != null) ? this.jdbcUrl : this.dataSourceUrl;
		String who = (this.jdbcUrl != null) ? this.user : this.dataSourceUser;
		String source = (this.databaseSource != null) ? this.databaseSource
				: (this.jdbcUrl != null) ? "the configured URL" : "the configured data source";
		return (url != null) ? DatabaseAddress.fromJdbcUrl(url, who, source) : DatabaseAddress.unknown(who, source);
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
	 * Return the longest wait for another instance's migration lock.
	 * @return the lock wait timeout
	 */
	public Duration getLockWaitTimeout() {
		return this.lockWaitTimeout;
	}

	/**
	 * Return PostgreSQL's {@code lock_timeout} for migration statements, or {@code null}
	 * for none.
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
	 * Return how long every command waits for the database to answer.
	 * @return the wait timeout; zero for one attempt
	 */
	public Duration getWaitTimeout() {
		return this.waitTimeout;
	}

	/**
	 * Return the delay after the first failed connection attempt.
	 * @return the first delay
	 */
	public Duration getWaitInitialDelay() {
		return this.waitInitialDelay;
	}

	/**
	 * Return the factor between one connection delay and the next.
	 * @return the multiplier
	 */
	public double getWaitMultiplier() {
		return this.waitMultiplier;
	}

	/**
	 * Return the longest delay between two connection attempts.
	 * @return the longest delay
	 */
	public Duration getWaitMaxDelay() {
		return this.waitMaxDelay;
	}

	/**
	 * Return the longest time one connection attempt may take.
	 * @return the connect timeout
	 */
	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	/**
	 * Return how soon PostgreSQL ends a lost session of Hoist's.
	 * @return the bound; zero for the server's settings
	 */
	public Duration getLostHolderTimeout() {
		return this.lostHolderTimeout;
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

	/**
	 * Return the most rows clean may drop.
	 * @return the limit
	 */
	public long getCleanMaxRows() {
		return this.cleanMaxRows;
	}

	/**
	 * Return how Hoist's messages name settings.
	 * @return the spelling
	 */
	public SettingNames getSettingNames() {
		return this.settingNames;
	}

	/**
	 * Return what the startup check does with the findings of pending migrations.
	 * @return the mode
	 */
	public SafetyMode getSafetyMode() {
		return this.safetyMode;
	}

	/**
	 * Return the most rows a pending migration may hold a long lock on in
	 * {@link SafetyMode#FAIL}.
	 * @return the rows
	 */
	public long getMaxLockedRows() {
		return this.maxLockedRows;
	}

	/**
	 * Return the shadow database of {@link #shadowUrl(String, String, String)}, or
	 * {@code null} for a temporary one.
	 * @return the data source
	 */
	public @Nullable DataSource getShadowDataSource() {
		return this.shadowDataSource;
	}

	/**
	 * Return where the shadow database is, for messages: host, port, database and user,
	 * never the password.
	 * @return the address, or {@code null} when no shadow database is configured
	 */
	public @Nullable DatabaseAddress getShadowDatabase() {
		if (this.shadowDataSource == null) {
			return null;
		}
		// "hoist.shadow.url (HOIST_SHADOW_URL)" inside the address's own parentheses
		String setting = SettingName.SHADOW_URL.in(this).replace(" (", " or ").replace(")", "");
		return (this.shadowUrl != null) ? DatabaseAddress.fromJdbcUrl(this.shadowUrl, this.shadowUser, setting)
				: DatabaseAddress.unknown(null, "the configured shadow data source");
	}

	/**
	 * Return whether tenants are configured: a list, a query or a supplier.
	 * @return whether the commands work on tenants
	 */
	public boolean hasTenants() {
		return !this.tenantNames.isEmpty() || this.tenantsQuery != null || this.tenantSupplier != null;
	}

	/**
	 * Return whether tenants are schemas or databases.
	 * @return the kind
	 */
	public TenantKind getTenantKind() {
		return this.tenantKind;
	}

	/**
	 * Return the fixed tenant list, empty when the tenants come from a query or a
	 * supplier.
	 * @return the names
	 */
	public List<String> getTenantNames() {
		return this.tenantNames;
	}

	/**
	 * Return the query that lists the tenants, or {@code null}.
	 * @return the query
	 */
	public @Nullable String getTenantsQuery() {
		return this.tenantsQuery;
	}

	/**
	 * Return the code that lists the tenants, or {@code null}.
	 * @return the supplier
	 */
	public @Nullable Supplier<? extends Collection<String>> getTenantSupplier() {
		return this.tenantSupplier;
	}

	/**
	 * Return how many tenants migrate at once; 0 for the default.
	 * @return the parallelism
	 */
	public int getTenantParallelism() {
		return this.tenantParallelism;
	}

	/**
	 * Return how many tenants form the canary.
	 * @return the canary size
	 */
	public int getTenantCanary() {
		return this.tenantCanary;
	}

	/**
	 * Return what a tenant's failure does to the others.
	 * @return the policy
	 */
	public TenantFailurePolicy getTenantFailurePolicy() {
		return this.tenantFailurePolicy;
	}

	/**
	 * Return the shard of tenants to work on, or {@code null} for every tenant.
	 * @return the shard
	 */
	public @Nullable TenantShard getTenantShard() {
		return this.tenantShard;
	}

	private void checkNotFrozen() {
		if (this.frozen) {
			throw new IllegalStateException("This configuration belongs to a loaded Hoist and is read-only;"
					+ " start a new one with Hoist.configure()");
		}
	}

	private static Duration nonNegative(Duration duration, String name) {
		Objects.requireNonNull(duration, name);
		if (duration.isNegative()) {
			throw new IllegalArgumentException(name + " must not be negative, not " + duration);
		}
		return duration;
	}

	private static @Nullable String value(DatabaseSettings.@Nullable Setting setting) {
		return (setting != null) ? setting.value() : null;
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

	@Override
	public String toString() {
		return "HoistConfiguration[" + getDatabase() + ", locations " + this.locations + "]";
	}

	/**
	 * What to do when the database holds migrations newer than this build's head.
	 */
	public enum AheadPolicy {

		/**
		 * Start, log a warning and report {@link HoistStatus.State#AHEAD}: rolling
		 * deploys need this.
		 */
		WARN,

		/** Refuse to start. */
		FAIL

	}

	/**
	 * How instances exclude each other while migrating.
	 */
	public enum LockMode {

		/**
		 * One session-level advisory lock held for the whole run on a dedicated
		 * connection. A crashed holder releases it with its session.
		 */
		SESSION,

		/**
		 * A transaction-level advisory lock taken inside each migration's own
		 * transaction, for connections through PgBouncer in transaction pooling mode,
		 * where session state does not survive a transaction.
		 */
		TRANSACTION

	}

	/**
	 * What the startup check does with the safety findings of the migrations it is about
	 * to apply.
	 */
	public enum SafetyMode {

		/** Log each finding, with the live size of its relation, then apply. */
		WARN,

		/**
		 * Refuse to start, applying nothing, when a pending migration rewrites a
		 * relation, or blocks writes to it while it scans it, and the relation holds more
		 * than {@link HoistConfiguration#maxLockedRows(long)} rows; log the other
		 * findings.
		 */
		FAIL,

		/** Do not check. */
		OFF

	}

	/**
	 * How Hoist's messages name the settings they advise changing.
	 */
	public enum SettingNames {

		/** The builder methods of this class, such as {@code lockWaitTimeout(...)}. */
		API,

		/** Spring Boot properties, such as {@code hoist.lock.wait-timeout}. */
		SPRING_BOOT,

		/** The command line's flags, such as {@code --lock-wait-timeout}. */
		COMMAND_LINE

	}

	/**
	 * What a tenant is.
	 */
	public enum TenantKind {

		/**
		 * A schema of the configured database, with its own history table and lock.
		 */
		SCHEMA,

		/**
		 * A database of the configured server, each with the configured schema and
		 * history table.
		 */
		DATABASE

	}

	/**
	 * What one tenant's failure does to the others.
	 */
	public enum TenantFailurePolicy {

		/**
		 * Start no other tenant; those already under way finish. The run ends with the
		 * rest reported as skipped.
		 */
		STOP,

		/**
		 * Migrate every other tenant; the run ends with the failed tenants reported.
		 */
		CONTINUE

	}

	/**
	 * One shard of the tenants, for one worker of several: the tenants whose stable hash
	 * falls in shard {@code index} of {@code count}. Every tenant is in exactly one
	 * shard, a tenant's shard depends on its name and the count alone (adding or removing
	 * other tenants never moves it), and going from {@code count} to {@code count + 1}
	 * shards moves only the tenants of the new shard (a jump consistent hash of the
	 * name's SHA-256).
	 *
	 * @param index the shard, from 0 (Kubernetes' {@code JOB_COMPLETION_INDEX})
	 * @param count how many shards, at least 1
	 */
	public record TenantShard(int index, int count) {

		/**
		 * Create a shard.
		 * @param index the shard, from 0
		 * @param count how many shards
		 * @throws IllegalArgumentException unless {@code 0 <= index < count}
		 */
		public TenantShard {
			if (count < 1 || index < 0 || index >= count) {
				throw new IllegalArgumentException("A tenant shard is I/N with 0 <= I < N, such as 0/4 for the first"
						+ " of four, not " + index + "/" + count);
			}
		}

		/**
		 * Read a shard written as {@code I/N}, such as {@code 2/8}.
		 * @param text the shard
		 * @return the shard
		 * @throws IllegalArgumentException if the text is not {@code I/N} with
		 * {@code 0 <= I < N}
		 */
		public static TenantShard parse(String text) {
			String value = Objects.requireNonNull(text, "text").strip();
			int slash = value.indexOf('/');
			try {
				if (slash > 0) {
					return new TenantShard(Integer.parseInt(value.substring(0, slash).strip()),
							Integer.parseInt(value.substring(slash + 1).strip()));
				}
			}
			catch (NumberFormatException ex) {
				// said below
			}
			throw new IllegalArgumentException("Cannot read '" + text + "' as a tenant shard: write I/N with"
					+ " 0 <= I < N, such as 2/8 (in a Kubernetes Indexed Job: $(JOB_COMPLETION_INDEX)/N)");
		}

		/**
		 * Return the shard a tenant belongs to among {@code count} shards.
		 * @param tenant the tenant's name
		 * @param count how many shards
		 * @return the shard index, from 0
		 */
		public static int of(String tenant, int count) {
			if (count < 1) {
				throw new IllegalArgumentException("count must be at least 1, not " + count);
			}
			return jump(key(tenant), count);
		}

		/**
		 * Return whether a tenant belongs to this shard.
		 * @param tenant the tenant's name
		 * @return whether this shard works on it
		 */
		public boolean contains(String tenant) {
			return of(tenant, this.count) == this.index;
		}

		// Lamping and Veach, "A Fast, Minimal Memory, Consistent Hash Algorithm" (2014)
		private static int jump(long key, int buckets) {
			long b = -1;
			long j = 0;
			long k = key;
			while (j < buckets) {
				b = j;
				k = k * 2862933555777941757L + 1;
				j = (long) ((b + 1) * ((double) (1L << 31) / (double) ((k >>> 33) + 1)));
			}
			return (int) b;
		}

		private static long key(String tenant) {
			try {
				byte[] digest = MessageDigest.getInstance("SHA-256").digest(tenant.getBytes(StandardCharsets.UTF_8));
				long key = 0;
				for (int i = 0; i < 8; i++) {
					key = (key << 8) | (digest[i] & 0xFF);
				}
				return key;
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
			}
		}

		@Override
		public String toString() {
			return this.index + "/" + this.count;
		}

	}

}
