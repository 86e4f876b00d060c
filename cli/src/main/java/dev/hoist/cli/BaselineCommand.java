package dev.hoist.cli;

import dev.hoist.core.command.HoistCommand;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(footer = "Refuses when the history table already has rows.")
final class BaselineCommand extends CliCommand.OnDatabase {

	@Option(names = "--version", required = true, paramLabel = "<version>",
			description = "The version the existing schema corresponds to.")
	@SuppressWarnings("NullAway.Init")
	String version;

	@Option(names = "--description", paramLabel = "<text>", description = "What the baseline stands for.")
	@Nullable String description;

	@Override
	HoistCommand command() {
		return HoistCommand.BASELINE;
	}

	@Override
	HoistCommand.Options options() {
		return new HoistCommand.Options(null, null, this.version, this.description, null);
	}

}
