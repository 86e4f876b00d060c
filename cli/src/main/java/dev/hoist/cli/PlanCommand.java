package dev.hoist.cli;

import dev.hoist.core.command.HoistCommand;
import dev.hoist.core.lint.Finding.Severity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(footer = { "",
		"The shadow database gets the live schema copied into it; each pending migration runs there in a",
		"transaction that is rolled back, and nothing pending ever runs on the live database. Without",
		"--shadow-url, a temporary database is created on the same server and dropped afterwards (the user",
		"needs CREATEDB)." })
final class PlanCommand extends CliCommand.OnDatabase {

	@Option(names = "--fail-on", paramLabel = "<severity>",
			description = "Exit 1 on a finding this severe or more: error (default), warning or info.")
	Severity failOn = Severity.ERROR;

	@Mixin
	ShadowOptions shadow = new ShadowOptions();

	@Override
	HoistCommand command() {
		return HoistCommand.PLAN;
	}

	@Override
	HoistCommand.Options options() {
		return HoistCommand.Options.NONE.withFailOn(this.failOn);
	}

	@Override
	ShadowOptions shadow() {
		return this.shadow;
	}

}
