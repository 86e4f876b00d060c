package dev.hoist.core.internal.report;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.hoist.core.BaselineResult;
import dev.hoist.core.CheckResult;
import dev.hoist.core.CleanResult;
import dev.hoist.core.DatabaseUnavailableException;
import dev.hoist.core.DowngradeResult;
import dev.hoist.core.HoistException;
import dev.hoist.core.HoistStatus;
import dev.hoist.core.MigrateResult;
import dev.hoist.core.MigrationInfo;
import dev.hoist.core.RepairResult;
import dev.hoist.core.ValidationException;
import dev.hoist.core.settings.InvalidDatabaseUrlException;
import dev.hoist.core.settings.InvalidDotenvException;
import org.jspecify.annotations.Nullable;

/**
 * Turns each command's result into a {@link Report}.
 */
public final class Reports {

	private Reports() {
	}

	public static Report status(HoistStatus status) {
		StringBuilder text = new StringBuilder();
		text.append("Revision: ").append(Views.revision(status.revision())).append('\n');
		text.append("Head:     ").append(Views.revision(status.head())).append('\n');
		text.append("State:    ").append(status.state().label()).append('\n');
		text.append("Pending:  ").append(status.pending().size()).append('\n');
		List<MigrationInfo> all = new ArrayList<>(status.applied());
		all.addAll(status.pending());
		if (!all.isEmpty()) {
			text.append('\n').append(Views.table(all));
		}
		if (!status.problems().isEmpty()) {
			text.append("\nProblems:\n").append(Views.problems(status.problems()));
		}
		return new Report(Views.status(status), text.toString(), ExitCodes.OK);
	}

	public static Report history(List<MigrationInfo> history) {
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("history", Views.migrations(history));
		return new Report(json, history.isEmpty() ? "No migrations applied yet." : Views.history(history),
				ExitCodes.OK);
	}

	public static Report migrate(MigrateResult result) {
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("initialRevision", Views.version(result.initialRevision()));
		json.put("revision", Views.version(result.revision()));
		json.put("applied", Views.migrations(result.applied()));
		json.put("lockWaitMs", result.lockWait().toMillis());
		json.put("durationMs", result.duration().toMillis());
		String text = result.applied().isEmpty()
				? "Schema is up to date at revision " + Views.revision(result.revision()) + "."
				: "Applied " + plural(result.migrationsExecuted(), "migration") + " in " + result.duration().toMillis()
						+ " ms: revision " + Views.revision(result.initialRevision()) + " -> "
						+ Views.revision(result.revision()) + "\n\n" + Views.table(result.applied());
		return new Report(json, text, ExitCodes.OK);
	}

	public static Report downgrade(DowngradeResult result) {
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("initialRevision", Views.version(result.initialRevision()));
		json.put("revision", Views.version(result.revision()));
		json.put("reverted", Views.migrations(result.reverted()));
		json.put("lockWaitMs", result.lockWait().toMillis());
		json.put("durationMs", result.duration().toMillis());
		String text = result.reverted().isEmpty()
				? "Nothing to revert: revision is " + Views.revision(result.revision()) + "."
				: "Reverted " + plural(result.migrationsReverted(), "migration") + " in " + result.duration().toMillis()
						+ " ms: revision " + Views.revision(result.initialRevision()) + " -> "
						+ Views.revision(result.revision()) + "\n\n" + Views.table(result.reverted());
		return new Report(json, text, ExitCodes.OK);
	}

	public static Report validate(HoistStatus status) {
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("valid", status.isValid());
		json.put("problems", status.problems().stream().map(Views::problem).toList());
		String text = status.isValid()
				? "Valid: " + status.applied().size() + " applied, " + status.pending().size() + " pending."
				: "Invalid: " + plural(status.problems().size(), "problem") + "\n" + Views.problems(status.problems());
		return new Report(json, text, status.isValid() ? ExitCodes.OK : ExitCodes.INVALID);
	}

