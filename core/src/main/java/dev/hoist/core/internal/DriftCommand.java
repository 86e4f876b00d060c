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
import java.util.Objects;
import java.util.Set;

import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.HoistException;
import dev.hoist.core.MigrationFailedException;
import dev.hoist.core.MigrationInfo;
import dev.hoist.core.MigrationVersion;
import dev.hoist.core.ValidationException;
import dev.hoist.core.drift.Drift;
import dev.hoist.core.internal.schema.CatalogReader;
import dev.hoist.core.internal.schema.MigrationPlan;
import dev.hoist.core.internal.schema.ModelDifferences;
import dev.hoist.core.internal.schema.ObjectKey;
import dev.hoist.core.internal.schema.ObjectKind;
import dev.hoist.core.internal.schema.SchemaModel;
import dev.hoist.core.internal.schema.Step;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code drift}: build the schema that the database's applied migrations produce, from
 * this build's files, on a {@link ShadowDatabase}; read the live schema; report every
 * difference with the SQL that reverts it and the SQL that would adopt it. The live
 * database is only read: its session is made read-only, its schema is read in one
 * read-only transaction of catalog queries, and no lock but a catalog read's is taken
 * (not even the migration lock).
 */
public final class DriftCommand {

	private static final Logger logger = LoggerFactory.getLogger(DriftCommand.class);

	private static final String COMMAND = "drift";

	private final Engine engine;

	private final HoistConfiguration configuration;

	public DriftCommand(Engine engine) {
		this.engine = engine;
		this.configuration = engine.configuration();
	}

	/**
	 * Run the command.
	 * @return what was found
	 * @throws HoistException when the history cannot be rebuilt from this build, the
	 * shadow database cannot be had, or a migration fails on it
	 */
	public Drift run() {
		long start = System.nanoTime();
		MigrationLoader.Loaded loaded = this.engine.load();
		Set<String> excluded = new LinkedHashSet<>(
				List.of(CatalogReader.DEFAULT_HISTORY_TABLE, this.configuration.getTable()));
		try (Session session = this.engine.open()) {
			Connection live = session.connection();
			String readOnly = setReadOnly(live, "on");
			try {
				Build build = build(loaded, session.readHistory());
				String database = this.configuration.getDatabase().describe();
				SchemaModel expected;
				List<String> schemas;
				String shadowName;
				Set<ObjectKey> untouched;
				try (ShadowDatabase shadow = ShadowDatabase.open(this.configuration, live, COMMAND)) {
					shadowName = shadow.describe();
					CatalogReader shadowReader = new CatalogReader("shadow database " + shadowName, excluded);
					List<String> existing = List.copyOf(shadow.schemasBefore());
					SchemaModel pristine = existing.isEmpty() ? null
							: shadowReader.read(shadow.connection(), existing, false);
					ShadowMigrations migrations = new ShadowMigrations(this.engine.executor(), shadow);
					for (ResolvedMigration migration : build.migrations()) {
						apply(migrations, migration, shadow);
					}
					Set<String> compared = new LinkedHashSet<>();
					compared.add(session.history().schema());
					compared.addAll(shadow.usedSchemas());
					schemas = List.copyOf(compared);
					expected = shadowReader.read(shadow.connection(), schemas, false);
					untouched = untouchedSchemas(pristine, expected);
				}
				SchemaModel actual = new CatalogReader("live database " + database, excluded).read(live, schemas,
						false);
				if (!untouched.isEmpty()) {
					expected = expected.filter((key) -> !untouched.contains(key));
					actual = actual.filter((key) -> !untouched.contains(key));
				}
				if (expected.serverMajor() != actual.serverMajor()) {
					throw new HoistException("The shadow database " + shadowName + " runs PostgreSQL "
							+ expected.serverMajor() + " and the live database " + actual.serverMajor()
							+ ": their catalogs print definitions differently, so drift cannot compare them. Point "
							+ SettingName.SHADOW_URL.in(this.configuration)
							+ " at a database on a server of the live database's major version");
				}
				List<InvalidIndex> invalid = invalidIndexes(live);
				MigrationPlan revert = MigrationPlan.between(actual, expected, true);
				MigrationPlan adopt = MigrationPlan.between(expected, withoutInvalid(actual, invalid), true);
				List<Drift.Difference> differences = differences(expected, actual, revert, adopt, invalid, schemas);
				String revertSql = differences.isEmpty() ? "" : revertScript(revert, invalid, schemas);
				String adoptSql = differences.isEmpty() ? "" : adoptScript(adopt);
				Drift drift = new Drift(database, shadowName, build.revision(), build.migrations().size(), schemas,
						differences, revertSql, adoptSql, build.notes(), Engine.elapsed(start));
				log(drift);
				return drift;
			}
			finally {
				setReadOnly(live, readOnly);
			}
		}
		catch (SQLException ex) {
			throw Session.failure(COMMAND, ex);
		}
	}

