package dev.hoist.core.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.HoistException;
import dev.hoist.core.ValidationException;
import dev.hoist.core.internal.schema.CatalogReader;
import dev.hoist.core.internal.schema.ModelDifferences;
import dev.hoist.core.internal.schema.SchemaModel;
import dev.hoist.core.verify.Verification;
import dev.hoist.core.verify.Verification.Outcome;
import dev.hoist.core.verify.Verification.Phase;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code verify}: apply this build's migrations one by one to one {@link ShadowDatabase}
 * and, for each with a down section, run up, snapshot, down, compare with the snapshot
 * before the up, up again, compare with the snapshot after the first up. One shadow
 * database and one snapshot per state serve the whole run (the snapshot after a
 * migration's up is the next one's "before"). When both sections are transactional, the
 * down and the second up run in one transaction that is rolled back, so the shadow is
 * left as the first up left it whatever they did; otherwise each commits, and the shadow
 * is rebuilt (emptied and the migrations before replayed) after a migration that left it
 * in a state the next one must not start from. The migrated database is only read, to
 * find its server and {@code search_path}.
 */
public final class VerifyCommand {

	private static final Logger logger = LoggerFactory.getLogger(VerifyCommand.class);

	private static final String COMMAND = "verify";

	private final Engine engine;

	private final HoistConfiguration configuration;

	private final Timings timings = new Timings();

	public VerifyCommand(Engine engine) {
		this.engine = engine;
		this.configuration = engine.configuration();
	}

	/**
	 * Run the command.
	 * @return what was found
	 * @throws HoistException when the shadow database cannot be had
	 */
	public Verification run() {
		long start = System.nanoTime();
		MigrationLoader.Loaded loaded = this.engine.load();
		if (!loaded.problems().isEmpty()) {
			throw new ValidationException(loaded.problems());
		}
		List<ResolvedMigration> versioned = loaded.migrations().stream().filter((m) -> m.version() != null).toList();
		List<ResolvedMigration> repeatables = loaded.migrations()
			.stream()
			.filter(ResolvedMigration::isRepeatable)
			.toList();
		try (Session session = this.engine.open()) {
			Connection live = session.connection();
			String readOnly = DriftCommand.setReadOnly(live, "on");
			Timings.Lap opening = this.timings.start();
			ShadowDatabase shadow = ShadowDatabase.open(this.configuration, live, COMMAND);
			this.timings.shadow.add(opening);
			try {
				Run run = new Run(shadow, session.history().schema());
				run.versioned(versioned);
				run.repeatables(repeatables);
				Verification verification = new Verification(shadow.describe(), run.results, run.failure,
						Engine.elapsed(start));
				log(verification);
				return verification;
			}
			finally {
				Timings.Lap closing = this.timings.start();
				shadow.close();
				this.timings.shadow.add(closing);
				DriftCommand.setReadOnly(live, readOnly);
			}
		}
		catch (SQLException ex) {
			throw Session.failure(COMMAND, ex);
		}
	}

	/**
	 * Return where the last {@link #run()} spent its time, phase by phase, for the bench.
	 * @return the timings so far
	 */
	public Timings timings() {
		return this.timings;
	}

	private static void log(Verification verification) {
		int failed = verification.failed().size();
		if (verification.failure() != null) {
			logger.warn("Hoist: verify stopped: {}", verification.failure());
		}
		else if (failed > 0) {
			logger.warn("Hoist: verify: {} down section{} do{} not restore the schema", failed,
					(failed == 1) ? "" : "s", (failed == 1) ? "es" : "");
		}
		else {
			logger.info("Hoist: verify: every down section of {} migrations restores the schema ({} irreversible)",
					verification.migrations().size(), verification.irreversible().size());
		}
	}

	/**
	 * One verification run on one shadow database.
	 */
	private final class Run {

		private final ShadowDatabase shadow;

		private final ShadowMigrations migrations;

		private final CatalogReader reader;

		private final Set<String> schemas = new LinkedHashSet<>();

		private final List<ResolvedMigration> applied = new ArrayList<>();

