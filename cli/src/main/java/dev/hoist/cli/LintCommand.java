package dev.hoist.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.hoist.core.Hoist;
import dev.hoist.core.HoistConfiguration.SettingNames;
import dev.hoist.core.command.HoistCommand;
import dev.hoist.core.lint.Finding.Severity;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(footer = { "", "Without files or --all, lints the migrations that migrate would apply, with the size of each",
		"table they lock, read from the database's catalogs. Rules and suppressions: docs/lint.md." })
final class LintCommand extends CliCommand.OnDatabase {

	@Parameters(arity = "0..*", paramLabel = "<file>",
			description = "Migration files or directories to lint, in the order migrations apply; no database needed.")
	List<Path> files = new ArrayList<>();

	@Option(names = "--all", description = "Lint every migration in --locations (default: HOIST_LOCATIONS, else "
			+ CliSettings.DEFAULT_LOCATION + "), not only the pending ones; no database needed.")
	boolean all;

	@Option(names = "--fail-on", paramLabel = "<severity>",
			description = "Exit 1 on a finding this severe or more: error (default), warning or info.")
	Severity failOn = Severity.ERROR;

	@Option(names = "--postgres", paramLabel = "<major>",
			description = "Without a database: the PostgreSQL major version the migrations will run on (default: 14,"
					+ " the oldest Hoist supports).")
	@Nullable Integer postgres;

	@Override
	HoistCommand command() {
		return HoistCommand.LINT;
	}

	@Override
	@Nullable Hoist hoist() {
		return (this.all || !this.files.isEmpty()) ? null : super.hoist();
	}

	@Override
	HoistCommand.Options options() {
		List<Path> paths = new ArrayList<>(this.files);
		if (this.all && paths.isEmpty()) {
			for (String location : settings().locations(this.connection.locations)) {
				if (!location.startsWith("filesystem:")) {
					throw new IllegalArgumentException("lint --all reads directories, and " + location
							+ " is on a classpath: pass --locations with the directory of the migrations");
				}
				paths.add(workingDirectory().resolve(location.substring("filesystem:".length())));
			}
		}
		return HoistCommand.Options.NONE.withFailOn(this.failOn)
			.withLintScope(false, paths, this.postgres)
			.withSettingNames(SettingNames.COMMAND_LINE);
	}

}
