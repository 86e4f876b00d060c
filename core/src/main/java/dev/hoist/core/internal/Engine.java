package dev.hoist.core.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.HoistConfiguration.LockMode;
import dev.hoist.core.HoistException;
import dev.hoist.core.ValidationException;
import org.jspecify.annotations.Nullable;

/**
 * What every command shares: the configuration snapshot, the migrations of this build,
 * the executor that runs their statements, the listeners, and the way to Hoist's session
 * (waiting for the database as configured) and to the migration lock. Each command is a
 * class of its own beside this one ({@link MigrateCommand}, {@link StatusCommand},
 * {@link DowngradeCommand}, {@link BaselineCommand}, {@link RepairCommand},
 * {@link CleanCommand}).
 */
public final class Engine {

	private final HoistConfiguration configuration;

	private final MigrationLoader loader;

	// made on first use: a start at the head runs no migration
	private volatile @Nullable MigrationExecutor executor;

	private final Listeners listeners;

	private final DatabaseWaiter waiter;

	private final MigrationLoader.@Nullable Loaded loaded;

	/**
	 * Create the engine of one configuration.
	 * @param configuration the configuration snapshot
	 */
	public Engine(HoistConfiguration configuration) {
		this.configuration = configuration;
		this.listeners = new Listeners(configuration.getListeners());
		this.loader = new MigrationLoader(configuration);
		this.waiter = new DatabaseWaiter(configuration, this.listeners);
		this.loaded = null;
	}

	private Engine(HoistConfiguration configuration, MigrationLoader.Loaded loaded, Listeners listeners,
			@Nullable DatabaseWaiter waiter) {
		this.configuration = configuration;
		this.listeners = listeners;
		this.loader = new MigrationLoader(configuration);
		this.waiter = (waiter != null) ? waiter : new DatabaseWaiter(configuration, listeners);
		this.loaded = loaded;
	}

	/**
	 * Create the engine of one tenant, which shares this build's migrations, loaded once
	 * for every tenant.
	 * @param configuration the tenant's configuration
	 * @param loaded this build's migrations
	 * @param listeners the tenant's listeners
	 * @param waiter a waiter to share, when tenants share a data source, or {@code null}
	 * for one of the tenant's own
	 * @return the tenant's engine
	 */
	Engine forTenant(HoistConfiguration configuration, MigrationLoader.Loaded loaded, Listeners listeners,
			@Nullable DatabaseWaiter waiter) {
		return new Engine(configuration, loaded, listeners, waiter);
	}

	public HoistConfiguration configuration() {
		return this.configuration;
	}

	Listeners listeners() {
		return this.listeners;
	}

	MigrationExecutor executor() {
		MigrationExecutor result = this.executor;
		if (result == null) {
			result = new MigrationExecutor(this.configuration);
			this.executor = result;
		}
		return result;
	}

	/**
	 * Load this build's migrations.
	 * @return the migrations and file problems
	 */
	public MigrationLoader.Loaded load() {
		return (this.loaded != null) ? this.loaded : this.loader.load();
	}

	DatabaseWaiter waiter() {
		return this.waiter;
	}

	/**
	 * Open a plain connection, waiting for the database as configured.
	 * @return the connection, as the data source gives it
	 */
	Connection connect() {
		return this.waiter.connect(dataSource(), this.configuration.getDatabase());
	}

	/**
	 * Open a plain connection with a single attempt, for health checks.
	 * @return the connection, as the data source gives it
	 * @throws SQLException when it cannot connect
	 */
	Connection connectOnce() throws SQLException {
		return dataSource().getConnection();
	}

	/**
	 * Open Hoist's session for a command, waiting for the database as configured.
	 * @return the session
	 * @throws SQLException on a database error after connecting
	 */
	Session open() throws SQLException {
		return open(connect());
	}

	/**
	 * Make a connection Hoist's session; closes it when that fails.
	 * @param connection the connection
	 * @return the session
	 * @throws SQLException on a database error
	 */
	Session open(Connection connection) throws SQLException {
		return Session.open(connection, this.configuration, this.listeners, null, isBorrowed());
	}

	/**
	 * Read history in one query on a connection as it is: what a start at the head and
	 * {@code status} need when the table is where Hoist keeps it.
	 * @param connection the connection
	 * @return the rows, or {@code null} when the table must be located first
	 */
	SchemaHistory.@Nullable Read readAsIs(Connection connection) {
		return SchemaHistory.readAsIs(connection, this.configuration);
	}

	/**
	 * Open a session whose every read gives up after a timeout, with a single connection
	 * attempt bounded the same way: for health checks, which must answer even when the
	 * database hangs.
	 * @param readTimeout the longest wait for each answer
	 * @return the session
	 * @throws SQLException on a database error, including a read that timed out
	 */
	Session open(Duration readTimeout) throws SQLException {
		Duration attempt = (readTimeout.compareTo(this.configuration.getConnectTimeout()) < 0) ? readTimeout
				: this.configuration.getConnectTimeout();
		return Session.open(DatabaseWaiter.attempt(dataSource(), attempt), this.configuration, this.listeners,
				readTimeout, isBorrowed());
	}

	// Hoist's own connections close when a command ends; any other data source may be a
	// pool that hands the connection on
	private boolean isBorrowed() {
		return !(dataSource() instanceof DriverDataSource);
	}

	/**
	 * Lay this build's migrations against history.
	 * @param loaded the migrations
	 * @param rows the history rows
	 * @param lockHeldElsewhere whether another session holds the migration lock
	 * @return the plan
	 */
	Plan plan(MigrationLoader.Loaded loaded, List<HistoryRow> rows, boolean lockHeldElsewhere) {
		return Plan.of(loaded, rows, this.configuration, lockHeldElsewhere);
	}

	/**
	 * Throw when a plan has validation problems.
	 * @param plan the plan
	 * @throws ValidationException listing them
	 */
	static void requireValid(Plan plan) {
		if (!plan.problems().isEmpty()) {
			throw new ValidationException(plan.problems());
		}
	}

	/**
	 * Run an operator's command on a new session under the session advisory lock, which
	 * it holds across several transactions.
	 * @param <T> what the command returns
	 * @param action the command, for messages
	 * @param work the work
	 * @return what the work returned
	 */
	<T> T underSessionLock(String action, LockedWork<T> work) {
		if (this.configuration.getLockMode() == LockMode.TRANSACTION) {
			throw new HoistException("'" + action + "' holds the migration lock across several transactions, which "
					+ SettingName.LOCK_MODE_TRANSACTION.in(this.configuration) + " (for PgBouncer transaction pooling)"
					+ " cannot provide. Run it through a" + " direct connection ("
					+ SettingName.URL.in(this.configuration) + ") with "
					+ SettingName.LOCK_MODE_SESSION.in(this.configuration));
		}
		try (Session session = open()) {
			return session.lock().whileHolding(session.connection(), (lockWait) -> work.run(session, lockWait));
		}
		catch (SQLException ex) {
			throw Session.failure(action, ex);
		}
	}

	private DataSource dataSource() {
		return Objects.requireNonNull(this.configuration.getDataSource(), "dataSource");
	}

	static Duration elapsed(long start) {
		return Duration.ofNanos(System.nanoTime() - start);
	}

	static String text(@Nullable Object version) {
		return (version != null) ? version.toString() : "(empty)";
	}

	/**
	 * Work done on a session under the migration lock.
	 *
	 * @param <T> what the work returns
	 */
	@FunctionalInterface
	interface LockedWork<T> {

		T run(Session session, Duration lockWait) throws SQLException;

	}

}
