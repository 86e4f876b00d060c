package dev.hoist.core;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Where a database is, as people read it in logs and errors: host, port, database, user
 * and where these settings came from. Never holds a password.
 *
 * @param host the host name (several, comma-separated, for a multi-host URL)
 * @param port the port, or {@code -1} when unknown
 * @param database the database name, or {@code null} when unknown
 * @param user the user, or {@code null} when the driver chooses
 * @param source where the setting came from, such as
 * {@code spring.datasource.url from class path resource [application.yml]}
 */
public record DatabaseAddress(String host, int port, @Nullable String database, @Nullable String user, String source) {

	private static final String PREFIX = "jdbc:postgresql:";

	private static final int DEFAULT_PORT = 5432;

	/**
	 * Read the host, port and database of a {@code jdbc:postgresql:} URL, leaving out
	 * every parameter but the user.
	 * @param jdbcUrl the URL
	 * @param user the user, or {@code null} to take it from the URL's {@code user}
	 * parameter
	 * @param source where the URL came from
	 * @return the address; host {@code "?"} when the URL cannot be read
	 */
	public static DatabaseAddress fromJdbcUrl(String jdbcUrl, @Nullable String user, String source) {
		if (!jdbcUrl.toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
			return unknown(user, source);
		}
		String rest = jdbcUrl.substring(PREFIX.length());
		String query = "";
		int question = rest.indexOf('?');
		if (question >= 0) {
			query = rest.substring(question + 1);
			rest = rest.substring(0, question);
		}
		String resolvedUser = (user != null) ? user : parameter(query, "user");
		if (!rest.startsWith("//")) {
			// jdbc:postgresql:database means localhost on the default port
			return new DatabaseAddress("localhost", DEFAULT_PORT, rest.isEmpty() ? null : rest, resolvedUser, source);
		}
		rest = rest.substring(2);
		int slash = rest.indexOf('/');
		String hosts = (slash >= 0) ? rest.substring(0, slash) : rest;
		String database = (slash >= 0 && slash < rest.length() - 1) ? rest.substring(slash + 1) : null;
		String first = hosts.contains(",") ? hosts.substring(0, hosts.indexOf(',')) : hosts;
		int port = DEFAULT_PORT;
		String host = first;
		int colon = first.lastIndexOf(':');
		if (colon >= 0 && colon > first.lastIndexOf(']')) {
			host = first.substring(0, colon);
			try {
				port = Integer.parseInt(first.substring(colon + 1));
			}
			catch (NumberFormatException ex) {
				port = -1;
			}
		}
		if (hosts.contains(",")) {
			host = hosts;
		}
		return new DatabaseAddress(host.isEmpty() ? "localhost" : host, port, database, resolvedUser, source);
	}

	/**
	 * Return an address for a database that Hoist cannot locate by itself, such as a data
	 * source of an unknown kind.
	 * @param user the user, if known
	 * @param source what the data source is and where it came from
	 * @return the address
	 */
	public static DatabaseAddress unknown(@Nullable String user, String source) {
		return new DatabaseAddress("?", -1, null, user, source);
	}

	private static @Nullable String parameter(String query, String name) {
		for (String pair : query.split("&")) {
			int eq = pair.indexOf('=');
			if (eq > 0 && pair.substring(0, eq).equals(name)) {
				return pair.substring(eq + 1);
			}
		}
		return null;
	}

	/**
	 * Return the address for a log line, such as
	 * {@code app@db.example.com:5432/orders (DATABASE_URL from .env.local)}.
	 * @return the description
	 */
	public String describe() {
		StringBuilder text = new StringBuilder();
		if (this.user != null) {
			text.append(this.user).append('@');
		}
		text.append(this.host);
		if (this.port >= 0) {
			text.append(':').append(this.port);
		}
		if (this.database != null) {
			text.append('/').append(this.database);
		}
		return text.append(" (").append(this.source).append(')').toString();
	}

	@Override
	public String toString() {
		return describe();
	}

}