		private final List<Verification.Migration> results = new ArrayList<>();

		private @Nullable String failure;

		Run(ShadowDatabase shadow, String historySchema) {
			this.shadow = shadow;
			this.migrations = new ShadowMigrations(VerifyCommand.this.engine.executor(), shadow);
			this.reader = new CatalogReader("shadow database " + shadow.describe(), new LinkedHashSet<>(
					List.of(CatalogReader.DEFAULT_HISTORY_TABLE, VerifyCommand.this.configuration.getTable())));
			this.schemas.add(historySchema);
		}

		void versioned(List<ResolvedMigration> versioned) throws SQLException {
			SchemaModel before = snapshot();
			for (ResolvedMigration migration : versioned) {
				if (this.failure != null) {
					skipped(migration);
					continue;
				}
				long start = System.nanoTime();
				if (!up(migration, start)) {
					continue;
				}
				this.applied.add(migration);
				SchemaModel afterUp = snapshot();
				before = verify(migration, before, afterUp, start);
			}
		}

		void repeatables(List<ResolvedMigration> repeatables) {
			for (ResolvedMigration migration : repeatables) {
				if (this.failure != null) {
					skipped(migration);
					continue;
				}
				long start = System.nanoTime();
				if (up(migration, start)) {
					result(migration, Outcome.REPEATABLE, "applied after the versioned migrations, as migrate does;"
							+ " a repeatable migration has no down section", List.of(), start);
				}
			}
		}

		// false when the up failed: verification cannot go on from a schema a migration
		// did not build
		private boolean up(ResolvedMigration migration, long start) {
			try {
				apply(migration, false);
				return true;
			}
			catch (HoistException ex) {
				String problem = "its up section fails on the shadow database, applied after the migrations before it"
						+ " to an empty database: " + ex.getMessage();
				result(migration, Outcome.FAILED, problem, List.of(), start);
				this.failure = migration.location() + " fails on the shadow database " + this.shadow.describe()
						+ ", so the migrations after it were not verified. " + ex.getMessage();
				return false;
			}
		}

		// returns the schema the next migration starts from
		private SchemaModel verify(ResolvedMigration migration, SchemaModel before, SchemaModel afterUp, long start)
				throws SQLException {
			SqlMigrationParser.Parsed parsed = migration.parsed();
			if (parsed != null && parsed.downProblem() != null) {
				result(migration, Outcome.FAILED, "its down section cannot run: " + parsed.downProblem(), List.of(),
						start);
				return afterUp;
			}
			ResolvedMigration.Irreversible irreversible = migration.irreversible();
			if (irreversible != null) {
				result(migration, Outcome.IRREVERSIBLE, irreversible.reason(), List.of(), start);
				return afterUp;
			}
			boolean downTransactional = parsed == null || parsed.down() == null || parsed.down().transactional();
			if (downTransactional && migration.isTransactional()) {
				SchemaModel next = verifyRolledBack(migration, before, afterUp, start);
				if (next != null) {
					return next;
				}
			}
			try {
				apply(migration, true);
			}
			catch (HoistException ex) {
				result(migration, Outcome.FAILED, "its down section fails: " + ex.getMessage(), List.of(), start);
				return downTransactional ? afterUp : rebuild(afterUp);
			}
			SchemaModel afterDown = snapshot();
			List<Verification.Difference> differences = new ArrayList<>(differences(Phase.DOWN, before, afterDown));
			try {
				apply(migration, false);
			}
			catch (HoistException ex) {
				upAgainFails(migration, differences, ex, start);
				return rebuild(afterUp);
			}
			SchemaModel again = snapshot();
			List<Verification.Difference> upAgain = differences(Phase.UP_AGAIN, afterUp, again);
			differences.addAll(upAgain);
			report(migration, differences, upAgain, start);
			return upAgain.isEmpty() ? again : rebuild(afterUp);
		}

