package dev.hoist.cli;

import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.command.HoistCommand;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command
final class MigrateCommand extends CliCommand.OnDatabase {

	@Option(names = "--target", paramLabel = "<version>",
			description = "Stop at this version (default: HOIST_TARGET, else apply all).")
	@Nullable String target;

	@Override
	HoistCommand command() {
		return HoistCommand.MIGRATE;
	}

	@Override
	void customize(HoistConfiguration configuration, CliSettings settings) {
		String value = (this.target != null) ? this.target : settings.variable("HOIST_TARGET");
		configuration.target(value);
	}

}
