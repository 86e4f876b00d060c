package dev.hoist.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.hoist.core.internal.lint.Lint;
import dev.hoist.core.internal.lint.Lint.StatementShape;
import dev.hoist.core.plan.ObservedPlan.Observation;
import org.jspecify.annotations.Nullable;

/**
 * Runs migrations on a shadow database and watches what each statement does to the
 * relations the live database has: the locks its transaction holds afterwards
 * ({@code pg_locks} of this backend) and the relations whose file node changed (a
 * rewrite). Each run of statements that shares a transaction is observed in a transaction
 * that is rolled back; then, so that the next statement or migration finds the schema it
 * expects, it runs again and is committed on the shadow database, which is thrown away
 * afterwards. A statement that cannot run in a transaction ({@code CREATE INDEX
 * CONCURRENTLY}, {@code VACUUM}) runs once, outside one: its rewrites are observed, its
 * locks are PostgreSQL's documented ones. A statement that acts outside the database
 * (roles, databases, tablespaces, files) is never run.
 */
final class LockObserver {

	/** PostgreSQL's lock modes as {@code pg_locks} names them, weakest first. */
	private static final List<String> MODES = List.of("AccessShareLock", "RowShareLock", "RowExclusiveLock",
			"ShareUpdateExclusiveLock", "ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock");

	private static final List<String> SQL_MODES = List.of("ACCESS SHARE", "ROW SHARE", "ROW EXCLUSIVE",
			"SHARE UPDATE EXCLUSIVE", "SHARE", "SHARE ROW EXCLUSIVE", "EXCLUSIVE", "ACCESS EXCLUSIVE");

	private static final String CANNOT_RUN_IN_TRANSACTION = "25001";

	private final Connection connection;

	private final Set<String> liveRelations;

	private boolean failed;

	/**
	 * Create an observer.
	 * @param connection the shadow database, in autocommit
	 * @param liveRelations the schema-qualified names of the live database's relations:
	 * only locks on these are reported
	 */
	LockObserver(Connection connection, Set<String> liveRelations) {
		this.connection = connection;
		this.liveRelations = liveRelations;
	}

	/**
	 * Return whether a statement failed, after which nothing more is run.
	 * @return whether one failed
	 */
	boolean failed() {
		return this.failed;
	}

	/**
	 * Stop: nothing more is run, as after a failed statement.
	 */
	void fail() {
		this.failed = true;
	}

	/**
	 * Observe one migration's statements, leaving the shadow database as the migration
	 * leaves it.
	 * @param statements the statements in order
	 * @param transactional whether they run in one transaction
	 * @return what each did
	 * @throws SQLException when the shadow database itself fails (not a statement)
	 */
	List<Observed> observe(List<SqlStatement> statements, boolean transactional) throws SQLException {
		List<Observed> observed = new ArrayList<>();
		if (transactional) {
			observeGroup(statements, observed);
			pad(statements, observed);
			return observed;
		}
		int i = 0;
		while (i < statements.size() && !this.failed) {
			SqlStatement statement = statements.get(i);
			if (Boolean.TRUE.equals(Lint.shape(statement.sql()).begins())) {
				// an explicit transaction in a transaction:false section runs as one
				int end = i + 1;
				while (end < statements.size()
						&& !Boolean.FALSE.equals(Lint.shape(statements.get(end).sql()).begins())) {
					end++;
				}
				observeGroup(statements.subList(i, Math.min(end + 1, statements.size())), observed);
				i = end + 1;
			}
			else {
				observeGroup(List.of(statement), observed);
				i++;
			}
		}
		pad(statements, observed);
		return observed;
	}

	private static void pad(List<SqlStatement> statements, List<Observed> observed) {
		for (int i = observed.size(); i < statements.size(); i++) {
			observed.add(Observed.skipped(statements.get(i)));
		}
	}

