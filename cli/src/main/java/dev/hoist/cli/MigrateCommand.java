package dev.hoist.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.hoist.core.MigrateResult;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "migrate", description = "Validate, then apply every pending migration under the migration lock.")
final class MigrateCommand extends HoistCommand.OnDatabase {

	@Option(names = "--target", paramLabel = "<version>", description = "Stop at this version (default: apply all).")
	@Nullable String target;

	@Override
	int run() {
		MigrateResult result = hoist((configuration) -> configuration.target(this.target)).migrate();
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("initialRevision", Views.version(result.initialRevision()));
		json.put("revision", Views.version(result.revision()));
		json.put("applied", Views.migrations(result.applied()));
		json.put("lockWaitMs", result.lockWait().toMillis());
		json.put("durationMs", result.duration().toMillis());
		String text = result.applied().isEmpty()
				? "Schema is up to date at revision " + Views.revision(result.revision()) + "."
				: "Applied " + result.migrationsExecuted() + " migration"
						+ ((result.migrationsExecuted() == 1) ? "" : "s") + " in " + result.duration().toMillis()
						+ " ms: revision " + Views.revision(result.initialRevision()) + " -> "
						+ Views.revision(result.revision()) + "\n\n" + Views.table(result.applied());
		print(json, text);
		return ExitCodes.OK;
	}

}
