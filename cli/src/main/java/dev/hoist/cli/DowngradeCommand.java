package dev.hoist.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.hoist.core.DowngradeResult;
import dev.hoist.core.Hoist;
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

	static final class Range {

		@Option(names = "--steps", paramLabel = "<n>", description = "Revert the newest <n> migrations.")
		@Nullable Integer steps;

		@Option(names = "--target", paramLabel = "<version>",
				description = "Revert every migration newer than <version> (0 reverts all).")
		@Nullable String target;

	}

	@Override
	int run() {
		Hoist hoist = hoist();
		DowngradeResult result = (this.range.steps != null) ? hoist.downgrade(this.range.steps)
				: hoist.downgradeTo(java.util.Objects.requireNonNull(this.range.target));
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("initialRevision", Views.version(result.initialRevision()));
		json.put("revision", Views.version(result.revision()));
		json.put("reverted", Views.migrations(result.reverted()));
		json.put("lockWaitMs", result.lockWait().toMillis());
		json.put("durationMs", result.duration().toMillis());
		String text = result.reverted().isEmpty()
				? "Nothing to revert: revision is " + Views.revision(result.revision()) + "."
				: "Reverted " + result.migrationsReverted() + " migration"
						+ ((result.migrationsReverted() == 1) ? "" : "s") + " in " + result.duration().toMillis()
						+ " ms: revision " + Views.revision(result.initialRevision()) + " -> "
						+ Views.revision(result.revision()) + "\n\n" + Views.table(result.reverted());
		print(json, text);
		return ExitCodes.OK;
	}

}
