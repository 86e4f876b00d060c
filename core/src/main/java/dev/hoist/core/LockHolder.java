package dev.hoist.core;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The session that holds the migration lock, as {@code pg_stat_activity} shows it.
 *
 * @param pid the backend process id
 * @param applicationName the holder's {@code application_name}, such as
 * {@code hoist@orders-7f9c}
 * @param clientAddress the holder's client address, or {@code null} for a Unix socket
 * @param state the backend state, such as {@code active} or {@code idle}
 * @param query the holder's current or last query
 * @param since when the holder's backend started
 * @param age how long the holder's session has existed when this was read
 */
public record LockHolder(int pid, String applicationName, @Nullable String clientAddress, @Nullable String state,
		@Nullable String query, @Nullable Instant since, Duration age) {

	/**
	 * Return a one-line description for logs and errors.
	 * @return the description
	 */
	public String describe() {
		return "pid " + this.pid + " (application_name '" + this.applicationName + "', client "
				+ ((this.clientAddress != null) ? this.clientAddress : "local socket") + ", connected "
				+ formatAge(this.age) + " ago" + ((this.state != null) ? ", " + this.state : "")
				+ ((this.query != null && !this.query.isBlank()) ? ", query: " + abbreviate(this.query) : "") + ")";
	}

	private static String formatAge(Duration age) {
		long seconds = age.toSeconds();
		return (seconds < 120) ? seconds + " s" : (seconds / 60) + " min";
	}

	private static String abbreviate(String query) {
		String single = query.replaceAll("\\s+", " ").trim();
		return (single.length() > 120) ? single.substring(0, 117) + "..." : single;
	}

}
