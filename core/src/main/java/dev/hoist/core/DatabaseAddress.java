package dev.hoist.core;

import java.util.stream.Collectors;

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

	/** The host of an address Hoist could not read. */
	public static final String UNKNOWN_HOST = "?";

	/**
	 * Read the host, port and database of a PostgreSQL URL ({@code jdbc:postgresql://},
	 * {@code postgres://}), leaving out every parameter and the password.
	 * @param jdbcUrl the URL
	 * @param user the user, or {@code null} to take it from the URL's {@code user}
	 * parameter
	 * @param source where the URL came from
	 * @return the address; host {@code "?"} when the URL cannot be read
	 */
	public static DatabaseAddress fromJdbcUrl(String jdbcUrl, @Nullable String user, String source) {
		DatabaseUrl url;
		try {
			url = DatabaseUrl.parse(jdbcUrl);
		}
		catch (RuntimeException ex) {
			// an address for a log line never fails
			return unknown(user, source);
		}
		return of((user != null) ? url.withUser(user) : url, source);
	}

	static DatabaseAddress of(DatabaseUrl url, String source) {
		String host = (url.hosts().size() == 1) ? url.host()
				: url.hosts().stream().map(DatabaseUrl.Host::toString).collect(Collectors.joining(","));
		return new DatabaseAddress(host, url.port(), url.database(), url.user(), source);
	}

	/**
	 * Return an address for a database that Hoist cannot locate by itself, such as a data
	 * source of an unknown kind.
	 * @param user the user, if known
	 * @param source what the data source is and where it came from
	 * @return the address
	 */
	public static DatabaseAddress unknown(@Nullable String user, String source) {
		return new DatabaseAddress(UNKNOWN_HOST, -1, null, user, source);
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
		boolean ipv6 = this.host.contains(":") && !this.host.contains(",") && !this.host.startsWith("[");
		text.append(ipv6 ? "[" + this.host + "]" : this.host);
		if (this.port >= 0 && !this.host.contains(",")) {
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
