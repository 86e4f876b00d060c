package dev.hoist.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.hoist.core.MigrationInfo;
import dev.hoist.core.RepairResult;
import dev.hoist.core.RepairResult.ChecksumChange;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;

@Command(name = "repair", description = { "Realign the recorded checksums of applied migrations with their files, and"
		+ " remove the failed rows that non-transactional migrations left.", "Prints each change." })
final class RepairCommand extends HoistCommand.OnDatabase {

	@Override
	int run() {
		RepairResult result = hoist().repair();
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("realigned", result.realigned().stream().map(RepairCommand::change).toList());
		json.put("removed", Views.migrations(result.removed()));
		StringBuilder text = new StringBuilder();
		for (ChecksumChange change : result.realigned()) {
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
		print(json, result.changedAnything() ? text.toString() : "Nothing to repair.");
		return ExitCodes.OK;
	}

	private static Map<String, @Nullable Object> change(ChecksumChange change) {
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		map.put("version", change.version().toString());
		map.put("script", change.script());
		map.put("previous", change.previous());
		map.put("current", change.current());
		return map;
	}

}
