package dev.hoist.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.hoist.core.BaselineResult;
import dev.hoist.core.MigrationInfo;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "baseline",
		description = {
				"Adopt a database that predates Hoist: record a baseline so that migrations up to <version>"
						+ " count as applied and migrate applies only later ones.",
				"Refuses when the history table already has rows." })
final class BaselineCommand extends HoistCommand.OnDatabase {

	@Option(names = "--version", required = true, paramLabel = "<version>",
			description = "The version the existing schema corresponds to.")
	@SuppressWarnings("NullAway.Init")
	String version;

	@Option(names = "--description", paramLabel = "<text>", description = "What the baseline stands for.")
	@Nullable String description;

	@Override
	int run() {
		BaselineResult result = hoist().baseline(this.version, this.description);
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("baseline", Views.migration(result.baseline()));
		json.put("skipped", Views.migrations(result.skipped()));
		String text = "Baselined at version " + result.baseline().versionText() + " ('"
				+ result.baseline().description() + "'); " + result.skipped().size() + " migration"
				+ ((result.skipped().size() == 1) ? "" : "s") + " of this build count as applied"
				+ (result.skipped().isEmpty() ? "."
						: ": " + String.join(", ", result.skipped().stream().map(MigrationInfo::script).toList()));
		print(json, text);
		return ExitCodes.OK;
	}

}
