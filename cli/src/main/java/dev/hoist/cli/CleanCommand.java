package dev.hoist.cli;

import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.command.HoistCommand;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(footer = {
		"Refused unless --clean-enabled is given on the command line: HOIST_CLEAN_ENABLED, in the"
				+ " environment or a .env file, does not enable it.",
		"Refused when the schema's tables hold more than " + HoistConfiguration.DEFAULT_CLEAN_MAX_ROWS
				+ " rows (not counting the history table) unless --clean-max-rows allows more.",
		"The schema itself keeps its owner and grants." })
final class CleanCommand extends CliCommand.OnDatabase {

	private static final String VARIABLE = "HOIST_CLEAN_ENABLED";

	@Option(names = "--clean-enabled", description = "Allow clean to run: it destroys all data in the schema.")
	boolean cleanEnabled;

	@Option(names = "--clean-max-rows", paramLabel = "<rows>",
			description = "The most rows the schema's tables may hold for clean to run (default: "
					+ HoistConfiguration.DEFAULT_CLEAN_MAX_ROWS + ").")
	@Nullable Long cleanMaxRows;

	@Override
	HoistCommand command() {
		return HoistCommand.CLEAN;
	}

	@Override
	void customize(HoistConfiguration configuration, CliSettings settings) {
		if (this.cleanEnabled) {
			configuration.cleanEnabled(true);
		}
		else if (settings.variable(VARIABLE) != null) {
			// a file lying in the working directory must never be what destroys a schema
			err().println("Hoist: " + VARIABLE + " from " + settings.origin(VARIABLE)
					+ " is ignored: clean runs only with --clean-enabled on the command line");
			err().flush();
		}
		if (this.cleanMaxRows != null) {
			configuration.cleanMaxRows(this.cleanMaxRows);
		}
	}

}
