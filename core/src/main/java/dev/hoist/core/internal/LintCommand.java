package dev.hoist.core.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.hoist.core.HoistException;
import dev.hoist.core.HoistStatus;
import dev.hoist.core.MigrationVersion;
import dev.hoist.core.internal.lint.Lint;
import dev.hoist.core.internal.lint.Lint.LintFile;
import dev.hoist.core.internal.lint.LintOptions;
import dev.hoist.core.lint.SafetyReport;
import org.jspecify.annotations.Nullable;

/**
 * {@code lint}: the static safety rules over the migrations this build would apply, with
 * the live size of each relation they name; or, without a database, over every migration
 * of the build or over files given by path.
 */
public final class LintCommand {

	private static final Pattern VERSIONED = Pattern.compile("V([0-9]+(?:[._][0-9]+)*)__.*\\.sql");

	// versioned files by version, then repeatable files, then other names
	private static final Comparator<Path> APPLY_ORDER = Comparator.comparingInt(LintCommand::rank)
		.thenComparing(LintCommand::version, Comparator.nullsLast(Comparator.naturalOrder()))
		.thenComparing((path) -> path.getFileName().toString())
		.thenComparing(Path::toString);

	private final Engine engine;

	public LintCommand(Engine engine) {
		this.engine = engine;
	}

	/**
	 * Lint the migrations that {@code migrate} would apply, reading the live database's
	 * history, major version and relation sizes.
	 * @return the report; validation problems are notes, for {@code validate} to refuse
	 */
	public SafetyReport pending() {
		MigrationLoader.Loaded loaded = this.engine.load();
		try (Session session = this.engine.open()) {
			List<HistoryRow> rows = session.readHistory();
			Plan plan = this.engine.plan(loaded, rows, session.isLockHeldElsewhere(rows));
			List<ResolvedMigration> checked = new ArrayList<>(plan.toApply());
			List<String> notes = new ArrayList<>();
			for (HoistStatus.Problem problem : plan.problems()) {
				ResolvedMigration unreadable = unreadablePending(loaded, problem);
				if (unreadable != null) {
					// the rules report an unreadable file with the line, as Hoist refuses
					// it
					checked.add(unreadable);
				}
				else {
					notes.add("Validation problem (see 'validate'): " + problem.message());
				}
			}
			checked.sort(MigrationLoader.ORDER);
			SafetyCheck check = new SafetyCheck(this.engine.configuration());
			SafetyReport report = check.report(loaded, checked, session.connection(),
					SafetyCheck.serverMajor(session.connection()));
			notes.addAll(report.notes());
			return new SafetyReport(report.findings(), report.sizes(), List.of(), report.serverMajor(), null, notes);
		}
		catch (SQLException ex) {
			throw Session.failure("lint the pending migrations", ex);
		}
	}

	/**
	 * Lint every migration of this build, without a database, assuming the oldest
	 * PostgreSQL major Hoist supports.
	 * @return the report
	 */
	public SafetyReport all() {
		MigrationLoader.Loaded loaded = this.engine.load();
		List<String> notes = new ArrayList<>();
		for (HoistStatus.Problem problem : loaded.problems()) {
			notes.add(problem.message());
		}
		SafetyCheck check = new SafetyCheck(this.engine.configuration());
		List<LintFile> files = new ArrayList<>();
		for (ResolvedMigration migration : loaded.migrations()) {
			SqlSource sql = migration.sql();
			if (sql != null) {
				files.add(new LintFile(SafetyCheck.name(migration), sql.text()));
			}
			else {
				notes.add(migration.location() + " is a Java migration: the rules read SQL only");
			}
		}
		int major = LintOptions.OLDEST_SUPPORTED_MAJOR;
		return new SafetyReport(Lint.run(files, check.options(major)), Map.of(), List.of(), major, null, notes);
	}

	/**
	 * Lint migration files by path, without a database or a configuration: directories
	 * are searched for {@code .sql} files, and everything is linted in the order
	 * migrations apply (versioned files by version, then repeatable ones, then other
	 * names).
	 * @param paths files and directories
	 * @param serverMajor the PostgreSQL major version to assume
	 * @return the report
	 * @throws HoistException when a path does not exist or cannot be read
	 */
	public static SafetyReport files(List<Path> paths, int serverMajor) {
		List<Path> files = new ArrayList<>();
		for (Path path : paths) {
			if (Files.isDirectory(path)) {
				try (Stream<Path> walk = Files.walk(path)) {
					walk.filter(Files::isRegularFile)
						.filter((file) -> file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".sql"))
						.forEach(files::add);
				}
				catch (IOException | UncheckedIOException ex) {
					throw new HoistException("Cannot read directory " + path + ": " + ex.getMessage(), ex);
				}
			}
			else if (Files.isRegularFile(path)) {
				files.add(path);
			}
			else {
				throw new HoistException("No such file or directory: " + path.toAbsolutePath()
						+ ". Name migration files or directories that hold them");
			}
		}
		Set<Path> unique = new LinkedHashSet<>(files);
		List<Path> ordered = new ArrayList<>(unique);
		ordered.sort(APPLY_ORDER);
		List<LintFile> lintFiles = new ArrayList<>();
		for (Path file : ordered) {
			try {
				lintFiles.add(new LintFile(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
			}
			catch (IOException | UncheckedIOException ex) {
				throw new HoistException("Cannot read " + file + " as UTF-8 text: " + ex.getMessage(), ex);
			}
		}
		LintOptions options = LintOptions.defaults().withServerMajor(serverMajor);
		return new SafetyReport(Lint.run(lintFiles, options), Map.of(), List.of(), serverMajor, null, List.of());
	}

	private static @Nullable ResolvedMigration unreadablePending(MigrationLoader.Loaded loaded,
			HoistStatus.Problem problem) {
		if (problem.kind() != HoistStatus.Problem.Kind.INVALID_FILE) {
			return null;
		}
		for (ResolvedMigration migration : loaded.migrations()) {
			if (migration.sql() != null && problem.scripts().contains(migration.location())) {
				return migration;
			}
		}
		return null;
	}

	private static int rank(Path path) {
		String name = path.getFileName().toString();
		if (VERSIONED.matcher(name).matches()) {
			return 0;
		}
		return name.startsWith("R__") ? 1 : 2;
	}

	private static @Nullable MigrationVersion version(Path path) {
		Matcher matcher = VERSIONED.matcher(path.getFileName().toString());
		return matcher.matches() ? MigrationVersion.parse(matcher.group(1)) : null;
	}

}