	public static Report check(CheckResult result) {
		HoistStatus status = result.status();
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("outcome", result.outcome().name().toLowerCase(Locale.ROOT));
		json.put("exitCode", result.exitCode());
		json.put("revision", Views.version(status.revision()));
		json.put("head", Views.version(status.head()));
		json.put("pending", Views.migrations(status.pending()));
		json.put("problems", status.problems().stream().map(Views::problem).toList());
		String text = switch (result.outcome()) {
			case CURRENT -> "Current: revision " + Views.revision(status.revision()) + ", nothing pending.";
			case PENDING -> "Pending: " + plural(status.pending().size(), "migration") + " to apply on revision "
					+ Views.revision(status.revision()) + ": "
					+ String.join(", ", status.pending().stream().map(MigrationInfo::script).toList());
			case INVALID -> "Invalid:\n" + Views.problems(status.problems());
		};
		return new Report(json, text, result.exitCode());
	}

	public static Report baseline(BaselineResult result) {
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("baseline", Views.migration(result.baseline()));
		json.put("skipped", Views.migrations(result.skipped()));
		String text = "Baselined at version " + result.baseline().versionText() + " ('"
				+ result.baseline().description() + "'); " + plural(result.skipped().size(), "migration")
				+ " of this build count as applied" + (result.skipped().isEmpty() ? "."
						: ": " + String.join(", ", result.skipped().stream().map(MigrationInfo::script).toList()));
		return new Report(json, text, ExitCodes.OK);
	}

	public static Report repair(RepairResult result) {
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("realigned", result.realigned().stream().map(Reports::change).toList());
		json.put("removed", Views.migrations(result.removed()));
		StringBuilder text = new StringBuilder();
		for (RepairResult.ChecksumChange change : result.realigned()) {
			text.append("Realigned the checksum of ")
				.append(change.script())
				.append(" (version ")
				.append(change.version())
				.append("): ")
				.append(change.previous())
				.append(" -> ")
				.append(change.current())
				.append('\n');
		}
		for (MigrationInfo removed : result.removed()) {
			text.append("Removed the failed row of ")
				.append(removed.script())
				.append(" (version ")
				.append(removed.versionText())
				.append(")\n");
		}
		return new Report(json, result.changedAnything() ? text.toString() : "Nothing to repair.", ExitCodes.OK);
	}

	public static Report clean(CleanResult result) {
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("schema", result.schema());
		json.put("dropped", result.dropped());
		StringBuilder text = new StringBuilder("Dropped " + plural(result.dropped().size(), "object") + " in schema "
				+ result.schema() + (result.dropped().isEmpty() ? "." : ":") + "\n");
		result.dropped().forEach((object) -> text.append("  ").append(object).append('\n'));
		return new Report(json, text.toString(), ExitCodes.OK);
	}

	/**
	 * Report a failure: its message, and for JSON the problems.
	 * @param failure what went wrong
	 * @return the report, with the exit code the failure stands for
	 */
	public static Report failure(Throwable failure) {
		int code = exitCode(failure);
		String message = (failure.getMessage() != null) ? failure.getMessage() : failure.toString();
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("error", message);
		json.put("exitCode", code);
		if (failure instanceof ValidationException validation) {
			json.put("problems", validation.problems().stream().map(Views::problem).toList());
		}
		return new Report(json, message, code);
	}

	/**
	 * Return the exit code a failure stands for.
	 * @param failure the failure
	 * @return the exit code
	 */
	public static int exitCode(Throwable failure) {
		if (failure instanceof ValidationException) {
			return ExitCodes.INVALID;
		}
		if (failure instanceof InvalidDatabaseUrlException || failure instanceof InvalidDotenvException
				|| failure instanceof DatabaseUnavailableException) {
			return ExitCodes.NO_DATABASE;
		}
		if (failure instanceof IllegalArgumentException) {
			return ExitCodes.USAGE;
		}
		if (failure instanceof HoistException && failure.getCause() instanceof SQLException sql
				&& sql.getSQLState() != null
				&& (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("28")
						|| sql.getSQLState().equals("3D000") || sql.getSQLState().startsWith("57P"))) {
			// connection exceptions, invalid authorization, no such database, server
			// shutting down
			return ExitCodes.NO_DATABASE;
		}
		return ExitCodes.FAILED;
	}

	private static Map<String, @Nullable Object> change(RepairResult.ChecksumChange change) {
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		map.put("script", change.script());
		map.put("version", change.version().toString());
		map.put("previous", change.previous());
		map.put("current", change.current());
		return map;
	}

	private static String plural(int count, String noun) {
		return count + " " + noun + ((count == 1) ? "" : "s");
	}

}
