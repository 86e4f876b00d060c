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
 * the process environment ({@code SPRING_DATASOURCE_*}, {@code DATABASE_URL},
 * {@code JDBC_DATABASE_URL}, then component variables {@code DB_*}, {@code POSTGRES_*},
 * {@code PG*}), then {@code .env.local} and {@code .env} in the working directory, whose
 * entries act as environment variables of lower rank.
 * <p>
 * The places are weighed by the same rule as the application's
 * ({@link DatabaseSettings#resolve(List)}): the database comes whole from the
 * highest-ranked place that names a complete one, and credentials go only with the
 * database they were written with, unless given explicitly ({@code --user},
 * {@code --password-file}, {@code SPRING_DATASOURCE_USERNAME} and {@code _PASSWORD}).
 */
final class CliSettings {

	/** Where the CLI looks for migrations by default: a project's source tree. */
	static final String DEFAULT_LOCATION = "filesystem:src/main/resources/db/migration";

	/** The prefix of a location that may be absent. */
	static final String OPTIONAL = "optional:";

	static final String FILESYSTEM = "filesystem:";

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
		List<DatabaseSettings.Source> places = new ArrayList<>();
		places.add(new DatabaseSettings.Source(COMMAND_LINE, fromFlags(flags), Map.of()));
		this.sources.forEach((source) -> places.add(DatabaseSettings.Source.of(source.name(), source.values())));
		DatabaseSettings.Resolution resolution = DatabaseSettings.resolve(places);
		DatabaseSettings settings = resolution.settings();
		DatabaseSettings.Setting url = settings.url();
		if (url == null) {
			throw new SettingsException("No database configured. Pass --url, set DATABASE_URL (or DB_HOST and DB_NAME,"
					+ " or PGHOST and PGDATABASE) in the environment, or put DATABASE_URL in .env.local or .env in the"
					+ " working directory");
		}
		String schema = (flags.schema() != null) ? flags.schema() : first("HOIST_SCHEMA");
		return new Resolved(url.value(), value(settings.username()), value(settings.password()),
				locations(flags.locations()), schema, settings.describe(), settings.sources(), resolution.warnings());
	}

	private static DatabaseSettings fromFlags(Flags flags) {
		DatabaseSettings.Setting url = (flags.url() != null)
				? new DatabaseSettings.Setting(flags.url(), "--url", COMMAND_LINE) : null;
		DatabaseSettings.Setting user = (flags.user() != null)
				? new DatabaseSettings.Setting(flags.user(), "--user", COMMAND_LINE) : null;
		DatabaseSettings.Setting password = (flags.passwordFile() != null) ? new DatabaseSettings.Setting(
				readPassword(flags.passwordFile(), "--password-file"), "--password-file", COMMAND_LINE) : null;
		return new DatabaseSettings(url, user, password);
	}

	/**
	 * Resolve the migration locations alone, which {@code new} needs without a database.
	 * @param flagged the {@code --locations} values, possibly empty
	 * @return the locations; a bare path is a {@code filesystem:} location, and an
	 * {@code optional:} prefix stays in front
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
				boolean optional = trimmed.startsWith(OPTIONAL);
				trimmed = optional ? trimmed.substring(OPTIONAL.length()).strip() : trimmed;
				if (!trimmed.isEmpty()) {
					// a standalone jar has no application classpath: a bare path
					// means a directory
					locations.add((optional ? OPTIONAL : "")
							+ ((trimmed.startsWith("classpath:") || trimmed.startsWith(FILESYSTEM)) ? trimmed
									: FILESYSTEM + trimmed));
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

	/**
	 * Return where a variable is set: {@code environment}, {@code .env.local} or
	 * {@code .env}.
	 * @param name the variable
	 * @return the place, or {@code null} when it is not set
	 */
	@Nullable String origin(String name) {
		for (Source source : this.sources) {
			String value = source.values().get(name);
			if (value != null && !value.isEmpty()) {
				return source.name();
			}
		}
		return null;
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
	 * What the command line says. {@link #toString()} never shows the URL, which may hold
	 * a password.
	 *
	 * @param url {@code --url}
	 * @param user {@code --user}
	 * @param passwordFile {@code --password-file}
	 * @param locations {@code --locations}
	 * @param schema {@code --schema}
	 */
	record Flags(@Nullable String url, @Nullable String user, @Nullable Path passwordFile, List<String> locations,
			@Nullable String schema) {

		@Override
		public String toString() {
			return "Flags[url " + ((this.url != null) ? DatabaseSettings.mask(this.url) : null) + ", user " + this.user
					+ ", locations " + this.locations + ", schema " + this.schema + "]";
		}

	}

	/**
	 * A resolved connection. {@link #toString()} never shows the password.
	 *
	 * @param jdbcUrl the JDBC URL
	 * @param user the user, or {@code null} for the driver's default
	 * @param password the password, or {@code null}
	 * @param locations the migration locations
	 * @param schema the schema, or {@code null} for the connection's current one
	 * @param database the database without the password, such as
	 * {@code shop@db:5432/shop}
	 * @param source where each setting came from, such as
	 * {@code DATABASE_URL from .env.local}
	 * @param warnings settings a person may have expected to be used and that were not
	 */
	record Resolved(String jdbcUrl, @Nullable String user, @Nullable String password, List<String> locations,
			@Nullable String schema, String database, String source, List<String> warnings) {

		/**
		 * Describe the database for a log line, as the application's startup line does:
		 * user, hosts, database and where each came from, never the password.
		 * @return the description
		 */
		String describe() {
			return "PostgreSQL " + this.database + " (" + this.source + ")";
		}

		@Override
		public String toString() {
			return describe();
		}

	}

	private record Source(String name, Map<String, String> values) {

		@Override
		public String toString() {
			// the values may hold a password
			return "Source[" + this.name + "]";
		}

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
