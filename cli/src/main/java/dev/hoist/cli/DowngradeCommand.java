package dev.hoist.cli;

import java.util.Objects;

import dev.hoist.core.Hoist;
import dev.hoist.core.internal.report.Reports;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "downgrade",
		description = {
				"Revert applied migrations by running their '-- migrate:down' sections, newest first, each in"
						+ " its own transaction with the removal of its history row, under the migration lock.",
				"Refuses before changing anything when a migration in range has no down section." })
final class DowngradeCommand extends HoistCommand.OnDatabase {

	@ArgGroup(exclusive = true, multiplicity = "1")
	@SuppressWarnings("NullAway.Init")
	Range range;

	@Override
	int run() {
		Hoist hoist = hoist();
		return print(Reports.downgrade((this.range.steps != null) ? hoist.downgrade(this.range.steps)
				: hoist.downgradeTo(Objects.requireNonNull(this.range.target))));
	}

	static final class Range {

		@Option(names = "--steps", paramLabel = "<n>", description = "Revert the newest <n> migrations.")
		@Nullable Integer steps;

		@Option(names = "--target", paramLabel = "<version>",
				description = "Revert every migration newer than <version> (0 reverts all).")
		@Nullable String target;

	}

}
