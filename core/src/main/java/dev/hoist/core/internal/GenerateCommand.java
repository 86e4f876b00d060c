package dev.hoist.core.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.HoistException;
import dev.hoist.core.MigrationVersion;
import dev.hoist.core.ValidationException;
import dev.hoist.core.internal.lint.Lint;
import dev.hoist.core.internal.lint.LintOptions;
import dev.hoist.core.internal.schema.CatalogReader;
import dev.hoist.core.internal.schema.MigrationPlan;
import dev.hoist.core.internal.schema.ObjectKey;
import dev.hoist.core.internal.schema.ObjectKind;
import dev.hoist.core.internal.schema.SchemaModel;
import dev.hoist.core.internal.schema.SchemaObject;
import dev.hoist.core.lint.Finding;
import dev.hoist.core.schema.SchemaDiff;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code generate} and the entity side of {@code check}: the schema the application's
 * entities want (the script of {@link HoistConfiguration#entitySchema}, run on an empty
 * {@link ShadowDatabase}) against the schema this build's migrations give (applied to the
 * same shadow database once it is emptied again), compared only where the entity model
 * owns the objects, and written as the next migration. The migrated database is only used
 * to find the server a temporary shadow database is created on; nothing is written to it.
 */
public final class GenerateCommand {

	private static final Logger logger = LoggerFactory.getLogger(GenerateCommand.class);

	private static final Pattern VERSIONED = Pattern.compile("V([0-9]+(?:[._][0-9]+)*)__(.+)\\.sql");

	/** The suffixes of the companion files a migration's other parts are written to. */
	private static final Pattern COMPANION = Pattern.compile(".*_(before|main|online)");

	private final Engine engine;

	private final HoistConfiguration configuration;

	private final String command;

	/**
	 * Create the command.
	 * @param engine the engine
	 * @param command {@code generate} or {@code check}, for messages
	 */
	public GenerateCommand(Engine engine, String command) {
		this.engine = engine;
		this.configuration = engine.configuration();
		this.command = command;
	}

	/**
	 * Compare the entities with the migrations and, when they differ and a directory is
	 * given, write the migration that makes the migrations match the entities.
	 * @param directory where to write the migration, or {@code null} to only compare
	 * @param description what the migration does, for its file name
	 * @return what was compared, found and written
	 * @throws HoistException when there is no entity model, no shadow database, the
	 * entities' script or a migration fails on the shadow database, or the difference
	 * cannot be written; no file is written then
	 */
	public Generated run(Path directory, String description) {
		return compare(directory, description);
	}

	/**
	 * Compare the entities with the migrations, writing nothing.
	 * @return what was compared and found
	 */
	public Generated check() {
		return compare(null, "entities");
	}

