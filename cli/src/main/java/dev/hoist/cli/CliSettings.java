package dev.hoist.cli;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Where the CLI's database and migrations are, highest first: command-line flags, then
 * the process environment ({@code DATABASE_URL}, {@code JDBC_DATABASE_URL}, then
 * component variables {@code DB_*}, {@code POSTGRES_*}, {@code PG*}), then
 * {@code .env.local} and {@code .env} in the working directory, whose entries act as
 * environment variables of lower rank.
 * <p>
 * This is the one seam between the CLI and settings resolution: the URL parsing and
 * variable lookup below are a deliberately small stand-in, to be replaced by the shared
 * resolver of {@code dev.hoist.core.settings} so that the CLI and the application read
 * settings identically. Callers see only {@link #resolve} and {@link #locations}.
 */
final class CliSettings {

	/** Where the CLI looks for migrations by default: a project's source tree. */
	static final String DEFAULT_LOCATION = "filesystem:src/main/resources/db/migration";

	private static final List<String> URL_VARIABLES = List.of("DATABASE_URL", "JDBC_DATABASE_URL");

	private static final List<String> HOST_VARIABLES = List.of("DB_HOST", "PGHOST");

	private static final List<String> PORT_VARIABLES = List.of("DB_PORT", "PGPORT");

	private static final List<String> DATABASE_VARIABLES = List.of("DB_NAME", "POSTGRES_DB", "PGDATABASE");

	private static final List<String> USER_VARIABLES = List.of("DB_USER", "POSTGRES_USER", "PGUSER");

	private static final List<String> PASSWORD_VARIABLES = List.of("DB_PASSWORD", "POSTGRES_PASSWORD", "PGPASSWORD");

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
				sources.add(new Source(name, Dotenv.read(file)));
			}
		}
		return new CliSettings(sources);
	}

	/**
	 * Resolve the database and the migration settings.
	 * @param flags what the command line says
	 * @return the connection settings
	 * @throws SettingsException when no database is configured or a file cannot be read
	 */
	Resolved resolve(Flags flags) {
		Connection connection = connection(flags.url());
		String user = (flags.user() != null) ? flags.user()
				: (connection.user() != null) ? connection.user() : first(USER_VARIABLES);
		String password = (flags.passwordFile() != null) ? readPassword(flags.passwordFile())
				: (connection.password() != null) ? connection.password() : first(PASSWORD_VARIABLES);
		String schema = (flags.schema() != null) ? flags.schema() : first(List.of("HOIST_SCHEMA"));
		return new Resolved(connection.jdbcUrl(), user, password, locations(flags.locations()), schema,
				"true".equalsIgnoreCase(first(List.of("HOIST_CLEAN_ENABLED"))), connection.source());
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
			String variable = first(List.of("HOIST_LOCATIONS"));
			given = (variable != null) ? List.of(variable) : List.of(DEFAULT_LOCATION);
		}
		for (String value : given) {
			for (String location : value.split(",")) {
				String trimmed = location.strip();
				if (!trimmed.isEmpty()) {
					// a standalone jar has no application classpath: a bare path means a
					// directory
					locations.add((trimmed.startsWith("classpath:") || trimmed.startsWith("filesystem:")) ? trimmed
							: "filesystem:" + trimmed);
				}
			}
		}
		return locations;
	}

	private Connection connection(@Nullable String flaggedUrl) {
		if (flaggedUrl != null) {
			return parseUrl(flaggedUrl, "--url");
		}
		for (Source source : this.sources) {
			for (String variable : URL_VARIABLES) {
				String url = source.values().get(variable);
				if (url != null && !url.isBlank()) {
					return parseUrl(url.strip(), variable + " from " + source.name());
				}
			}
			List<String> named = new ArrayList<>();
			for (String variable : concat(HOST_VARIABLES, DATABASE_VARIABLES)) {
				if (source.values().containsKey(variable)) {
					named.add(variable);
				}
			}
			if (!named.isEmpty()) {
				return fromComponents(String.join(", ", named) + " from " + source.name());
			}
		}
		throw new SettingsException("No database configured. Pass --url, set DATABASE_URL (or DB_HOST and DB_NAME,"
				+ " or PGHOST and PGDATABASE) in the environment, or put DATABASE_URL in .env.local or .env in the"
				+ " working directory");
	}

	private Connection fromComponents(String source) {
		String host = orDefault(first(HOST_VARIABLES), "localhost");
		String port = first(PORT_VARIABLES);
		String user = first(USER_VARIABLES);
		String database = orDefault(first(DATABASE_VARIABLES), orDefault(user, "postgres"));
		String sslmode = first(List.of("PGSSLMODE"));
		String url = "jdbc:postgresql://" + bracketed(host) + ((port != null) ? ":" + port : "") + "/" + database
				+ ((sslmode != null) ? "?sslmode=" + sslmode : "");
		return new Connection(url, null, null, source);
	}

	/**
	 * Turn {@code postgres://user:password@host:port/db?params} into a JDBC URL and
	 * credentials; a {@code jdbc:postgresql://} URL passes through as it is.
	 */
	static Connection parseUrl(String url, String source) {
		if (url.startsWith("jdbc:postgresql:")) {
			return new Connection(url, null, null, source);
		}
		String lower = url.toLowerCase(Locale.ROOT);
		String rest;
		if (lower.startsWith("postgres://")) {
			rest = url.substring("postgres://".length());
		}
		else if (lower.startsWith("postgresql://")) {
			rest = url.substring("postgresql://".length());
		}
		else {
			throw new SettingsException("Cannot read the database URL from " + source
					+ ": use postgres://user:password@host:5432/database or jdbc:postgresql://host:5432/database");
		}
		int end = indexOfAny(rest, "/?");
		String authority = rest.substring(0, end);
		String pathAndQuery = rest.substring(end);
		int at = authority.lastIndexOf('@');
		String user = null;
		String password = null;
		if (at >= 0) {
			String userInfo = authority.substring(0, at);
			int colon = userInfo.indexOf(':');
			user = decode((colon < 0) ? userInfo : userInfo.substring(0, colon));
			password = (colon < 0) ? null : decode(userInfo.substring(colon + 1));
		}
		String hosts = authority.substring(at + 1);
		if (hosts.isEmpty()) {
			hosts = "localhost";
		}
		return new Connection("jdbc:postgresql://" + hosts + pathAndQuery, user, password, source);
	}

	private static int indexOfAny(String text, String characters) {
		for (int i = 0; i < text.length(); i++) {
			if (characters.indexOf(text.charAt(i)) >= 0) {
				return i;
			}
		}
		return text.length();
	}

	private static String decode(String text) {
		// percent-decoding of a URL: '+' is a plus sign here, not a space
		return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
	}

	private static String readPassword(Path file) {
		try {
			String text = Files.readString(file, StandardCharsets.UTF_8);
			// files written with echo end in a newline that is not part of the password
			return text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
					: text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
		}
		catch (IOException ex) {
			throw new SettingsException("Cannot read the password file " + file.toAbsolutePath()
					+ " (--password-file): " + ex.getClass().getSimpleName());
		}
	}

	private @Nullable String first(List<String> variables) {
		for (Source source : this.sources) {
			for (String variable : variables) {
				String value = source.values().get(variable);
				if (value != null && !value.isEmpty()) {
					return value;
				}
			}
		}
		return null;
	}

	private static String orDefault(@Nullable String value, String fallback) {
		return (value != null) ? value : fallback;
	}

	private static String bracketed(String host) {
		return (host.contains(":") && !host.startsWith("[")) ? "[" + host + "]" : host;
	}

	private static List<String> concat(List<String> first, List<String> second) {
		List<String> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
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
	 * @param source which setting named the database, such as
	 * {@code DATABASE_URL from .env.local}
	 */
	record Resolved(String jdbcUrl, @Nullable String user, @Nullable String password, List<String> locations,
			@Nullable String schema, boolean cleanEnabled, String source) {

		/**
		 * Describe the database for a log line: user, hosts, database and the source,
		 * never the password.
		 * @return the description
		 */
		String describe() {
			String rest = this.jdbcUrl.substring(this.jdbcUrl.indexOf("//") + 2);
			int query = rest.indexOf('?');
			String target = (query < 0) ? rest : rest.substring(0, query);
			String sslmode = (query < 0) ? null
					: java.util.Arrays.stream(rest.substring(query + 1).split("&"))
						.filter((parameter) -> parameter.startsWith("sslmode="))
						.findFirst()
						.orElse(null);
			return "PostgreSQL " + ((this.user != null) ? this.user + "@" : "") + target
					+ ((sslmode != null) ? " " + sslmode : "") + " (" + this.source + ")";
		}

		@Override
		public String toString() {
			return describe();
		}

	}

	/** A connection read from one setting, before flags override user and password. */
	record Connection(String jdbcUrl, @Nullable String user, @Nullable String password, String source) {

		@Override
		public String toString() {
			return "Connection[" + this.jdbcUrl + ", user " + this.user + ", " + this.source + "]";
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

	/**
	 * Reads {@code KEY=VALUE} lines: {@code #} comments, blank lines, an optional
	 * {@code export} prefix, single or double quotes around a value.
	 */
	static final class Dotenv {

		private Dotenv() {
		}

		static Map<String, String> read(Path file) {
			try {
				return parse(Files.readString(file, StandardCharsets.UTF_8));
			}
			catch (IOException ex) {
				throw new SettingsException("Cannot read " + file.toAbsolutePath() + ": " + ex.getMessage());
			}
		}

		static Map<String, String> parse(String text) {
			Map<String, String> values = new LinkedHashMap<>();
			for (String raw : text.split("\r?\n")) {
				String line = raw.strip();
				if (line.isEmpty() || line.startsWith("#")) {
					continue;
				}
				if (line.startsWith("export ")) {
					line = line.substring("export ".length()).strip();
				}
				int equals = line.indexOf('=');
				if (equals <= 0) {
					continue;
				}
				String key = line.substring(0, equals).strip();
				String value = line.substring(equals + 1).strip();
				if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
						&& value.indexOf(value.charAt(0), 1) > 0) {
					value = value.substring(1, value.indexOf(value.charAt(0), 1));
				}
				else {
					int comment = value.indexOf(" #");
					if (comment >= 0) {
						value = value.substring(0, comment).strip();
					}
				}
				values.put(key, value);
			}
			return values;
		}

	}

}
