package dev.hoist.core.command;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.hoist.core.HoistStatus;
import dev.hoist.core.MigrationInfo;
import dev.hoist.core.MigrationVersion;
import dev.hoist.core.tenants.TenantsResult;
import org.jspecify.annotations.Nullable;

/**
 * Core results as JSON-ready maps and as table rows for people.
 */
final class Views {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private Views() {
	}

	static Map<String, @Nullable Object> migration(MigrationInfo info) {
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		map.put("version", version(info.version()));
		map.put("description", info.description());
		map.put("type", info.type().name());
		map.put("script", info.script());
		map.put("state", state(info.state()));
		map.put("checksum", info.checksum());
		map.put("installedRank", info.installedRank());
		map.put("installedBy", info.installedBy());
		map.put("installedAt", (info.installedAt() != null) ? info.installedAt().toString() : null);
		map.put("executionMs", (info.executionTime() != null) ? info.executionTime().toMillis() : null);
		return map;
	}

	static List<Map<String, @Nullable Object>> migrations(List<MigrationInfo> infos) {
		return infos.stream().map(Views::migration).toList();
	}

	static Map<String, @Nullable Object> problem(HoistStatus.Problem problem) {
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		map.put("kind", problem.kind().name());
		map.put("message", problem.message());
		map.put("scripts", problem.scripts());
		return map;
	}

	static Map<String, @Nullable Object> status(HoistStatus status) {
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		map.put("revision", version(status.revision()));
		map.put("head", version(status.head()));
		map.put("state", status.state().label());
		map.put("valid", status.isValid());
		map.put("applied", migrations(status.applied()));
		map.put("pending", migrations(status.pending()));
		map.put("problems", status.problems().stream().map(Views::problem).toList());
		map.put("findings", status.findings().stream().map(SafetyReports::finding).toList());
		return map;
	}

	static Map<String, @Nullable Object> tenants(TenantsResult result) {
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		map.put("summary", summary(result.summary()));
		map.put("listed", result.listed());
		map.put("shard", (result.shard() != null) ? result.shard().toString() : null);
		map.put("stopped", result.stopped());
		map.put("durationMs", result.duration().toMillis());
		map.put("tenants", result.tenants().stream().map(Views::tenant).toList());
		return map;
	}

	static Map<String, @Nullable Object> summary(TenantsResult.Summary summary) {
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		map.put("total", summary.total());
		map.put("current", summary.current());
		map.put("behind", summary.behind());
		map.put("ahead", summary.ahead());
		map.put("migrating", summary.migrating());
		map.put("failed", summary.failed());
		map.put("skipped", summary.skipped());
		map.put("migrated", summary.migrated());
		return map;
	}

	static Map<String, @Nullable Object> tenant(TenantsResult.Tenant tenant) {
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		map.put("name", tenant.name());
		map.put("state", tenant.state().label());
		map.put("initialRevision", version(tenant.initialRevision()));
		map.put("revision", version(tenant.revision()));
		map.put("head", version(tenant.head()));
		map.put("applied", tenant.applied());
		map.put("pending", tenant.pending());
		map.put("durationMs", tenant.duration().toMillis());
		TenantsResult.Failure failure = tenant.failure();
		if (failure != null) {
			Map<String, @Nullable Object> error = new LinkedHashMap<>();
			error.put("kind", failure.kind().name());
			error.put("message", failure.message());
			error.put("script", failure.script());
			error.put("line", (failure.line() > 0) ? failure.line() : null);
			error.put("sqlState", failure.sqlState());
			error.put("problems", failure.problems().stream().map(Views::problem).toList());
			map.put("error", error);
		}
		else {
			map.put("error", null);
		}
		return map;
	}

	/**
	 * Each tenant on a line: name, state, revision, head, what was applied and is left.
	 */
	static String tenantTable(List<TenantsResult.Tenant> tenants, boolean run) {
		TextTable table = run ? new TextTable("Tenant", "State", "Revision", "Head", "Applied", "Pending", "Duration")
				: new TextTable("Tenant", "State", "Revision", "Head", "Pending");
		for (TenantsResult.Tenant tenant : tenants) {
			if (run) {
				table.row(tenant.name(), tenant.state().label(), revision(tenant.revision()), revision(tenant.head()),
						String.valueOf(tenant.applied()), String.valueOf(tenant.pending()),
						duration(tenant.duration()));
			}
			else {
				table.row(tenant.name(), tenant.state().label(), revision(tenant.revision()), revision(tenant.head()),
						String.valueOf(tenant.pending()));
			}
		}
		return table.toString();
	}

	static String tenantCount(TenantsResult result) {
		int count = result.tenants().size();
		String text = count + " tenant" + ((count == 1) ? "" : "s");
		return (result.shard() != null) ? text + " (shard " + result.shard() + " of " + result.listed() + " listed)"
				: text;
	}

	static String names(List<TenantsResult.Tenant> tenants) {
		List<String> names = tenants.stream().map(TenantsResult.Tenant::name).toList();
		return (names.size() <= 20) ? String.join(", ", names)
				: String.join(", ", names.subList(0, 20)) + " and " + (names.size() - 20) + " more";
	}

	static String problems(List<HoistStatus.Problem> problems) {
		StringBuilder text = new StringBuilder();
		for (HoistStatus.Problem problem : problems) {
			text.append("  - ").append(problem.message().replace("\n", "\n    ")).append('\n');
		}
		return text.toString();
	}

	/**
	 * A table of migrations: version, description, type, state, when, by whom, how long.
	 */
	static String table(List<MigrationInfo> infos) {
		TextTable table = new TextTable("Version", "Description", "Type", "State", "Installed at", "By", "Duration");
		for (MigrationInfo info : infos) {
			table.row(info.versionText(), info.description(), info.type().name(), state(info.state()),
					(info.installedAt() != null) ? TIME.format(info.installedAt()) : "",
					(info.installedBy() != null) ? info.installedBy() : "", duration(info.executionTime()));
		}
		return table.toString();
	}

	/** History as operators read it: each row's checksum state against this build. */
	static String history(List<MigrationInfo> infos) {
		TextTable table = new TextTable("Rank", "Version", "Description", "Type", "Installed at", "By", "Duration",
				"Checksum");
		for (MigrationInfo info : infos) {
			table.row(String.valueOf(info.installedRank()), info.versionText(), info.description(), info.type().name(),
					(info.installedAt() != null) ? TIME.format(info.installedAt()) : "",
					(info.installedBy() != null) ? info.installedBy() : "", duration(info.executionTime()),
					checksumState(info.state()));
		}
		return table.toString();
	}

	static String checksumState(MigrationInfo.State state) {
		return switch (state) {
			case APPLIED -> "ok";
			case CHANGED -> "changed";
			case MISSING -> "missing";
			case AHEAD -> "missing (ahead)";
			case FAILED -> "failed";
			case OUTDATED -> "outdated";
			default -> state(state);
		};
	}

	static String state(MigrationInfo.State state) {
		return state.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	static @Nullable String version(@Nullable MigrationVersion version) {
		return (version != null) ? version.toString() : null;
	}

	static String revision(@Nullable MigrationVersion version) {
		return (version != null) ? version.toString() : "(empty)";
	}

	static String duration(@Nullable Duration duration) {
		return (duration != null) ? duration.toMillis() + " ms" : "";
	}

}