	private void apply(ShadowMigrations migrations, ResolvedMigration migration, ShadowDatabase shadow) {
		try {
			migrations.up(migration);
		}
		catch (MigrationFailedException ex) {
			throw new HoistException("drift could not rebuild the schema the applied migrations produce: "
					+ migration.location() + " fails on the shadow database " + shadow.describe() + ", where the"
					+ " migrations before it were applied to an empty database.\n" + ex.getMessage()
					+ "\nNothing was written to the live database. A migration that depends on something created by"
					+ " hand, or on data, cannot be replayed: make it create what it needs", ex);
		}
	}

	// the migrations whose effect the live schema should show, in the order a new
	// database gets them: versioned by version, then repeatables
	private Build build(MigrationLoader.Loaded loaded, List<HistoryRow> rows) {
		if (!loaded.problems().isEmpty()) {
			throw new ValidationException(loaded.problems());
		}
		Map<MigrationVersion, ResolvedMigration> versioned = new HashMap<>();
		Map<String, ResolvedMigration> repeatables = new HashMap<>();
		for (ResolvedMigration migration : loaded.migrations()) {
			if (migration.version() != null) {
				versioned.put(migration.version(), migration);
			}
			else {
				repeatables.put(migration.description(), migration);
			}
		}
		List<String> problems = new ArrayList<>();
		List<String> notes = new ArrayList<>();
		MigrationVersion baseline = null;
		HistoryRow baselineRow = null;
		MigrationVersion revision = null;
		Map<MigrationVersion, ResolvedMigration> toApply = new LinkedHashMap<>();
		Map<String, HistoryRow> latestRepeatables = new LinkedHashMap<>();
		for (HistoryRow row : rows) {
			MigrationVersion version = row.version();
			if (!row.success()) {
				problems.add(row.script() + " (version " + Engine.text(version) + ") "
						+ (row.isUnfinished() ? "is running now or died part way" : "failed part way")
						+ ": the live schema holds part of it, which no build can rebuild. Finish or undo it by hand"
						+ " and run 'repair' first");
				continue;
			}
			if (version == null) {
				latestRepeatables.put(row.description(), row);
				continue;
			}
			if (revision == null || version.isNewerThan(revision)) {
				revision = version;
			}
			if (row.type() == MigrationInfo.Type.BASELINE) {
				baseline = version;
				baselineRow = row;
				continue;
			}
			ResolvedMigration file = versioned.get(version);
			if (file == null) {
				problems.add("Version " + version + " (" + row.script() + ", applied " + row.installedAt()
						+ ") is in the database's history but not in this build"
						+ ((row.type() == MigrationInfo.Type.JAVA)
								? ": it is a Java migration; run drift where its class is (the application's"
										+ " --hoist.command=drift)"
								: ": run drift with the build that applied it, or restore the file under its name"));
				continue;
			}
			if (file.checksum() != null && row.checksum() != null && !file.checksum().equals(row.checksum())) {
				problems.add(file.location() + " was changed after it was applied (version " + version
						+ "): the live schema was built from another text. Revert the file, or run 'repair' if the"
						+ " edit is deliberate and harmless");
				continue;
			}
			toApply.put(version, file);
		}
		if (baseline != null) {
			MigrationVersion at = baseline;
			List<ResolvedMigration> below = versioned.values()
				.stream()
				.filter((migration) -> !Objects.requireNonNull(migration.version()).isNewerThan(at))
				.toList();
			if (below.isEmpty()) {
				problems.add("History starts with a baseline at version " + baseline + " ('"
						+ Objects.requireNonNull(baselineRow).description()
						+ "'): the schema it stands for was not made by migrations, and this build has none at or"
						+ " below version " + baseline + " that creates it, so drift cannot rebuild it. Add a migration"
						+ " at or below " + baseline + " that creates that schema (as a new database needs anyway)");
			}
			else {
				below.forEach((migration) -> toApply.put(Objects.requireNonNull(migration.version()), migration));
				notes.add("History starts with a baseline at version " + baseline + ": the schema it stands for was"
						+ " built from this build's " + below.size() + " migration" + ((below.size() == 1) ? "" : "s")
						+ " at or below it");
			}
		}
		MigrationVersion baselineVersion = baseline;
		List<String> pending = versioned.values()
			.stream()
			.filter((migration) -> !toApply.containsKey(migration.version())
					&& !appliedOrBelow(migration, rows, baselineVersion))
			.map(ResolvedMigration::script)
			.sorted()
			.toList();
		if (!pending.isEmpty()) {
			notes.add(pending.size() + " migration"
					+ ((pending.size() == 1) ? " of this build is" : "s of this build are")
					+ " not applied, so not part of the comparison: " + String.join(", ", pending));
		}
		List<ResolvedMigration> migrations = new ArrayList<>(toApply.values());
		migrations.sort(Comparator.comparing((migration) -> Objects.requireNonNull(migration.version())));
		latestRepeatables.values().stream().sorted(Comparator.comparingInt(HistoryRow::rank)).forEach((row) -> {
			ResolvedMigration file = repeatables.get(row.description());
			if (file == null) {
				problems.add("Repeatable migration " + row.script() + " was applied but is not in this build: run"
						+ " drift with the build that applied it, or restore the file");
			}
			else {
				if (!Objects.equals(file.checksum(), row.checksum())) {
					notes.add(file.location() + " changed since it was applied: its objects are compared as"
							+ " the file is now, so a difference in them may be the change migrate has not"
							+ " applied yet");
				}
				migrations.add(file);
			}
		});
		if (!problems.isEmpty()) {
			throw new HoistException("drift cannot rebuild the schema the database's applied migrations produce:\n  - "
					+ String.join("\n  - ", problems) + "\nNothing was compared, and nothing was written to "
					+ this.configuration.getDatabase().describe());
		}
		for (ResolvedMigration migration : migrations) {
			if (migration.java() != null) {
				notes.add("Java migration " + migration.script() + " ran on the shadow database");
			}
		}
		return new Build(migrations, revision, notes);
	}

