package dev.hoist.core;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import javax.sql.DataSource;

import dev.hoist.core.internal.DriverDataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database a service will use and where each of its settings came from: the report
 * behind the startup line
 * {@code Hoist: PostgreSQL ecomdash@db.example.com:5432/ecomdash sslmode=require (DATABASE_URL from .env.local)}.
 * {@link #toString()}, {@link #describe()} and {@link #sources()} never contain the
 * password.
 *
 * @param url the JDBC URL, or {@code null} when nothing names one
 * @param username the user, or {@code null}
 * @param password the password, or {@code null}
 */
public record DatabaseSettings(@Nullable Setting url, @Nullable Setting username, @Nullable Setting password) {

	private static final Logger logger = LoggerFactory.getLogger(DatabaseSettings.class);

	/**
	 * Every environment variable {@link #fromVariables(Map, String)} reads, such as
	 * {@code DATABASE_URL}, {@code DB_HOST} and {@code PGPASSWORD}.
	 */
	public static final List<String> VARIABLES = DatabaseSettingsResolver.VARIABLES;

	/** No settings at all. */
	public static final DatabaseSettings NONE = new DatabaseSettings(null, null, null);

	/**
	 * Resolve the database settings of one set of environment variables on its own: the
	 * process environment, or the entries of one {@code .env} file. Within one set,
	 * {@code SPRING_DATASOURCE_*} beats {@code DATABASE_URL} and
	 * {@code JDBC_DATABASE_URL}, which beat the component variables {@code DB_*},
	 * {@code POSTGRES_*} and libpq's {@code PG*}. To combine several places, use
	 * {@link #resolve(List)}.
	 * @param variables the variables, such as {@code System.getenv()}
	 * @param origin how to name where they are defined, such as {@code environment} or
	 * {@code .env.local}
	 * @return the settings, {@link #isEmpty() empty} when none of the variables is set
	 * @throws InvalidSettingException when the URL these variables name cannot be
	 * understood; the message names the variable and origin
	 */
	public static DatabaseSettings fromVariables(Map<String, ? extends @Nullable Object> variables, String origin) {
		return DatabaseSettingsResolver.resolve(variables, origin);
	}

	/**
	 * Decide the database and its credentials from places ranked highest first, by the
	 * one rule the application and the CLI share:
	 * <ol>
	 * <li>the database (host, port, name and parameters) comes whole from the
	 * highest-ranked place that names a complete one: a URL, or component variables that
	 * name a host and a database; component variables that name only part of one are used
	 * only when no place names a complete database, with a warning when a lower-ranked
	 * complete one wins over them;</li>
	 * <li>the user and password written with that database (in its URL, or as component
	 * variables of the same place) go with it; credentials written in another place never
	 * do;</li>
	 * <li>explicit credentials ({@code SPRING_DATASOURCE_USERNAME} and {@code _PASSWORD},
	 * {@code spring.datasource.username} and {@code password}, the CLI's {@code --user}
	 * and {@code --password-file}) apply to any database, each from the highest-ranked
	 * place that sets it, and beat the database's own when ranked at least as high;</li>
	 * <li>the database's own password is sent only for the user it was written with.</li>
	 * </ol>
	 * @param sources the places, highest first
	 * @return the settings, with a warning for each setting a person may have expected to
	 * be used and that was not
	 * @throws InvalidSettingException when a URL that would decide the database cannot be
	 * understood; the message names the variable and place, never the password
	 */
	public static Resolution resolve(List<Source> sources) {
		return DatabaseSettingsResolver.resolve(sources);
	}

	/**
	 * Read a database URL in any form people hand out ({@code postgres://},
	 * {@code postgresql://}, {@code jdbc:postgresql://}, with or without credentials)
	 * into a JDBC URL without credentials, and the user and password it carried.
	 * @param url the URL
	 * @param variable the variable, property or flag it was read from
	 * @param origin where that was defined
	 * @return the settings; user and password are {@code null} when the URL names none
	 * @throws InvalidSettingException when the URL cannot be understood
	 */
	public static DatabaseSettings fromUrl(String url, String variable, String origin) {
		DatabaseUrl parsed = DatabaseUrl.parse(url);
		return new DatabaseSettings(new Setting(parsed.jdbcUrl(), variable, origin),
				(parsed.user() != null) ? new Setting(parsed.user(), variable, origin) : null,
				(parsed.password() != null) ? new Setting(parsed.password(), variable, origin) : null);
	}

	/**
	 * Read a {@code .env} file: {@code KEY=value} lines with quotes, {@code export}
	 * prefixes, comments, multi-line quoted values and {@code ${VAR}} references.
	 * @param file the file
	 * @param lookup the values of variables the file refers to but does not define
	 * @return the entries in file order, by variable, each with its line
	 * @throws InvalidSettingException if a line is malformed, naming the file and line
	 * @throws HoistException if the file cannot be read
	 */
	public static Map<String, Setting> readDotenv(Path file, Function<String, @Nullable String> lookup) {
		return readDotenv(file, lookup, (warning) -> logger.warn("Hoist: {}", warning));
	}

	/**
	 * Read a {@code .env} file as {@link #readDotenv(Path, Function)} does, handing what
	 * looks like a mistake but is not an error to {@code warnings}: a {@code ${NAME}} set
	 * nowhere, which becomes empty as in a shell.
	 * @param file the file
	 * @param lookup the values of variables the file refers to but does not define
	 * @param warnings what to do with each warning, which names the file and line
	 * @return the entries in file order, by variable, each with its line
	 * @throws InvalidSettingException if a line is malformed, naming the file and line
	 * @throws HoistException if the file cannot be read
	 */
	public static Map<String, Setting> readDotenv(Path file, Function<String, @Nullable String> lookup,
			Consumer<String> warnings) {
		Dotenv dotenv = Dotenv.load(file, lookup);
		dotenv.warnings().forEach(warnings);
		String name = file.getFileName().toString();
		Map<String, Setting> entries = new LinkedHashMap<>();
		dotenv.entries().forEach((key, entry) -> entries.put(key, new Setting(entry.value(), key, name, entry.line())));
		return entries;
	}

	/**
	 * Return text with every password it may hold masked as {@code ****}: in the user
	 * information of a URL, in a {@code password} parameter. Works on text that is not a
	 * valid URL, too.
	 * @param text a URL, or a message that may contain one
	 * @return the masked text
	 */
	public static String mask(String text) {
		return DatabaseUrl.mask(text);
	}

	/**
	 * Return whether no setting was found.
	 * @return whether all three are missing
	 */
	public boolean isEmpty() {
		return this.url == null && this.username == null && this.password == null;
	}

	/**
	 * Return the URL parsed, with the user named apart from it when the URL names none.
	 * @return the parsed URL, or {@code null} without a URL or for one that is not a
	 * PostgreSQL URL
	 */
	@Nullable DatabaseUrl databaseUrl() {
		if (this.url == null) {
			return null;
		}
		try {
			DatabaseUrl parsed = DatabaseUrl.parse(this.url.value());
			return (parsed.user() == null && this.username != null) ? parsed.withUser(this.username.value()) : parsed;
		}
		catch (InvalidSettingException ex) {
			return null;
		}
	}

	/**
	 * Describe the database without the password, e.g.
	 * {@code ecomdash@db.example.com:5432/ecomdash sslmode=require}; a URL that does not
	 * parse is shown masked.
	 * @return the description
	 */
	public String describe() {
		if (this.url == null) {
			return "no database URL";
		}
		DatabaseUrl parsed = databaseUrl();
		return (parsed != null) ? parsed.describe() : DatabaseUrl.mask(this.url.value());
	}

	/**
	 * Say where the settings came from, e.g. {@code DATABASE_URL from .env.local} or
	 * {@code DB_HOST, POSTGRES_DB, POSTGRES_USER, POSTGRES_PASSWORD from .env}; when they
	 * came from different places, per setting, e.g.
	 * {@code url: SPRING_DATASOURCE_URL from environment; username, password: DATABASE_URL from .env.local}.
	 * @return the sources, or {@code nothing configured}
	 */
	public String sources() {
		Map<String, Group> groups = new LinkedHashMap<>();
		add(groups, "url", this.url);
		add(groups, "username", this.username);
		add(groups, "password", this.password);
		if (groups.isEmpty()) {
			return "nothing configured";
		}
		if (groups.size() == 1) {
			return groups.values().iterator().next().source();
		}
		List<String> parts = new ArrayList<>();
		groups.values().forEach((group) -> parts.add(String.join(", ", group.settings) + ": " + group.source()));
		return String.join("; ", parts);
	}

	private static void add(Map<String, Group> groups, String name, @Nullable Setting setting) {
		if (setting != null) {
			Group group = groups.computeIfAbsent(setting.origin(), Group::new);
			group.settings.add(name);
			for (String variable : setting.variable().split(",\\s*")) {
				if (!group.variables.contains(variable)) {
					group.variables.add(variable);
				}
			}
		}
	}

	/**
	 * Return whether the URL is a PostgreSQL URL Hoist understands.
	 * @return whether there is a URL and it parses
	 */
	public boolean isPostgresUrl() {
		return databaseUrl() != null;
	}

	/**
	 * Return where the database is, for logs and errors: host, port, database, user, and
	 * where the settings came from; never the password.
	 * @return the address, with host {@code ?} when there is no readable URL
	 */
	public DatabaseAddress address() {
		DatabaseUrl parsed = databaseUrl();
		String user = (this.username != null) ? this.username.value() : null;
		if (parsed == null) {
			return DatabaseAddress.unknown(user, sources());
		}
		return DatabaseAddress.of(parsed, sources());
	}

	/**
	 * Return a data source that opens a new connection with these settings for each
	 * request, without a pool, for tools that compare or inspect databases. Its
	 * {@code toString()} is {@link #address()}, never the password.
	 * @return the data source
	 * @throws IllegalStateException when there is no URL or it cannot be read
	 */
	public DataSource dataSource() {
		DatabaseUrl parsed = databaseUrl();
		if (parsed == null) {
			throw new IllegalStateException("No readable database URL in " + describe());
		}
		DatabaseAddress address = address();
		return new DriverDataSource(parsed.jdbcUrl(), (this.username != null) ? this.username.value() : null,
				(this.password != null) ? this.password.value() : null) {

			@Override
			public String toString() {
				return address.describe();
			}

		};
	}

	@Override
	public String toString() {
		return "DatabaseSettings[" + describe() + " (" + sources() + ")]";
	}

	private static final class Group {

		private final String origin;

		private final List<String> settings = new ArrayList<>();

		private final List<String> variables = new ArrayList<>();

		Group(String origin) {
			this.origin = origin;
		}

		String source() {
			return String.join(", ", this.variables) + " from " + this.origin;
		}

	}

	/**
	 * One place that may name the database, as {@link #resolve(List)} ranks them: its
	 * explicit settings and its environment variables.
	 *
	 * @param origin how people name the place, such as {@code environment},
	 * {@code .env.local}, {@code application.yml} or {@code the command line}
	 * @param explicit the settings named explicitly there: {@code spring.datasource.*}
	 * (or {@code SPRING_DATASOURCE_*}), the CLI's {@code --url}, {@code --user} and
	 * {@code --password-file}
	 * @param variables the environment variables defined there ({@code DATABASE_URL},
	 * {@code DB_HOST}, {@code PGPASSWORD}, ...); empty for a place that has none, such as
	 * {@code application.yml}
	 */
	public record Source(String origin, DatabaseSettings explicit, Map<String, ? extends @Nullable Object> variables) {

		/**
		 * Create a place.
		 * @param origin how people name it
		 * @param explicit its explicit settings
		 * @param variables its environment variables
		 */
		public Source {
			variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
		}

		/**
		 * Return the place of a set of environment variables, whose
		 * {@code SPRING_DATASOURCE_URL}, {@code _USERNAME} and {@code _PASSWORD} are its
		 * explicit settings.
		 * @param origin how people name it, such as {@code environment}
		 * @param variables the variables
		 * @return the place
		 */
		public static Source of(String origin, Map<String, ? extends @Nullable Object> variables) {
			return new Source(origin,
					new DatabaseSettings(explicit(variables, DatabaseSettingsResolver.SPRING_URL, origin),
							explicit(variables, DatabaseSettingsResolver.SPRING_USERNAME, origin),
							explicit(variables, DatabaseSettingsResolver.SPRING_PASSWORD, origin)),
					variables);
		}

		private static @Nullable Setting explicit(Map<String, ? extends @Nullable Object> variables, String name,
				String origin) {
			Object value = variables.get(name);
			return (value != null && !value.toString().isBlank()) ? new Setting(value.toString(), name, origin) : null;
		}

		@Override
		public String toString() {
			// the values may hold a password
			return "Source[" + this.origin + "]";
		}

	}

	/**
	 * What {@link #resolve(List)} decided.
	 *
	 * @param settings the database and its credentials
	 * @param warnings a sentence for each setting that a person may have expected to be
	 * used and that was not, such as component variables naming only a host, or a
	 * password written for another user; never a password
	 */
	public record Resolution(DatabaseSettings settings, List<String> warnings) {

		/**
		 * Create a resolution.
		 * @param settings the settings
		 * @param warnings the warnings
		 */
		public Resolution {
			warnings = List.copyOf(warnings);
		}

	}

	/**
	 * One resolved database setting and where it came from. {@link #toString()} shows
	 * only the source, never the value: the value may be a password.
	 *
	 * @param value the value, e.g. a JDBC URL
	 * @param variable the variable or property it was read from, e.g.
	 * {@code DATABASE_URL}, {@code spring.datasource.url}, or several
	 * ({@code DB_HOST, POSTGRES_DB})
	 * @param origin where that variable was defined, e.g. {@code environment},
	 * {@code .env.local}, {@code application-prod.yml}
	 * @param line the line of the file it was defined on, from 1, or 0 when unknown
	 */
	public record Setting(String value, String variable, String origin, int line) {

		/**
		 * Create a setting whose line is unknown.
		 * @param value the value
		 * @param variable the variable or property
		 * @param origin where it was defined
		 */
		public Setting(String value, String variable, String origin) {
			this(value, variable, origin, 0);
		}

		/**
		 * Return where the value came from, e.g. {@code DATABASE_URL from .env.local}.
		 * @return the source
		 */
		public String source() {
			return this.variable + " from " + this.origin;
		}

		@Override
		public String toString() {
			return source();
		}

	}

	/**
	 * A database setting that cannot be understood: a URL that is not a PostgreSQL URL or
	 * does not parse, or a malformed {@code .env} file. The message names the variable or
	 * file and line and what to fix; it never contains the password.
	 */
	public static class InvalidSettingException extends HoistException {

		private final @Nullable String file;

		private final int line;

		private final @Nullable String maskedUrl;

		/**
		 * Create an exception about a URL.
		 * @param message the message, with the URL masked
		 * @param maskedUrl the URL with its password masked
		 * @param cause the cause, or {@code null}
		 */
		public InvalidSettingException(String message, String maskedUrl, @Nullable Throwable cause) {
			super(message, cause);
			this.file = null;
			this.line = 0;
			this.maskedUrl = maskedUrl;
		}

		/**
		 * Create an exception about a line of a {@code .env} file.
		 * @param file the file's name
		 * @param line the line (1-based)
		 * @param problem what is wrong
		 */
		public InvalidSettingException(String file, int line, String problem) {
			super(file + " line " + line + ": " + problem);
			this.file = file;
			this.line = line;
			this.maskedUrl = null;
		}

		/**
		 * Return the {@code .env} file at fault, or {@code null} for a URL.
		 * @return the file name
		 */
		public @Nullable String getFile() {
			return this.file;
		}

		/**
		 * Return the line of the {@code .env} file at fault, or 0 for a URL.
		 * @return the line
		 */
		public int getLine() {
			return this.line;
		}

		/**
		 * Return the URL with its password masked, or {@code null} for a {@code .env}
		 * file.
		 * @return the masked URL
		 */
		public @Nullable String getMaskedUrl() {
			return this.maskedUrl;
		}

	}

}
