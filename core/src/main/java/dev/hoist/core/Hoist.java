package dev.hoist.core;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import dev.hoist.core.drift.Drift;
import dev.hoist.core.internal.BaselineCommand;
import dev.hoist.core.internal.CleanCommand;
import dev.hoist.core.internal.DowngradeCommand;
import dev.hoist.core.internal.DriftCommand;
import dev.hoist.core.internal.Engine;
import dev.hoist.core.internal.LintCommand;
import dev.hoist.core.internal.MigrateCommand;
import dev.hoist.core.internal.MigrationScaffold;
import dev.hoist.core.internal.PlanCommand;
import dev.hoist.core.internal.RepairCommand;
import dev.hoist.core.internal.StatusCommand;
import dev.hoist.core.internal.TenantsCommand;
import dev.hoist.core.internal.VerifyCommand;
import dev.hoist.core.lint.Finding;
import dev.hoist.core.plan.ObservedPlan;
import dev.hoist.core.tenants.TenantsResult;
import dev.hoist.core.verify.Verification;
import org.jspecify.annotations.Nullable;

/**
 * Hoist's entry point: migrates a PostgreSQL schema from versioned and repeatable SQL
 * files and Java migrations, under an advisory lock so that exactly one of many instances
 * does the work.
 *
 * <pre>{@code
 * Hoist hoist = Hoist.configure()
 *         .dataSource(dataSource)
 *         .locations("classpath:db/migration")
 *         .load();
 * MigrateResult result = hoist.migrate();
 * HoistStatus status = hoist.status();
 * }</pre>
 *
 * Every command waits for the database as configured
 * ({@link HoistConfiguration#waitTimeout(Duration)}). Instances are immutable and
 * thread-safe; each call uses one connection of its own.
 */
public final class Hoist {

	private final Engine engine;

	Hoist(HoistConfiguration configuration) {
		this.engine = new Engine(configuration);
	}

	/**
	 * Start configuring a new instance.
	 * @return a configuration with defaults
	 */
	public static HoistConfiguration configure() {
		return new HoistConfiguration();
	}

	/**
	 * Validate, then apply every pending migration (up to the target) under the migration
	 * lock. When nothing is pending this reads history once and returns without locking.
	 * @return what was applied
	 * @throws ValidationException if validation finds problems; nothing was changed
	 * @throws MigrationFailedException if a migration fails; it was rolled back (or, for
	 * a non-transactional one, left a failed row)
	 * @throws LockTimeoutException if another instance held the lock too long
	 */
	public MigrateResult migrate() {
		requireOneSchema("migrate", "migrateTenants()");
		return new MigrateCommand(this.engine).run();
	}

	/**
	 * Migrate every tenant configured with
	 * {@link HoistConfiguration#tenantSchemas(String...)},
	 * {@link HoistConfiguration#tenantDatabases(String...)},
	 * {@link HoistConfiguration#tenantsQuery(String, HoistConfiguration.TenantKind)} or
	 * {@link HoistConfiguration#tenants(HoistConfiguration.TenantKind, java.util.function.Supplier)}
	 * (of the configured shard only, when one is): each tenant is a schema, or a
	 * database, with its own history table and migration lock, migrated as
	 * {@link #migrate()} migrates one schema. A new tenant gets the whole history; its
	 * schema is created.
	 * <p>
	 * For schemas of one database, every tenant's history is read in one statement, so a
	 * start with every tenant at the head costs one round trip (after the tenant query,
	 * when there is one). The tenants that are behind migrate a few at a time
	 * ({@link HoistConfiguration#tenantParallelism(int)}), after a canary when one is
	 * configured; one tenant's failure stops the others or not as the failure policy
	 * says. A failed tenant is reported, never thrown: read
	 * {@link TenantsResult#failed()}.
	 * @return every tenant's outcome, in list order
	 * @throws ValidationException if this build's migration files are invalid; no tenant
	 * was touched
	 * @throws HoistException if no tenants are configured, or the tenant list cannot be
	 * read or holds names that cannot be tenants (duplicates, system schemas, names
	 * PostgreSQL would cut short) or none; no tenant was touched
	 */
	public TenantsResult migrateTenants() {
		requireTenants("migrateTenants()");
		return new TenantsCommand(this.engine, this.engine.configuration()::tenant).migrate();
	}

