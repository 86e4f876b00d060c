package dev.hoist.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.hoist.core.CleanResult;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "clean",
		description = {
				"Drop every object in the schema, data and history table included. The schema itself keeps"
						+ " its owner and grants.",
				"Refused unless enabled with --clean-enabled or HOIST_CLEAN_ENABLED=true." })
final class CleanCommand extends HoistCommand.OnDatabase {

	@Option(names = "--clean-enabled", description = "Allow clean to run: it destroys all data in the schema.")
	boolean cleanEnabled;

	@Override
	int run() {
		CleanResult result = hoist((configuration) -> {
			if (this.cleanEnabled) {
				configuration.cleanEnabled(true);
			}
		}).clean();
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("schema", result.schema());
		json.put("dropped", result.dropped());
		StringBuilder text = new StringBuilder(
				"Dropped " + result.dropped().size() + " object" + ((result.dropped().size() == 1) ? "" : "s")
						+ " in schema " + result.schema() + (result.dropped().isEmpty() ? "." : ":") + "\n");
		result.dropped().forEach((object) -> text.append("  ").append(object).append('\n'));
		print(json, text.toString());
		return ExitCodes.OK;
	}

}
