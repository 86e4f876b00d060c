package dev.hoist.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server settings, on Hoist's own session, that make PostgreSQL end it soon after it
 * is lost, so that its advisory lock goes with it: a client killed during a long
 * statement closes its socket, which {@code client_connection_check_interval} (PostgreSQL
 * 14 and later) notices while the statement runs; a client whose machine vanished closes
 * nothing, which only TCP keepalive notices ({@code tcp_keepalives_idle},
 * {@code _interval}, {@code _count}), and {@code tcp_user_timeout} (PostgreSQL 12 and
 * later) when the server was sending. The system's keepalive default would take about two
 * hours.
 * <p>
 * From one bound: the connection check every tenth of it, and the keepalive verdict
 * within seven tenths, so that the check and a lock poll fit in the rest.
 *
 * @param checkIntervalMillis {@code client_connection_check_interval}
 * @param keepalivesIdleSeconds {@code tcp_keepalives_idle}
 * @param keepalivesIntervalSeconds {@code tcp_keepalives_interval}
 * @param keepalivesCount {@code tcp_keepalives_count}
 * @param userTimeoutMillis {@code tcp_user_timeout}
 */
record LostHolderSettings(long checkIntervalMillis, long keepalivesIdleSeconds, long keepalivesIntervalSeconds,
		long keepalivesCount, long userTimeoutMillis) {

	private static final Logger logger = LoggerFactory.getLogger(LostHolderSettings.class);

	private static final int KEEPALIVES_COUNT = 3;

	/**
	 * Derive the settings from the bound.
	 * @param bound how soon a lost session must end; zero for none
	 * @return the settings, or {@code null} to leave the server's
	 */
	static @Nullable LostHolderSettings of(Duration bound) {
		if (bound.isZero()) {
			return null;
		}
		long millis = bound.toMillis();
		double keepalive = millis * 0.7 / 1000;
		long idle = Math.max(1, (long) (keepalive * 0.4));
		long interval = Math.max(1, (long) ((keepalive - idle) / KEEPALIVES_COUNT));
		return new LostHolderSettings(Math.max(100, millis / 10), idle, interval, KEEPALIVES_COUNT,
				(idle + KEEPALIVES_COUNT * interval) * 1000);
	}

	/**
	 * Set these on a session, in one statement. A server that refuses one of them (a
	 * managed service may) gets a warning, never a failure: migrating matters more.
	 * @param connection the session, in autocommit
	 * @return the values they had, to restore
	 */
	Map<String, String> apply(Connection connection) {
		Map<String, String> values = values();
		StringBuilder sql = new StringBuilder("SELECT ");
		List<String> names = new ArrayList<>(values.keySet());
		for (String name : names) {
			sql.append("current_setting('").append(name).append("', true), ");
		}
		for (int i = 0; i < names.size(); i++) {
			String name = names.get(i);
			// a server too old for a setting skips it
			sql.append((i > 0) ? ", " : "")
				.append("CASE WHEN current_setting('")
				.append(name)
				.append("', true) IS NULL THEN NULL ELSE set_config('")
				.append(name)
				.append("', ?, false) END");
		}
		Map<String, String> original = new LinkedHashMap<>();
		try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
			for (int i = 0; i < names.size(); i++) {
				statement.setString(i + 1, values.get(names.get(i)));
			}
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				for (int i = 0; i < names.size(); i++) {
					String value = rs.getString(i + 1);
					if (value != null) {
						original.put(names.get(i), value);
					}
				}
			}
		}
		catch (SQLException ex) {
			logger.warn("Hoist: PostgreSQL refused the settings that end a lost session of Hoist's soon ({}): if this"
					+ " process dies while it holds the migration lock, the lock may stay until the server notices,"
					+ " which can take hours; {}", ex.getMessage(), names);
		}
		return original;
	}

	/**
	 * Put back the values a session had.
	 * @param connection the session, in autocommit
	 * @param original what {@link #apply(Connection)} returned
	 * @throws SQLException on a database error
	 */
	static void restore(Connection connection, Map<String, String> original) throws SQLException {
		if (original.isEmpty()) {
			return;
		}
		StringBuilder sql = new StringBuilder("SELECT ");
		List<String> names = new ArrayList<>(original.keySet());
		for (int i = 0; i < names.size(); i++) {
			sql.append((i > 0) ? ", " : "").append("set_config('").append(names.get(i)).append("', ?, false)");
		}
		try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
			for (int i = 0; i < names.size(); i++) {
				statement.setString(i + 1, original.get(names.get(i)));
			}
			statement.execute();
		}
	}

	private Map<String, String> values() {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("client_connection_check_interval", this.checkIntervalMillis + "ms");
		values.put("tcp_keepalives_idle", this.keepalivesIdleSeconds + "s");
		values.put("tcp_keepalives_interval", this.keepalivesIntervalSeconds + "s");
		values.put("tcp_keepalives_count", Long.toString(this.keepalivesCount));
		values.put("tcp_user_timeout", this.userTimeoutMillis + "ms");
		return values;
	}

}
