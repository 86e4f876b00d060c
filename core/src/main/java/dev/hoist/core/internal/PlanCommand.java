package dev.hoist.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.HoistStatus;
import dev.hoist.core.internal.schema.CatalogReader;
import dev.hoist.core.internal.schema.SchemaModel;
import dev.hoist.core.lint.Finding;
import dev.hoist.core.lint.Finding.Size;
import dev.hoist.core.plan.ObservedPlan;
import dev.hoist.core.plan.ObservedPlan.Observation;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code plan}: what the pending migrations would lock, observed on a shadow database
 * ({@link ShadowDatabase}) that has the live schema, joined with the live relations'
 * sizes, and the static findings corrected where the server showed otherwise. The live
 * database is only read: its history, its catalogs and the sizes of its relations.
 */
public final class PlanCommand {

	private static final Logger logger = LoggerFactory.getLogger(PlanCommand.class);

	private final Engine engine;

	private final HoistConfiguration configuration;

	private final List<Phase> phases = new ArrayList<>();

	private long phaseStart;

	public PlanCommand(Engine engine) {
		this.engine = engine;
		this.configuration = engine.configuration();
	}

	/**
	 * Plan the pending migrations.
	 * @return what each statement was seen to lock and rewrite, with sizes and findings
	 */
	public ObservedPlan run() {
		this.phases.clear();
		this.phaseStart = System.nanoTime();
		MigrationLoader.Loaded loaded = this.engine.load();
		try (Session session = this.engine.open()) {
			Connection live = session.connection();
			List<HistoryRow> rows = session.readHistory();
			Plan plan = this.engine.plan(loaded, rows, session.isLockHeldElsewhere(rows));
			List<ResolvedMigration> pending = new ArrayList<>(plan.toApply());
			for (HoistStatus.Problem problem : plan.problems()) {
				logger.warn("Hoist: {} (run 'validate'; plan tries the pending migrations regardless)",
						problem.message());
			}
			int major = SafetyCheck.serverMajor(live);
			List<Finding> findings = SafetyCheck
				.withSizes(new SafetyCheck(this.configuration).findings(loaded, pending, major), live);
			phase("load and lint");
			if (pending.isEmpty()) {
				return new ObservedPlan(List.of(), findings, major, "no shadow database: nothing is pending",
						List.of());
			}
			List<String> schemas = schemas(live);
			Set<String> liveRelations = relations(live, schemas);
			List<String> notes = new ArrayList<>();
			List<Observed> observed = new ArrayList<>();
			String historyTable = session.history().table();
			SchemaModel model = new CatalogReader("live database", ShadowDatabase.excludedTables(historyTable))
				.read(live, schemas, false);
			phase("read live schema");
			String shadowName;
			try (ShadowDatabase shadow = ShadowDatabase.open(this.configuration, live, "plan")) {
				phase("create shadow");
				shadowName = shadow.describe();
				notes.addAll(shadow.copySchema(model, schemas, historyTable));
				phase("copy onto shadow");
				LockObserver observer = new LockObserver(shadow.connection(), liveRelations);
				for (ResolvedMigration migration : pending) {
					observed.add(observe(migration, observer, notes));
				}
				phase("run migrations");
			}
			phase("drop shadow");
			Map<String, Size> sizes = RelationSizes.read(live, locked(observed));
			List<ObservedPlan.Migration> migrations = observed.stream()
				.map((migration) -> migration.toPlan(sizes))
				.toList();
			ObservedPlan result = new ObservedPlan(migrations, reconcile(findings, migrations, major), major,
					shadowName, notes);
			phase("sizes and report");
			logger.debug("Hoist: planned {} migrations: {}", pending.size(), this.phases);
			return result;
		}
		catch (SQLException ex) {
			throw Session.failure("plan the pending migrations", ex);
		}
	}

	/**
	 * Return how long each phase of the last {@link #run()} took, in order, for the bench
	 * and the debug log.
	 * @return the phases
	 */
	public List<Phase> phases() {
		return List.copyOf(this.phases);
	}

