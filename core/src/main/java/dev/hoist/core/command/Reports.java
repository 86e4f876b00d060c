package dev.hoist.core.command;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.hoist.core.BaselineResult;
import dev.hoist.core.CleanResult;
import dev.hoist.core.DatabaseSettings;
import dev.hoist.core.DatabaseUnavailableException;
import dev.hoist.core.DowngradeResult;
import dev.hoist.core.HoistException;
import dev.hoist.core.HoistStatus;
import dev.hoist.core.MigrateResult;
import dev.hoist.core.MigrationInfo;
import dev.hoist.core.MigrationVersion;
import dev.hoist.core.RepairResult;
import dev.hoist.core.ValidationException;
import dev.hoist.core.command.HoistCommand.ExitCode;
import dev.hoist.core.command.HoistCommand.Report;
import dev.hoist.core.drift.Drift;
import dev.hoist.core.internal.GenerateCommand;
import dev.hoist.core.lint.Finding;
import dev.hoist.core.schema.SchemaDiff;
import dev.hoist.core.tenants.TenantsResult;
import dev.hoist.core.verify.Verification;
import org.jspecify.annotations.Nullable;

/**
 * Turns each command's result into a {@link Report}.
 */
final class Reports {

	private Reports() {
	}

	static Report status(HoistStatus status) {
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
		if (!status.findings().isEmpty()) {
			text.append("\nSafety findings in pending migrations (details: hoist lint):\n");
			for (Finding finding : status.findings()) {
				text.append("  - ")
					.append(finding.script())
					.append(':')
					.append(finding.line())
					.append(' ')
					.append(finding.severity().name().toLowerCase(Locale.ROOT))
					.append(' ')
					.append(finding.rule())
					.append(finding.isSuppressed() ? " (allowed)" : "")
					.append('\n');
			}
		}
		return new Report(Views.status(status), text.toString(), ExitCode.OK);
	}

	static Report history(List<MigrationInfo> history) {
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("history", Views.migrations(history));
		return new Report(json, history.isEmpty() ? "No migrations applied yet." : Views.history(history), ExitCode.OK);
	}

	static Report migrate(MigrateResult result) {
		return run("applied", "Applied", "Schema is up to date at revision", result.initialRevision(),
				result.revision(), result.applied(), result.lockWait(), result.duration());
	}

	static Report downgrade(DowngradeResult result) {
		return run("reverted", "Reverted", "Nothing to revert: revision is", result.initialRevision(),
				result.revision(), result.reverted(), result.lockWait(), result.duration());
	}

	// a run moves the revision by the migrations it applied or reverted
	private static Report run(String key, String verb, String nothing, @Nullable MigrationVersion initial,
			@Nullable MigrationVersion revision, List<MigrationInfo> migrations, Duration lockWait, Duration duration) {
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("initialRevision", Views.version(initial));
		json.put("revision", Views.version(revision));
		json.put(key, Views.migrations(migrations));
		json.put("lockWaitMs", lockWait.toMillis());
		json.put("durationMs", duration.toMillis());
		String text = migrations.isEmpty() ? nothing + " " + Views.revision(revision) + "."
				: verb + " " + plural(migrations.size(), "migration") + " in " + duration.toMillis() + " ms: revision "
						+ Views.revision(initial) + " -> " + Views.revision(revision) + "\n\n"
						+ Views.table(migrations);
		return new Report(json, text, ExitCode.OK);
	}

	static Report validate(HoistStatus status) {
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("valid", status.isValid());
		json.put("problems", status.problems().stream().map(Views::problem).toList());
		String text = status.isValid()
				? "Valid: " + status.applied().size() + " applied, " + status.pending().size() + " pending."
				: "Invalid: " + plural(status.problems().size(), "problem") + "\n" + Views.problems(status.problems());
		return new Report(json, text, status.isValid() ? ExitCode.OK : ExitCode.INVALID);
	}