	/**
	 * Read where every tenant stands, without changing anything or taking any lock: for
	 * schemas of one database, in one statement for every tenant.
	 * @return every tenant's state, in list order; a tenant that cannot be read is
	 * {@link TenantsResult.State#FAILED} with the reason
	 * @throws HoistException if no tenants are configured, or the tenant list cannot be
	 * read
	 */
	public TenantsResult tenantStatus() {
		requireTenants("tenantStatus()");
		return new TenantsCommand(this.engine, this.engine.configuration()::tenant).status(null);
	}

	/**
	 * Read where every tenant stands, as {@link #tenantStatus()} does, giving up on any
	 * statement that takes longer than the timeout and on a server that does not answer
	 * the first connection attempt: for health checks.
	 * @param readTimeout the longest wait for each statement
	 * @return every tenant's state, in list order
	 * @throws HoistException if no tenants are configured, or the database or the tenant
	 * list cannot be read in time
	 */
	public TenantsResult tenantStatus(Duration readTimeout) {
		requireTenants("tenantStatus(...)");
		return new TenantsCommand(this.engine, this.engine.configuration()::tenant)
			.status(Objects.requireNonNull(readTimeout, "readTimeout"));
	}

	/**
	 * Read where the schema stands, without changing anything or taking the lock. Its
	 * {@link HoistStatus#outcome() outcome} is the answer of {@code check}, the gate for
	 * CI and deploy scripts: 0 when current, 1 when migrations are pending, 2 when
	 * invalid.
	 * @return the status, with any validation problems
	 */
	public HoistStatus status() {
		requireOneSchema("status", "tenantStatus()");
		return new StatusCommand(this.engine).status();
	}

	/**
	 * Read where the schema stands, as {@link #status()} does, giving up on any statement
	 * that takes longer than the timeout (the server cancels it) and on a server that
	 * does not answer at all, after a single connection attempt: for health checks, which
	 * must answer even when the database hangs.
	 * @param readTimeout the longest wait for each statement
	 * @return the status, with any validation problems
	 * @throws HoistException if the database cannot be read, or did not answer in time
	 */
	public HoistStatus status(Duration readTimeout) {
		requireOneSchema("status", "tenantStatus(...)");
		return new StatusCommand(this.engine).status(Objects.requireNonNull(readTimeout, "readTimeout"));
	}

	/**
	 * Check this build's migrations against the database's history without changing
	 * anything.
	 * @throws ValidationException listing every problem found
	 */
	public void validate() {
		requireOneSchema("validate", "tenantStatus()");
		new StatusCommand(this.engine).validate();
	}

	/**
	 * Return the configuration this instance was built from: a read-only snapshot.
	 * @return the configuration
	 */
	public HoistConfiguration configuration() {
		return this.engine.configuration();
	}

	/**
	 * Read the history table as this build sees it, without the lock: every row with
	 * when, how long and by whom, and its state against this build ({@code APPLIED},
	 * {@code CHANGED} when the file's checksum differs, {@code MISSING}, {@code FAILED},
	 * {@code AHEAD}, {@code BASELINE}).
	 * @return the rows in the order they were applied
	 */
	public List<MigrationInfo> history() {
		requireOneSchema("history", null);
		return new StatusCommand(this.engine).history();
	}

	/**
	 * Revert the newest applied migrations by running their {@code -- migrate:down}
	 * sections, newest version first, each in its own transaction together with the
	 * removal of its history row ({@code transaction:false} sections statement by
	 * statement, as their up), under the same lock as {@link #migrate()}. Refuses before
	 * changing anything when a migration in range has no down section.
	 * @param steps how many migrations to revert, at least 1
	 * @return what was reverted
	 * @throws HoistException if a migration in range cannot be reverted; nothing was
	 * changed
	 * @throws ValidationException if validation finds problems; nothing was changed
	 * @throws MigrationFailedException if a down section fails
	 */
	public DowngradeResult downgrade(int steps) {
		requireOneSchema("downgrade", null);
		return new DowngradeCommand(this.engine).steps(steps);
	}