	private Generated compare(@Nullable Path directory, String description) {
		Supplier<String> entitySchema = this.configuration.getEntitySchema();
		if (entitySchema == null) {
			throw new HoistException(this.command + " compares the application's JPA entities with its migrations, and"
					+ " this application has no entity model: no JPA EntityManagerFactory was found. Run it in an"
					+ " application that has entities (--hoist.command=" + this.command + "; the hoist command-line jar"
					+ " has none), add spring-boot-starter-data-jpa, or write the migration with 'new'");
		}
		if (directory != null) {
			// fail on a bad description before any work
			MigrationScaffold.fileDescription(description);
		}
		MigrationLoader.Loaded loaded = this.engine.load();
		if (!loaded.problems().isEmpty()) {
			throw new ValidationException(loaded.problems());
		}
		List<ResolvedMigration> migrations = inOrder(loaded.migrations());
		String script = entityScript(entitySchema);
		Set<String> excluded = new LinkedHashSet<>(
				List.of(CatalogReader.DEFAULT_HISTORY_TABLE, this.configuration.getTable()));
		SchemaModel wanted;
		SchemaModel given;
		List<String> schemas;
		String shadowName;
		try (Session session = this.engine.open();
				ShadowDatabase shadow = ShadowDatabase.open(this.configuration, session.connection(), this.command)) {
			shadowName = shadow.describe();
			runEntityScript(shadow, script);
			Set<String> compared = new LinkedHashSet<>(shadow.usedSchemas());
			compared.add(session.history().schema());
			schemas = List.copyOf(compared);
			CatalogReader reader = new CatalogReader("shadow database " + shadowName, excluded);
			SchemaModel created = reader.read(shadow.connection(), schemas, false);
			shadow.reset();
			// as Hoist writes it: PostgreSQL prints some definitions (a CHECK with IN,
			// say)
			// differently once they are read back from the text it printed, and the
			// migrations hold that text
			MigrationPlan rewrite = MigrationPlan.between(reader.read(shadow.connection(), schemas, false), created,
					false);
			try {
				shadow.apply(rewrite);
			}
			catch (SQLException ex) {
				throw new HoistException("The entities' schema, as Hoist writes it, fails on the shadow database "
						+ shadowName + ": " + ex.getMessage() + ". Report this with the entity that declares it", ex);
			}
			wanted = reader.read(shadow.connection(), schemas, false);
			shadow.reset();
			for (ResolvedMigration migration : migrations) {
				apply(shadow, migration);
			}
			given = reader.read(shadow.connection(), schemas, false);
		}
		catch (SQLException ex) {
			throw Session.failure(this.command, ex);
		}
		Owned owned = owned(wanted, given, this.configuration.isDropUnmappedTables());
		MigrationPlan plan = MigrationPlan.between(owned.given(), wanted, true);
		String unsupported = plan.unsupportedMessage();
		if (unsupported != null) {
			throw new HoistException("The entities and the migrations differ in a way " + this.command
					+ " cannot write: " + unsupported + ". Write this migration by hand with 'new'");
		}
		List<SchemaDiff.Change> changes = plan.describedChanges();
		List<Path> files = List.of();
		List<Finding> review = List.of();
		if (directory != null && !plan.isEmpty()) {
			String version = nextVersion(directory);
			files = plan.writeTo(directory, version, description, "hoist generate");
			logger.info("Hoist: wrote {}", files);
			review = review(directory, files,
					LintOptions.defaults()
						.withServerMajor(wanted.serverMajor())
						.withDdlLockTimeout(this.configuration.getDdlLockTimeout() != null)
						.withSettingNames(this.configuration.getSettingNames()));
		}
		return new Generated(shadowName, migrations.size(), schemas, changes, plan.isEmpty() ? "" : plan.summary(),
				plan.isEmpty() ? "" : plan.upSql(), plan.isEmpty() ? "" : plan.downSql(), owned.outside(), files,
				review);
	}

	// what the safety rules say about the new files, read after the migrations before
	// them: a change with no online form (a rewrite, a NOT NULL column without a default)
	// is written as asked and left to the reviewer, with the rule that explains it
	private static List<Finding> review(Path directory, List<Path> files, LintOptions options) {
		Set<String> names = new LinkedHashSet<>();
		files.forEach((file) -> names.add(file.getFileName().toString()));
		List<Path> history = new ArrayList<>();
		try (Stream<Path> paths = Files.list(directory)) {
			paths.filter((path) -> VERSIONED.matcher(path.getFileName().toString()).matches())
				.sorted(Comparator.comparing(GenerateCommand::version))
				.forEach(history::add);
		}
		catch (IOException ex) {
			throw new HoistException("Cannot list the migrations in " + directory.toAbsolutePath() + ": " + ex, ex);
		}
		return Lint.paths(history, options)
			.stream()
			.filter((finding) -> !finding.isSuppressed()
					&& names.contains(Path.of(finding.script()).getFileName().toString()))
			.toList();
	}

	private static MigrationVersion version(Path file) {
		Matcher matcher = VERSIONED.matcher(file.getFileName().toString());
		return MigrationVersion.parse(matcher.matches() ? matcher.group(1) : "0");
	}

