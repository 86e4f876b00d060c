package dev.hoist.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.hoist.core.CheckResult;
import dev.hoist.core.HoistStatus;
import dev.hoist.core.MigrationInfo;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;

@Command(name = "check",
		description = "A CI gate: exit 0 when valid and nothing is pending, 1 when migrations are pending, 2 when invalid.")
final class CheckCommand extends HoistCommand.OnDatabase {

	@Override
	int run() {
		CheckResult result = hoist().check();
		HoistStatus status = result.status();
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("outcome", result.outcome().name().toLowerCase(Locale.ROOT));
		json.put("exitCode", result.exitCode());
		json.put("revision", Views.version(status.revision()));
		json.put("head", Views.version(status.head()));
		json.put("pending", Views.migrations(status.pending()));
		json.put("problems", status.problems().stream().map(Views::problem).toList());
		String text = switch (result.outcome()) {
			case CURRENT -> "Current: revision " + Views.revision(status.revision()) + ", nothing pending.";
			case PENDING ->
				"Pending: " + status.pending().size() + " migration" + ((status.pending().size() == 1) ? "" : "s")
						+ " to apply on revision " + Views.revision(status.revision()) + ": "
						+ String.join(", ", status.pending().stream().map(MigrationInfo::script).toList());
			case INVALID -> "Invalid:\n" + Views.problems(status.problems());
		};
		print(json, text);
		return result.exitCode();
	}

}
