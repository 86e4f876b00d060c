package dev.hoist.cli;

import dev.hoist.core.internal.report.Reports;
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
		return print(Reports.clean(hoist((configuration) -> {
			if (this.cleanEnabled) {
				configuration.cleanEnabled(true);
			}
		}).clean()));
	}

}
