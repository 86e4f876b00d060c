package dev.hoist.core.internal;

import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.HoistConfiguration.SettingNames;

/**
 * Every setting a message may advise changing, with each of its spellings: the builder
 * method, the Spring Boot property, the command-line flag and the environment variable
 * that both of the latter read. A message names the spelling of whoever configured Hoist.
 */
public enum SettingName {

	/** Where migrations are. */
	LOCATIONS("locations(...)", "hoist.locations", "--locations", "HOIST_LOCATIONS"),

	/** The schema of history and migrations. */
	SCHEMA("schema(...)", "hoist.schema", "--schema", "HOIST_SCHEMA"),

	/** The last version to apply. */
	TARGET("target(...)", "hoist.target", "--target", "HOIST_TARGET"),

	/** Whether pending migrations older than the revision are applied. */
	OUT_OF_ORDER("outOfOrder(true)", "hoist.out-of-order=true", "--out-of-order", "HOIST_OUT_OF_ORDER=true"),

	/** What to do when the database is ahead of this build. */
	AHEAD_WARN("aheadPolicy(AheadPolicy.WARN)", "hoist.ahead=warn", "--ahead=warn", "HOIST_AHEAD=warn"),

	/** How instances exclude each other. */
	LOCK_MODE("lockMode(...)", "hoist.lock.mode", "--lock-mode", "HOIST_LOCK_MODE"),

	/** The session lock mode, for a direct connection. */
	LOCK_MODE_SESSION("lockMode(LockMode.SESSION)", "hoist.lock.mode=session", "--lock-mode=session",
			"HOIST_LOCK_MODE=session"),

	/** The transaction lock mode, for PgBouncer transaction pooling. */
	LOCK_MODE_TRANSACTION("lockMode(LockMode.TRANSACTION)", "hoist.lock.mode=transaction", "--lock-mode=transaction",
			"HOIST_LOCK_MODE=transaction"),

	/** The longest wait for another instance's migration lock. */
	LOCK_WAIT_TIMEOUT("lockWaitTimeout(...)", "hoist.lock.wait-timeout", "--lock-wait-timeout",
			"HOIST_LOCK_WAIT_TIMEOUT"),

	/** PostgreSQL's lock_timeout for migration statements. */
	DDL_LOCK_TIMEOUT("ddlLockTimeout(...)", "hoist.ddl-lock-timeout", "--ddl-lock-timeout", "HOIST_DDL_LOCK_TIMEOUT"),

	/** Retries after a DDL lock timeout. */
	DDL_LOCK_RETRIES("ddlLockRetries(...)", "hoist.ddl-lock-retries", "--ddl-lock-retries", "HOIST_DDL_LOCK_RETRIES"),

	/** How long commands wait for the database. */
	WAIT_TIMEOUT("waitTimeout(...)", "hoist.wait.timeout", "--wait-timeout", "HOIST_WAIT_TIMEOUT"),

	/** The longest time one connection attempt may take. */
	CONNECT_TIMEOUT("connectTimeout(...)", "hoist.connect-timeout", "--connect-timeout", "HOIST_CONNECT_TIMEOUT"),

	/** How soon PostgreSQL ends a lost session of Hoist's, and frees its lock. */
	LOST_HOLDER_TIMEOUT("lostHolderTimeout(...)", "hoist.lock.lost-holder-timeout", "--lost-holder-timeout",
			"HOIST_LOCK_LOST_HOLDER_TIMEOUT"),

	/** A database URL of Hoist's own, bypassing a pooler. */
	URL("url(...)", "hoist.url", "--url", "HOIST_URL"),

	/**
	 * Whether clean may run; on the command line only the flag enables it, never a
	 * variable from the environment or a file.
	 */
	CLEAN_ENABLED("cleanEnabled(true)", "hoist.clean-enabled=true", "--clean-enabled", "HOIST_CLEAN_ENABLED=true",
			true),

