package dev.hoist.cli;

import dev.hoist.core.internal.report.Reports;
import picocli.CommandLine.Command;

@Command(name = "repair", description = { "Realign the recorded checksums of applied migrations with their files, and"
		+ " remove the failed rows that non-transactional migrations left.", "Prints each change." })
final class RepairCommand extends HoistCommand.OnDatabase {

	@Override
	int run() {
		return print(Reports.repair(hoist().repair()));
	}

}
