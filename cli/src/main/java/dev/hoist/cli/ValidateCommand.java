package dev.hoist.cli;

import dev.hoist.core.internal.report.Reports;
import picocli.CommandLine.Command;

@Command(name = "validate",
		description = "Check this build's migrations against the database's history and list every problem at once.")
final class ValidateCommand extends HoistCommand.OnDatabase {

	@Override
	int run() {
		return print(Reports.validate(hoist().status()));
	}

}