	/** The most rows clean may drop; on the command line a flag only. */
	CLEAN_MAX_ROWS("cleanMaxRows(...)", "hoist.clean-max-rows", "--clean-max-rows", "HOIST_CLEAN_MAX_ROWS", true),

	/** What the startup check does with the safety findings of pending migrations. */
	SAFETY_MODE("safetyMode(...)", "hoist.safety.mode", "--safety-mode", "HOIST_SAFETY_MODE"),

	/** The startup check logs its findings and applies the migrations. */
	SAFETY_MODE_WARN("safetyMode(SafetyMode.WARN)", "hoist.safety.mode=warn", "--safety-mode=warn",
			"HOIST_SAFETY_MODE=warn"),

	/** The most rows a pending migration may hold a long lock on. */
	MAX_LOCKED_ROWS("maxLockedRows(...)", "hoist.safety.max-locked-rows", "--max-locked-rows",
			"HOIST_SAFETY_MAX_LOCKED_ROWS"),

	/** The database drift, verify and plan build schemas on. */
	SHADOW_URL("shadowUrl(...)", "hoist.shadow.url", "--shadow-url", "HOIST_SHADOW_URL"),

	/** The fixed list of tenant schemas. */
	TENANT_SCHEMAS("tenantSchemas(...)", "hoist.tenants.schemas", "--tenants", "HOIST_TENANTS_SCHEMAS"),

	/** The fixed list of tenant databases. */
	TENANT_DATABASES("tenantDatabases(...)", "hoist.tenants.databases", "--tenants --tenants-kind=database",
			"HOIST_TENANTS_DATABASES"),

	/** The query that lists the tenants. */
	TENANTS_QUERY("tenantsQuery(...)", "hoist.tenants.query", "--tenants-query", "HOIST_TENANTS_QUERY"),

	/** Whether the tenant settings apply. */
	TENANTS_DISABLED("tenantSchemas()", "hoist.tenants.enabled=false", "--tenants-enabled=false",
			"HOIST_TENANTS_ENABLED=false"),

	/** How many tenants migrate at once. */
	TENANTS_PARALLELISM("tenantParallelism(...)", "hoist.tenants.parallelism", "--parallel",
			"HOIST_TENANTS_PARALLELISM"),

	/** How many tenants form the canary. */
	TENANTS_CANARY("tenantCanary(...)", "hoist.tenants.canary", "--canary", "HOIST_TENANTS_CANARY"),

	/** What a tenant's failure does to the others. */
	TENANTS_ON_FAILURE("tenantFailurePolicy(...)", "hoist.tenants.on-failure", "--on-failure",
			"HOIST_TENANTS_ON_FAILURE");

	private final String api;

	private final String property;

	private final String flag;

	private final String variable;

	private final boolean flagOnly;

	SettingName(String api, String property, String flag, String variable) {
		this(api, property, flag, variable, false);
	}

	SettingName(String api, String property, String flag, String variable, boolean flagOnly) {
		this.api = api;
		this.property = property;
		this.flag = flag;
		this.variable = variable;
		this.flagOnly = flagOnly;
	}

	/**
	 * Return this setting as the configuration's user writes it, such as
	 * {@code hoist.lock.wait-timeout} for a Spring Boot application.
	 * @param configuration the configuration whose messages name it
	 * @return the spelling
	 */
	public String in(HoistConfiguration configuration) {
		return spelled(configuration.getSettingNames());
	}

	/**
	 * Return this setting in one spelling; the property and the flag come with the
	 * environment variable that sets them too.
	 * @param names the spelling
	 * @return the spelling
	 */
	public String spelled(SettingNames names) {
		return switch (names) {
			case API -> this.api;
			case SPRING_BOOT -> this.property + " (" + this.variable + ")";
			case COMMAND_LINE -> this.flagOnly ? this.flag : this.flag + " (" + this.variable + ")";
		};
	}

}