	static Report check(HoistStatus status) {
		HoistStatus.Outcome outcome = status.outcome();
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("outcome", outcome.name().toLowerCase(Locale.ROOT));
		json.put("exitCode", outcome.exitCode());
		json.put("revision", Views.version(status.revision()));
		json.put("head", Views.version(status.head()));
		json.put("pending", Views.migrations(status.pending()));
		json.put("problems", status.problems().stream().map(Views::problem).toList());
		String text = switch (outcome) {
			case CURRENT -> "Current: revision " + Views.revision(status.revision()) + ", nothing pending.";
			case PENDING -> "Pending: " + plural(status.pending().size(), "migration") + " to apply on revision "
					+ Views.revision(status.revision()) + ": "
					+ String.join(", ", status.pending().stream().map(MigrationInfo::script).toList());
			case INVALID -> "Invalid:\n" + Views.problems(status.problems());
		};
		ExitCode code = switch (outcome) {
			case CURRENT -> ExitCode.OK;
			case PENDING -> ExitCode.FAILED;
			case INVALID -> ExitCode.INVALID;
		};
		return new Report(json, text, code);
	}

	static Report generate(GenerateCommand.Generated generated) {
		Map<String, @Nullable Object> json = generated(generated);
		StringBuilder text = new StringBuilder(compared(generated));
		if (generated.isEmpty()) {
			text.append("No change: the migrations already give the schema the entities want. Nothing written.\n");
		}
		else {
			text.append(generated.summary().strip()).append("\n\nWrote:\n");
			for (Path file : generated.files()) {
				text.append("  ").append(file).append('\n');
			}
			if (!generated.review().isEmpty()) {
				text.append("The safety rules ask for a review (docs/lint.md):\n");
				for (Finding finding : generated.review()) {
					text.append("  ")
						.append(finding.severity().name().toLowerCase(Locale.ROOT))
						.append(' ')
						.append(finding.rule())
						.append(" at ")
						.append(Path.of(finding.script()).getFileName())
						.append(':')
						.append(finding.line())
						.append(": ")
						.append(finding.reason())
						.append('\n');
				}
			}
			text.append("Review it, then start the application: Hoist applies it.\n");
		}
		outside(generated, text);
		return new Report(json, text.toString(), ExitCode.OK);
	}

	static Report entityCheck(GenerateCommand.Generated generated) {
		Map<String, @Nullable Object> json = generated(generated);
		json.put("outcome", generated.isEmpty() ? "current" : "differ");
		StringBuilder text = new StringBuilder(compared(generated));
		if (generated.isEmpty()) {
			text.append("Current: the migrations give the schema the entities want.\n");
		}
		else {
			text.append("The entities and the migrations differ:\n")
				.append(generated.summary().strip())
				.append("\n\nThe migration that would fix it (write it with --hoist.command=generate):\n")
				.append("-- migrate:up\n")
				.append(generated.upSql().strip())
				.append("\n\n-- migrate:down\n")
				.append(generated.downSql().strip())
				.append('\n');
		}
		outside(generated, text);
		return new Report(json, text.toString(), generated.isEmpty() ? ExitCode.OK : ExitCode.FAILED);
	}

	private static Map<String, @Nullable Object> generated(GenerateCommand.Generated generated) {
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("shadow", generated.shadow());
		json.put("migrations", generated.migrations());
		json.put("schemas", generated.schemas());
		json.put("changes", generated.changes().stream().map(SchemaDiff.Change::toString).toList());
		json.put("dataLoss", generated.changes().stream().anyMatch(SchemaDiff.Change::losesData));
		json.put("files", generated.files().stream().map(Path::toString).toList());
		json.put("outsideModel", generated.outside());
		json.put("upSql", generated.upSql());
		json.put("downSql", generated.downSql());
		json.put("review",
				generated.review()
					.stream()
					.map((finding) -> finding.rule() + " at " + finding.script() + ":" + finding.line() + ": "
							+ finding.reason())
					.toList());
		return json;
	}

	private static String compared(GenerateCommand.Generated generated) {
		return "Compared the entities with " + plural(generated.migrations(), "migration") + " applied to the shadow"
				+ " database " + generated.shadow() + " (schemas " + String.join(", ", generated.schemas()) + ").\n";
	}

	private static void outside(GenerateCommand.Generated generated, StringBuilder text) {
		if (!generated.outside().isEmpty()) {
			text.append("Outside the entity model, kept as the migrations made them (")
				.append(generated.outside().size())
				.append("):\n");
			for (String object : generated.outside()) {
				text.append("  ").append(object).append('\n');
			}
		}
	}

	static Report baseline(BaselineResult result) {
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("baseline", Views.migration(result.baseline()));
		json.put("skipped", Views.migrations(result.skipped()));
		String text = "Baselined at version " + result.baseline().versionText() + " ('"
				+ result.baseline().description() + "'); " + plural(result.skipped().size(), "migration")
				+ " of this build count as applied" + (result.skipped().isEmpty() ? "."
						: ": " + String.join(", ", result.skipped().stream().map(MigrationInfo::script).toList()));
		return new Report(json, text, ExitCode.OK);
	}

