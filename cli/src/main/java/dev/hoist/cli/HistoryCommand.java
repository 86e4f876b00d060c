package dev.hoist.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.hoist.core.MigrationInfo;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;

@Command(name = "history",
		description = "List applied migrations with time, duration, who, and whether each file's checksum is ok, changed or missing.")
final class HistoryCommand extends HoistCommand.OnDatabase {

	@Override
	int run() {
		List<MigrationInfo> history = hoist().history();
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("history", Views.migrations(history));
		print(json, history.isEmpty() ? "No migrations applied yet." : Views.history(history));
		return ExitCodes.OK;
	}

}
