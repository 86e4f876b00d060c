package dev.hoist.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Turns one set of environment variables (the process environment, or the entries of one
 * {@code .env} file) into the database URL, user and password, remembering for each which
 * variable it came from. Within one set, highest first:
 * <ol>
 * <li>{@code SPRING_DATASOURCE_URL}, {@code SPRING_DATASOURCE_USERNAME},
 * {@code SPRING_DATASOURCE_PASSWORD}: an explicit setting always wins;</li>
 * <li>{@code DATABASE_URL}, then {@code JDBC_DATABASE_URL}: one complete URL, with the
 * user and password it carries (Heroku sets both to the same database; the plain name is
 * the one every platform hands out);</li>
 * <li>component variables, per part: {@code DB_*} first (the service's own settings),
 * then {@code POSTGRES_*} (the PostgreSQL image's, often shared through the same Compose
 * {@code .env}), then libpq's {@code PG*} last (often left in a developer's shell for
 * psql rather than meant for the service):
 * <ul>
 * <li>host: {@code DB_HOST}, {@code PGHOST}, else {@code localhost};</li>
 * <li>port: {@code DB_PORT}, {@code PGPORT}, else 5432;</li>
 * <li>database: {@code DB_NAME}, {@code POSTGRES_DB}, {@code PGDATABASE}, else the user's
 * name (as libpq and the PostgreSQL image do);</li>
 * <li>user: {@code DB_USER}, {@code POSTGRES_USER}, {@code PGUSER};</li>
 * <li>password: {@code DB_PASSWORD}, {@code POSTGRES_PASSWORD}, {@code PGPASSWORD};</li>
 * <li>{@code PGSSLMODE}.</li>
 * </ul>
 * A URL is built from components only when at least one of host, port or database is
 * named; user and password alone fill in what a URL left out.</li>
 * </ol>
 * So the Compose case of {@code POSTGRES_DB}, {@code POSTGRES_USER},
 * {@code POSTGRES_PASSWORD} and {@code DB_HOST=db} gives
 * {@code jdbc:postgresql://db:5432/<POSTGRES_DB>} with that user and password. Empty
 * values count as unset. Combine sets of different precedence with
 * {@link DatabaseSettings#orElse(DatabaseSettings)}.
 */
final class DatabaseSettingsResolver {

	/** The variables that carry a whole URL, in precedence order. */
	public static final List<String> URL_VARIABLES = List.of("DATABASE_URL", "JDBC_DATABASE_URL");

	private static final List<String> HOST = List.of("DB_HOST", "PGHOST");

	private static final List<String> PORT = List.of("DB_PORT", "PGPORT");

	private static final List<String> DATABASE = List.of("DB_NAME", "POSTGRES_DB", "PGDATABASE");

	private static final List<String> USER = List.of("DB_USER", "POSTGRES_USER", "PGUSER");

	private static final List<String> PASSWORD = List.of("DB_PASSWORD", "POSTGRES_PASSWORD", "PGPASSWORD");

	private static final String SSL_MODE = "PGSSLMODE";

	/** Every variable this resolver reads. */
	public static final List<String> VARIABLES = List.of("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME",
			"SPRING_DATASOURCE_PASSWORD", "DATABASE_URL", "JDBC_DATABASE_URL", "DB_HOST", "DB_PORT", "DB_NAME",
			"DB_USER", "DB_PASSWORD", "POSTGRES_DB", "POSTGRES_USER", "POSTGRES_PASSWORD", "PGHOST", "PGPORT",
			"PGDATABASE", "PGUSER", "PGPASSWORD", "PGSSLMODE");

	private DatabaseSettingsResolver() {
	}

	/**
	 * Resolve the database settings of one set of variables.
	 * @param variables the variables, e.g. {@code System.getenv()} or a
	 * {@link Dotenv#asMap()}
	 * @param origin how to name where they are defined, e.g. {@code environment} or
	 * {@code .env.local}
	 * @return the settings, {@link DatabaseSettings#isEmpty() empty} when none of the
	 * variables is set
	 * @throws DatabaseSettings.InvalidSettingException when the URL these variables name
	 * cannot be understood; the message names the variable and origin
	 */
	static DatabaseSettings resolve(Map<String, ? extends @Nullable Object> variables, String origin) {
		DatabaseSettings.Setting url = setting(variables, "SPRING_DATASOURCE_URL", origin);
		DatabaseSettings.Setting username = setting(variables, "SPRING_DATASOURCE_USERNAME", origin);
		DatabaseSettings.Setting password = setting(variables, "SPRING_DATASOURCE_PASSWORD", origin);
		DatabaseUrl databaseUrl = null;
		for (String name : URL_VARIABLES) {
			String value = value(variables, name);
			if (value != null) {
				try {
					databaseUrl = DatabaseUrl.parse(value);
				}
				catch (DatabaseSettings.InvalidSettingException ex) {
					if (url != null) {
						// the explicit URL of this same set wins, so this one
						// is never used
						continue;
					}
					throw new DatabaseSettings.InvalidSettingException(
							name + " from " + origin + ": " + ex.getMessage(), ex.getMaskedUrl(), ex);
				}
				if (url == null) {
					url = new DatabaseSettings.Setting(databaseUrl.jdbcUrl(), name, origin);
				}
				if (username == null && databaseUrl.user() != null) {
					username = new DatabaseSettings.Setting(databaseUrl.user(), name, origin);
				}
				if (password == null && databaseUrl.password() != null) {
					password = new DatabaseSettings.Setting(databaseUrl.password(), name, origin);
				}
				break;
			}
		}
		if (username == null) {
			username = first(variables, USER, origin);
		}
		if (password == null) {
			password = first(variables, PASSWORD, origin);
		}
		if (url == null) {
			url = fromComponents(variables, origin, username);
		}
		return new DatabaseSettings(url, username, password);
	}

	private static DatabaseSettings.@Nullable Setting fromComponents(Map<String, ? extends @Nullable Object> variables,
			String origin, DatabaseSettings.@Nullable Setting username) {
		DatabaseSettings.Setting host = first(variables, HOST, origin);
		DatabaseSettings.Setting port = first(variables, PORT, origin);
		DatabaseSettings.Setting database = first(variables, DATABASE, origin);
		if (host == null && port == null && database == null) {
			return null;
		}
		DatabaseSettings.Setting sslMode = setting(variables, SSL_MODE, origin);
		List<String> used = new ArrayList<>();
		for (DatabaseSettings.Setting part : new DatabaseSettings.Setting[] { host, port, database, sslMode }) {
			if (part != null) {
				used.add(part.variable());
			}
		}
		String portText = (port != null) ? port.value().strip() : String.valueOf(DatabaseUrl.DEFAULT_PORT);
		List<String> hosts = new ArrayList<>();
		List<String> parameters = new ArrayList<>();
		for (String name : ((host != null) ? host.value() : "localhost").split(",")) {
			name = name.strip();
			if (name.startsWith("/")) {
				// a socket directory may contain ':' (Cloud SQL), so its port goes apart
				hosts.add(DatabaseUrl.encode(name).replace("/", "%2F"));
				parameters.add("port=" + DatabaseUrl.encode(portText));
			}
			else {
				hosts.add(((name.contains(":") && !name.startsWith("[")) ? "[" + name + "]" : name) + ":" + portText);
			}
		}
		if (sslMode != null) {
			parameters.add("sslmode=" + DatabaseUrl.encode(sslMode.value()));
		}
		String databaseName = (database != null) ? database.value()
				: (username != null) ? username.value() : "postgres";
		String text = "postgresql://" + String.join(",", hosts) + "/" + DatabaseUrl.encode(databaseName)
				+ (parameters.isEmpty() ? "" : "?" + String.join("&", parameters));
		String variablesUsed = String.join(", ", used);
		try {
			return new DatabaseSettings.Setting(DatabaseUrl.parse(text).jdbcUrl(), variablesUsed, origin);
		}
		catch (DatabaseSettings.InvalidSettingException ex) {
			throw new DatabaseSettings.InvalidSettingException(
					variablesUsed + " from " + origin + ": " + ex.getMessage(), ex.getMaskedUrl(), ex);
		}
	}

	private static DatabaseSettings.@Nullable Setting first(Map<String, ? extends @Nullable Object> variables,
			List<String> names, String origin) {
		for (String name : names) {
			DatabaseSettings.Setting setting = setting(variables, name, origin);
			if (setting != null) {
				return setting;
			}
		}
		return null;
	}

	private static DatabaseSettings.@Nullable Setting setting(Map<String, ? extends @Nullable Object> variables,
			String name, String origin) {
		String value = value(variables, name);
		return (value != null) ? new DatabaseSettings.Setting(value, name, origin) : null;
	}

	private static @Nullable String value(Map<String, ? extends @Nullable Object> variables, String name) {
		Object value = variables.get(name);
		if (value == null) {
			return null;
		}
		String text = value.toString();
		return text.isBlank() ? null : text;
	}

}
