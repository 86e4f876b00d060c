package dev.hoist.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.hoist.core.HoistStatus;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;

@Command(name = "validate",
		description = "Check this build's migrations against the database's history and list every problem at once.")
final class ValidateCommand extends HoistCommand.OnDatabase {

	@Override
	int run() {
		HoistStatus status = hoist().status();
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("valid", status.isValid());
		json.put("problems", status.problems().stream().map(Views::problem).toList());
		String text = status.isValid()
				? "Valid: " + status.applied().size() + " applied, " + status.pending().size() + " pending."
				: "Invalid: " + status.problems().size() + " problem" + ((status.problems().size() == 1) ? "" : "s")
						+ "\n" + Views.problems(status.problems());
		print(json, text);
		return status.isValid() ? ExitCodes.OK : ExitCodes.INVALID;
	}

}
