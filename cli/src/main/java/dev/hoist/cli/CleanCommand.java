package dev.hoist.cli;

import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.command.HoistCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(footer = "Refused unless enabled with --clean-enabled or HOIST_CLEAN_ENABLED=true. The schema itself keeps"
		+ " its owner and grants.")
final class CleanCommand extends CliCommand.OnDatabase {

	@Option(names = "--clean-enabled", description = "Allow clean to run: it destroys all data in the schema.")
	boolean cleanEnabled;

	@Override
	HoistCommand command() {
		return HoistCommand.CLEAN;
	}

	@Override
	void customize(HoistConfiguration configuration) {
		if (this.cleanEnabled) {
			configuration.cleanEnabled(true);
		}
	}

}
