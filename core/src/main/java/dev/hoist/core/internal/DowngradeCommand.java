package dev.hoist.core.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.hoist.core.DowngradeResult;
import dev.hoist.core.HoistException;
import dev.hoist.core.MigrationFailedException;
import dev.hoist.core.MigrationInfo;
import dev.hoist.core.MigrationVersion;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code downgrade}: revert the newest applied migrations by running their
 * {@code -- migrate:down} sections, newest first, each in its own transaction with the
 * removal of its history row ({@code transaction:false} sections statement by statement),
 * under the migration lock. Refuses before changing anything when a migration in range
 * cannot be reverted.
 */
public final class DowngradeCommand {

	private static final Logger logger = LoggerFactory.getLogger(DowngradeCommand.class);

	private final Engine engine;

	public DowngradeCommand(Engine engine) {
		this.engine = engine;
	}

	/**
	 * Revert the newest applied migrations.
	 * @param steps how many, at least 1
	 * @return what was reverted
	 */
	public DowngradeResult steps(int steps) {
		if (steps < 1) {
			throw new IllegalArgumentException("Downgrade needs at least 1 step, not " + steps);
		}
		return run(new Range(steps, null));
	}

	/**
	 * Revert every applied migration newer than a version.
	 * @param target the version to end at
	 * @return what was reverted
	 */
	public DowngradeResult to(MigrationVersion target) {
		return run(new Range(0, target));
	}

	private DowngradeResult run(Range range) {
		long start = System.nanoTime();
		MigrationLoader.Loaded loaded = this.engine.load();
		return this.engine.underSessionLock("downgrade", (session, lockWait) -> {
			List<HistoryRow> rows = session.readHistory();
			Plan plan = this.engine.plan(loaded, rows, false);
			Engine.requireValid(plan);
			MigrationVersion initial = plan.revision();
			List<Step> steps = steps(loaded, rows, range);
			List<MigrationInfo> reverted = new ArrayList<>();
			for (Step step : steps) {
				reverted.add(revert(session, step));
			}
			if (!reverted.isEmpty()) {
				// a repeatable may depend on what was reverted (a view on a dropped
				// table): forget its rows so the next migrate re-applies it on the schema
				// as it is
				int forgotten = session.history().deleteRepeatables(session.connection());
				if (forgotten > 0) {
					logger.info("Hoist: repeatable migrations will be re-applied by the next migrate");
				}
			}
			MigrationVersion revision = this.engine.plan(loaded, session.readHistory(), false).revision();
			logger.info("Hoist: reverted {} migration{} in schema {}; revision {} -> {}", reverted.size(),
					(reverted.size() == 1) ? "" : "s", session.history().schema(), Engine.text(initial),
					Engine.text(revision));
			return new DowngradeResult(initial, revision, reverted, lockWait, Engine.elapsed(start));
		});
	}

	/**
	 * Work out, before changing anything, which rows a downgrade reverts and that each
	 * has a down section in this build.
	 */
	private List<Step> steps(MigrationLoader.Loaded loaded, List<HistoryRow> rows, Range range) {
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
		MigrationVersion target = range.target();
		if (target != null) {
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
			if (row.type() == MigrationInfo.Type.BASELINE) {
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
		session.migrationsRun();
		long start = System.nanoTime();
		if (isDownTransactional(migration)) {
			logger.info("Hoist: reverting {}", migration.location());
			try {
				this.engine.executor().retry().run(connection, migration, () -> {
					connection.setAutoCommit(false);
					try {
						this.engine.executor().runInTransaction(connection, migration, true);
						session.history().delete(connection, step.row().rank());
						connection.commit();
						return null;
					}
					catch (MigrationExecutor.StepFailure | SQLException | RuntimeException ex) {
						MigrateCommand.rollbackQuietly(connection);
						throw ex;
					}
					finally {
						connection.setAutoCommit(true);
					}
				});
			}
			catch (MigrationExecutor.StepFailure failure) {
				throw downFailure(failure.failure(), "It was rolled back; nothing of it was reverted.");
			}
		}
		else {
			logger.info("Hoist: reverting {} statement by statement (transaction:false)", migration.location());
			try {
				this.engine.executor().runInAutocommit(connection, migration, true);
			}
			catch (MigrationExecutor.StepFailure failure) {
				// the same contract as a failed non-transactional up: a failed row
				// blocks until repair
				session.history().markFailed(connection, step.row().rank());
				throw downFailure(failure.failure(),
						"Its down section runs without a transaction (transaction:false): statements before the failing"
								+ " one stayed reverted, and its row in " + session.history().table() + " is now"
								+ " marked failed. Finish reverting by hand, then run 'repair' (removes the row).");
			}
			session.history().delete(connection, step.row().rank());
		}
		HistoryRow row = step.row();
		return new MigrationInfo(row.version(), row.description(), row.type(), row.script(), row.checksum(),
				MigrationInfo.State.PENDING, null, null, null, Duration.ofNanos(System.nanoTime() - start));
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

	/** Either the newest {@code steps} migrations or every one above {@code target}. */
	private record Range(int steps, @Nullable MigrationVersion target) {

	}

	private record Step(HistoryRow row, ResolvedMigration migration) {

	}

}