	private void phase(String name) {
		long now = System.nanoTime();
		this.phases.add(new Phase(name, Duration.ofNanos(now - this.phaseStart)));
		this.phaseStart = now;
	}

	private Observed observe(ResolvedMigration migration, LockObserver observer, List<String> notes)
			throws SQLException {
		String script = SafetyCheck.name(migration);
		if (migration.java() != null) {
			notes.add(script + " is a Java migration: its code is not run on the shadow database, so the migrations"
					+ " after it are planned without its changes");
			return new Observed(migration, script, true,
					List.of(new LockObserver.Observed(
							new SqlStatement("class " + migration.java().getClass().getName(), 0), Observation.NOT_RUN,
							List.of(), "A Java migration: not run on the shadow database.")));
		}
		MigrationSection up;
		List<SqlStatement> statements = new ArrayList<>();
		try {
			up = Objects.requireNonNull(migration.parsed(), "a SQL migration").up();
			try (SqlSource.Statements reader = Objects.requireNonNull(migration.sql(), "a SQL migration")
				.statements(false)) {
				for (SqlStatement statement = reader.next(); statement != null; statement = reader.next()) {
					statements.add(statement);
				}
			}
		}
		catch (MigrationFileException ex) {
			observer.fail();
			return new Observed(migration, script, true, List.of(new LockObserver.Observed(new SqlStatement("", 1),
					Observation.FAILED, List.of(), "Hoist cannot read this file: " + ex.getMessage())));
		}
		if (observer.failed()) {
			return new Observed(migration, script, up.transactional(),
					statements.stream().map(LockObserver.Observed::skipped).toList());
		}
		return new Observed(migration, script, up.transactional(), observer.observe(statements, up.transactional()));
	}

	/**
	 * Correct the static findings with what the server showed: a rewrite a rule expected
	 * (a column type change from a type it did not know, a default it thought volatile)
	 * that the shadow database did not do.
	 */
	private static List<Finding> reconcile(List<Finding> findings, List<ObservedPlan.Migration> migrations, int major) {
		List<Finding> reconciled = new ArrayList<>();
		for (Finding finding : findings) {
			ObservedPlan.Statement statement = statementAt(migrations, finding.script(), finding.line());
			Size size = finding.size();
			if (finding.rewrites() && !finding.isSuppressed() && size != null && statement != null
					&& (statement.observation() == Observation.OBSERVED
							|| statement.observation() == Observation.DOCUMENTED)
					&& statement.locks()
						.stream()
						.noneMatch((lock) -> lock.relation().equals(size.relation()) && lock.rewrites())) {
				reconciled.add(finding.suppressedBecause("the plan saw PostgreSQL " + major + " keep " + size.relation()
						+ "'s files on the shadow database: no rewrite"));
			}
			else {
				reconciled.add(finding);
			}
		}
		return reconciled;
	}

	private static ObservedPlan.@Nullable Statement statementAt(List<ObservedPlan.Migration> migrations, String script,
			int line) {
		for (ObservedPlan.Migration migration : migrations) {
			if (migration.script().equals(script)) {
				for (ObservedPlan.Statement statement : migration.statements()) {
					if (statement.line() == line) {
						return statement;
					}
				}
			}
		}
		return null;
	}

	// every schema of the live database: a migration may name any of them
	private static List<String> schemas(Connection live) throws SQLException {
		List<String> schemas = new ArrayList<>();
		try (PreparedStatement statement = live.prepareStatement("SELECT n.nspname FROM pg_namespace n"
				+ " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'"
				+ " AND n.nspname NOT LIKE 'pg\\_temp\\_%' ORDER BY n.nspname = ANY(current_schemas(false)) DESC,"
				+ " n.nspname"); ResultSet rs = statement.executeQuery()) {
			while (rs.next()) {
				schemas.add(rs.getString(1));
			}
		}
		return schemas;
	}