	/**
	 * Revert every applied migration newer than a version, as {@link #downgrade(int)}
	 * does.
	 * @param version the version to end at, such as {@code 3}; {@code 0} reverts all
	 * @return what was reverted
	 * @throws HoistException if a migration in range cannot be reverted; nothing was
	 * changed
	 * @throws ValidationException if validation finds problems; nothing was changed
	 * @throws MigrationFailedException if a down section fails
	 */
	public DowngradeResult downgradeTo(String version) {
		requireOneSchema("downgrade", null);
		return new DowngradeCommand(this.engine).to(MigrationVersion.parse(version));
	}

	/**
	 * Adopt a database that predates Hoist: create the history table and record a
	 * baseline row, so that this build's migrations up to the version count as applied
	 * and {@link #migrate()} applies only later ones.
	 * @param version the version the existing schema corresponds to
	 * @param description what the baseline stands for, or {@code null} for a default
	 * @return the baseline row and the migrations it covers
	 * @throws HoistException if history already has rows; nothing was changed
	 */
	public BaselineResult baseline(String version, @Nullable String description) {
		requireOneSchema("baseline", null);
		return new BaselineCommand(this.engine).run(MigrationVersion.parse(version), description);
	}

	/**
	 * Repair the history table under the migration lock: record the file's checksum for
	 * each applied migration whose file changed, and remove the failed rows that
	 * non-transactional migrations left.
	 * @return each checksum realigned and each row removed
	 */
	public RepairResult repair() {
		requireOneSchema("repair", null);
		return new RepairCommand(this.engine).run();
	}

	/**
	 * Drop every object in the schema (tables, views, sequences, functions, types, the
	 * history table, ...) under the migration lock, in one transaction. The schema itself
	 * stays with its owner and grants.
	 * @return what was dropped
	 * @throws HoistException unless {@link HoistConfiguration#cleanEnabled(boolean)} is
	 * set; nothing was changed
	 */
	public CleanResult clean() {
		requireOneSchema("clean", null);
		return new CleanCommand(this.engine).run();
	}

	/**
	 * Compare the live schema with the schema its applied migrations produce: the
	 * history's versions (and repeatables) are applied from this build's files to a
	 * shadow database ({@link HoistConfiguration#shadowUrl(String, String, String)}, else
	 * a temporary database on the same server, dropped afterwards), both schemas are read
	 * from the catalogs and compared. The live database is only read: a read-only
	 * session, catalog queries in one read-only transaction, no lock beyond what they
	 * take, not even the migration lock. Invalid indexes are always reported.
	 * @return every difference, with the SQL that reverts it and the SQL that would adopt
	 * it
	 * @throws HoistException if the history names a version this build does not contain,
	 * has a failed row, or a file changed since it was applied; if no shadow database can
	 * be had; if a migration fails on it. Nothing is written to the live database.
	 */
	public Drift drift() {
		return new DriftCommand(this.engine).run();
	}

	/**
	 * Prove this build's down sections: apply its migrations one by one to one shadow
	 * database ({@link HoistConfiguration#shadowUrl(String, String, String)}, else a
	 * temporary database on the same server, dropped afterwards) and, for each with a
	 * down section: up, snapshot, down, compare with the snapshot before the up, up
	 * again, compare with the snapshot after the first up. The migrated database is only
	 * read.
	 * @return each migration with what was found: restored, failed (with the
	 * differences), irreversible
	 * @throws HoistException if no shadow database can be had
	 */
	public Verification verify() {
		return new VerifyCommand(this.engine).run();
	}

