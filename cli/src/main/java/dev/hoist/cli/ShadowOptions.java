package dev.hoist.cli;

import java.nio.file.Path;

import dev.hoist.core.HoistConfiguration;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The shadow database of the commands that build schemas by applying migrations
 * ({@code plan}, {@code drift}, {@code verify}): an empty database of its own, else a
 * temporary one Hoist creates on the migrated server and drops afterwards. Each flag
 * beats its environment variable ({@code HOIST_SHADOW_URL}, {@code HOIST_SHADOW_USER},
 * {@code HOIST_SHADOW_PASSWORD}), which has the same name in the application.
 */
final class ShadowOptions {

	@Option(names = "--shadow-url", paramLabel = "<url>",
			description = "An empty database Hoist may build schemas on and empties again afterwards (default:"
					+ " HOIST_SHADOW_URL, else a temporary database on the migrated server, which needs CREATEDB).")
	@Nullable String url;

	@Option(names = "--shadow-user", paramLabel = "<user>",
			description = "The shadow database's user (default: HOIST_SHADOW_USER, else from --shadow-url).")
	@Nullable String user;

	@Option(names = "--shadow-password-file", paramLabel = "<file>",
			description = "Read the shadow database's password from this file (default: HOIST_SHADOW_PASSWORD,"
					+ " else from --shadow-url).")
	@Nullable Path passwordFile;

	void apply(HoistConfiguration configuration, CliSettings settings) {
		String url = LockOptions.value(this.url, settings, "HOIST_SHADOW_URL");
		if (url == null) {
			return;
		}
		String user = LockOptions.value(this.user, settings, "HOIST_SHADOW_USER");
		String password = (this.passwordFile != null)
				? CliSettings.readPassword(this.passwordFile, "--shadow-password-file")
				: settings.variable("HOIST_SHADOW_PASSWORD");
		configuration.shadowUrl(url, user, password);
	}

}
