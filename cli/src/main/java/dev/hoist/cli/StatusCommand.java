package dev.hoist.cli;

import dev.hoist.core.command.HoistCommand;
import picocli.CommandLine.Command;

@Command
final class StatusCommand extends CliCommand.OnDatabase {

	@Override
	HoistCommand command() {
		return HoistCommand.STATUS;
	}

}
