package dev.hoist.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Where the database and the migrations are. Each flag beats the environment
 * ({@code DATABASE_URL}, {@code DB_*}, {@code PG*}), which beats {@code .env.local} and
 * {@code .env} in the working directory.
 */
final class ConnectionOptions {

	@Option(names = "--url", paramLabel = "<url>",
			description = "Database URL: postgres://user@host:5432/db or jdbc:postgresql://host:5432/db."
					+ " Default: DATABASE_URL, then DB_HOST/DB_NAME/..., then PGHOST/PGDATABASE/...")
	@Nullable String url;

	@Option(names = "--user", paramLabel = "<user>",
			description = "Database user (default: from the URL or DB_USER/PGUSER).")
	@Nullable String user;

	@Option(names = "--password-file", paramLabel = "<file>",
			description = "Read the password from this file (default: from the URL or DB_PASSWORD/PGPASSWORD)."
					+ " There is no password flag: command lines end up in shell history and ps.")
	@Nullable Path passwordFile;

	@Option(names = "--locations", paramLabel = "<location>", split = ",",
			description = "Migration locations, comma-separated: directories or filesystem:/classpath: locations;"
					+ " each must exist unless prefixed with optional:" + " (default: HOIST_LOCATIONS, else "
					+ CliSettings.DEFAULT_LOCATION + ").")
	List<String> locations = new ArrayList<>();

	@Option(names = "--schema", paramLabel = "<schema>",
			description = "Schema of the history table and the migrations (default: HOIST_SCHEMA, else the"
					+ " connection's current schema).")
	@Nullable String schema;

	CliSettings.Flags flags() {
		return new CliSettings.Flags(this.url, this.user, this.passwordFile, this.locations, this.schema);
	}

}
