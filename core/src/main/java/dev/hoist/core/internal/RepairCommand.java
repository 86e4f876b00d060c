package dev.hoist.core.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.hoist.core.MigrationInfo;
import dev.hoist.core.MigrationVersion;
import dev.hoist.core.RepairResult;
import dev.hoist.core.RepairResult.ChecksumChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code repair}: under the migration lock and in one transaction, record the file's
 * checksum for each applied migration whose file changed, and remove the failed rows that
 * non-transactional migrations left.
 */
public final class RepairCommand {

	private static final Logger logger = LoggerFactory.getLogger(RepairCommand.class);

	private final Engine engine;

	public RepairCommand(Engine engine) {
		this.engine = engine;
	}

	/**
	 * Run the command.
	 * @return each checksum realigned and each row removed
	 */
	public RepairResult run() {
		MigrationLoader.Loaded loaded = this.engine.load();
		return this.engine.underSessionLock("repair", (session, lockWait) -> {
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
						removed.add(row.info(MigrationInfo.State.FAILED));
						logger.info("Hoist: repair removed the failed row of {} (version {})", row.script(),
								(row.version() != null) ? row.version() : "repeatable");
						continue;
					}
					ResolvedMigration file = (row.version() != null && row.type() != MigrationInfo.Type.BASELINE)
							? files.get(row.version()) : null;
					String checksum = (file != null) ? file.checksum() : null;
					if (checksum != null && !checksum.equals(row.checksum())) {
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

}