	// statements that share a transaction: watched in one rolled back, then committed
	private void observeGroup(List<SqlStatement> group, List<Observed> out) throws SQLException {
		Map<Long, Relation> relations = relations();
		List<SqlStatement> run = new ArrayList<>();
		List<Observed> observed = new ArrayList<>();
		this.connection.setAutoCommit(false);
		try {
			Map<Long, Integer> held = new HashMap<>();
			Map<Long, Long> filenodes = filenodes(relations);
			for (SqlStatement statement : group) {
				StatementShape shape = Lint.shape(statement.sql());
				if (shape.begins() != null) {
					// the transaction is this observer's: BEGIN and COMMIT are not sent
					observed.add(new Observed(statement, Observation.OBSERVED, List.of(), null));
					continue;
				}
				if (shape.outsideDatabase() != null) {
					observed.add(new Observed(statement, Observation.NOT_RUN, List.of(),
							"Not run on the shadow database: " + shape.outsideDatabase() + "."));
					continue;
				}
				try (Statement sql = this.connection.createStatement()) {
					sql.execute(statement.sql());
				}
				catch (SQLException ex) {
					this.connection.rollback();
					if (group.size() == 1 && CANNOT_RUN_IN_TRANSACTION.equals(ex.getSQLState())) {
						this.connection.setAutoCommit(true);
						out.add(outsideTransaction(statement, shape, relations));
						return;
					}
					this.failed = true;
					observed.add(new Observed(statement, Observation.FAILED, List.of(), failure(ex)));
					out.addAll(observed);
					return;
				}
				run.add(statement);
				Map<Long, Long> after = filenodes(relations);
				boolean holding = held.values().stream().anyMatch((mode) -> mode > 0);
				List<Lock> locks = newLocks(relations, held, changed(filenodes, after), shape.empties());
				filenodes = after;
				observed.add(new Observed(statement, Observation.OBSERVED, locks, (locks.isEmpty() && holding)
						? "Takes no lock on the live database's relations that its transaction does not hold already."
						: null));
			}
			this.connection.rollback();
			// again, for real, so that what follows finds the schema it expects
			try (Statement sql = this.connection.createStatement()) {
				for (SqlStatement statement : run) {
					sql.execute(statement.sql());
				}
			}
			this.connection.commit();
		}
		catch (SQLException ex) {
			MigrateCommand.rollbackQuietly(this.connection);
			throw ex;
		}
		finally {
			this.connection.setAutoCommit(true);
		}
		out.addAll(observed);
	}

	// run once outside a transaction: rewrites observed, locks as documented
	private Observed outsideTransaction(SqlStatement statement, StatementShape shape, Map<Long, Relation> relations)
			throws SQLException {
		Relation target = (shape.relation() != null) ? tableOf(shape.relation(), relations) : null;
		Map<Long, Long> before = filenodes(relations);
		try (Statement sql = this.connection.createStatement()) {
			sql.execute(statement.sql());
		}
		catch (SQLException ex) {
			this.failed = true;
			return new Observed(statement, Observation.FAILED, List.of(), failure(ex));
		}
		Set<Long> rewritten = changed(before, filenodes(relations));
		Map<Long, Lock> locks = new LinkedHashMap<>();
		String mode = shape.lockMode();
		if (target != null && mode != null) {
			locks.put(target.oid(), new Lock(target, mode, rewritten.contains(target.oid()) && !shape.empties()));
		}
		for (Long oid : rewritten) {
			Relation relation = relations.get(oid);
			if (relation != null && !locks.containsKey(oid) && !relation.isIndex()) {
				locks.put(oid, new Lock(relation, (mode != null) ? mode : "ACCESS EXCLUSIVE", !shape.empties()));
			}
		}
		return new Observed(statement, Observation.DOCUMENTED, new ArrayList<>(locks.values()),
				"Cannot run in a transaction: locks as PostgreSQL documents them"
						+ ((mode != null) ? "" : " (none known for this statement)")
						+ "; rewrites observed on the shadow database.");
	}

	// the table a documented lock is on: an index's own table
	private @Nullable Relation tableOf(String name, Map<Long, Relation> relations) throws SQLException {
		try (PreparedStatement statement = this.connection
			.prepareStatement("SELECT coalesce(i.indrelid, c.oid)::bigint FROM pg_class c"
					+ " LEFT JOIN pg_index i ON i.indexrelid = c.oid WHERE c.oid = to_regclass(?)")) {
			statement.setString(1, name);
			try (ResultSet rs = statement.executeQuery()) {
				return rs.next() ? relations.get(rs.getLong(1)) : null;
			}
		}
		catch (SQLException ex) {
			// a name PostgreSQL cannot read is a statement that fails on its own
			return null;
		}
	}

	private List<Lock> newLocks(Map<Long, Relation> relations, Map<Long, Integer> held, Set<Long> rewritten,
			boolean empties) throws SQLException {
		Map<Long, Integer> now = locks(relations);
		Map<Long, Lock> locks = new LinkedHashMap<>();
		for (Map.Entry<Long, Integer> entry : now.entrySet()) {
			Long oid = entry.getKey();
			Integer before = held.get(oid);
			int mode = entry.getValue();
			boolean rewrites = rewritten.contains(oid) && !empties;
			Relation relation = relations.get(oid);
			if ((before == null || mode > before) && relation != null && (rewrites || worthReporting(relation, mode))) {
				locks.put(oid, new Lock(relation, SQL_MODES.get(mode), rewrites));
			}
		}
		for (Long oid : rewritten) {
			Relation relation = relations.get(oid);
			if (!locks.containsKey(oid) && relation != null && !empties) {
				// held since an earlier statement of the transaction, rewritten now
				Integer mode = now.get(oid);
				locks.put(oid, new Lock(relation, SQL_MODES.get((mode != null) ? mode : MODES.size() - 1), true));
			}
		}
		held.clear();
		held.putAll(now);
		List<Lock> sorted = new ArrayList<>(locks.values());
		sorted.sort(Comparator.comparing((Lock lock) -> lock.relation().isIndex())
			.thenComparing((lock) -> lock.relation().name()));
		return sorted;
	}

