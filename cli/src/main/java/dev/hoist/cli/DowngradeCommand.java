package dev.hoist.cli;

import dev.hoist.core.command.HoistCommand;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(footer = "Refuses, changing nothing, when a migration in range has no down section.")
final class DowngradeCommand extends CliCommand.OnDatabase {

	@ArgGroup(exclusive = true, multiplicity = "1")
	@SuppressWarnings("NullAway.Init")
	Range range;

	@Override
	HoistCommand command() {
		return HoistCommand.DOWNGRADE;
	}

	@Override
	HoistCommand.Options options() {
		return new HoistCommand.Options(this.range.steps, this.range.target, null, null, null);
	}

	static final class Range {

		@Option(names = "--steps", paramLabel = "<n>", description = "Revert the newest <n> migrations.")
		@Nullable Integer steps;

		@Option(names = "--target", paramLabel = "<version>",
				description = "Revert every migration newer than <version> (0 reverts all).")
		@Nullable String target;

	}

}