	/**
	 * Check the migrations that {@link #migrate()} would apply against the static safety
	 * rules ({@code docs/lint.md}): what each statement locks and for how long, and the
	 * safe way to do the same. Reads the database's history, major version and the size
	 * of each relation a finding names, from the catalogs only; changes nothing.
	 * @return the findings with the relations' sizes; validation problems are logged
	 */
	public List<Finding> lint() {
		return new LintCommand(this.engine).pending();
	}

	/**
	 * Check every migration of this build against the static safety rules, without a
	 * database, assuming the oldest PostgreSQL major Hoist supports.
	 * @return the findings
	 */
	public List<Finding> lintAll() {
		return new LintCommand(this.engine).all();
	}

	/**
	 * Check migration files against the static safety rules, without a database.
	 * Directories are searched for {@code .sql} files; files are read in the order
	 * migrations apply (by version), so that what one creates informs the rules on the
	 * next. Advice names Hoist's settings as this API's builder methods, such as
	 * {@code ddlLockTimeout(...)}.
	 * @param paths the files and directories
	 * @param postgresMajor the PostgreSQL major version they will run on, such as 16
	 * @return the findings
	 * @throws HoistException when a path does not exist or cannot be read
	 */
	public static List<Finding> lint(List<Path> paths, int postgresMajor) {
		return LintCommand.files(List.copyOf(paths), postgresMajor, HoistConfiguration.SettingNames.API);
	}

	/**
	 * Find out what the migrations that {@link #migrate()} would apply really lock: copy
	 * the live schema onto a shadow database
	 * ({@link HoistConfiguration#shadowUrl(String, String, String)}, else a temporary
	 * database on the same server, dropped afterwards), run each pending migration there
	 * in a transaction that is rolled back, and record which locks each statement takes
	 * on which existing relation and which relations it rewrites, joined with each
	 * relation's live size. Nothing pending ever runs on the live database, which is only
	 * read (history, catalogs, sizes).
	 * @return per migration and statement: relation, lock mode, rewrite, size and what it
	 * means; with the findings of the static rules
	 * @throws HoistException when no shadow database can be had, or the live schema
	 * cannot be copied onto it
	 */
	public ObservedPlan plan() {
		return new PlanCommand(this.engine).run();
	}

	/**
	 * Write a new migration file {@code V<version>__<description>.sql} whose version
	 * follows the directory's existing ones: the next integer after {@code V1},
	 * {@code V2}, the next last part after {@code V1.1}, the current UTC time
	 * ({@code yyyyMMddHHmmss}) after timestamps and in an empty directory. Its
	 * {@code -- migrate:up} and {@code -- migrate:down} sections hold a
	 * {@code hoist:todo} placeholder: the file is refused until its up section has SQL,
	 * and its down section counts as unfinished (validate and check fail, migrate warns)
	 * until it is written, or the placeholder deleted to make the migration irreversible.
	 * Needs no database.
	 * @param directory the directory, created when missing
	 * @param description words such as {@code "add orders index"}
	 * @return the new file
	 */
	public static Path newMigration(Path directory, String description) {
		return new MigrationScaffold(Clock.systemUTC()).write(directory, description);
	}

	private void requireTenants(String action) {
		if (!this.engine.configuration().hasTenants()) {
			throw new HoistException(action + " needs tenants: configure tenantSchemas(...), tenantDatabases(...),"
					+ " tenantsQuery(...) or tenants(...)");
		}
	}

	// a tenant configuration has no one schema to work on: say what does
	private void requireOneSchema(String command, @Nullable String forTenants) {
		HoistConfiguration configuration = this.engine.configuration();
		if (configuration.hasTenants()) {
			throw new HoistException("'" + command + "' works on one schema, but Hoist is configured with "
					+ TenantsCommand.describeSource(configuration) + "."
					+ ((forTenants != null) ? " Use " + forTenants + " for every tenant, or r" : " R")
					+ "un it on one tenant without the tenant list (" + TenantsCommand.oneTenantHint(configuration)
					+ ")");
		}
	}

}
