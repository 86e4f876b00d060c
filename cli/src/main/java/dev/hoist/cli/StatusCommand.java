package dev.hoist.cli;

import dev.hoist.core.internal.report.Reports;
import picocli.CommandLine.Command;

@Command(name = "status", description = "Show the revision, this build's head, the state and what is pending.")
final class StatusCommand extends HoistCommand.OnDatabase {

	@Override
	int run() {
		return print(Reports.status(hoist().status()));
	}

}
