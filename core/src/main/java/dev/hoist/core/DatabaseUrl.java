package dev.hoist.core;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL database URL as platforms, Compose files and {@code .env} files hand them
 * out, turned into what the JDBC driver needs: a {@code jdbc:postgresql://} URL without
 * credentials, a user and a password.
 * <p>
 * Accepted forms:
 * <ul>
 * <li>{@code postgres://user:password@host:5432/database?sslmode=require} and
 * {@code postgresql://...} (libpq's form; SQLAlchemy's {@code postgresql+driver://} too),
 * with a percent-encoded user and password, a missing port (5432), an IPv6 literal in
 * brackets, several hosts ({@code host1:5432,host2:5433}), a Unix-socket directory as
 * host ({@code %2Fvar%2Frun%2Fpostgresql} or {@code ?host=/var/run/postgresql}), and
 * asyncpg's {@code ssl=true} or {@code ssl=require} read as {@code sslmode=require};</li>
 * <li>{@code jdbc:postgresql://host:5432/database?user=...&password=...}, whose user and
 * password parameters are moved out of the URL.</li>
 * </ul>
 * Other query parameters are passed to the driver unchanged. A Unix socket becomes the
 * junixsocket socket factory the PostgreSQL JDBC driver documents (the
 * {@code com.kohlschutter.junixsocket:junixsocket-core} library must be on the class
 * path).
 * <p>
 * Neither {@link #toString()} nor {@link #describe()} nor any error message contains the
 * password.
 */
final class DatabaseUrl {

	/** The port PostgreSQL listens on unless told otherwise. */
	public static final int DEFAULT_PORT = 5432;

	private static final String EXAMPLE = "postgres://user:password@host:5432/database";

	// jdbc:postgresql:database, which the driver documents as localhost
	private static final Host LOCALHOST = new Host("localhost", 0);

	private static final Set<String> SSL_MODES = Set.of("disable", "allow", "prefer", "require", "verify-ca",
			"verify-full");

	private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.\\-]*):");

	// password=, sslpassword=, PGPASSWORD=, spring.datasource.password=, --password=, and
	// libpq's "password = 'x'"; the value is quoted, or runs to a separator or space
	// (quotes that close around it stay)
	private static final Pattern PASSWORD_PARAMETER = Pattern.compile(
			"(?i)(\\b[\\w.-]*password\\s*=\\s*)('[^']*'|\"[^\"]*\"|[^&;\\s]*?(?=['\"]+[\\s,;:&)\\]]|['\"]*(?:[\\s,;&)\\]]|$)))");

	// user=app;password=secret: another driver's separator, inside one value here
	private static final Pattern SEMICOLON_PARAMETER = Pattern.compile(";\\s*[A-Za-z_][\\w.-]*=");

	// what a URL may be inside a message: a run of text without spaces
	private static final Pattern TOKEN = Pattern.compile("\\S+");

	private static final Pattern SCHEME_PREFIX = Pattern.compile("[\"'(<]*[a-zA-Z][a-zA-Z0-9+.\\-]*:");

	// host:5432, [::1]:5432, host1,host2:5433: an authority without user information
	private static final Pattern HOSTS_AND_PORTS = Pattern
		.compile("(?:[^,:@\\[\\]]*|\\[[^\\]]*\\])(?::[0-9]*)?(?:,(?:[^,:@\\[\\]]*|\\[[^\\]]*\\])(?::[0-9]*)?)*");

	private static final String SOCKET_FACTORY = "org.newsclub.net.unix.AFUNIXSocketFactory$FactoryArg";

	private final List<Host> hosts;

	private final String database;

	private final @Nullable String user;

	private final @Nullable String password;

	private final Map<String, String> parameters;

	DatabaseUrl(List<Host> hosts, String database, @Nullable String user, @Nullable String password,
			Map<String, String> parameters) {
		this.hosts = List.copyOf(hosts);
		this.database = database;
		this.user = user;
		this.password = password;
		this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
	}

	/**
	 * Parse a database URL.
	 * @param url a {@code postgres://}, {@code postgresql://} or
	 * {@code jdbc:postgresql://} URL
	 * @return the parsed URL
	 * @throws DatabaseSettings.InvalidSettingException if it cannot be understood; the
	 * message shows the URL with its password masked
	 */
	static DatabaseUrl parse(String url) {
		return new Parser(url.strip()).parse();
	}

	/**
	 * Return text with every password it may hold replaced by {@code ****}: in the user
	 * information of a URL ({@code postgres://user:****@host/db}), also in URLs that do
	 * not parse ({@code postgres:user:****@host/db}, {@code postgres//user:****@host/db},
	 * {@code user:****@host/db}), and in {@code password=} parameters and key-value pairs
	 * wherever they stand ({@code ?password=}, {@code ;password=}, {@code sslpassword=},
	 * {@code PGPASSWORD=}, libpq's {@code password = 'x'}). Errs on the side of masking
	 * too much. The user info ends at the last {@code @} before the first {@code /} or
	 * {@code ?} of the authority, so an {@code @} in the query
	 * ({@code ?application_name=ops@host1}) is not taken for it.
	 * @param text any text, such as a URL or a driver's message
	 * @return the masked text
	 */
	static String mask(String text) {
		StringBuilder masked = new StringBuilder(text.length());
		Matcher token = TOKEN.matcher(text);
		int end = 0;
		while (token.find()) {
			masked.append(text, end, token.start()).append(maskUserInfo(token.group()));
			end = token.end();
		}
		masked.append(text, end, text.length());
		return PASSWORD_PARAMETER.matcher(masked).replaceAll("$1****");
	}

	// one URL as a whole, spaces included: a password need not be encoded to be hidden
	private static String maskUrl(String url) {
		return PASSWORD_PARAMETER.matcher(maskUserInfo(url)).replaceAll("$1****");
	}

	/**
	 * Mask the password in the user information of one URL, which may contain spaces
	 * where it does not parse.
	 */
	private static String maskUserInfo(String url) {
		int firstAt = url.indexOf('@');
		if (firstAt < 0) {
			return url;
		}
		int start = userInfoStart(url, firstAt);
		int authorityEnd = indexOfAny(url, "/?", start);
		int limit = (authorityEnd >= 0) ? authorityEnd : url.length();
		int at = url.lastIndexOf('@', limit - 1);
		if (at < start) {
			// no user info before the path: either an '@' in the path or query, or a
			// password with a raw '/' or '?'; mask up to the last '@' unless the
			// authority is plainly hosts and ports
			if (isHostsAndPorts(url.substring(start, limit))) {
				return url;
			}
			at = url.lastIndexOf('@');
		}
		int colon = url.indexOf(':', start);
		if (colon < 0 || colon >= at) {
			return url;
		}
		return url.substring(0, colon + 1) + "****" + url.substring(at);
	}

	// after "//" (postgres://, postgres//); else after a scheme followed by user:password
	// (postgres:user:password@); else the start
	private static int userInfoStart(String url, int firstAt) {
		int slashes = url.indexOf("//");
		if (slashes >= 0 && slashes < firstAt) {
			return slashes + 2;
		}
		Matcher scheme = SCHEME_PREFIX.matcher(url);
		if (scheme.lookingAt() && url.indexOf(':', scheme.end()) >= 0 && url.indexOf(':', scheme.end()) < firstAt) {
			return scheme.end();
		}
		return 0;
	}

	private static boolean isHostsAndPorts(String authority) {
		return HOSTS_AND_PORTS.matcher(authority).matches();
	}

	/**
	 * Return the JDBC URL, without user and password.
	 * @return the URL for the PostgreSQL JDBC driver
	 */
	String jdbcUrl() {
		StringBuilder url = new StringBuilder("jdbc:postgresql://");
		Map<String, String> parameters = new LinkedHashMap<>(this.parameters);
		List<String> hostsInUrl = new ArrayList<>();
		for (Host host : this.hosts) {
			if (host.isSocket()) {
				hostsInUrl.add("localhost:" + host.port());
				parameters.put("socketFactory", SOCKET_FACTORY);
				parameters.put("socketFactoryArg", host.socketFile());
			}
			else {
				hostsInUrl.add(host.toString());
			}
		}
		// the driver takes a '/' in the database name as the end of the path
		url.append(String.join(",", hostsInUrl)).append('/').append(encode(this.database).replace("/", "%2F"));
		char separator = '?';
		for (Map.Entry<String, String> parameter : parameters.entrySet()) {
			url.append(separator).append(encode(parameter.getKey()));
			url.append('=').append(encode(parameter.getValue()));
			separator = '&';
		}
		return url.toString();
	}

	/**
	 * Return the hosts in the order the driver tries them.
	 * @return one or more hosts
	 */
	List<Host> hosts() {
		return this.hosts;
	}

	/**
	 * Return the first host's name (a directory for a Unix socket).
	 * @return the host
	 */
	String host() {
		return this.hosts.get(0).name();
	}

	/**
	 * Return the first host's port.
	 * @return the port
	 */
	int port() {
		return this.hosts.get(0).port();
	}

	/**
	 * Return the database name.
	 * @return the database
	 */
	String database() {
		return this.database;
	}

	/**
	 * Return the user named in the URL.
	 * @return the user, or {@code null}
	 */
	@Nullable String user() {
		return this.user;
	}

	/**
	 * Return the password given in the URL. Never log it.
	 * @return the password, or {@code null}
	 */
	@Nullable String password() {
		return this.password;
	}

	/**
	 * Return the SSL mode asked for.
	 * @return {@code disable} to {@code verify-full}, or {@code null} for the driver's
	 * default
	 */
	@Nullable String sslMode() {
		return this.parameters.get("sslmode");
	}

	/**
	 * Return the parameters passed to the driver (never user or password).
	 * @return the parameters in URL order
	 */
	Map<String, String> parameters() {
		return this.parameters;
	}

	/**
	 * Return a copy with another user, as when {@code spring.datasource.username} or
	 * {@code PGUSER} names it apart from the URL.
	 * @param user the user, or {@code null}
	 * @return the copy
	 */
	DatabaseUrl withUser(@Nullable String user) {
		return new DatabaseUrl(this.hosts, this.database, user, this.password, this.parameters);
	}

	/**
	 * Return a copy that names another database on the same server, as each tenant's
	 * database of a database-per-tenant service.
	 * @param database the database name
	 * @return the copy
	 */
	DatabaseUrl withDatabase(String database) {
		return new DatabaseUrl(this.hosts, database, this.user, this.password, this.parameters);
	}

	/**
	 * Describe where this URL points for a log line, never with the password, e.g.
	 * {@code ecomdash@db.example.com:5432/ecomdash sslmode=require}.
	 * @return the description
	 */
	String describe() {
		StringBuilder description = new StringBuilder();
		if (this.user != null) {
			description.append(this.user).append('@');
		}
		description.append(this.hosts.stream().map(Host::toString).collect(Collectors.joining(",")));
		description.append('/').append(this.database);
		String sslMode = sslMode();
		if (sslMode != null) {
			description.append(" sslmode=").append(sslMode);
		}
		return description.toString();
	}

	@Override
	public String toString() {
		return "DatabaseUrl[" + describe() + "]";
	}

	private static int indexOfAny(String text, String characters, int from) {
		for (int i = from; i < text.length(); i++) {
			if (characters.indexOf(text.charAt(i)) >= 0) {
				return i;
			}
		}
		return -1;
	}

	static String encode(String text) {
		StringBuilder encoded = new StringBuilder();
		for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
			char c = (char) (b & 0xFF);
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
					|| "-._~/:,$@!*()".indexOf(c) >= 0) {
				encoded.append(c);
			}
			else {
				encoded.append('%').append(String.format("%02X", b & 0xFF));
			}
		}
		return encoded.toString();
	}

	/**
	 * One host of a database URL.
	 *
	 * @param name a host name, an IP address, or (starting with {@code /}) the directory
	 * or file of a Unix socket
	 * @param port the port
	 */
	record Host(String name, int port) {

		/**
		 * Return whether this host is a Unix-domain socket.
		 * @return whether the name is a path
		 */
		boolean isSocket() {
			return this.name.startsWith("/");
		}

		/**
		 * Return the socket file for a Unix socket host, e.g.
		 * {@code /var/run/postgresql/.s.PGSQL.5432}.
		 * @return the socket file
		 */
		String socketFile() {
			if (this.name.matches(".*/\\.s\\.PGSQL\\.\\d+")) {
				return this.name;
			}
			return (this.name.endsWith("/") ? this.name : this.name + "/") + ".s.PGSQL." + this.port;
		}

		@Override
		public String toString() {
			if (isSocket()) {
				return "unix:" + socketFile();
			}
			return (this.name.contains(":") ? "[" + this.name + "]" : this.name) + ":" + this.port;
		}

	}

	/**
	 * Reads one URL; every error names the masked URL.
	 */
	private static final class Parser {

		private final String url;

		private final String masked;

		Parser(String url) {
			this.url = url;
			this.masked = maskUrl(url);
		}

		DatabaseUrl parse() {
			if (this.url.isEmpty()) {
				throw error("it is empty. Write it as " + EXAMPLE);
			}
			Matcher scheme = SCHEME.matcher(this.url);
			if (!scheme.find()) {
				throw error("it has no scheme. Write it as " + EXAMPLE);
			}
			String name = scheme.group(1).toLowerCase(Locale.ROOT);
			if (name.equals("jdbc")) {
				String rest = this.url.substring(scheme.end());
				if (!rest.toLowerCase(Locale.ROOT).startsWith("postgresql:")) {
					int colon = rest.indexOf(':');
					throw notPostgres("jdbc:" + ((colon >= 0) ? rest.substring(0, colon + 1) : rest));
				}
				return parseRest(rest.substring("postgresql:".length()), true);
			}
			if (name.equals("postgres") || name.equals("postgresql") || name.startsWith("postgresql+")
					|| name.startsWith("postgres+")) {
				return parseRest(this.url.substring(scheme.end()), false);
			}
			throw notPostgres(name + ":");
		}

		private DatabaseSettings.InvalidSettingException notPostgres(String scheme) {
			return error("it is not a PostgreSQL URL (it starts with '" + scheme
					+ "'). Use postgres://, postgresql:// or jdbc:postgresql://");
		}

		private DatabaseUrl parseRest(String rest, boolean jdbc) {
			if (!rest.startsWith("//")) {
				if (jdbc && !rest.startsWith("/")) {
					// jdbc:postgresql:database, the driver's form for localhost
					int query = rest.indexOf('?');
					String database = (query >= 0) ? rest.substring(0, query) : rest;
					String rawQuery = (query >= 0) ? rest.substring(query + 1) : "";
					return build(List.of(LOCALHOST), null, null, database, rawQuery, true);
				}
				throw error("'//' must follow the scheme. Write it as " + EXAMPLE);
			}
			rest = rest.substring(2);
			// the user information ends at the last '@' before the path or query, so
			// that an '@' in the query (application_name=ops@host1) is not taken for it
			// and a raw '@' in the password still works
			int authorityEnd = indexOfAny(rest, "/?", 0);
			int at = rest.lastIndexOf('@', ((authorityEnd >= 0) ? authorityEnd : rest.length()) - 1);
			if (at < 0 && authorityEnd >= 0 && rest.indexOf('@', authorityEnd) >= 0
					&& !isHostsAndPorts(rest.substring(0, authorityEnd))) {
				throw error("a '/' or '?' comes before the '@' that ends the user name and password."
						+ " Percent-encode them in the password: / as %2F, ? as %3F");
			}
			String userInfo = null;
			if (at >= 0) {
				userInfo = rest.substring(0, at);
				rest = rest.substring(at + 1);
				authorityEnd = indexOfAny(rest, "/?", 0);
			}
			String authority = (authorityEnd >= 0) ? rest.substring(0, authorityEnd) : rest;
			rest = (authorityEnd >= 0) ? rest.substring(authorityEnd) : "";
			String path = "";
			String rawQuery = "";
			int query = rest.indexOf('?');
			if (query >= 0) {
				path = rest.substring(0, query);
				rawQuery = rest.substring(query + 1);
			}
			else {
				path = rest;
			}
			String database = path.startsWith("/") ? path.substring(1) : path;
			String user = null;
			String password = null;
			if (userInfo != null) {
				int colon = userInfo.indexOf(':');
				user = decode((colon >= 0) ? userInfo.substring(0, colon) : userInfo, "the user name", false);
				password = (colon >= 0) ? decode(userInfo.substring(colon + 1), "the password", false) : null;
			}
			List<Host> hosts = parseHosts(authority, jdbc);
			return build(hosts, emptyToNull(user), emptyToNull(password), database, rawQuery, jdbc);
		}

		private DatabaseUrl build(List<Host> hosts, @Nullable String user, @Nullable String password,
				String rawDatabase, String rawQuery, boolean jdbc) {
			if (rawDatabase.indexOf(';') >= 0) {
				// jdbc:postgresql://host/db;password=...: other drivers' notation, which
				// the PostgreSQL driver would take as part of the database name
				throw error("it has a ';' in the database name. Write parameters after '?', separated by '&',"
						+ " as in jdbc:postgresql://host:5432/database?user=name&password=...;"
						+ " write a ';' that belongs to the name as %3B");
			}
			String database = decode(rawDatabase, "the database name", jdbc);
			Map<String, String> parameters = new LinkedHashMap<>();
			String hostParameter = null;
			String portParameter = null;
			String ssl = null;
			for (String pair : rawQuery.split("&")) {
				if (pair.isEmpty()) {
					continue;
				}
				int eq = pair.indexOf('=');
				String key = decode((eq >= 0) ? pair.substring(0, eq) : pair, "a parameter name", jdbc);
				String value = (eq >= 0) ? decode(pair.substring(eq + 1), "the parameter '" + key + "'", jdbc) : "";
				if (!key.equals("password") && SEMICOLON_PARAMETER.matcher(value).find()) {
					throw error("the parameter '" + key + "' goes on with ';' and another name=value. Separate"
							+ " parameters with '&', as in ?user=name&password=...");
				}
				switch (key) {
					case "user" -> {
						if (user == null) {
							user = emptyToNull(value);
						}
					}
					case "password" -> {
						if (password == null) {
							password = emptyToNull(value);
						}
					}
					case "host" -> {
						if (jdbc) {
							parameters.put(key, value);
						}
						else {
							hostParameter = value;
						}
					}
					case "port" -> {
						if (jdbc) {
							parameters.put(key, value);
						}
						else {
							portParameter = value;
						}
					}
					case "ssl" -> {
						if (jdbc) {
							parameters.put(key, value);
						}
						else {
							ssl = value;
							parameters.putIfAbsent("sslmode", "");
						}
					}
					case "sslmode" -> parameters.put(key, checkSslMode(value));
					default -> parameters.put(key, value);
				}
			}
			if (ssl != null && "".equals(parameters.get("sslmode"))) {
				parameters.put("sslmode", sslModeOf(ssl));
			}
			int defaultPort = DEFAULT_PORT;
			if (portParameter != null) {
				defaultPort = port(portParameter.strip());
			}
			if (hostParameter != null) {
				hosts = parseHosts(hostParameter, false);
			}
			if (hosts.isEmpty()) {
				// libpq would use its default Unix socket, the JDBC driver localhost:
				// neither is a guess to make for a database to migrate
				throw error("it names no host. Write it as " + EXAMPLE
						+ " (for a Unix socket: postgres://user@%2Fvar%2Frun%2Fpostgresql/database)");
			}
			List<Host> withPorts = new ArrayList<>();
			for (Host host : hosts) {
				withPorts.add((host.port() > 0) ? host : new Host(host.name(), defaultPort));
			}
			if (withPorts.size() > 1 && withPorts.stream().anyMatch(Host::isSocket)) {
				throw error("it mixes a Unix socket with other hosts; the JDBC driver can use one socket only");
			}
			if (database.isEmpty()) {
				if (user == null) {
					throw error("it names no database. Add it after the host, as in " + EXAMPLE);
				}
				// libpq and the PostgreSQL image default the database to the user's name
				database = user;
			}
			return new DatabaseUrl(withPorts, database, user, password, parameters);
		}

		/** Hosts without a port get port 0 here, filled in once the URL is read. */
		private List<Host> parseHosts(String authority, boolean jdbc) {
			if (authority.isEmpty()) {
				return List.of();
			}
			List<Host> hosts = new ArrayList<>();
			for (String item : authority.split(",", -1)) {
				if (item.isEmpty()) {
					throw error(
							"its host list has an empty entry. Separate hosts with one comma: host1:5432,host2:5432");
				}
				hosts.add(parseHost(item, jdbc));
			}
			return hosts;
		}

		private Host parseHost(String item, boolean jdbc) {
			if (item.startsWith("[")) {
				int close = item.indexOf(']');
				if (close < 0) {
					throw error("the IPv6 address '" + item + "' has no closing ']'");
				}
				String address = item.substring(1, close);
				if (address.isEmpty()) {
					throw error(
							"the brackets of an IPv6 address are empty. Write it as postgres://user@[::1]:5432/database");
				}
				String after = item.substring(close + 1);
				if (after.isEmpty()) {
					return new Host(address, 0);
				}
				if (!after.startsWith(":")) {
					throw error("unexpected '" + after + "' after the IPv6 address [" + address + "]");
				}
				return new Host(address, port(after.substring(1)));
			}
			String decoded = decode(item, "the host", jdbc);
			if (decoded.startsWith("/")) {
				// a Unix-socket directory; it may itself contain ':' (Cloud SQL)
				return new Host(decoded, 0);
			}
			int colon = decoded.indexOf(':');
			if (colon < 0) {
				return new Host(decoded, 0);
			}
			if (decoded.indexOf(':', colon + 1) >= 0) {
				throw error("the host '" + decoded + "' looks like an IPv6 address; put it in brackets: [" + decoded
						+ "]:5432");
			}
			String host = decoded.substring(0, colon);
			if (host.isEmpty()) {
				throw error("it names a port but no host before it. Write it as " + EXAMPLE);
			}
			return new Host(host, port(decoded.substring(colon + 1)));
		}

		private int port(String text) {
			if (text.isEmpty()) {
				return 0;
			}
			try {
				int port = Integer.parseInt(text);
				if (port >= 1 && port <= 65535) {
					return port;
				}
			}
			catch (NumberFormatException ex) {
				// reported below
			}
			throw error("the port '" + text + "' is not a number from 1 to 65535");
		}

		private String checkSslMode(String mode) {
			String normalized = mode.strip().toLowerCase(Locale.ROOT);
			if (!SSL_MODES.contains(normalized)) {
				throw error("sslmode '" + mode + "' is unknown; use one of disable, allow, prefer, require,"
						+ " verify-ca, verify-full");
			}
			return normalized;
		}

		private String sslModeOf(String ssl) {
			String normalized = ssl.strip().toLowerCase(Locale.ROOT);
			return switch (normalized) {
				case "true", "1", "on", "yes" -> "require";
				case "false", "0", "off", "no" -> "disable";
				default -> {
					if (SSL_MODES.contains(normalized)) {
						yield normalized;
					}
					throw error("ssl '" + ssl + "' is unknown; use ssl=true or sslmode=require (or another sslmode)");
				}
			};
		}

		/**
		 * Percent-decode. libpq keeps '+' as is; the JDBC driver decodes its URL like a
		 * form, so there '+' is a space.
		 */
		private String decode(String text, String what, boolean plusIsSpace) {
			if (text.indexOf('%') < 0 && !(plusIsSpace && text.indexOf('+') >= 0)) {
				return text;
			}
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			for (int i = 0; i < text.length(); i++) {
				char c = text.charAt(i);
				if (c == '%') {
					if (i + 2 >= text.length() || Character.digit(text.charAt(i + 1), 16) < 0
							|| Character.digit(text.charAt(i + 2), 16) < 0) {
						throw error(what + " has a '%' that is not followed by two hex digits. Write a literal '%'"
								+ " as %25 and percent-encode other special characters (@ as %40, : as %3A, / as %2F)");
					}
					bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
					i += 2;
				}
				else if (c == '+' && plusIsSpace) {
					bytes.write(' ');
				}
				else {
					byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
					if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
						encoded = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
						i++;
					}
					bytes.writeBytes(encoded);
				}
			}
			try {
				return StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)
					.decode(ByteBuffer.wrap(bytes.toByteArray()))
					.toString();
			}
			catch (CharacterCodingException ex) {
				throw error(what + " is not valid UTF-8 once its percent-escapes are decoded (an escape such as"
						+ " %C0%80 or %FF). Percent-encode the UTF-8 bytes of each character, such as %C3%A9 for é");
			}
		}

		private DatabaseSettings.InvalidSettingException error(String problem) {
			return new DatabaseSettings.InvalidSettingException(
					"Invalid database URL '" + this.masked + "': " + problem, this.masked, null);
		}

		private static @Nullable String emptyToNull(@Nullable String text) {
			return (text == null || text.isEmpty()) ? null : text;
		}

	}

}