	private static Set<String> relations(Connection live, List<String> schemas) throws SQLException {
		Set<String> relations = new LinkedHashSet<>();
		try (PreparedStatement statement = live
			.prepareStatement("SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) FROM pg_class c"
					+ " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ANY(?)")) {
			statement.setArray(1, live.createArrayOf("text", schemas.toArray()));
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					relations.add(rs.getString(1));
				}
			}
		}
		return relations;
	}

	private static Set<String> locked(List<Observed> observed) {
		Set<String> names = new LinkedHashSet<>();
		for (Observed migration : observed) {
			for (LockObserver.Observed statement : migration.statements()) {
				for (LockObserver.Lock lock : statement.locks()) {
					names.add(lock.relation().name());
				}
			}
		}
		return names;
	}

	/**
	 * Say what a lock means for the service, in words.
	 * @param lock the lock
	 * @param size the relation's live size, or {@code null}
	 * @param transactional whether it is held until the migration commits
	 * @param observation how the lock is known
	 * @return the sentence
	 */
	static String meaning(LockObserver.Lock lock, @Nullable Size size, boolean transactional, Observation observation) {
		String relation = lock.relation().name() + ((size != null) ? " (" + size.describe() + ")" : "");
		String effect = switch (lock.mode()) {
			case "ACCESS EXCLUSIVE" -> "blocks reads and writes on " + relation;
			case "EXCLUSIVE", "SHARE ROW EXCLUSIVE", "SHARE" -> "blocks writes to " + relation;
			case "SHARE UPDATE EXCLUSIVE" -> "lets reads and writes on " + relation
					+ " go on, and blocks other schema changes, VACUUM and ANALYZE of it";
			case "ROW EXCLUSIVE" -> "takes a write's lock on " + relation
					+ ": reads and writes go on; only locks that block writes wait for it";
			default -> "takes a read's lock on " + relation + ": only ACCESS EXCLUSIVE waits for it";
		};
		boolean blocks = lock.mode().equals("ACCESS EXCLUSIVE") || lock.mode().equals("EXCLUSIVE")
				|| lock.mode().startsWith("SHARE ROW") || lock.mode().equals("SHARE");
		String duration = !blocks ? ""
				: transactional ? " from this statement until the migration commits" : " while the statement runs";
		String rewrite = "";
		if (lock.rewrites()) {
			rewrite = lock.relation().isIndex() ? ", and rebuilds the index"
					: ", and rewrites it: the lock lasts at least as long as copying the whole "
							+ (lock.relation().kind().equals("materialized view") ? "view" : "table") + " takes";
		}
		String reads = (blocks && !lock.mode().equals("ACCESS EXCLUSIVE")) ? "; reads go on" : "";
		String documented = (observation == Observation.DOCUMENTED) ? " (as documented)" : "";
		return capitalize(effect) + duration + rewrite + reads + documented;
	}

	private static String capitalize(String text) {
		return Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

	/**
	 * One phase of a plan and how long it took.
	 *
	 * @param name what it did
	 * @param time how long it took
	 */
	public record Phase(String name, Duration time) {

		@Override
		public String toString() {
			return this.name + " " + this.time.toMillis() + " ms";
		}

	}

	/**
	 * One migration as observed.
	 */
	private record Observed(ResolvedMigration migration, String script, boolean transactional,
			List<LockObserver.Observed> statements) {

		ObservedPlan.Migration toPlan(Map<String, Size> sizes) {
			List<ObservedPlan.Statement> planned = new ArrayList<>();
			for (LockObserver.Observed statement : this.statements) {
				List<ObservedPlan.Lock> locks = new ArrayList<>();
				for (LockObserver.Lock lock : statement.locks()) {
					Size size = sizes.get(lock.relation().name());
					locks.add(new ObservedPlan.Lock(lock.relation().name(), lock.relation().kind(), lock.mode(),
							lock.rewrites(), size, meaning(lock, size, this.transactional, statement.observation())));
				}
				planned.add(new ObservedPlan.Statement(statement.statement().line(), statement.statement().sql(),
						statement.observation(), locks, statement.detail()));
			}
			return new ObservedPlan.Migration(this.script,
					(this.migration.version() != null) ? this.migration.version().toString() : null, this.transactional,
					planned);
		}

	}

}