	private static boolean appliedOrBelow(ResolvedMigration migration, List<HistoryRow> rows,
			@Nullable MigrationVersion baseline) {
		MigrationVersion version = Objects.requireNonNull(migration.version());
		return (baseline != null && !version.isNewerThan(baseline))
				|| rows.stream().anyMatch((row) -> version.equals(row.version()));
	}

	private List<Drift.Difference> differences(SchemaModel expected, SchemaModel actual, MigrationPlan revert,
			MigrationPlan adopt, List<InvalidIndex> invalid, List<String> schemas) {
		Map<ObjectKey, String> losses = new HashMap<>();
		for (MigrationPlan.Part part : revert.parts()) {
			for (Step step : part.up()) {
				if (step.dataLoss() != null) {
					losses.putIfAbsent(step.subject(), step.dataLoss());
				}
			}
		}
		Set<ObjectKey> invalidKeys = new LinkedHashSet<>();
		invalid.forEach((index) -> invalidKeys.add(index.key()));
		List<Drift.Difference> differences = new ArrayList<>();
		for (ModelDifferences.Entry entry : ModelDifferences.between(expected, actual)) {
			ObjectKey key = entry.key();
			Drift.Kind kind = switch (entry.kind()) {
				case EXTRA -> Drift.Kind.EXTRA;
				case MISSING -> Drift.Kind.MISSING;
				case CHANGED -> Drift.Kind.CHANGED;
			};
			String detail = entry.detail();
			List<String> adoptSql = adopt.statementsFor(key);
			if (invalidKeys.contains(key)) {
				InvalidIndex index = invalid.stream().filter((i) -> i.key().equals(key)).findFirst().orElseThrow();
				kind = Drift.Kind.INVALID_INDEX;
				detail = index.detail(expected.get(key) != null);
				adoptSql = List.of();
			}
			else if (detail.isEmpty()) {
				detail = (kind == Drift.Kind.EXTRA) ? "in the live schema, not created by the migrations"
						: "created by the migrations, not in the live schema";
			}
			if (key.kind() == ObjectKind.OTHER) {
				detail += "; the schema diff cannot write SQL for this kind of object: revert or adopt it by hand";
			}
			differences.add(new Drift.Difference(kind, entry.objectType(), entry.name(), detail,
					revert.statementsFor(key), adoptSql, losses.get(key)));
		}
		for (InvalidIndex index : invalid) {
			if (!schemas.contains(index.schema())) {
				differences.add(new Drift.Difference(Drift.Kind.INVALID_INDEX, "index", index.qualifiedName(),
						index.detail(false) + "; in schema " + index.schema() + ", which the migrations do not use",
						List.of(index.dropSql()), List.of(), null));
			}
		}
		return differences;
	}

	private String revertScript(MigrationPlan revert, List<InvalidIndex> invalid, List<String> schemas) {
		StringBuilder sql = new StringBuilder(revert.upSql());
		List<InvalidIndex> elsewhere = invalid.stream().filter((index) -> !schemas.contains(index.schema())).toList();
		if (!elsewhere.isEmpty()) {
			sql.append("-- invalid indexes outside the migrations' schemas (outside a transaction)\n");
			elsewhere.forEach((index) -> sql.append(index.dropSql()).append("\n\n"));
		}
		return sql.toString();
	}

