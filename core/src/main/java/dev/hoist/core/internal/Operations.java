package dev.hoist.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.hoist.core.BaselineResult;
import dev.hoist.core.CleanResult;
import dev.hoist.core.DowngradeResult;
import dev.hoist.core.HoistException;
import dev.hoist.core.LockMode;
import dev.hoist.core.MigrationFailedException;
import dev.hoist.core.MigrationInfo;
import dev.hoist.core.MigrationState;
import dev.hoist.core.MigrationType;
import dev.hoist.core.MigrationVersion;
import dev.hoist.core.RepairResult;
import dev.hoist.core.RepairResult.ChecksumChange;
import dev.hoist.core.ValidationException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's commands besides migrate: history, downgrade, baseline, repair and
 * clean. Every command that writes takes the same session advisory lock as migrate, so it
 * never interleaves with another instance's migration.
 */
public final class Operations {

	private static final Logger logger = LoggerFactory.getLogger(Operations.class);

	/** The description of a baseline row when none is given. */
	public static final String DEFAULT_BASELINE_DESCRIPTION = "<< Hoist baseline >>";

	private final Settings settings;

	private final MigrationLoader loader;

	private final MigrationExecutor executor;

	private final Listeners listeners;

	public Operations(Settings settings) {
		this.settings = settings;
		this.loader = new MigrationLoader(settings);
		this.executor = new MigrationExecutor(settings);
		this.listeners = new Listeners(settings.listeners());
	}

	/**
	 * Read the history table as this build sees it, without the lock.
	 * @return the rows in rank order with their state against this build
	 */
	public List<MigrationInfo> history() {
		MigrationLoader.Loaded loaded = this.loader.load();
		try (Session session = Session.open(this.settings)) {
			List<HistoryRow> rows = readIfExists(session);
			return Plan.of(loaded, rows, this.settings).status().applied();
		}
		catch (SQLException ex) {
			throw Session.failure("read the migration history", ex);
		}
	}

	/**
	 * Revert the newest applied migrations.
	 * @param steps how many
	 * @return what was reverted
	 */
	public DowngradeResult downgrade(int steps) {
		if (steps < 1) {
			throw new IllegalArgumentException("Downgrade needs at least 1 step, not " + steps);
		}
		return downgrade(new Range(steps, null));
	}

	/**
	 * Revert every applied migration newer than a version.
	 * @param target the version to end at
	 * @return what was reverted
	 */
	public DowngradeResult downgradeTo(MigrationVersion target) {
		return downgrade(new Range(0, target));
	}

	private DowngradeResult downgrade(Range range) {
		long start = System.nanoTime();
		MigrationLoader.Loaded loaded = this.loader.load();
		return locked("downgrade", (session, lockWait) -> {
			List<HistoryRow> rows = readIfExists(session);
			Plan plan = Plan.of(loaded, rows, this.settings);
			if (!plan.problems().isEmpty()) {
				throw new ValidationException(plan.problems());
			}
			MigrationVersion initial = plan.revision();
			List<Step> steps = downgradeSteps(loaded, rows, range);
			List<MigrationInfo> reverted = new ArrayList<>();
			for (Step step : steps) {
				reverted.add(revert(session, step));
			}
			if (!reverted.isEmpty()) {
				// a repeatable may depend on what was reverted (a view on a dropped
				// table):
				// forget its rows so the next migrate re-applies it on the schema as it
				// now is
				int forgotten = session.history().deleteRepeatables(session.connection());
				if (forgotten > 0) {
					logger.info("Hoist: repeatable migrations will be re-applied by the next migrate");
				}
			}
			MigrationVersion revision = Plan.of(loaded, session.history().read(session.connection()), this.settings)
				.revision();
			logger.info("Hoist: reverted {} migration{} in schema {}; revision {} -> {}", reverted.size(),
					(reverted.size() == 1) ? "" : "s", session.history().schema(), text(initial), text(revision));
			return new DowngradeResult(initial, revision, reverted, lockWait, Engine.elapsed(start));
		});
	}