	static Report repair(RepairResult result) {
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
		return new Report(json, result.changedAnything() ? text.toString() : "Nothing to repair.", ExitCode.OK);
	}

	static Report newMigration(Path file) {
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("path", file.toString());
		json.put("file", file.getFileName().toString());
		return new Report(json, "Created " + file, ExitCode.OK);
	}

	static Report clean(CleanResult result) {
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("schema", result.schema());
		json.put("dropped", result.dropped());
		StringBuilder text = new StringBuilder("Dropped " + plural(result.dropped().size(), "object") + " in schema "
				+ result.schema() + (result.dropped().isEmpty() ? "." : ":") + "\n");
		result.dropped().forEach((object) -> text.append("  ").append(object).append('\n'));
		return new Report(json, text.toString(), ExitCode.OK);
	}

	static Report tenantsMigrate(TenantsResult result) {
		TenantsResult.Summary summary = result.summary();
		StringBuilder text = new StringBuilder();
		text.append("Tenants: ")
			.append(Views.tenantCount(result))
			.append(" in ")
			.append(result.duration().toMillis())
			.append(" ms: ")
			.append(summary.migrated())
			.append(" migrated, ")
			.append(summary.unchanged())
			.append(" already up to date, ")
			.append(summary.failed())
			.append(" failed, ")
			.append(summary.skipped())
			.append(" skipped")
			.append((summary.ahead() > 0) ? ", " + summary.ahead() + " ahead of this build" : "")
			.append(".\n");
		if (result.stopped() != null) {
			text.append("Stopped: ").append(result.stopped()).append(".\n");
		}
		appendFailures(text, result);
		if (!result.tenants().isEmpty()) {
			text.append('\n').append(Views.tenantTable(result.tenants(), true));
		}
		boolean complete = summary.failed() == 0 && summary.skipped() == 0;
		return new Report(Views.tenants(result), text.toString(), complete ? ExitCode.OK : ExitCode.FAILED);
	}

	static Report tenantsStatus(TenantsResult result) {
		TenantsResult.Summary summary = result.summary();
		StringBuilder text = new StringBuilder();
		text.append("Tenants:   ").append(Views.tenantCount(result)).append('\n');
		text.append("Current:   ").append(summary.current()).append('\n');
		text.append("Behind:    ").append(summary.behind()).append('\n');
		text.append("Ahead:     ").append(summary.ahead()).append('\n');
		if (summary.migrating() > 0) {
			text.append("Migrating: ").append(summary.migrating()).append('\n');
		}
		text.append("Failed:    ").append(summary.failed()).append('\n');
		appendFailures(text, result);
		if (!result.tenants().isEmpty()) {
			text.append('\n').append(Views.tenantTable(result.tenants(), false));
		}
		return new Report(Views.tenants(result), text.toString(), ExitCode.OK);
	}

	static Report tenantsValidate(TenantsResult result) {
		List<TenantsResult.Tenant> failed = result.failed();
		boolean invalid = failed.stream().anyMatch(Reports::isInvalid);
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("valid", failed.isEmpty());
		json.put("summary", Views.summary(result.summary()));
		json.put("failed", failed.stream().map(Views::tenant).toList());
		StringBuilder text = new StringBuilder();
		if (failed.isEmpty()) {
			text.append("Valid: ").append(Views.tenantCount(result)).append(", none with problems.\n");
		}
		else {
			text.append((invalid ? "Invalid: " : "Failed: ") + plural(failed.size(), "tenant") + " of "
					+ result.tenants().size() + " with problems.\n");
			appendFailures(text, result);
		}
		ExitCode code = failed.isEmpty() ? ExitCode.OK : invalid ? ExitCode.INVALID : ExitCode.FAILED;
		return new Report(json, text.toString(), code);
	}