	private String entityScript(Supplier<String> entitySchema) {
		try {
			String script = entitySchema.get();
			if (script == null || script.isBlank()) {
				throw new HoistException("The entity model produced no schema: Hibernate wrote no DDL for this"
						+ " application's entities. Check that the entity packages are scanned");
			}
			return script;
		}
		catch (HoistException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw new HoistException("Cannot build the schema the entities want: " + rootMessage(ex)
					+ ". Fix the entity mapping (Hibernate rejects it) and run " + this.command + " again", ex);
		}
	}

	private void runEntityScript(ShadowDatabase shadow, String script) throws SQLException {
		Connection connection = shadow.connection();
		connection.setAutoCommit(false);
		try (Statement statement = connection.createStatement()) {
			for (SqlStatement sql : SqlSplitter.split(script, 1)) {
				try {
					statement.execute(sql.sql());
				}
				catch (SQLException ex) {
					throw new HoistException(
							"The schema Hibernate writes for the entities fails on the shadow database "
									+ shadow.describe() + " at line " + sql.line() + " of its script: "
									+ ex.getMessage() + "\n  " + sql.sql()
									+ "\nCheck the entity mapping and the dialect; nothing was written",
							ex);
				}
			}
			connection.commit();
		}
		catch (SQLException | RuntimeException ex) {
			MigrateCommand.rollbackQuietly(connection);
			throw ex;
		}
		finally {
			connection.setAutoCommit(true);
		}
	}

	private void apply(ShadowDatabase shadow, ResolvedMigration migration) {
		Connection connection = shadow.connection();
		MigrationExecutor executor = this.engine.executor();
		try {
			if (migration.isTransactional()) {
				connection.setAutoCommit(false);
				try {
					executor.runInTransaction(connection, migration, false);
					connection.commit();
				}
				catch (MigrationExecutor.StepFailure | SQLException | RuntimeException ex) {
					MigrateCommand.rollbackQuietly(connection);
					throw ex;
				}
				finally {
					connection.setAutoCommit(true);
				}
			}
			else {
				executor.runInAutocommit(connection, migration, false);
			}
		}
		catch (MigrationExecutor.StepFailure failure) {
			throw migrationFailed(shadow, migration, failure.failure());
		}
		catch (SQLException ex) {
			throw migrationFailed(shadow, migration, ex);
		}
	}

	private HoistException migrationFailed(ShadowDatabase shadow, ResolvedMigration migration, Exception cause) {
		return new HoistException(this.command + " could not build the schema of this build's migrations: "
				+ migration.location() + " fails on the shadow database " + shadow.describe()
				+ ", where the migrations before it were applied to an empty database.\n" + cause.getMessage()
				+ "\nFix that migration first; nothing was written", cause);
	}

	// the order an empty database gets them in: versioned by version, then repeatables
	private static List<ResolvedMigration> inOrder(List<ResolvedMigration> loaded) {
		List<ResolvedMigration> versioned = new ArrayList<>();
		List<ResolvedMigration> repeatable = new ArrayList<>();
		for (ResolvedMigration migration : loaded) {
			if (migration.version() != null) {
				versioned.add(migration);
			}
			else {
				repeatable.add(migration);
			}
		}
		versioned.sort(Comparator.comparing(ResolvedMigration::version));
		repeatable.sort(Comparator.comparing(ResolvedMigration::description));
		List<ResolvedMigration> ordered = new ArrayList<>(versioned);
		ordered.addAll(repeatable);
		return ordered;
	}