	// a schema the shadow had before any migration ran (public) whose own properties
	// (its comment) the migrations left alone: those are the server's or the template's,
	// not the migrations', so comparing them with the live schema's would be a false
	// report
	private static Set<ObjectKey> untouchedSchemas(@Nullable SchemaModel pristine, SchemaModel expected) {
		Set<ObjectKey> untouched = new LinkedHashSet<>();
		if (pristine != null) {
			pristine.objects().forEach((key, object) -> {
				if (key.kind() == ObjectKind.SCHEMA && object.equals(expected.get(key))) {
					untouched.add(key);
				}
			});
		}
		return untouched;
	}

	// the migrations that adopt the live changes: every part labelled, a lone one
	// too, as a part outside a transaction is a migration with transaction:false
	private static String adoptScript(MigrationPlan adopt) {
		StringBuilder sql = new StringBuilder();
		for (MigrationPlan.Part part : adopt.parts()) {
			sql.append("-- ").append(part.label()).append('\n').append(part.upSql());
		}
		return sql.toString();
	}

	// an invalid index cannot be adopted: a migration builds indexes valid
	private static SchemaModel withoutInvalid(SchemaModel model, List<InvalidIndex> invalid) {
		if (invalid.isEmpty()) {
			return model;
		}
		Set<ObjectKey> keys = new LinkedHashSet<>();
		invalid.forEach((index) -> keys.add(index.key()));
		return model.filter((key) -> !keys.contains(key));
	}

	private static List<InvalidIndex> invalidIndexes(Connection live) throws SQLException {
		List<InvalidIndex> invalid = new ArrayList<>();
		// one read-only statement; a CREATE INDEX CONCURRENTLY under way shows in the
		// progress view
		String query = "SELECT n.nspname, c.relname, t.relname, (SELECT p.pid FROM pg_stat_progress_create_index p"
				+ " WHERE p.index_relid = i.indexrelid LIMIT 1) FROM pg_index i"
				+ " JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid"
				+ " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT i.indisvalid"
				+ " AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'"
				+ " AND n.nspname NOT LIKE 'pg\\_temp\\_%' ORDER BY 1, 2";
		try (Statement statement = live.createStatement(); ResultSet rs = statement.executeQuery(query)) {
			while (rs.next()) {
				int pid = rs.getInt(4);
				Integer building = rs.wasNull() ? null : pid;
				invalid.add(new InvalidIndex(rs.getString(1), rs.getString(2), rs.getString(3), building));
			}
		}
		return invalid;
	}

	// every transaction of the session is read-only until it is set back
	static String setReadOnly(Connection live, String value) throws SQLException {
		try (PreparedStatement statement = live
			.prepareStatement("SELECT current_setting('default_transaction_read_only'),"
					+ " set_config('default_transaction_read_only', ?, false)")) {
			statement.setString(1, value);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return rs.getString(1);
			}
		}
	}

	private static void log(Drift drift) {
		if (!drift.isDrifted()) {
			logger.info("Hoist: no drift: {} matches the schema its {} applied migrations produce", drift.database(),
					drift.migrations());
			return;
		}
		logger.warn("Hoist: drift: {} differs from the schema its applied migrations produce in {} object{}",
				drift.database(), drift.differences().size(), (drift.differences().size() == 1) ? "" : "s");
	}

	/**
	 * What to apply to the shadow database, and what to tell the reader.
	 */
	private record Build(List<ResolvedMigration> migrations, @Nullable MigrationVersion revision, List<String> notes) {

	}

	/**
	 * An index PostgreSQL marked invalid.
	 *
	 * @param schema the schema
	 * @param name the index
	 * @param table its table
	 * @param buildingPid the session building it right now, or {@code null}
	 */
	private record InvalidIndex(String schema, String name, String table, @Nullable Integer buildingPid) {

		ObjectKey key() {
			return ObjectKey.of(ObjectKind.INDEX, this.schema, this.name);
		}

		String detail(boolean inMigrations) {
			String what = (this.buildingPid != null)
					? "invalid: CREATE INDEX CONCURRENTLY is building it right now (pid " + this.buildingPid
							+ "); it stays invalid, costing every write, if that fails"
					: "invalid (indisvalid = false), on " + this.schema + "." + this.table
							+ ": left by a CREATE INDEX CONCURRENTLY or REINDEX CONCURRENTLY that failed or was"
							+ " cancelled; it slows every write and serves no query";
			return what + (inMigrations ? "; the migrations build it valid: drop it and build it again"
					: "; the migrations do not create it: drop it");
		}

		String dropSql() {
			return "DROP INDEX CONCURRENTLY IF EXISTS " + ShadowDatabase.quote(this.schema) + "."
					+ ShadowDatabase.quote(this.name) + ";";
		}

		String qualifiedName() {
			return this.schema + "." + this.name;
		}

	}

}
