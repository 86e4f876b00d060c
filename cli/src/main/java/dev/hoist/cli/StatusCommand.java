package dev.hoist.cli;

import java.util.ArrayList;
import java.util.List;

import dev.hoist.core.HoistStatus;
import dev.hoist.core.MigrationInfo;
import picocli.CommandLine.Command;

@Command(name = "status", description = "Show the revision, this build's head, the state and what is pending.")
final class StatusCommand extends HoistCommand.OnDatabase {

	@Override
	int run() {
		HoistStatus status = hoist().status();
		StringBuilder text = new StringBuilder();
		text.append("Revision: ").append(Views.revision(status.revision())).append('\n');
		text.append("Head:     ").append(Views.revision(status.head())).append('\n');
		text.append("State:    ").append(status.state().label()).append('\n');
		text.append("Pending:  ").append(status.pending().size()).append('\n');
		List<MigrationInfo> all = new ArrayList<>(status.applied());
		all.addAll(status.pending());
		if (!all.isEmpty()) {
			text.append('\n').append(Views.table(all));
		}
		if (!status.problems().isEmpty()) {
			text.append("\nProblems:\n").append(Views.problems(status.problems()));
		}
		print(Views.status(status), text.toString());
		return ExitCodes.OK;
	}

}
