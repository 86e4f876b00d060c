package dev.hoist.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import dev.hoist.core.HoistConfiguration;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

/**
 * Configuration properties for Hoist.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("hoist")
public class HoistProperties {

	/**
	 * What Hoist does at startup: 'migrate' applies pending migrations, 'validate' never
	 * writes and waits until the database reaches this build's head, 'off' does nothing.
	 */
	private Mode mode = Mode.MIGRATE;

	/**
	 * Locations of migration files, with 'classpath:' or 'filesystem:' prefixes. Each
	 * must exist unless prefixed with 'optional:', as in
	 * 'optional:filesystem:/etc/app/migrations'.
	 */
	private List<String> locations = new ArrayList<>(List.of(HoistConfiguration.DEFAULT_LOCATION));

	/**
	 * Schema of the history table, created when missing. Default is the connection's
	 * current schema.
	 */
	private @Nullable String schema;

	/**
	 * Name of the history table.
	 */
	private String table = HoistConfiguration.DEFAULT_TABLE;

	/**
	 * Last version to apply. Default is every version; 'latest' means the same.
	 */
	private @Nullable String target;

	/**
	 * Whether pending migrations older than the database's revision are applied instead
	 * of refused.
	 */
	private boolean outOfOrder;

	/**
	 * What to do when the database holds migrations newer than this build: 'warn' starts
	 * (rolling deploys need this), 'fail' refuses to start.
	 */
	private HoistConfiguration.AheadPolicy ahead = HoistConfiguration.AheadPolicy.WARN;

	/**
	 * PostgreSQL 'lock_timeout' for migration statements, so that DDL never queues behind
	 * a long reader; a migration whose statement times out is rolled back and retried.
	 * Default is no timeout.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private @Nullable Duration ddlLockTimeout;

	/**
	 * How many times a migration whose statement hit 'ddl-lock-timeout' is retried.
	 */
	private int ddlLockRetries = HoistConfiguration.DEFAULT_DDL_LOCK_RETRIES;

	/**
	 * Longest time one connection attempt of Hoist's may take: reaching the server, TLS
	 * and login, also against a server that accepts connections and never answers. An
	 * attempt also ends when 'hoist.wait.timeout' does. A pool migrated through bounds
	 * its attempts itself.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private Duration connectTimeout = HoistConfiguration.DEFAULT_CONNECT_TIMEOUT;

	/**
	 * Who the history table records as having applied migrations. Default is the database
	 * user.
	 */
	private @Nullable String installedBy;

	/**
	 * The 'application_name' of Hoist's connection, which operators see as the lock
	 * holder. Default is 'hoist@' followed by the host name.
	 */
	private @Nullable String applicationName;

	/**
	 * JDBC URL of the database to migrate, when migrations need a connection of their own
	 * (past PgBouncer, for example). Default is the application's data source.
	 */
	private @Nullable String url;

	/**
	 * User to migrate as, such as the schema owner, when the application's user may not
	 * change the schema. Default is the application's user.
	 */
	private @Nullable String user;

	/**
	 * Password of the user to migrate as.
	 */
	private @Nullable String password;

	/**
	 * How long an instance in 'validate' mode waits for another instance or a job to
	 * bring the database to this build's head before it refuses to start.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private Duration validateTimeout = Duration.ofMinutes(5);

	/**
	 * Whether the 'clean' command, which drops every object in the schema, may run. In
	 * command mode (hoist.command=clean) it counts only when given on the command line or
	 * as a system property, never from a file or the environment.
	 */
	private boolean cleanEnabled;

	/**
	 * Most rows the schema's tables (not counting the history table) may hold for 'clean'
	 * to empty it; more is refused as a database with real data.
	 */
	private long cleanMaxRows = HoistConfiguration.DEFAULT_CLEAN_MAX_ROWS;

	/**
	 * Profiles under which the 'clean' command may run in command mode: at least one of
	 * them must be active, and no other.
	 */
	private List<String> cleanProfiles = new ArrayList<>(List.of("dev", "development", "local", "test"));

	/**
	 * Whether to refuse to start when Flyway or Liquibase would also migrate this
	 * application's database.
	 */
	private boolean failOnOtherMigrationTools = true;

	/**
	 * Operations command to run instead of the startup migration, after which the
	 * application exits with the command's exit code and starts no web server, such as
	 * 'status' or 'check' (every command of dev.hoist.core.command.HoistCommand).
	 */
	private @Nullable String command;

	/**
	 * Number of migrations the 'downgrade' command reverts; alternatively 'hoist.target'
	 * names the version to downgrade to.
	 */
	private @Nullable Integer steps;

	/**
	 * Version the 'baseline' command records as applied.
	 */
	private @Nullable String baselineVersion;

	/**
	 * Description of the row the 'baseline' command records.
	 */
	private @Nullable String baselineDescription;

	/**
	 * Whether the command mode prints JSON instead of text.
	 */
	private boolean json;

	private final Lock lock = new Lock();

	private final Wait wait = new Wait();

	private final Shadow shadow = new Shadow();

	private final Drift drift = new Drift();

	private final Safety safety = new Safety();

	private final Generate generate = new Generate();

	private final Tenants tenants = new Tenants();

	public Mode getMode() {
		return this.mode;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public void setMode(Mode mode) {
		this.mode = mode;
	}

	public List<String> getLocations() {
		return this.locations;
	}

	public void setLocations(List<String> locations) {
		this.locations = locations;
	}

	public @Nullable String getSchema() {
		return this.schema;
	}

	public void setSchema(@Nullable String schema) {
		this.schema = schema;
	}

	public String getTable() {
		return this.table;
	}

	public void setTable(String table) {
		this.table = table;
	}

	public @Nullable String getTarget() {
		return this.target;
	}

	public void setTarget(@Nullable String target) {
		this.target = target;
	}

	public boolean isOutOfOrder() {
		return this.outOfOrder;
	}

	public void setOutOfOrder(boolean outOfOrder) {
		this.outOfOrder = outOfOrder;
	}

	public HoistConfiguration.AheadPolicy getAhead() {
		return this.ahead;
	}

	public void setAhead(HoistConfiguration.AheadPolicy ahead) {
		this.ahead = ahead;
	}

	public @Nullable Duration getDdlLockTimeout() {
		return this.ddlLockTimeout;
	}

	public void setDdlLockTimeout(@Nullable Duration ddlLockTimeout) {
		this.ddlLockTimeout = ddlLockTimeout;
	}

	public int getDdlLockRetries() {
		return this.ddlLockRetries;
	}

	public void setDdlLockRetries(int ddlLockRetries) {
		this.ddlLockRetries = ddlLockRetries;
	}

	public @Nullable String getInstalledBy() {
		return this.installedBy;
	}

	public void setInstalledBy(@Nullable String installedBy) {
		this.installedBy = installedBy;
	}

	public @Nullable String getApplicationName() {
		return this.applicationName;
	}

	public void setApplicationName(@Nullable String applicationName) {
		this.applicationName = applicationName;
	}

	public @Nullable String getUrl() {
		return this.url;
	}

	public void setUrl(@Nullable String url) {
		this.url = url;
	}

	public @Nullable String getUser() {
		return this.user;
	}

	public void setUser(@Nullable String user) {
		this.user = user;
	}

	public @Nullable String getPassword() {
		return this.password;
	}

	public void setPassword(@Nullable String password) {
		this.password = password;
	}

	public Duration getValidateTimeout() {
		return this.validateTimeout;
	}

	public void setValidateTimeout(Duration validateTimeout) {
		this.validateTimeout = validateTimeout;
	}

	public boolean isCleanEnabled() {
		return this.cleanEnabled;
	}

	public void setCleanEnabled(boolean cleanEnabled) {
		this.cleanEnabled = cleanEnabled;
	}

	public long getCleanMaxRows() {
		return this.cleanMaxRows;
	}

	public void setCleanMaxRows(long cleanMaxRows) {
		this.cleanMaxRows = cleanMaxRows;
	}

	public List<String> getCleanProfiles() {
		return this.cleanProfiles;
	}

	public void setCleanProfiles(List<String> cleanProfiles) {
		this.cleanProfiles = cleanProfiles;
	}

	public boolean isFailOnOtherMigrationTools() {
		return this.failOnOtherMigrationTools;
	}

	public void setFailOnOtherMigrationTools(boolean failOnOtherMigrationTools) {
		this.failOnOtherMigrationTools = failOnOtherMigrationTools;
	}

	public @Nullable String getCommand() {
		return this.command;
	}

	public void setCommand(@Nullable String command) {
		this.command = command;
	}

	public @Nullable Integer getSteps() {
		return this.steps;
	}

	public void setSteps(@Nullable Integer steps) {
		this.steps = steps;
	}

	public @Nullable String getBaselineVersion() {
		return this.baselineVersion;
	}

	public void setBaselineVersion(@Nullable String baselineVersion) {
		this.baselineVersion = baselineVersion;
	}

	public @Nullable String getBaselineDescription() {
		return this.baselineDescription;
	}

	public void setBaselineDescription(@Nullable String baselineDescription) {
		this.baselineDescription = baselineDescription;
	}

	public boolean isJson() {
		return this.json;
	}

	public void setJson(boolean json) {
		this.json = json;
	}

	public Lock getLock() {
		return this.lock;
	}

	public Wait getWait() {
		return this.wait;
	}

	public Generate getGenerate() {
		return this.generate;
	}

	public Shadow getShadow() {
		return this.shadow;
	}

	public Drift getDrift() {
		return this.drift;
	}

	public Safety getSafety() {
		return this.safety;
	}

	public Tenants getTenants() {
		return this.tenants;
	}

	/**
	 * What Hoist does at startup.
	 */
	public enum Mode {

		/** Apply pending migrations under the migration lock. */
		MIGRATE,

		/**
		 * Never write: wait until the database reaches this build's head, then validate.
		 * For replicas when a Kubernetes job migrates.
		 */
		VALIDATE,

		/** Do nothing: Hoist's auto-configuration backs off. */
		OFF

	}

	/**
	 * How instances exclude each other while migrating.
	 */
	public static class Lock {

		/**
		 * How instances exclude each other: 'session' holds one advisory lock for the
		 * whole run, 'transaction' takes one per migration for PgBouncer in transaction
		 * pooling mode.
		 */
		private HoistConfiguration.LockMode mode = HoistConfiguration.LockMode.SESSION;

		/**
		 * How long to wait for another instance's migration lock; PostgreSQL's
		 * 'lock_timeout' for migration statements is 'hoist.ddl-lock-timeout'.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration waitTimeout = HoistConfiguration.DEFAULT_LOCK_WAIT_TIMEOUT;

		/**
		 * How soon PostgreSQL ends Hoist's session, and frees the migration lock, when
		 * this instance is killed during a long statement or its machine vanishes without
		 * closing the connection. Sets client_connection_check_interval (PostgreSQL 14+),
		 * TCP keepalives and tcp_user_timeout on Hoist's session only; 0 keeps the
		 * server's settings, whose keepalive notices a vanished machine after about two
		 * hours.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration lostHolderTimeout = HoistConfiguration.DEFAULT_LOST_HOLDER_TIMEOUT;

		public HoistConfiguration.LockMode getMode() {
			return this.mode;
		}

		public void setMode(HoistConfiguration.LockMode mode) {
			this.mode = mode;
		}

		public Duration getWaitTimeout() {
			return this.waitTimeout;
		}

		public void setWaitTimeout(Duration waitTimeout) {
			this.waitTimeout = waitTimeout;
		}

		public Duration getLostHolderTimeout() {
			return this.lostHolderTimeout;
		}

		public void setLostHolderTimeout(Duration lostHolderTimeout) {
			this.lostHolderTimeout = lostHolderTimeout;
		}

	}

	/**
	 * How Hoist waits for the database to answer before migrating.
	 */
	public static class Wait {

		/**
		 * Whether to wait for the database to answer before migrating.
		 */
		private boolean enabled = true;

		/**
		 * Delay after the first failed connection attempt.
		 */
		@DurationUnit(ChronoUnit.MILLIS)
		private Duration initialDelay = HoistConfiguration.DEFAULT_WAIT_INITIAL_DELAY;

		/**
		 * Factor between one delay and the next.
		 */
		private double multiplier = HoistConfiguration.DEFAULT_WAIT_MULTIPLIER;

		/**
		 * Longest delay between two connection attempts.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration maxDelay = HoistConfiguration.DEFAULT_WAIT_MAX_DELAY;

		/**
		 * How long to wait for the database in total before refusing to start.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration timeout = Duration.ofSeconds(60);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getInitialDelay() {
			return this.initialDelay;
		}

		public void setInitialDelay(Duration initialDelay) {
			this.initialDelay = initialDelay;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxDelay() {
			return this.maxDelay;
		}

		public void setMaxDelay(Duration maxDelay) {
			this.maxDelay = maxDelay;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	/**
	 * The safety check before the startup migration: the static rules of 'lint' over the
	 * pending migrations, with the live size of each relation they name.
	 */
	public static class Safety {

		/**
		 * What the check does with the findings: 'warn' logs each one and applies, 'fail'
		 * refuses to start when a pending migration rewrites a relation, or blocks writes
		 * to it while it scans it, and the relation holds more than max-locked-rows rows;
		 * 'off' skips the check.
		 */
		private HoistConfiguration.SafetyMode mode = HoistConfiguration.SafetyMode.WARN;

		/**
		 * The most rows a pending migration may rewrite, or block writes to while it
		 * scans them, under mode 'fail'.
		 */
		private long maxLockedRows = HoistConfiguration.DEFAULT_MAX_LOCKED_ROWS;

		public HoistConfiguration.SafetyMode getMode() {
			return this.mode;
		}

		public void setMode(HoistConfiguration.SafetyMode mode) {
			this.mode = mode;
		}

		public long getMaxLockedRows() {
			return this.maxLockedRows;
		}

		public void setMaxLockedRows(long maxLockedRows) {
			this.maxLockedRows = maxLockedRows;
		}

	}

	/**
	 * The database that plan, drift, verify and generate build schemas on by applying
	 * migrations: never the migrated database.
	 */
	public static class Shadow {

		/**
		 * JDBC or postgres:// URL of an empty database Hoist may use and empties again
		 * after each use. When unset, Hoist creates a temporary database on the migrated
		 * server (its user needs CREATEDB) and drops it afterwards.
		 */
		private @Nullable String url;

		/**
		 * User of the shadow database, when not in its URL.
		 */
		private @Nullable String user;

		/**
		 * Password of the shadow database, when not in its URL.
		 */
		private @Nullable String password;

		public @Nullable String getUrl() {
			return this.url;
		}

		public void setUrl(@Nullable String url) {
			this.url = url;
		}

		public @Nullable String getUser() {
			return this.user;
		}

		public void setUser(@Nullable String user) {
			this.user = user;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public void setPassword(@Nullable String password) {
			this.password = password;
		}

	}

	/**
	 * The 'generate' command: the migration that makes the migrations give the schema the
	 * application's JPA entities want.
	 */
	public static class Generate {

		/**
		 * What the generated migration does, for its file name, such as 'add loyalty
		 * points'.
		 */
		private @Nullable String description;

		/**
		 * Directory the generated migration is written to, relative to the working
		 * directory.
		 */
		private String directory = "src/main/resources/db/migration";

		/**
		 * Whether 'generate' drops tables that the migrations create and no entity maps,
		 * rather than keeping them and listing them as outside the entity model.
		 */
		private boolean dropUnmappedTables;

		public @Nullable String getDescription() {
			return this.description;
		}

		public void setDescription(@Nullable String description) {
			this.description = description;
		}

		public String getDirectory() {
			return this.directory;
		}

		public void setDirectory(String directory) {
			this.directory = directory;
		}

		public boolean isDropUnmappedTables() {
			return this.dropUnmappedTables;
		}

		public void setDropUnmappedTables(boolean dropUnmappedTables) {
			this.dropUnmappedTables = dropUnmappedTables;
		}

	}

	/**
	 * The tenants of a multi-tenant service: a schema or a database per customer, each
	 * migrated on its own history table and lock.
	 */
	public static class Tenants {

		/**
		 * Whether the tenant settings apply. 'false' makes Hoist work on 'hoist.schema'
		 * alone, such as a command on one tenant.
		 */
		private boolean enabled = true;

		/**
		 * Schemas of the configured database to migrate, each a tenant with its own
		 * history table and lock; a missing schema is created.
		 */
		private List<String> schemas = new ArrayList<>();

		/**
		 * Databases of the configured server to migrate, each a tenant, reached with the
		 * configured URL and credentials. Hoist never creates them.
		 */
		private List<String> databases = new ArrayList<>();

		/**
		 * Query on the configured database, run at every start, whose first column lists
		 * the tenants, such as 'SELECT schema_name FROM tenants WHERE active'.
		 */
		private @Nullable String query;

		/**
		 * Whether 'hoist.tenants.query' returns schema or database names.
		 */
		private HoistConfiguration.TenantKind kind = HoistConfiguration.TenantKind.SCHEMA;

		/**
		 * How many tenants migrate at once, each on a connection of its own. Default is
		 * the maximum size of the application's connection pool, else 4.
		 */
		private @Nullable Integer parallelism;

		/**
		 * How many tenants with pending migrations migrate before any other; when one of
		 * them fails, no other tenant is touched and startup fails.
		 */
		private int canary;

		/**
		 * What a tenant's failure does: 'stop' starts no other tenant and fails startup;
		 * 'continue' migrates every other tenant and lets the application start, with the
		 * failed tenants in health.
		 */
		private HoistConfiguration.TenantFailurePolicy onFailure = HoistConfiguration.TenantFailurePolicy.STOP;

		/**
		 * The tenants this instance works on, as I/N with 0 <= I < N: one pod of N in a
		 * Kubernetes Indexed Job ('$(JOB_COMPLETION_INDEX)/N'). Default is every tenant.
		 */
		private @Nullable String shard;

		/**
		 * Whether one failed tenant makes the 'migrations' health contributor DOWN, and
		 * so readiness fail on every instance. By default it stays UP and lists the
		 * failed tenants.
		 */
		private boolean downOnFailure;

		/**
		 * Whether the 'hoist.tenant.migration' timer carries a 'tenant' tag: one time
		 * series per tenant, too many for most metrics backends.
		 */
		private boolean tenantMetrics;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public List<String> getSchemas() {
			return this.schemas;
		}

		public void setSchemas(List<String> schemas) {
			this.schemas = schemas;
		}

		public List<String> getDatabases() {
			return this.databases;
		}

		public void setDatabases(List<String> databases) {
			this.databases = databases;
		}

		public @Nullable String getQuery() {
			return this.query;
		}

		public void setQuery(@Nullable String query) {
			this.query = query;
		}

		public HoistConfiguration.TenantKind getKind() {
			return this.kind;
		}

		public void setKind(HoistConfiguration.TenantKind kind) {
			this.kind = kind;
		}

		public @Nullable Integer getParallelism() {
			return this.parallelism;
		}

		public void setParallelism(@Nullable Integer parallelism) {
			this.parallelism = parallelism;
		}

		public int getCanary() {
			return this.canary;
		}

		public void setCanary(int canary) {
			this.canary = canary;
		}

		public HoistConfiguration.TenantFailurePolicy getOnFailure() {
			return this.onFailure;
		}

		public void setOnFailure(HoistConfiguration.TenantFailurePolicy onFailure) {
			this.onFailure = onFailure;
		}

		public @Nullable String getShard() {
			return this.shard;
		}

		public void setShard(@Nullable String shard) {
			this.shard = shard;
		}

		public boolean isDownOnFailure() {
			return this.downOnFailure;
		}

		public void setDownOnFailure(boolean downOnFailure) {
			this.downOnFailure = downOnFailure;
		}

		public boolean isTenantMetrics() {
			return this.tenantMetrics;
		}

		public void setTenantMetrics(boolean tenantMetrics) {
			this.tenantMetrics = tenantMetrics;
		}

	}

	/**
	 * The opt-in periodic drift check.
	 */
	public static class Drift {

		/**
		 * How often to compare the live schema with the one the applied migrations build
		 * (on the shadow database, as the 'drift' command does), on a thread of its own;
		 * the last result is in /actuator/migrations and the hoist.schema.drift gauge.
		 * Unset: never.
		 */
		private @Nullable Duration checkInterval;

		public @Nullable Duration getCheckInterval() {
			return this.checkInterval;
		}

		public void setCheckInterval(@Nullable Duration checkInterval) {
			this.checkInterval = checkInterval;
		}

	}

}