	/**
	 * Work out, before changing anything, which rows a downgrade reverts and that each
	 * has a down section in this build.
	 */
	private List<Step> downgradeSteps(MigrationLoader.Loaded loaded, List<HistoryRow> rows, Range range) {
		Map<MigrationVersion, ResolvedMigration> files = new HashMap<>();
		for (ResolvedMigration migration : loaded.migrations()) {
			if (migration.version() != null) {
				files.put(migration.version(), migration);
			}
		}
		List<HistoryRow> versioned = rows.stream()
			.filter((row) -> row.success() && row.version() != null)
			.sorted(Comparator.comparing((HistoryRow row) -> Objects.requireNonNull(row.version())).reversed())
			.toList();
		List<HistoryRow> selected;
		if (range.target() != null) {
			MigrationVersion target = range.target();
			selected = versioned.stream()
				.filter((row) -> Objects.requireNonNull(row.version()).isNewerThan(target))
				.toList();
		}
		else {
			if (range.steps() > versioned.size()) {
				throw new HoistException("Cannot downgrade " + range.steps() + " steps: only " + versioned.size()
						+ " versioned migration" + ((versioned.size() == 1) ? " is" : "s are") + " applied. Nothing was"
						+ " changed");
			}
			selected = versioned.subList(0, range.steps());
		}
		List<Step> steps = new ArrayList<>();
		for (HistoryRow row : selected) {
			if (row.type() == MigrationType.BASELINE) {
				throw new HoistException("Cannot downgrade past the baseline " + row.version() + " ('"
						+ row.description() + "'): what it stands for was never applied by Hoist and has no down"
						+ " section. Nothing was changed; downgrade to " + row.version() + " at most");
			}
			ResolvedMigration file = files.get(row.version());
			if (file == null) {
				throw new HoistException("Cannot downgrade " + row.script() + " (version " + row.version()
						+ "): it is not in this build, so its down section is unknown. Nothing was changed; run the"
						+ " downgrade with the build that applied it");
			}
			ResolvedMigration.Irreversible irreversible = file.irreversible();
			if (irreversible != null) {
				String remedy = irreversible.remedy();
				throw new HoistException("Cannot downgrade " + file.location() + " (version " + row.version() + "): "
						+ irreversible.reason() + ", so it is irreversible. Nothing was changed. "
						+ ((steps.isEmpty()) ? Character.toUpperCase(remedy.charAt(0)) + remedy.substring(1)
								: "Downgrade to " + row.version() + " at most, or " + remedy));
			}
			steps.add(new Step(row, file));
		}
		return steps;
	}

	private MigrationInfo revert(Session session, Step step) throws SQLException {
		ResolvedMigration migration = step.migration();
		Connection connection = session.connection();
		long start = System.nanoTime();
		if (isDownTransactional(migration)) {
			logger.info("Hoist: reverting {}", migration.location());
			int attempt = 0;
			while (true) {
				connection.setAutoCommit(false);
				try {
					this.executor.runInTransaction(connection, migration, true);
					session.history().delete(connection, step.row().rank());
					connection.commit();
					break;
				}
				catch (MigrationExecutor.StepFailure failure) {
					connection.rollback();
					// as for migrate: a DDL lock_timeout is retried rather than queueing
					// behind traffic
					if (failure.isLockTimeout() && this.settings.ddlLockTimeout() != null
							&& attempt < this.settings.ddlLockRetries()) {
						attempt++;
						this.executor.backOff(migration, attempt);
						continue;
					}
					throw downFailure(failure.failure(), "It was rolled back; nothing of it was reverted.");
				}
				catch (SQLException | RuntimeException ex) {
					connection.rollback();
					throw ex;
				}
				finally {
					connection.setAutoCommit(true);
				}
			}
		}
		else {
			logger.info("Hoist: reverting {} statement by statement (transaction:false)", migration.location());
			try {
				this.executor.runInAutocommit(connection, migration, true);
			}
			catch (MigrationExecutor.StepFailure failure) {
				// the same contract as a failed non-transactional up: a failed row blocks
				// until repair
				markFailed(session, step.row().rank());
				throw downFailure(failure.failure(),
						"Its down section runs without a transaction (transaction:false): statements before the failing"
								+ " one stayed reverted, and its row in " + this.settings.table() + " is now marked"
								+ " failed. Finish reverting by hand, then run 'repair' (removes the row).");
			}
			session.history().delete(connection, step.row().rank());
		}
		HistoryRow row = step.row();
		return new MigrationInfo(row.version(), row.description(), row.type(), row.script(), row.checksum(),
				MigrationState.PENDING, null, null, null, Duration.ofNanos(System.nanoTime() - start));
	}

	private static boolean isDownTransactional(ResolvedMigration migration) {
		SqlMigrationParser.Parsed parsed = migration.parsed();
		if (parsed == null) {
			return true;
		}
		return Objects.requireNonNull(parsed.down()).transactional();
	}

