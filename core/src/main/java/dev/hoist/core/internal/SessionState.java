package dev.hoist.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a server session carries from one borrower of a pooled connection to the next:
 * settings changed with {@code SET} (including the pool's own, such as a
 * {@code search_path} set when the connection was opened), the role and session user, the
 * driver's read-only flag, and objects that live as long as the session (temporary
 * tables, prepared statements, listened channels, holdable cursors, advisory locks).
 * <p>
 * A migration may change any of these ({@code SET default_transaction_read_only = on},
 * {@code SET ROLE}, {@code SET search_path}, {@code SET session_replication_role},
 * {@code CREATE TEMP TABLE}, ...), and a pool would hand the changed session to the
 * application. Hoist reads this state before it uses a borrowed connection, and
 * afterwards {@link #restore(Connection, boolean) puts back} settings and role exactly as
 * they were: after migrations, {@code RESET ALL} first (custom settings such as
 * {@code app.tenant} are listed nowhere, so only a reset clears them), then the settings
 * the session had when it was borrowed, such as a pool's own ({@code DISCARD ALL} would
 * lose those). What cannot be put back exactly is reported, so that the connection is
 * discarded rather than returned.
 */
final class SessionState {

	/**
	 * The columns that read a session's state, for a statement of the caller's own: one
	 * round trip.
	 */
	static final String COLUMNS = "current_user, session_user,"
			+ " ARRAY(SELECT name FROM pg_catalog.pg_settings WHERE source = 'session' ORDER BY name),"
			+ " ARRAY(SELECT setting FROM pg_catalog.pg_settings WHERE source = 'session' ORDER BY name),"
			+ " (SELECT count(*) FROM pg_catalog.pg_class WHERE relnamespace = pg_catalog.pg_my_temp_schema()),"
			+ " (SELECT count(*) FROM pg_catalog.pg_prepared_statements WHERE from_sql),"
			+ " (SELECT count(*) FROM pg_catalog.pg_listening_channels()),"
			+ " (SELECT count(*) FROM pg_catalog.pg_cursors WHERE is_holdable),"
			+ " (SELECT count(*) FROM pg_catalog.pg_locks WHERE locktype = 'advisory'"
			+ " AND pid = pg_catalog.pg_backend_pid())";

	/** How many columns {@link #COLUMNS} has. */
	static final int COLUMN_COUNT = 9;

	private final String currentUser;

	private final String sessionUser;

	private final boolean readOnly;

	private final Map<String, String> settings;

	private final Map<String, Long> objects;

	private SessionState(String currentUser, String sessionUser, boolean readOnly, Map<String, String> settings,
			Map<String, Long> objects) {
		this.currentUser = currentUser;
		this.sessionUser = sessionUser;
		this.readOnly = readOnly;
		this.settings = settings;
		this.objects = objects;
	}

