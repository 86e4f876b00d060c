package dev.hoist.cli;

import dev.hoist.core.internal.report.Reports;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "migrate", description = "Validate, then apply every pending migration under the migration lock.")
final class MigrateCommand extends HoistCommand.OnDatabase {

	@Option(names = "--target", paramLabel = "<version>", description = "Stop at this version (default: apply all).")
	@Nullable String target;

	@Override
	int run() {
		return print(Reports.migrate(hoist((configuration) -> configuration.target(this.target)).migrate()));
	}

}