	/**
	 * Narrow the migrations' schema to what the entity model owns: the tables it maps
	 * with their columns, defaults and constraints, the indexes and sequences (and any
	 * other object) it declares, and, when asked, the tables no entity maps so that they
	 * are dropped. Everything else is kept as it is and listed.
	 * @param wanted the entities' schema
	 * @param given the migrations' schema
	 * @param dropUnmapped whether tables no entity maps are dropped
	 * @return the narrowed model and what was left out
	 */
	static Owned owned(SchemaModel wanted, SchemaModel given, boolean dropUnmapped) {
		Set<ObjectKey> declared = wanted.objects().keySet();
		Set<ObjectKey> tables = new LinkedHashSet<>();
		for (ObjectKey key : given.objects().keySet()) {
			if (key.kind() == ObjectKind.TABLE && (declared.contains(key) || dropUnmapped)) {
				tables.add(key);
			}
		}
		SchemaModel narrowed = given.filter((key) -> {
			if (declared.contains(key) || tables.contains(key)) {
				return true;
			}
			return switch (key.kind()) {
				case COLUMN, DEFAULT, NOT_NULL, CONSTRAINT -> tables.contains(key.table());
				case INDEX -> dropUnmapped && given.get(key) instanceof SchemaObject.Index index
						&& !declared.contains(ObjectKey.of(ObjectKind.TABLE, index.schema(), index.table()))
						&& tables.contains(ObjectKey.of(ObjectKind.TABLE, index.schema(), index.table()));
				default -> false;
			};
		});
		List<String> outside = new ArrayList<>();
		for (ObjectKey key : given.objects().keySet()) {
			if (narrowed.get(key) == null && key.kind() != ObjectKind.SCHEMA
					&& !isPartOfOutside(key, given, narrowed)) {
				outside.add(key.describe());
			}
		}
		return new Owned(narrowed, outside);
	}

	// a column of a table left out is not listed apart from its table
	private static boolean isPartOfOutside(ObjectKey key, SchemaModel given, SchemaModel narrowed) {
		return key.isMember() && key.kind() != ObjectKind.CONSTRAINT && key.kind() != ObjectKind.INDEX
				&& narrowed.get(key.table()) == null && given.get(key.table()) != null;
	}

	/**
	 * Return the version of the next migration in a directory, in the style of the ones
	 * there; the companion files a generated migration writes for its online part do not
	 * count.
	 * @param directory the directory
	 * @return the version
	 */
	String nextVersion(Path directory) {
		List<String> versions = new ArrayList<>();
		if (Files.isDirectory(directory)) {
			try (Stream<Path> paths = Files.walk(directory)) {
				paths.filter(Files::isRegularFile).forEach((path) -> {
					Matcher matcher = VERSIONED.matcher(path.getFileName().toString());
					if (matcher.matches() && !(matcher.group(1).matches(".*[._].*")
							&& COMPANION.matcher(matcher.group(2)).matches())) {
						versions.add(matcher.group(1));
					}
				});
			}
			catch (IOException ex) {
				throw new HoistException("Cannot list the migrations in " + directory.toAbsolutePath() + ": " + ex, ex);
			}
		}
		return new MigrationScaffold(Clock.systemUTC()).nextVersion(versions);
	}

	private static String rootMessage(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		String message = (cause.getMessage() != null) ? cause.getMessage() : cause.toString();
		return (cause == failure) ? message : failure.getMessage() + ": " + message;
	}

	/**
	 * The migrations' schema narrowed to the entity model, and what was left out.
	 *
	 * @param given the narrowed model
	 * @param outside the objects left out, described
	 */
	record Owned(SchemaModel given, List<String> outside) {

	}

	/**
	 * What {@code generate} or {@code check} compared, found and wrote.
	 *
	 * @param shadow the shadow database used, described without a password
	 * @param migrations how many of this build's migrations were applied to it
	 * @param schemas the schemas compared
	 * @param changes what the migration changes; empty when the entities and the
	 * migrations agree
	 * @param summary the summary of the changes, as in the file's header
	 * @param upSql the migration's up SQL, all parts
	 * @param downSql the migration's down SQL, all parts
	 * @param outside the objects of the migrations' schema the entity model does not
	 * describe: kept
	 * @param files the files written; empty when nothing was written
	 * @param review what the safety rules report on the files written, for the reviewer
	 */
	public record Generated(String shadow, int migrations, List<String> schemas, List<SchemaDiff.Change> changes,
			String summary, String upSql, String downSql, List<String> outside, List<Path> files,
			List<Finding> review) {

		/**
		 * Return whether the entities and the migrations agree.
		 * @return whether nothing changes
		 */
		public boolean isEmpty() {
			return this.changes.isEmpty();
		}

	}

}