	/**
	 * Read the state of a connection's session: one query.
	 * @param connection the connection, in autocommit or outside a transaction
	 * @return the state
	 * @throws SQLException on a database error
	 */
	static SessionState read(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT " + COLUMNS)) {
			rs.next();
			return of(rs, 1, connection.isReadOnly());
		}
	}

	/**
	 * Read the state from the {@link #COLUMNS} of a row.
	 * @param rs the row
	 * @param first the index of the first of these columns
	 * @param readOnly the driver's read-only flag
	 * @return the state
	 * @throws SQLException on a database error
	 */
	static SessionState of(ResultSet rs, int first, boolean readOnly) throws SQLException {
		Map<String, String> settings = new TreeMap<>();
		String[] names = (String[]) rs.getArray(first + 2).getArray();
		String[] values = (String[]) rs.getArray(first + 3).getArray();
		for (int i = 0; i < names.length; i++) {
			settings.put(names[i], Objects.toString(values[i], ""));
		}
		Map<String, Long> objects = new TreeMap<>();
		objects.put("temporary tables", rs.getLong(first + 4));
		objects.put("prepared statements", rs.getLong(first + 5));
		objects.put("LISTEN channels", rs.getLong(first + 6));
		objects.put("holdable cursors", rs.getLong(first + 7));
		objects.put("advisory locks", rs.getLong(first + 8));
		return new SessionState(rs.getString(first), rs.getString(first + 1), readOnly, settings, objects);
	}

	/**
	 * Say what differs from an earlier state, such as
	 * {@code default_transaction_read_only, role, temporary tables}.
	 * @param earlier the state before
	 * @return what changed; empty when nothing did
	 */
	List<String> changesSince(SessionState earlier) {
		List<String> changes = new ArrayList<>();
		if (!this.sessionUser.equals(earlier.sessionUser)) {
			changes.add("session authorization");
		}
		if (!this.currentUser.equals(earlier.currentUser)) {
			changes.add("role");
		}
		if (this.readOnly != earlier.readOnly) {
			changes.add("read-only flag");
		}
		TreeSet<String> names = new TreeSet<>(this.settings.keySet());
		names.addAll(earlier.settings.keySet());
		for (String name : names) {
			if (!Objects.equals(this.settings.get(name), earlier.settings.get(name))) {
				changes.add(name);
			}
		}
		this.objects.forEach((kind, count) -> {
			if (!count.equals(earlier.objects.get(kind))) {
				changes.add(kind);
			}
		});
		return changes;
	}

	/**
	 * Return whether what changed since an earlier state can be put back exactly:
	 * settings, role, session user, the read-only flag; not objects that live with the
	 * session, which only ending it removes without touching the pool's own.
	 * @param earlier the state before
	 * @return whether {@link #restore(Connection, boolean)} can undo every change
	 */
	boolean isRestorableTo(SessionState earlier) {
		return this.objects.equals(earlier.objects);
	}

	/**
	 * Put back the settings, role, session user and read-only flag of this earlier state
	 * on a connection. Every value is bound; only setting names, which come from the
	 * server's own catalog, are written into {@code RESET} as quoted identifiers.
	 * @param connection the connection
	 * @param resetAll whether to {@code RESET ALL} first: after a migration ran, for
	 * custom settings ({@code SET app.tenant = ...}), which PostgreSQL lists nowhere and
	 * which therefore cannot be compared
	 * @throws SQLException on a database error, such as a role that may no longer be
	 * taken
	 */
	void restore(Connection connection, boolean resetAll) throws SQLException {
		if (resetAll) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("RESET ALL");
			}
		}
		SessionState now = read(connection);
		if (!now.sessionUser.equals(this.sessionUser)) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("RESET SESSION AUTHORIZATION");
			}
		}
		if (!now.currentUser.equals(this.currentUser) || !now.sessionUser.equals(this.sessionUser)) {
			try (PreparedStatement statement = connection
				.prepareStatement("SELECT pg_catalog.set_config('role', ?, false)")) {
				statement.setString(1, this.currentUser.equals(this.sessionUser) ? "none" : this.currentUser);
				statement.execute();
			}
		}
		now = read(connection);
		try (PreparedStatement set = connection.prepareStatement("SELECT pg_catalog.set_config(?, ?, false)");
				Statement reset = connection.createStatement()) {
			for (Map.Entry<String, String> setting : now.settings.entrySet()) {
				String name = setting.getKey();
				String before = this.settings.get(name);
				if (before == null) {
					reset.execute("RESET " + SchemaHistory.quote(name));
				}
				else if (!before.equals(setting.getValue())) {
					set.setString(1, name);
					set.setString(2, before);
					set.execute();
				}
			}
			for (Map.Entry<String, String> setting : this.settings.entrySet()) {
				if (!now.settings.containsKey(setting.getKey())) {
					// set at the start, undone since (RESET ALL in a migration)
					set.setString(1, setting.getKey());
					set.setString(2, setting.getValue());
					set.execute();
				}
			}
		}
		if (connection.isReadOnly() != this.readOnly) {
			connection.setReadOnly(this.readOnly);
		}
	}

}