	private static MigrationFailedException downFailure(MigrationFailedException failure, String consequence) {
		return new MigrationFailedException(
				failure.getMessage().replaceFirst("^Migration ", "Downgrade of ") + "\n" + consequence,
				failure.script(), failure.line(), failure.statement(), failure.sqlState(), failure.getCause());
	}

	private void markFailed(Session session, int rank) throws SQLException {
		try (PreparedStatement statement = session.connection()
			.prepareStatement(
					"UPDATE " + session.history().qualifiedName() + " SET success = false WHERE installed_rank = ?")) {
			statement.setInt(1, rank);
			statement.executeUpdate();
		}
	}

	/**
	 * Adopt a database that predates Hoist: record a baseline row so that versions up to
	 * it count as applied.
	 * @param version the baseline version
	 * @param description the description, or {@code null} for the default
	 * @return the baseline and the build's migrations it covers
	 */
	public BaselineResult baseline(MigrationVersion version, @Nullable String description) {
		MigrationLoader.Loaded loaded = this.loader.load();
		String text = (description != null && !description.isBlank()) ? description : DEFAULT_BASELINE_DESCRIPTION;
		return locked("baseline", (session, lockWait) -> {
			Connection connection = session.connection();
			session.history().create(connection);
			List<HistoryRow> rows = session.history().read(connection);
			if (!rows.isEmpty()) {
				Plan plan = Plan.of(loaded, rows, this.settings);
				throw new HoistException("Cannot baseline " + session.history().qualifiedName() + ": it already has "
						+ rows.size() + " row" + ((rows.size() == 1) ? "" : "s") + " (revision " + text(plan.revision())
						+ "). Baseline adopts a database Hoist has never migrated; this"
						+ " one is already managed. Nothing was changed");
			}
			session.history()
				.insert(connection, version, text, MigrationType.BASELINE, text, null, session.installedBy(), 0, true);
			HistoryRow row = session.history().read(connection).get(0);
			List<MigrationInfo> skipped = loaded.migrations()
				.stream()
				.filter((migration) -> migration.version() != null && migration.version().compareTo(version) <= 0)
				.map((migration) -> new MigrationInfo(migration.version(), migration.description(), migration.type(),
						migration.script(), migration.checksum(), MigrationState.BELOW_BASELINE, null, null, null,
						null))
				.toList();
			logger.info("Hoist: baselined schema {} at version {}; {} migration{} of this build count as applied",
					session.history().schema(), version, skipped.size(), (skipped.size() == 1) ? "" : "s");
			return new BaselineResult(info(row, MigrationState.BASELINE), skipped);
		});
	}

	/**
	 * Realign recorded checksums with the files and remove failed rows.
	 * @return each change made
	 */
	public RepairResult repair() {
		MigrationLoader.Loaded loaded = this.loader.load();
		return locked("repair", (session, lockWait) -> {
			if (!session.located().exists()) {
				logger.info("Hoist: nothing to repair; {} does not exist", session.history().qualifiedName());
				return new RepairResult(List.of(), List.of());
			}
			Connection connection = session.connection();
			Map<MigrationVersion, ResolvedMigration> files = new HashMap<>();
			for (ResolvedMigration migration : loaded.migrations()) {
				if (migration.version() != null) {
					files.put(migration.version(), migration);
				}
			}
			List<ChecksumChange> realigned = new ArrayList<>();
			List<MigrationInfo> removed = new ArrayList<>();
			connection.setAutoCommit(false);
			try {
				for (HistoryRow row : session.history().read(connection)) {
					if (!row.success()) {
						session.history().delete(connection, row.rank());
						removed.add(info(row, MigrationState.FAILED));
						logger.info("Hoist: repair removed the failed row of {} (version {})", row.script(),
								versionText(row));
						continue;
					}
					ResolvedMigration file = (row.version() != null && row.type() != MigrationType.BASELINE)
							? files.get(row.version()) : null;
					String checksum = (file != null) ? file.checksum() : null;
					if (file != null && checksum != null && !checksum.equals(row.checksum())) {
						session.history().updateChecksum(connection, row.rank(), checksum);
						realigned.add(new ChecksumChange(Objects.requireNonNull(row.version()), row.script(),
								row.checksum(), checksum));
						logger.info("Hoist: repair realigned the checksum of {} (version {}): {} -> {}", row.script(),
								row.version(), row.checksum(), checksum);
					}
				}
				connection.commit();
			}
			catch (SQLException | RuntimeException ex) {
				connection.rollback();
				throw ex;
			}
			finally {
				connection.setAutoCommit(true);
			}
			return new RepairResult(realigned, removed);
		});
	}

