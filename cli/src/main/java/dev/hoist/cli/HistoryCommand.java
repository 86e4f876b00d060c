package dev.hoist.cli;

import dev.hoist.core.internal.report.Reports;
import picocli.CommandLine.Command;

@Command(name = "history",
		description = "List applied migrations with time, duration, who, and whether each file's checksum is ok, changed or missing.")
final class HistoryCommand extends HoistCommand.OnDatabase {

	@Override
	int run() {
		return print(Reports.history(hoist().history()));
	}

}
