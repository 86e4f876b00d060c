package dev.hoist.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Decides which database to use and with which credentials from the places that name
 * them, ranked highest first (command line, system properties and environment, the
 * {@code .env} files, {@code application*.yml} in a service; flags, environment,
 * {@code .env.local}, {@code .env} in the CLI). One rule for the application and the CLI:
 * <ol>
 * <li><b>The database is one unit.</b> Host, port, database name and parameters come
 * together from one place: the highest-ranked <em>complete</em> one, which is a URL
 * ({@code spring.datasource.url} or {@code SPRING_DATASOURCE_URL}, {@code --url},
 * {@code DATABASE_URL}, {@code JDBC_DATABASE_URL}) or component variables that name both
 * a host and a database. Component variables that name only part of one (a host without a
 * database, which libpq would default to the user's name, or a database or port without a
 * host) are used only when no place names a complete database; when a complete one of
 * lower rank wins over them, a warning says so. Within one place an explicit URL beats
 * {@code DATABASE_URL}, which beats {@code JDBC_DATABASE_URL}, which beats the component
 * variables ({@code DB_*} before {@code POSTGRES_*} before libpq's {@code PG*}).</li>
 * <li><b>Credentials go with their database.</b> The user and password written with that
 * URL, or as component variables of the same place ({@code DB_USER}/{@code DB_PASSWORD},
 * {@code POSTGRES_*}, {@code PGUSER}/{@code PGPASSWORD}), go with it; those written in
 * another place never do, so a password is never sent to a server it was not meant
 * for.</li>
 * <li><b>Explicit credentials are asked for.</b> {@code spring.datasource.username} and
 * {@code password} (also as {@code SPRING_DATASOURCE_USERNAME} and
 * {@code SPRING_DATASOURCE_PASSWORD}), and the CLI's {@code --user} and
 * {@code --password-file}, apply to whichever database is chosen, each from the
 * highest-ranked place that sets it; they beat the database's own credentials when they
 * rank at least as high.</li>
 * <li><b>A password stays with its user.</b> The database's own password is sent only for
 * the user it was written with; when an explicit user differs, no password is sent unless
 * one is named explicitly, and a warning says so.</li>
 * </ol>
 * Empty values count as unset. A URL that cannot be read is an error naming the variable
 * and place, password masked, unless a place ranked above it already decided the
 * database.
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

	/** The explicit settings, as environment variables. */
	static final String SPRING_URL = "SPRING_DATASOURCE_URL";

	static final String SPRING_USERNAME = "SPRING_DATASOURCE_USERNAME";

	static final String SPRING_PASSWORD = "SPRING_DATASOURCE_PASSWORD";

	/** Every variable this resolver reads. */
	public static final List<String> VARIABLES = List.of(SPRING_URL, SPRING_USERNAME, SPRING_PASSWORD, "DATABASE_URL",
			"JDBC_DATABASE_URL", "DB_HOST", "DB_PORT", "DB_NAME", "DB_USER", "DB_PASSWORD", "POSTGRES_DB",
			"POSTGRES_USER", "POSTGRES_PASSWORD", "PGHOST", "PGPORT", "PGDATABASE", "PGUSER", "PGPASSWORD",
			"PGSSLMODE");

	private static final String EXPLICIT_PASSWORD = "SPRING_DATASOURCE_PASSWORD (spring.datasource.password;"
			+ " --password-file in the CLI)";

	private DatabaseSettingsResolver() {
	}

	/**
	 * Resolve the database settings of one set of variables on its own, such as one
	 * {@code .env} file: its database and the credentials written with it, or only
	 * credentials when it names no database.
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
		return resolve(List.of(DatabaseSettings.Source.of(origin, variables))).settings();
	}

	/**
	 * Resolve the database settings of places ranked highest first.
	 * @param sources the places
	 * @return the settings and any warnings about settings that were not used
	 * @throws DatabaseSettings.InvalidSettingException when a URL that would decide the
	 * database cannot be understood
	 */
	static DatabaseSettings.Resolution resolve(List<DatabaseSettings.Source> sources) {
		List<Bundle> bundles = new ArrayList<>();
		Bundle target = null;
		for (DatabaseSettings.Source source : sources) {
			Bundle bundle = bundle(source);
			bundles.add(bundle);
			if (bundle.url() != null && bundle.complete()) {
				target = bundle;
				break;
			}
		}
		List<String> warnings = new ArrayList<>();
		if (target == null) {
			target = bundles.stream().filter((bundle) -> bundle.url() != null).findFirst().orElse(null);
		}
		for (Bundle partial : bundles) {
			if (partial != target && partial.url() != null && target != null) {
				warnings.add(partialIgnored(partial, target));
			}
		}
		DatabaseSettings.Setting user = null;
		DatabaseSettings.Setting password = null;
		DatabaseSettings.Setting withheld = null;
		Bundle owner = null;
		for (Bundle bundle : bundles) {
			if (user == null) {
				user = (bundle.explicitUser() != null) ? bundle.explicitUser() : ownOf(bundle, target, bundle.user());
			}
		}
		for (Bundle bundle : bundles) {
			if (password != null) {
				break;
			}
			if (bundle.explicitPassword() != null) {
				password = bundle.explicitPassword();
				continue;
			}
			DatabaseSettings.Setting own = ownOf(bundle, target, bundle.password());
			if (own != null) {
				if (bundle.user() == null || (user != null && user.value().equals(bundle.user().value()))) {
					password = own;
				}
				else if (withheld == null) {
					withheld = own;
					owner = bundle;
				}
			}
		}
		if (password == null && withheld != null && owner != null && owner.user() != null && user != null) {
			warnings.add("The password of " + withheld.source() + " was written for user '" + owner.user().value()
					+ "' and is not sent for user '" + user.value() + "' (" + user.source()
					+ "), so no password is set. Set the password of that user with " + EXPLICIT_PASSWORD);
		}
		if (target != null && (user == null || password == null)) {
			for (Bundle bundle : bundles) {
				if (bundle.url() == null && (bundle.user() != null || bundle.password() != null)) {
					warnings.add(unusedCredentials(bundle, target));
				}
			}
		}
		return new DatabaseSettings.Resolution(
				new DatabaseSettings((target != null) ? target.url() : null, user, password), warnings);
	}

	// the database's own credentials; with no database anywhere, a place's own
	private static DatabaseSettings.@Nullable Setting ownOf(Bundle bundle, @Nullable Bundle target,
			DatabaseSettings.@Nullable Setting setting) {
		return (bundle == target || target == null) ? setting : null;
	}

	private static String partialIgnored(Bundle partial, Bundle target) {
		DatabaseSettings.Setting url = Objects.requireNonNull(partial.url());
		String what = (partial.missing() != null) ? partial.missing() : "part of a database";
		// partial settings never mix with another place's: either they lose whole or win
		// whole, and a person who set them should know which
		return names(partial) + " from " + url.origin() + " name " + what + " and were not used: "
				+ Objects.requireNonNull(target.url()).source()
				+ (target.complete() ? " names a complete database, which wins" : " ranks higher")
				+ ", and a database is never put together from several places. To use the other one, name it"
				+ " completely in one place (a host and a database name, such as PGHOST and PGDATABASE, or a"
				+ " DATABASE_URL); otherwise unset those variables";
	}

	private static String unusedCredentials(Bundle bundle, Bundle target) {
		String origin = (bundle.user() != null) ? bundle.user().origin()
				: Objects.requireNonNull(bundle.password()).origin();
		return names(bundle) + " from " + origin + " were not used: they name no database, and credentials go"
				+ " only with the database named in the same place (" + Objects.requireNonNull(target.url()).source()
				+ "). To use them for it, set SPRING_DATASOURCE_USERNAME and " + EXPLICIT_PASSWORD
				+ ", or put them into that URL";
	}

	private static String names(Bundle bundle) {
		List<String> names = new ArrayList<>();
		for (DatabaseSettings.Setting setting : new DatabaseSettings.Setting[] { bundle.url(), bundle.user(),
				bundle.password() }) {
			if (setting != null) {
				for (String name : setting.variable().split(",\\s*")) {
					if (!names.contains(name)) {
						names.add(name);
					}
				}
			}
		}
		return String.join(", ", names);
	}

	/**
	 * One place's database and the credentials written with it, and its explicit
	 * credentials.
	 */
	private static Bundle bundle(DatabaseSettings.Source source) {
		String origin = source.origin();
		Map<String, ? extends @Nullable Object> variables = source.variables();
		DatabaseSettings explicit = source.explicit();
		DatabaseSettings.Setting url = null;
		DatabaseSettings.Setting user = null;
		DatabaseSettings.Setting password = null;
		boolean complete = true;
		String missing = null;
		DatabaseSettings.Setting componentUser = first(variables, USER, origin);
		DatabaseSettings.Setting componentPassword = first(variables, PASSWORD, origin);
		if (explicit.url() != null) {
			ParsedUrl parsed = explicitUrl(explicit.url());
			url = parsed.url();
			user = parsed.user();
			password = parsed.password();
		}
		else {
			for (String name : URL_VARIABLES) {
				String value = value(variables, name);
				if (value != null) {
					DatabaseUrl databaseUrl = parse(value, name, origin);
					url = new DatabaseSettings.Setting(databaseUrl.jdbcUrl(), name, origin);
					user = settingOf(databaseUrl.user(), name, origin);
					password = settingOf(databaseUrl.password(), name, origin);
					break;
				}
			}
		}
		if (url == null) {
			Components components = fromComponents(variables, origin, componentUser);
			if (components != null) {
				url = components.url();
				complete = components.missing() == null;
				missing = components.missing();
			}
		}
		// component credentials of the same place fill in what the URL leaves out; a
		// password only for the user it was written with
		if (user == null) {
			user = componentUser;
			if (password == null) {
				password = componentPassword;
			}
		}
		else if (password == null && (componentUser == null || componentUser.value().equals(user.value()))) {
			password = componentPassword;
		}
		return new Bundle(url, complete, missing, user, password, explicit.username(), explicit.password());
	}

	private static ParsedUrl explicitUrl(DatabaseSettings.Setting explicit) {
		String value = explicit.value().strip();
		DatabaseUrl parsed;
		try {
			parsed = DatabaseUrl.parse(value);
		}
		catch (DatabaseSettings.InvalidSettingException ex) {
			boolean otherDatabase = ex.getMessage() != null && ex.getMessage().contains("is not a PostgreSQL URL");
			boolean jdbc = value.regionMatches(true, 0, "jdbc:", 0, 5);
			if (otherDatabase || (jdbc && DatabaseUrl.mask(value).equals(value))) {
				// another database, or a JDBC URL the driver may read better than Hoist:
				// passed on untouched
				return new ParsedUrl(explicit, null, null);
			}
			// no driver takes it, or it holds a password the driver would repeat
			throw new DatabaseSettings.InvalidSettingException(explicit.source() + ": " + ex.getMessage(),
					String.valueOf(ex.getMaskedUrl()), ex);
		}
		// a JDBC URL goes to the driver as given; any other form as the JDBC URL it means
		boolean jdbc = value.regionMatches(true, 0, "jdbc:", 0, 5);
		DatabaseSettings.Setting url = jdbc ? explicit : new DatabaseSettings.Setting(parsed.jdbcUrl(),
				explicit.variable(), explicit.origin(), explicit.line());
		return new ParsedUrl(url, settingOf(parsed.user(), explicit), settingOf(parsed.password(), explicit));
	}

	private static DatabaseUrl parse(String value, String name, String origin) {
		try {
			return DatabaseUrl.parse(value);
		}
		catch (DatabaseSettings.InvalidSettingException ex) {
			throw new DatabaseSettings.InvalidSettingException(name + " from " + origin + ": " + ex.getMessage(),
					String.valueOf(ex.getMaskedUrl()), ex);
		}
	}

	private static DatabaseSettings.@Nullable Setting settingOf(@Nullable String value, String variable,
			String origin) {
		return (value != null) ? new DatabaseSettings.Setting(value, variable, origin) : null;
	}

	private static DatabaseSettings.@Nullable Setting settingOf(@Nullable String value, DatabaseSettings.Setting from) {
		return (value != null) ? new DatabaseSettings.Setting(value, from.variable(), from.origin(), from.line())
				: null;
	}

	private static @Nullable Components fromComponents(Map<String, ? extends @Nullable Object> variables, String origin,
			DatabaseSettings.@Nullable Setting username) {
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
		String missing = null;
		if (host == null) {
			missing = (database != null) ? "a database but no host" : "only a port";
		}
		else if (database == null) {
			missing = "a host but no database";
		}
		try {
			return new Components(
					new DatabaseSettings.Setting(DatabaseUrl.parse(text).jdbcUrl(), variablesUsed, origin), missing);
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

	/**
	 * What one place says: its database (a URL, whether it names host and database, what
	 * it leaves out), the credentials written with it, and explicit credentials.
	 */
	private record Bundle(DatabaseSettings.@Nullable Setting url, boolean complete, @Nullable String missing,
			DatabaseSettings.@Nullable Setting user, DatabaseSettings.@Nullable Setting password,
			DatabaseSettings.@Nullable Setting explicitUser, DatabaseSettings.@Nullable Setting explicitPassword) {

	}

	private record ParsedUrl(DatabaseSettings.Setting url, DatabaseSettings.@Nullable Setting user,
			DatabaseSettings.@Nullable Setting password) {

	}

	/**
	 * A URL built from component variables.
	 *
	 * @param url the URL
	 * @param missing what it leaves to a default, or {@code null} when it names host and
	 * database
	 */
	private record Components(DatabaseSettings.Setting url, @Nullable String missing) {

	}

}
