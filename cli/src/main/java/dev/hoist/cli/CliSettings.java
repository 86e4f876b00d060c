package dev.hoist.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.hoist.core.DatabaseSettings;
import org.jspecify.annotations.Nullable;

/**
 * Where the CLI's database and migrations are, highest first: command-line flags, then
 * the process environment ({@code DATABASE_URL}, {@code JDBC_DATABASE_URL}, then
 * component variables {@code DB_*}, {@code POSTGRES_*}, {@code PG*}), then
 * {@code .env.local} and {@code .env} in the working directory, whose entries act as
 * environment variables of lower rank. Each setting (URL, user, password) is taken from
 * the highest rank that names it.
 * <p>
 * The variables and files are read by the same {@link DatabaseSettings} as the
 * application's, so the CLI finds the database the service finds.
 */
final class CliSettings {

	/** Where the CLI looks for migrations by default: a project's source tree. */
	static final String DEFAULT_LOCATION = "filesystem:src/main/resources/db/migration";

	private static final String COMMAND_LINE = "the command line";

	private final List<Source> sources;

	private CliSettings(List<Source> sources) {
		this.sources = sources;
	}

	/**
	 * Read the environment and the {@code .env} files of a working directory.
	 * @param environment the process environment
	 * @param workingDirectory where {@code .env.local} and {@code .env} may be
	 * @return the settings sources, highest first
	 */
	static CliSettings of(Map<String, String> environment, Path workingDirectory) {
		List<Source> sources = new ArrayList<>();
		sources.add(new Source("environment", environment));
		for (String name : List.of(".env.local", ".env")) {
			Path file = workingDirectory.resolve(name);
			if (Files.isRegularFile(file)) {
				Map<String, String> values = new LinkedHashMap<>();
				DatabaseSettings.readDotenv(file, environment::get)
					.forEach((key, setting) -> values.put(key, setting.value()));
				sources.add(new Source(name, values));
			}
		}
		return new CliSettings(sources);
	}

	/**
	 * Resolve the database and the migration settings.
	 * @param flags what the command line says
	 * @return the connection settings
	 * @throws SettingsException when no database is configured or a file cannot be read
	 * @throws DatabaseSettings.InvalidSettingException when a URL cannot be understood
	 */
	Resolved resolve(Flags flags) {
		DatabaseSettings settings = fromFlags(flags);
		for (Source source : this.sources) {
			settings = settings.orElse(DatabaseSettings.fromVariables(source.values(), source.name()));
		}
		DatabaseSettings.Setting url = settings.url();
		if (url == null) {
			throw new SettingsException("No database configured. Pass --url, set DATABASE_URL (or DB_HOST and DB_NAME,"
					+ " or PGHOST and PGDATABASE) in the environment, or put DATABASE_URL in .env.local or .env in the"
					+ " working directory");
		}
		String schema = (flags.schema() != null) ? flags.schema() : first("HOIST_SCHEMA");
		return new Resolved(url.value(), value(settings.username()), value(settings.password()),
				locations(flags.locations()), schema, "true".equalsIgnoreCase(first("HOIST_CLEAN_ENABLED")),
				settings.describe() + " (" + settings.sources() + ")", settings.sources());
	}

	private static DatabaseSettings fromFlags(Flags flags) {
		DatabaseSettings.Setting user = (flags.user() != null)
				? new DatabaseSettings.Setting(flags.user(), "--user", COMMAND_LINE) : null;
		DatabaseSettings.Setting password = (flags.passwordFile() != null) ? new DatabaseSettings.Setting(
				readPassword(flags.passwordFile(), "--password-file"), "--password-file", COMMAND_LINE) : null;
		DatabaseSettings explicit = new DatabaseSettings(null, user, password);
		return (flags.url() != null) ? explicit.orElse(DatabaseSettings.fromUrl(flags.url(), "--url", COMMAND_LINE))
				: explicit;
	}

	/**
	 * Resolve the migration locations alone, which {@code new} needs without a database.
	 * @param flagged the {@code --locations} values, possibly empty
	 * @return the locations; a bare path is a {@code filesystem:} location
	 */
	List<String> locations(List<String> flagged) {
		List<String> locations = new ArrayList<>();
		List<String> given = flagged;
		if (given.isEmpty()) {
			String variable = first("HOIST_LOCATIONS");
			given = (variable != null) ? List.of(variable) : List.of(DEFAULT_LOCATION);
		}
		for (String value : given) {
			for (String location : value.split(",")) {
				String trimmed = location.strip();
				if (!trimmed.isEmpty()) {
					// a standalone jar has no application classpath: a bare path
					// means a directory
					locations.add((trimmed.startsWith("classpath:") || trimmed.startsWith("filesystem:")) ? trimmed
							: "filesystem:" + trimmed);
				}
			}
		}
		return locations;
	}

	/**
	 * Read a password from a file, without the line end a shell's echo adds.
	 * @param file the file
	 * @param option the flag that named it, for the error
	 * @return the password
	 */
	static String readPassword(Path file, String option) {
		try {
			String text = Files.readString(file, StandardCharsets.UTF_8);
			// files written with echo end in a newline that is not part of the password
			return text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
					: text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
		}
		catch (IOException ex) {
			throw new SettingsException("Cannot read the password file " + file.toAbsolutePath() + " (" + option + "): "
					+ ex.getClass().getSimpleName());
		}
	}

	/**
	 * Return a variable from the environment, else {@code .env.local}, else {@code .env}.
	 */
	@Nullable String variable(String name) {
		return first(name);
	}

	private @Nullable String first(String variable) {
		for (Source source : this.sources) {
			String value = source.values().get(variable);
			if (value != null && !value.isEmpty()) {
				return value;
			}
		}
		return null;
	}

	private static @Nullable String value(DatabaseSettings.@Nullable Setting setting) {
		return (setting != null) ? setting.value() : null;
	}

	/**
	 * What the command line says.
	 *
	 * @param url {@code --url}
	 * @param user {@code --user}
	 * @param passwordFile {@code --password-file}
	 * @param locations {@code --locations}
	 * @param schema {@code --schema}
	 */
	record Flags(@Nullable String url, @Nullable String user, @Nullable Path passwordFile, List<String> locations,
			@Nullable String schema) {

	}

	/**
	 * A resolved connection. {@link #toString()} never shows the password.
	 *
	 * @param jdbcUrl the JDBC URL
	 * @param user the user, or {@code null} for the driver's default
	 * @param password the password, or {@code null}
	 * @param locations the migration locations
	 * @param schema the schema, or {@code null} for the connection's current one
	 * @param cleanEnabled whether {@code HOIST_CLEAN_ENABLED=true} was set
	 * @param source the database and where each setting came from, such as
	 * {@code shop@db:5432/shop (DATABASE_URL from .env.local)}
	 * @param origin where each setting came from, such as
	 * {@code DATABASE_URL from .env.local}
	 */
	record Resolved(String jdbcUrl, @Nullable String user, @Nullable String password, List<String> locations,
			@Nullable String schema, boolean cleanEnabled, String source, String origin) {

		/**
		 * Describe the database for a log line, as the application's startup line does:
		 * user, hosts, database and where each came from, never the password.
		 * @return the description
		 */
		String describe() {
			return "PostgreSQL " + this.source;
		}

		@Override
		public String toString() {
			return describe();
		}

	}

	private record Source(String name, Map<String, String> values) {

	}

	/**
	 * The database cannot be found or reached from the settings given.
	 */
	static final class SettingsException extends RuntimeException {

		SettingsException(String message) {
			super(message);
		}

	}

}
