package dev.hoist.cli;

import dev.hoist.core.internal.report.Reports;
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
		return print(Reports.baseline(hoist().baseline(this.version, this.description)));
	}

}