		// Down and up again in one transaction on the shadow, rolled back whatever
		// happened: the shadow is left exactly as the first up left it, so a down section
		// that breaks the next up costs no rebuild. Each section ends with the deferred
		// constraint checks its own commit would run. Null when the schema after the down
		// has initially deferred constraints, which an up in a transaction of its own
		// would meet deferred: the committed path runs then.
		private @Nullable SchemaModel verifyRolledBack(ResolvedMigration migration, SchemaModel before,
				SchemaModel afterUp, long start) throws SQLException {
			Connection connection = this.shadow.connection();
			connection.setAutoCommit(false);
			try {
				try {
					uncommitted(migration, true);
				}
				catch (HoistException ex) {
					result(migration, Outcome.FAILED, "its down section fails: " + ex.getMessage(), List.of(), start);
					return afterUp;
				}
				if (initiallyDeferred(connection)) {
					return null;
				}
				SchemaModel afterDown = snapshot();
				List<Verification.Difference> differences = new ArrayList<>(differences(Phase.DOWN, before, afterDown));
				try {
					uncommitted(migration, false);
				}
				catch (HoistException ex) {
					upAgainFails(migration, differences, ex, start);
					return afterUp;
				}
				SchemaModel again = snapshot();
				List<Verification.Difference> upAgain = differences(Phase.UP_AGAIN, afterUp, again);
				differences.addAll(upAgain);
				report(migration, differences, upAgain, start);
				return afterUp;
			}
			finally {
				MigrateCommand.rollbackQuietly(connection);
				connection.setAutoCommit(true);
			}
		}

		private boolean initiallyDeferred(Connection connection) throws SQLException {
			try (Statement statement = connection.createStatement();
					ResultSet rs = statement
						.executeQuery("SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE condeferred)")) {
				rs.next();
				return rs.getBoolean(1);
			}
		}

		private void upAgainFails(ResolvedMigration migration, List<Verification.Difference> differences,
				HoistException ex, long start) {
			String problem = (differences.isEmpty() ? "" : "its down section does not restore the schema, and ")
					+ "applied again after its down section, its up section fails: " + ex.getMessage();
			result(migration, Outcome.FAILED, problem, differences, start);
		}

		private void report(ResolvedMigration migration, List<Verification.Difference> differences,
				List<Verification.Difference> upAgain, long start) {
			if (differences.isEmpty()) {
				result(migration, Outcome.RESTORED, null, List.of(), start);
				return;
			}
			List<String> problems = new ArrayList<>();
			if (differences.size() > upAgain.size()) {
				problems.add("its down section does not restore the schema");
			}
			if (!upAgain.isEmpty()) {
				problems.add("applied again after its down section, its up section builds a different schema");
			}
			result(migration, Outcome.FAILED, String.join("; ", problems), differences, start);
		}

		// the shadow is not where the migrations leave it: start over and replay them
		private SchemaModel rebuild(SchemaModel expected) throws SQLException {
			logger.debug("Hoist: rebuilding the shadow database {} to verify the migrations after {}",
					this.shadow.describe(), this.applied.get(this.applied.size() - 1).location());
			Timings.Lap lap = VerifyCommand.this.timings.start();
			try {
				this.shadow.reset();
				for (ResolvedMigration migration : this.applied) {
					try {
						this.migrations.up(migration);
					}
					catch (HoistException ex) {
						this.failure = "Rebuilding the shadow database after a down section that did not restore the"
								+ " schema, " + migration.location() + " failed, so the migrations after it were not"
								+ " verified: " + ex.getMessage();
						return expected;
					}
				}
			}
			finally {
				VerifyCommand.this.timings.rebuild.add(lap);
			}
			return snapshot();
		}

		private void uncommitted(ResolvedMigration migration, boolean down) {
			Timings.Lap lap = VerifyCommand.this.timings.start();
			try {
				this.migrations.runUncommitted(migration, down);
			}
			finally {
				VerifyCommand.this.timings.apply.add(lap);
			}
		}

		private void apply(ResolvedMigration migration, boolean down) {
			Timings.Lap lap = VerifyCommand.this.timings.start();
			try {
				if (down) {
					this.migrations.down(migration);
				}
				else {
					this.migrations.up(migration);
				}
			}
			finally {
				VerifyCommand.this.timings.apply.add(lap);
			}
		}