	/**
	 * Drop every object in the schema, the history table included.
	 * @return what was dropped
	 */
	public CleanResult clean() {
		if (!this.settings.cleanEnabled()) {
			throw new HoistException("Clean is disabled: it drops every object in the schema, data included."
					+ " Enable it deliberately where that is wanted (hoist.clean-enabled=true, cleanEnabled(true) in"
					+ " the API, --clean-enabled on the command line). Nothing was changed");
		}
		return locked("clean", (session, lockWait) -> {
			String schema = session.history().schema();
			Connection connection = session.connection();
			connection.setAutoCommit(false);
			try {
				List<String> dropped = new SchemaCleaner(connection, schema).clean();
				connection.commit();
				logger.info("Hoist: clean dropped {} object{} in schema {}", dropped.size(),
						(dropped.size() == 1) ? "" : "s", schema);
				return new CleanResult(schema, dropped);
			}
			catch (SQLException | RuntimeException ex) {
				connection.rollback();
				throw ex;
			}
			finally {
				connection.setAutoCommit(true);
			}
		});
	}

	/**
	 * Run work on a new session under the session advisory lock, releasing it after; an
	 * unlock failure never hides the work's own failure.
	 */
	private <T> T locked(String action, LockedWork<T> work) {
		if (this.settings.lockMode() == LockMode.TRANSACTION) {
			throw new HoistException("'" + action + "' holds the migration lock across several transactions, which"
					+ " hoist.lock.mode=transaction (for PgBouncer transaction pooling) cannot provide. Run it through"
					+ " a direct connection (hoist.url) with hoist.lock.mode=session");
		}
		try (Session session = Session.open(this.settings)) {
			Connection connection = session.connection();
			AdvisoryLock lock = session.lock();
			Duration lockWait = lock.acquire(connection, this.settings.lockTimeout(),
					(holder, waited) -> this.listeners.fire((listener) -> listener.lockWaiting(holder, waited)));
			this.listeners.fire((listener) -> listener.lockAcquired(lockWait));
			RuntimeException failure = null;
			try {
				return work.run(session, lockWait);
			}
			catch (SQLException ex) {
				failure = Session.failure(action, ex);
				throw failure;
			}
			catch (RuntimeException ex) {
				failure = ex;
				throw ex;
			}
			finally {
				release(session, lock, action, failure);
			}
		}
		catch (SQLException ex) {
			throw Session.failure(action, ex);
		}
	}

	private static void release(Session session, AdvisoryLock lock, String action, @Nullable RuntimeException failure) {
		try {
			lock.release(session.connection());
		}
		catch (SQLException | HoistException ex) {
			if (failure != null) {
				// the original failure is what the operator needs; never hide it
				logger.warn("Hoist: could not release the migration lock after a failed {}: {}", action,
						ex.getMessage());
				failure.addSuppressed(ex);
			}
			else if (ex instanceof HoistException hoist) {
				throw hoist;
			}
			else {
				throw Session.failure("release the migration lock", (SQLException) ex);
			}
		}
	}

	private static List<HistoryRow> readIfExists(Session session) throws SQLException {
		return session.located().exists() ? session.history().read(session.connection()) : List.of();
	}

	private static MigrationInfo info(HistoryRow row, MigrationState state) {
		return new MigrationInfo(row.version(), row.description(), row.type(), row.script(), row.checksum(), state,
				row.rank(), row.installedBy(), row.installedAt(), Duration.ofMillis(row.executionMs()));
	}

	private static String versionText(HistoryRow row) {
		return (row.version() != null) ? row.version().toString() : "repeatable";
	}

	private static String text(@Nullable MigrationVersion version) {
		return (version != null) ? version.toString() : "(empty)";
	}

	@FunctionalInterface
	private interface LockedWork<T> {

		T run(Session session, Duration lockWait) throws SQLException;

	}

	/** Either the newest {@code steps} migrations or every one above {@code target}. */
	private record Range(int steps, @Nullable MigrationVersion target) {

	}

	private record Step(HistoryRow row, ResolvedMigration migration) {

	}

}
