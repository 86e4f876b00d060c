package dev.hoist.core.internal;

import java.sql.Connection;
import java.util.List;

import dev.hoist.core.BaselineResult;
import dev.hoist.core.HoistException;
import dev.hoist.core.MigrationInfo;
import dev.hoist.core.MigrationVersion;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code baseline}: adopt a database that predates Hoist by recording a baseline row, so
 * that this build's migrations up to its version count as applied.
 */
public final class BaselineCommand {

	/** The description of a baseline row when none is given. */
	public static final String DEFAULT_DESCRIPTION = "<< Hoist baseline >>";

	private static final Logger logger = LoggerFactory.getLogger(BaselineCommand.class);

	private final Engine engine;

	public BaselineCommand(Engine engine) {
		this.engine = engine;
	}

	/**
	 * Run the command.
	 * @param version the version the existing schema corresponds to
	 * @param description what the baseline stands for, or {@code null} for the default
	 * @return the baseline row and the migrations of this build it covers
	 */
	public BaselineResult run(MigrationVersion version, @Nullable String description) {
		MigrationLoader.Loaded loaded = this.engine.load();
		String text = (description != null && !description.isBlank()) ? description : DEFAULT_DESCRIPTION;
		return this.engine.underSessionLock("baseline", (session, lockWait) -> {
			Connection connection = session.connection();
			session.history().create(connection);
			List<HistoryRow> rows = session.history().read(connection);
			if (!rows.isEmpty()) {
				Plan plan = this.engine.plan(loaded, rows, false);
				throw new HoistException("Cannot baseline " + session.history().qualifiedName() + ": it already has "
						+ rows.size() + " row" + ((rows.size() == 1) ? "" : "s") + " (revision "
						+ Engine.text(plan.revision()) + "). Baseline adopts a database Hoist has never migrated; this"
						+ " one is already managed. Nothing was changed");
			}
			session.history()
				.insert(connection, version, text, MigrationInfo.Type.BASELINE, text, null, session.installedBy(), 0,
						true);
			HistoryRow row = session.history().read(connection).get(0);
			List<MigrationInfo> skipped = loaded.migrations()
				.stream()
				.filter((migration) -> migration.version() != null && migration.version().compareTo(version) <= 0)
				.map((migration) -> new MigrationInfo(migration.version(), migration.description(), migration.type(),
						migration.script(), migration.checksum(), MigrationInfo.State.BELOW_BASELINE, null, null, null,
						null))
				.toList();
			logger.info("Hoist: baselined schema {} at version {}; {} migration{} of this build count as applied",
					session.history().schema(), version, skipped.size(), (skipped.size() == 1) ? "" : "s");
			return new BaselineResult(row.info(MigrationInfo.State.BASELINE), skipped);
		});
	}

}
