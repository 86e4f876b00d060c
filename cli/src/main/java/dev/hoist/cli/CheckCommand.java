package dev.hoist.cli;

import dev.hoist.core.internal.report.Reports;
import picocli.CommandLine.Command;

@Command(name = "check",
		description = "A CI gate: exit 0 when valid and nothing is pending, 1 when migrations are pending, 2 when invalid.")
final class CheckCommand extends HoistCommand.OnDatabase {

	@Override
	int run() {
		return print(Reports.check(hoist().check()));
	}

}