		private List<Verification.Difference> differences(Phase phase, SchemaModel reference, SchemaModel actual) {
			List<Verification.Difference> differences = new ArrayList<>();
			Timings.Lap lap = VerifyCommand.this.timings.start();
			List<ModelDifferences.Entry> entries = ModelDifferences.between(reference, actual);
			VerifyCommand.this.timings.compare.add(lap);
			for (ModelDifferences.Entry entry : entries) {
				Verification.Kind kind = switch (entry.kind()) {
					case EXTRA -> Verification.Kind.EXTRA;
					case MISSING -> Verification.Kind.MISSING;
					case CHANGED -> Verification.Kind.CHANGED;
				};
				String detail = entry.detail();
				if (detail.isEmpty()) {
					detail = switch (phase) {
						case DOWN -> (kind == Verification.Kind.EXTRA) ? "left behind by the down section"
								: "dropped by the down section and not created again";
						case UP_AGAIN -> (kind == Verification.Kind.EXTRA) ? "only after the up section ran again"
								: "only after the up section ran the first time";
					};
				}
				else if (phase == Phase.DOWN) {
					detail = "not restored: " + detail;
				}
				else {
					detail = "differs after the up section ran again: " + detail;
				}
				differences.add(new Verification.Difference(phase, kind, entry.objectType(), entry.name(), detail));
			}
			return differences;
		}

		private SchemaModel snapshot() throws SQLException {
			Timings.Lap lap = VerifyCommand.this.timings.start();
			try {
				this.schemas.addAll(this.shadow.usedSchemas());
				return this.reader.readForComparison(this.shadow.connection(), List.copyOf(this.schemas));
			}
			finally {
				VerifyCommand.this.timings.snapshot.add(lap);
			}
		}

		private void skipped(ResolvedMigration migration) {
			this.results.add(new Verification.Migration(migration.version(), migration.script(), Outcome.NOT_VERIFIED,
					"not reached: verification stopped at an earlier migration", List.of(), Duration.ZERO));
		}

		private void result(ResolvedMigration migration, Outcome outcome, @Nullable String problem,
				List<Verification.Difference> differences, long start) {
			this.results.add(new Verification.Migration(migration.version(), migration.script(), outcome, problem,
					List.copyOf(differences), Engine.elapsed(start)));
		}

	}

	/**
	 * Where a run spends its time: wall time and the CPU time of the calling thread per
	 * phase (the database server's own CPU time is not in it). Not thread-safe: one run
	 * at a time.
	 */
	public static final class Timings {

		private static final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

		final Entry shadow = new Entry("shadow database (open and close)");

		final Entry apply = new Entry("up and down sections");

		final Entry snapshot = new Entry("schema snapshots");

		final Entry compare = new Entry("comparisons");

		final Entry rebuild = new Entry("rebuilds (empty and replay)");

		/**
		 * Return every phase, in the order a run meets them.
		 * @return the phases
		 */
		public List<Entry> entries() {
			return List.of(this.shadow, this.apply, this.snapshot, this.compare, this.rebuild);
		}

		Lap start() {
			return new Lap(System.nanoTime(), threads.getCurrentThreadCpuTime());
		}

		/**
		 * One phase: how often it ran and how long it took in all.
		 */
		public static final class Entry {

			private final String name;

			private int count;

			private long wallNanos;

			private long cpuNanos;

			Entry(String name) {
				this.name = name;
			}

			void add(Lap lap) {
				this.count++;
				this.wallNanos += System.nanoTime() - lap.wall();
				this.cpuNanos += threads.getCurrentThreadCpuTime() - lap.cpu();
			}

			public String name() {
				return this.name;
			}

			public int count() {
				return this.count;
			}

			public long wallNanos() {
				return this.wallNanos;
			}

			public long cpuNanos() {
				return this.cpuNanos;
			}

		}

		record Lap(long wall, long cpu) {

		}

	}

}
