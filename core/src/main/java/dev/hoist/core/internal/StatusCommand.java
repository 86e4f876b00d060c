package dev.hoist.core.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import dev.hoist.core.HoistConfiguration.SafetyMode;
import dev.hoist.core.HoistStatus;
import dev.hoist.core.MigrationInfo;
import dev.hoist.core.ValidationException;
import dev.hoist.core.lint.Finding;
import org.jspecify.annotations.Nullable;

/**
 * {@code status}, {@code history}, {@code validate} and {@code check}: read where the
 * schema stands, without the lock and without changing anything.
 */
public final class StatusCommand {

	private final Engine engine;

	public StatusCommand(Engine engine) {
		this.engine = engine;
	}

	/**
	 * Read the status, waiting for the database as configured.
	 * @return the status
	 */
	public HoistStatus status() {
		return status(null);
	}

	/**
	 * Read the status.
	 * @param readTimeout the longest wait for each answer, with a single connection
	 * attempt (for health checks), or {@code null} to wait for the database as configured
	 * @return the status
	 */
	public HoistStatus status(@Nullable Duration readTimeout) {
		MigrationLoader.Loaded loaded = this.engine.load();
		if (readTimeout == null) {
			Connection connection = this.engine.connect();
			SchemaHistory.Read read = this.engine.readAsIs(connection);
			if (read != null && read.rows().stream().noneMatch(HistoryRow::isUnfinished)) {
				Plan plan = this.engine.plan(loaded, read.rows(), false);
				// at the head there is nothing for the safety rules to look at
				if (plan.toApply().isEmpty()) {
					MigrateCommand.closeQuietly(connection);
					return statusRead(plan.status());
				}
			}
			try (Session session = this.engine.open(connection)) {
				List<HistoryRow> rows = session.readHistory();
				Plan plan = this.engine.plan(loaded, rows, session.isLockHeldElsewhere(rows));
				return statusRead(plan.status().withFindings(findings(loaded, plan, session)));
			}
			catch (SQLException ex) {
				throw Session.failure("read the migration status", ex);
			}
		}
		try (Session session = (readTimeout != null) ? this.engine.open(readTimeout) : this.engine.open()) {
			List<HistoryRow> rows = session.readHistory();
			Plan plan = this.engine.plan(loaded, rows, session.isLockHeldElsewhere(rows));
			HoistStatus status = plan.status().withFindings(findings(loaded, plan, session));
			this.engine.listeners().fire((listener) -> listener.statusRead(status));
			return status;
		}
		catch (SQLException ex) {
			throw Session.failure("read the migration status", ex);
		}
	}

	private HoistStatus statusRead(HoistStatus status) {
		this.engine.listeners().fire((listener) -> listener.statusRead(status));
		return status;
	}

	// the safety rules on what is pending, so that health and the endpoint show them
	private List<Finding> findings(MigrationLoader.Loaded loaded, Plan plan, Session session) throws SQLException {
		if (this.engine.configuration().getSafetyMode() == SafetyMode.OFF || plan.toApply().isEmpty()) {
			return List.of();
		}
		return SafetyCheck.withSizes(new SafetyCheck(this.engine.configuration()).findings(loaded, plan.toApply(),
				SafetyCheck.serverMajor(session.connection())), session.connection());
	}

	/**
	 * Check this build's migrations against history.
	 * @throws ValidationException listing every problem found
	 */
	public void validate() {
		List<HoistStatus.Problem> problems = status().problems();
		if (!problems.isEmpty()) {
			throw new ValidationException(problems);
		}
	}

	/**
	 * Read the history table as this build sees it.
	 * @return the rows in rank order with their state against this build
	 */
	public List<MigrationInfo> history() {
		MigrationLoader.Loaded loaded = this.engine.load();
		try (Session session = this.engine.open()) {
			return this.engine.plan(loaded, session.readHistory(), false).status().applied();
		}
		catch (SQLException ex) {
			throw Session.failure("read the migration history", ex);
		}
	}

}