	static Report tenantsCheck(TenantsResult result) {
		TenantsResult.Summary summary = result.summary();
		HoistStatus.Outcome outcome = (summary.failed() > 0) ? HoistStatus.Outcome.INVALID
				: (summary.behind() + summary.migrating() > 0) ? HoistStatus.Outcome.PENDING
						: HoistStatus.Outcome.CURRENT;
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("outcome", outcome.name().toLowerCase(Locale.ROOT));
		json.put("exitCode", outcome.exitCode());
		json.put("summary", Views.summary(summary));
		json.put("tenants",
				result.tenants()
					.stream()
					.filter((tenant) -> tenant.state() != TenantsResult.State.CURRENT)
					.map(Views::tenant)
					.toList());
		StringBuilder text = new StringBuilder();
		switch (outcome) {
			case CURRENT -> text.append("Current: every one of ")
				.append(Views.tenantCount(result))
				.append(" at its head, nothing pending.\n");
			case PENDING -> text.append("Pending: ")
				.append(plural(summary.behind() + summary.migrating(), "tenant"))
				.append(" of ")
				.append(summary.total())
				.append(" behind: ")
				.append(Views.names(result.tenants()
					.stream()
					.filter((tenant) -> tenant.state() == TenantsResult.State.BEHIND
							|| tenant.state() == TenantsResult.State.MIGRATING)
					.toList()))
				.append('\n');
			case INVALID -> {
				text.append("Invalid: ").append(plural(summary.failed(), "tenant")).append(" failed.\n");
				appendFailures(text, result);
			}
		}
		ExitCode code = switch (outcome) {
			case CURRENT -> ExitCode.OK;
			case PENDING -> ExitCode.FAILED;
			case INVALID -> ExitCode.INVALID;
		};
		return new Report(json, text.toString(), code);
	}

	private static boolean isInvalid(TenantsResult.Tenant tenant) {
		return tenant.failure() != null && tenant.failure().kind() == TenantsResult.Failure.Kind.INVALID;
	}

	private static void appendFailures(StringBuilder text, TenantsResult result) {
		List<TenantsResult.Tenant> failed = result.failed();
		if (failed.isEmpty()) {
			return;
		}
		text.append("\nFailed:\n");
		for (TenantsResult.Tenant tenant : failed) {
			TenantsResult.Failure failure = tenant.failure();
			String message = (failure != null) ? failure.message() : "";
			text.append("  - ").append(tenant.name()).append(": ").append(message.replace("\n", "\n    ")).append('\n');
		}
	}

	static Report drift(Drift drift) {
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("drifted", drift.isDrifted());
		json.put("database", drift.database());
		json.put("shadowDatabase", drift.shadowDatabase());
		json.put("revision", Views.version(drift.revision()));
		json.put("migrations", drift.migrations());
		json.put("schemas", drift.schemas());
		json.put("differences", drift.differences().stream().map(Reports::difference).toList());
		json.put("revertSql", drift.revertSql());
		json.put("adoptSql", drift.adoptSql());
		json.put("notes", drift.notes());
		json.put("durationMs", drift.duration().toMillis());
		StringBuilder text = new StringBuilder();
		String built = "the schema its " + plural(drift.migrations(), "applied migration") + " produce (revision "
				+ Views.revision(drift.revision()) + ", built on " + drift.shadowDatabase() + ")";
		if (!drift.isDrifted()) {
			text.append("No drift: ")
				.append(drift.database())
				.append(" matches ")
				.append(built)
				.append(" in schemas ")
				.append(String.join(", ", drift.schemas()))
				.append(".\n");
		}
		else {
			text.append("Drift: ")
				.append(drift.database())
				.append(" differs from ")
				.append(built)
				.append(" in ")
				.append(plural(drift.differences().size(), "object"))
				.append(":\n");
			for (Drift.Difference difference : drift.differences()) {
				text.append("\n  ").append(difference).append('\n');
				difference.revertSql().forEach((sql) -> text.append("    revert: ").append(indent(sql)).append('\n'));
				difference.adoptSql().forEach((sql) -> text.append("    adopt:  ").append(indent(sql)).append('\n'));
				if (difference.revertLoses() != null) {
					text.append("    reverting loses: ").append(difference.revertLoses()).append('\n');
				}
			}
			text.append("\n-- To bring the live schema back to the migrations' (review it first):\n")
				.append(drift.revertSql().strip())
				.append('\n');
			if (!drift.adoptSql().isBlank()) {
				text.append("\n-- Or, to adopt the live changes, new migrations: each part below, in order, the up"
						+ " section of one (-- migrate:up transaction:false for a part outside a transaction):\n")
					.append(drift.adoptSql().strip())
					.append('\n');
			}
		}
		drift.notes().forEach((note) -> text.append("\nNote: ").append(note).append('\n'));
		return new Report(json, text.toString(), drift.isDrifted() ? ExitCode.FAILED : ExitCode.OK);
	}

