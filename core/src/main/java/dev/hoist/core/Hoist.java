package dev.hoist.core;

import java.time.Duration;
import java.util.Objects;

import javax.sql.DataSource;

import dev.hoist.core.internal.Engine;
import dev.hoist.core.internal.Settings;

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
 * Instances are immutable and thread-safe; each call uses one connection of its own.
 */
public final class Hoist {

	private final Engine engine;

	private final HoistConfiguration configuration;

	Hoist(HoistConfiguration configuration) {
		this.configuration = configuration;
		DataSource dataSource = Objects.requireNonNull(configuration.getDataSource());
		this.engine = new Engine(new Settings(dataSource, configuration.getLocations(), configuration.getSchema(),
				configuration.getTable(), configuration.getTarget(), configuration.isOutOfOrder(),
				configuration.getAheadPolicy(), configuration.getLockMode(), configuration.getLockTimeout(),
				configuration.getDdlLockTimeout(), configuration.getDdlLockRetries(), configuration.getInstalledBy(),
				configuration.getApplicationName(), configuration.getListeners(), configuration.getJavaMigrations(),
				configuration.getClassLoader(), configuration.isCleanEnabled()));
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
		return this.engine.migrate();
	}

	/**
	 * Read where the schema stands, without changing anything or taking the lock.
	 * @return the status, with any validation problems
	 */
	public HoistStatus status() {
		return this.engine.status();
	}

	/**
	 * Read where the schema stands, as {@link #status()} does, giving up on any statement
	 * that takes longer than the timeout (the server cancels it) and on a server that
	 * does not answer at all: for health checks, which must answer even when the database
	 * hangs. Getting the connection is bounded by its pool or driver.
	 * @param readTimeout the longest wait for each statement
	 * @return the status, with any validation problems
	 * @throws HoistException if the database cannot be read, or did not answer in time
	 */
	public HoistStatus status(Duration readTimeout) {
		return this.engine.status(Objects.requireNonNull(readTimeout, "readTimeout"));
	}

	/**
	 * Check this build's migrations against the database's history without changing
	 * anything.
	 * @throws ValidationException listing every problem found
	 */
	public void validate() {
		this.engine.validate();
	}

	/**
	 * Return the configuration this instance was built from.
	 * @return the configuration
	 */
	public HoistConfiguration configuration() {
		return this.configuration;
	}

}