	// an index's or a sequence's weak lock goes with its table's
	private static boolean worthReporting(Relation relation, int mode) {
		return !(relation.isIndex() || relation.kind().equals("sequence")) || mode > MODES.indexOf("RowExclusiveLock");
	}

	// the strongest mode this backend holds on each relation of the live database
	private Map<Long, Integer> locks(Map<Long, Relation> relations) throws SQLException {
		Map<Long, Integer> locks = new HashMap<>();
		try (Statement statement = this.connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT relation::bigint, mode FROM pg_locks"
						+ " WHERE pid = pg_backend_pid() AND locktype = 'relation' AND granted")) {
			while (rs.next()) {
				if (relations.containsKey(rs.getLong(1))) {
					locks.merge(rs.getLong(1), MODES.indexOf(rs.getString(2)), Math::max);
				}
			}
		}
		return locks;
	}

	// by name: an index dropped and built again under its name (as a column type change
	// does) is a rebuilt index, though its oid is new. Every relation outside the system
	// schemas is read and matched here: matching the names in SQL (= ANY of an array of
	// every relation's name) costs the server the square of their number
	private Map<Long, Long> filenodes(Map<Long, Relation> relations) throws SQLException {
		Map<String, Long> byName = new HashMap<>();
		for (Relation relation : relations.values()) {
			byName.put(relation.name(), relation.oid());
		}
		Map<Long, Long> filenodes = new HashMap<>();
		try (Statement statement = this.connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname),"
						+ " c.relfilenode::bigint FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
						+ " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')"
						+ " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'")) {
			while (rs.next()) {
				Long oid = byName.get(rs.getString(1));
				if (oid != null) {
					filenodes.put(oid, rs.getLong(2));
				}
			}
		}
		return filenodes;
	}

	private static Set<Long> changed(Map<Long, Long> before, Map<Long, Long> after) {
		Set<Long> changed = new LinkedHashSet<>();
		for (Map.Entry<Long, Long> entry : after.entrySet()) {
			Long previous = before.get(entry.getKey());
			if (previous != null && previous != 0 && !previous.equals(entry.getValue())) {
				changed.add(entry.getKey());
			}
		}
		return changed;
	}

	// the relations of the shadow database that the live database has too, now
	private Map<Long, Relation> relations() throws SQLException {
		Map<Long, Relation> relations = new LinkedHashMap<>();
		try (Statement statement = this.connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT c.oid::bigint,"
						+ " quote_ident(n.nspname) || '.' || quote_ident(c.relname), c.relkind FROM pg_class c"
						+ " JOIN pg_namespace n ON n.oid = c.relnamespace"
						+ " WHERE c.relkind IN ('r', 'p', 'i', 'I', 'm', 'v', 'S', 'f')"
						+ " AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
						+ " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'")) {
			while (rs.next()) {
				String name = rs.getString(2);
				if (this.liveRelations.contains(name)) {
					relations.put(rs.getLong(1), new Relation(rs.getLong(1), name, kind(rs.getString(3))));
				}
			}
		}
		return relations;
	}

	private static String kind(String relkind) {
		return switch (relkind) {
			case "p" -> "partitioned table";
			case "i" -> "index";
			case "I" -> "partitioned index";
			case "m" -> "materialized view";
			case "v" -> "view";
			case "S" -> "sequence";
			case "f" -> "foreign table";
			default -> "table";
		};
	}

	private static String failure(SQLException ex) {
		String message = (ex.getMessage() != null) ? ex.getMessage() : ex.toString();
		return "Failed on the shadow database: " + message
				+ ((ex.getSQLState() != null) ? " (SQLSTATE " + ex.getSQLState() + ")" : "")
				+ ". It would fail on the live database too, unless it depends on data the shadow database does not"
				+ " have; nothing after it was run.";
	}

	/**
	 * A relation the live database has.
	 *
	 * @param oid its oid on the shadow database
	 * @param name its schema-qualified name
	 * @param kind table, index, ...
	 */
	record Relation(long oid, String name, String kind) {

		boolean isIndex() {
			return this.kind.equals("index") || this.kind.equals("partitioned index");
		}

	}

	/**
	 * A lock a statement took.
	 *
	 * @param relation the relation
	 * @param mode the mode, as {@code LOCK} spells it
	 * @param rewrites whether the statement rewrote it
	 */
	record Lock(Relation relation, String mode, boolean rewrites) {

	}

	/**
	 * What one statement did.
	 *
	 * @param statement the statement
	 * @param observation how it is known
	 * @param locks the locks it took
	 * @param detail why not observed, or the failure
	 */
	record Observed(SqlStatement statement, Observation observation, List<Lock> locks, @Nullable String detail) {

		static Observed skipped(SqlStatement statement) {
			return new Observed(statement, Observation.SKIPPED, List.of(), null);
		}

	}

}