	private static Map<String, @Nullable Object> difference(Drift.Difference difference) {
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		map.put("kind", difference.kind().name().toLowerCase(Locale.ROOT));
		map.put("objectType", difference.objectType());
		map.put("name", difference.name());
		map.put("detail", difference.detail());
		map.put("revertSql", difference.revertSql());
		map.put("adoptSql", difference.adoptSql());
		map.put("revertLoses", difference.revertLoses());
		return map;
	}

	static Report verify(Verification verification) {
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("verified", verification.isVerified());
		json.put("shadowDatabase", verification.shadowDatabase());
		json.put("failure", verification.failure());
		json.put("migrations", verification.migrations().stream().map(Reports::verified).toList());
		json.put("durationMs", verification.duration().toMillis());
		Map<Verification.Outcome, Integer> counts = new LinkedHashMap<>();
		verification.migrations().forEach((migration) -> counts.merge(migration.outcome(), 1, Integer::sum));
		StringBuilder text = new StringBuilder();
		text.append(verification.isVerified() ? "Verified: " : "Not verified: ")
			.append(plural(verification.migrations().size(), "migration"))
			.append(" on ")
			.append(verification.shadowDatabase())
			.append(" in ")
			.append(verification.duration().toMillis())
			.append(" ms: ");
		List<String> tally = new ArrayList<>();
		counts.forEach((outcome, count) -> tally.add(count + " " + outcome.name().toLowerCase(Locale.ROOT)));
		text.append(String.join(", ", tally)).append('\n');
		for (Verification.Migration migration : verification.migrations()) {
			if (migration.outcome() == Verification.Outcome.RESTORED
					|| migration.outcome() == Verification.Outcome.REPEATABLE) {
				continue;
			}
			text.append("\n  ").append(migration).append('\n');
			migration.differences().forEach((difference) -> text.append("    ").append(difference).append('\n'));
		}
		if (verification.failure() != null) {
			text.append("\nStopped: ").append(verification.failure()).append('\n');
		}
		return new Report(json, text.toString(), verification.isVerified() ? ExitCode.OK : ExitCode.FAILED);
	}

	private static Map<String, @Nullable Object> verified(Verification.Migration migration) {
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		map.put("version", Views.version(migration.version()));
		map.put("script", migration.script());
		map.put("outcome", migration.outcome().name().toLowerCase(Locale.ROOT));
		map.put("problem", migration.problem());
		map.put("differences", migration.differences().stream().map((difference) -> {
			Map<String, @Nullable Object> item = new LinkedHashMap<>();
			item.put("phase", difference.phase().name().toLowerCase(Locale.ROOT));
			item.put("kind", difference.kind().name().toLowerCase(Locale.ROOT));
			item.put("objectType", difference.objectType());
			item.put("name", difference.name());
			item.put("detail", difference.detail());
			return item;
		}).toList());
		map.put("durationMs", migration.duration().toMillis());
		return map;
	}

	private static String indent(String sql) {
		return sql.strip().replace("\n", "\n            ");
	}

	/**
	 * Report a failure: its message, and for JSON the problems.
	 * @param failure what went wrong
	 * @return the report, with the exit code the failure stands for
	 */
	static Report failure(Throwable failure) {
		ExitCode code = exitCode(failure);
		// every failure a command prints may carry a URL or a driver's words
		String message = DatabaseSettings
			.mask((failure.getMessage() != null) ? failure.getMessage() : failure.toString());
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("error", message);
		json.put("exitCode", code.code());
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
	static ExitCode exitCode(Throwable failure) {
		if (failure instanceof ValidationException) {
			return ExitCode.INVALID;
		}
		if (failure instanceof DatabaseSettings.InvalidSettingException
				|| failure instanceof DatabaseUnavailableException) {
			return ExitCode.NO_DATABASE;
		}
		if (failure instanceof IllegalArgumentException) {
			return ExitCode.USAGE;
		}
		if (failure instanceof HoistException && failure.getCause() instanceof SQLException sql
				&& sql.getSQLState() != null
				&& (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("28")
						|| sql.getSQLState().equals("3D000") || sql.getSQLState().startsWith("57P"))) {
			// connection exceptions, invalid authorization, no such database,
			// server shutting down
			return ExitCode.NO_DATABASE;
		}
		return ExitCode.FAILED;
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
