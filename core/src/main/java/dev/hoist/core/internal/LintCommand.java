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
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.hoist.core.HoistConfiguration.SettingNames;
import dev.hoist.core.HoistException;
import dev.hoist.core.HoistStatus;
import dev.hoist.core.MigrationVersion;
import dev.hoist.core.internal.lint.Lint;
import dev.hoist.core.internal.lint.Lint.LintFile;
import dev.hoist.core.internal.lint.LintOptions;
import dev.hoist.core.lint.Finding;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code lint}: the static safety rules over the migrations this build would apply, with
 * the live size of each relation they name; or, without a database, over every migration
 * of the build or over files given by path.
 */
public final class LintCommand {

	private static final Logger logger = LoggerFactory.getLogger(LintCommand.class);

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
	 * history, major version and relation sizes. Validation problems are logged, for
	 * {@code validate} to refuse; a pending file Hoist cannot read is a finding.
	 * @return the findings, with live sizes
	 */
	public List<Finding> pending() {
		MigrationLoader.Loaded loaded = this.engine.load();
		try (Session session = this.engine.open()) {
			List<HistoryRow> rows = session.readHistory();
			Plan plan = this.engine.plan(loaded, rows, session.isLockHeldElsewhere(rows));
			List<ResolvedMigration> checked = new ArrayList<>(plan.toApply());
			for (HoistStatus.Problem problem : plan.problems()) {
				ResolvedMigration unreadable = unreadablePending(loaded, problem);
				if (unreadable != null) {
					// the rules report an unreadable file with its line, as Hoist refuses
					// it
					checked.add(unreadable);
				}
				else {
					logger.warn("Hoist: {} (run 'validate'; lint checks the pending migrations regardless)",
							problem.message());
				}
			}
			checked.sort(MigrationLoader.ORDER);
			javaMigrations(checked);
			SafetyCheck check = new SafetyCheck(this.engine.configuration());
			return SafetyCheck.withSizes(check.findings(loaded, checked, SafetyCheck.serverMajor(session.connection())),
					session.connection());
		}
		catch (SQLException ex) {
			throw Session.failure("lint the pending migrations", ex);
		}
	}

	/**
	 * Lint every migration of this build, without a database, assuming the oldest
	 * PostgreSQL major Hoist supports.
	 * @return the findings
	 */
	public List<Finding> all() {
		MigrationLoader.Loaded loaded = this.engine.load();
		for (HoistStatus.Problem problem : loaded.problems()) {
			logger.warn("Hoist: {}", problem.message());
		}
		javaMigrations(loaded.migrations());
		List<LintFile> files = new ArrayList<>();
		for (ResolvedMigration migration : loaded.migrations()) {
			String text = SafetyCheck.text(migration);
			if (text != null) {
				files.add(new LintFile(SafetyCheck.name(migration), text));
			}
		}
		return Lint.run(files,
				new SafetyCheck(this.engine.configuration()).options(LintOptions.OLDEST_SUPPORTED_MAJOR));
	}

	/**
	 * Lint migration files by path, without a database or a configuration: directories
	 * are searched for {@code .sql} files, and everything is linted in the order
	 * migrations apply (versioned files by version, then repeatable ones, then other
	 * names).
	 * @param paths files and directories
	 * @param serverMajor the PostgreSQL major version to assume
	 * @param settingNames how the advice names Hoist's settings for its reader
	 * @return the findings
	 * @throws HoistException when a path does not exist or cannot be read
	 */
	public static List<Finding> files(List<Path> paths, int serverMajor, SettingNames settingNames) {
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
		return Lint.run(lintFiles, LintOptions.defaults().withServerMajor(serverMajor).withSettingNames(settingNames));
	}

	private static void javaMigrations(List<ResolvedMigration> migrations) {
		for (ResolvedMigration migration : migrations) {
			if (migration.java() != null) {
				logger.info("Hoist: {} is a Java migration: the safety rules read SQL only", migration.location());
			}
		}
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
