package dev.hoist.cli;

import java.nio.file.Path;

import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.command.HoistCommand;
import dev.hoist.core.lint.Finding.Severity;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(footer = { "",
		"The shadow database gets the live schema copied into it; each pending migration runs there in a",
		"transaction that is rolled back, and nothing pending ever runs on the live database. Without",
		"--shadow-url, a temporary database is created on the same server and dropped afterwards (the user",
		"needs CREATEDB)." })
final class PlanCommand extends CliCommand.OnDatabase {

	@Option(names = "--fail-on", paramLabel = "<severity>",
			description = "Exit 1 on a finding this severe or more: error (default), warning or info.")
	Severity failOn = Severity.ERROR;

	@Option(names = "--shadow-url", paramLabel = "<url>",
			description = "An empty database of its own to try the migrations on, emptied again afterwards (default:"
					+ " HOIST_SHADOW_URL, else a temporary database on the migrated server).")
	@Nullable String shadowUrl;

	@Option(names = "--shadow-user", paramLabel = "<user>",
			description = "The shadow database's user (default: HOIST_SHADOW_USER, else from its URL).")
	@Nullable String shadowUser;

	@Option(names = "--shadow-password-file", paramLabel = "<file>",
			description = "Read the shadow database's password from this file (default: HOIST_SHADOW_PASSWORD,"
					+ " else from its URL).")
	@Nullable Path shadowPasswordFile;

	@Override
	HoistCommand command() {
		return HoistCommand.PLAN;
	}

	@Override
	HoistCommand.Options options() {
		return HoistCommand.Options.NONE.withFailOn(this.failOn);
	}

	@Override
	void customize(HoistConfiguration configuration) {
		CliSettings settings = settings();
		String url = (this.shadowUrl != null) ? this.shadowUrl : settings.variable("HOIST_SHADOW_URL");
		if (url != null && !url.isBlank()) {
			String user = (this.shadowUser != null) ? this.shadowUser : settings.variable("HOIST_SHADOW_USER");
			String password = (this.shadowPasswordFile != null)
					? CliSettings.readPassword(this.shadowPasswordFile, "--shadow-password-file")
					: settings.variable("HOIST_SHADOW_PASSWORD");
			configuration.shadowUrl(url, user, password);
		}
	}

}
