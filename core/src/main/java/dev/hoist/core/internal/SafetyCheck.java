package dev.hoist.core.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.HoistConfiguration.SafetyMode;
import dev.hoist.core.HoistException;
import dev.hoist.core.MigrationVersion;
import dev.hoist.core.internal.lint.Lint;
import dev.hoist.core.internal.lint.Lint.LintFile;
import dev.hoist.core.internal.lint.LintOptions;
import dev.hoist.core.lint.Finding;
import dev.hoist.core.lint.Finding.Severity;
import dev.hoist.core.lint.Finding.Size;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The static safety rules applied to this build's migrations, with the live size of each
 * relation they name: what {@code lint} reports, what status and health show for pending
 * migrations, and what the check before {@code migrate} logs or refuses
 * ({@link SafetyMode}).
 */
public final class SafetyCheck {

	private static final Logger logger = LoggerFactory.getLogger(SafetyCheck.class);

	/**
	 * Applied files larger than this are not read again for what they teach the rules
	 * (column types, validated checks): such files load data.
	 */
	private static final int CONTEXT_LIMIT = 1024 * 1024;

	/**
	 * The rules read a file whole, unlike {@code migrate}, which streams it: files larger
	 * than this are not checked (such files load data), and a warning says so.
	 */
	static final long LINT_LIMIT = 64L * 1024 * 1024;

	private final HoistConfiguration configuration;

	SafetyCheck(HoistConfiguration configuration) {
		this.configuration = configuration;
	}

	/**
	 * Lint migrations of this build, learning from the ones applied before them.
	 * @param loaded every migration of the build
	 * @param checked the migrations to report on, in the order they apply
	 * @param serverMajor the server's major version
	 * @return the findings in the checked migrations
	 */
	List<Finding> findings(MigrationLoader.Loaded loaded, List<ResolvedMigration> checked, int serverMajor) {
		if (checked.isEmpty()) {
			return List.of();
		}
		Set<String> reported = new LinkedHashSet<>();
		List<LintFile> files = new ArrayList<>();
		MigrationVersion first = firstVersion(checked);
		// what applied migrations created and validated informs the rules on pending ones
		for (ResolvedMigration migration : loaded.migrations()) {
			SqlSource sql = migration.sql();
			if (sql != null && migration.version() != null && (first == null || first.isNewerThan(migration.version()))
					&& !checked.contains(migration)) {
				String text = sql.text(CONTEXT_LIMIT);
				if (text != null) {
					files.add(new LintFile(name(migration), text));
				}
			}
		}
		for (ResolvedMigration migration : checked) {
			String text = text(migration);
			if (text != null) {
				files.add(new LintFile(name(migration), text));
				reported.add(name(migration));
			}
		}
		return Lint.run(files, options(serverMajor))
			.stream()
			.filter((finding) -> reported.contains(finding.script()))
			.toList();
	}

	/**
	 * Return a SQL migration's text for the rules, or {@code null} for a Java migration
	 * or a file too large to hold, which is logged.
	 * @param migration the migration
	 * @return the text
	 */
	static @Nullable String text(ResolvedMigration migration) {
		SqlSource sql = migration.sql();
		if (sql == null) {
			return null;
		}
		long limit = lintLimit();
		String text = sql.text(limit);
		if (text == null) {
			logger.warn("Hoist: {} is {}: the safety rules read files of up to {} whole, so it was not checked"
					+ " (lint it on its own with 'hoist lint {}' on a machine with the memory for it, or split it)",
					migration.location(), SqlSource.size(sql.size()), SqlSource.size(limit), migration.location());
		}
		return text;
	}

	/**
	 * Return the largest file the rules read whole: {@link #LINT_LIMIT}, or less in a
	 * small heap. A file's text and what the rules make of it take several times its
	 * size, and migrate streams a large file in a heap of three times its size; the check
	 * before it must not need more.
	 * @return the limit in bytes
	 */
	static long lintLimit() {
		return Math.min(LINT_LIMIT, Runtime.getRuntime().maxMemory() / 16);
	}

	/**
	 * Return findings with the live size of each relation they name.
	 * @param findings the findings
	 * @param connection the live database
	 * @return the findings, with sizes where the relation exists
	 * @throws SQLException on a database error
	 */
	static List<Finding> withSizes(List<Finding> findings, Connection connection) throws SQLException {
		Map<String, Size> sizes = RelationSizes.read(connection, relations(findings));
		return findings.stream()
			.map((finding) -> (finding.relation() != null) ? finding.withSize(sizes.get(finding.relation())) : finding)
			.toList();
	}

	/**
	 * The check before {@code migrate} applies anything: log each finding of the pending
	 * migrations with the size of its relation and, in {@link SafetyMode#FAIL}, refuse
	 * when one holds a long lock on a relation larger than the configured rows.
	 * @param loaded every migration of the build
	 * @param pending the migrations about to be applied
	 * @param connection the live database
	 * @throws HoistException when {@link SafetyMode#FAIL} refuses; nothing was applied
	 * @throws SQLException on a database error
	 */
	void beforeMigrate(MigrationLoader.Loaded loaded, List<ResolvedMigration> pending, Connection connection)
			throws SQLException {
		if (this.configuration.getSafetyMode() == SafetyMode.OFF || pending.isEmpty()) {
			return;
		}
		List<Finding> findings = withSizes(findings(loaded, pending, serverMajor(connection)), connection);
		List<Finding> refused = new ArrayList<>();
		int onNewRelations = 0;
		for (Finding finding : findings) {
			if (this.configuration.getSafetyMode() == SafetyMode.FAIL && exceedsLimit(finding)) {
				refused.add(finding);
			}
			else if (onNewRelation(finding)) {
				onNewRelations++;
				logger.debug(text(finding));
			}
			else {
				log(finding);
			}
		}
		if (onNewRelations > 0) {
			logger.info("Hoist: {} of the pending migrations' safety findings name relations that do not exist yet,"
					+ " which these migrations create: nothing can wait on their locks, so they are logged at DEBUG"
					+ " only (hoist lint lists every finding)", onNewRelations);
		}
		if (!refused.isEmpty()) {
			throw new HoistException(refusal(refused));
		}
	}

	/**
	 * Return whether a finding holds a lock that blocks writes for as long as a scan or a
	 * rewrite of a relation takes, on a relation larger than the configured rows.
	 * @param finding the finding, with its relation's live size
	 * @return whether {@link SafetyMode#FAIL} refuses it
	 */
	boolean exceedsLimit(Finding finding) {
		Size size = finding.size();
		return !finding.isSuppressed() && finding.lockMode() != null && size != null
				&& size.rows() > this.configuration.getMaxLockedRows()
				&& (finding.rewrites() || Lint.holdsLockWhileScanning(finding.rule()));
	}

	private String refusal(List<Finding> refused) {
		StringBuilder message = new StringBuilder("Hoist refused to migrate: ")
			.append((refused.size() == 1) ? "a pending migration would hold a lock"
					: refused.size() + " statements of pending migrations would hold locks")
			.append(" on ")
			.append((refused.size() == 1) ? "a relation" : "relations")
			.append(" larger than ")
			.append(SettingName.MAX_LOCKED_ROWS.in(this.configuration))
			.append(String.format(Locale.ROOT, " (%,d rows)", this.configuration.getMaxLockedRows()))
			.append(" for as long as a scan or a rewrite takes. Nothing was applied.");
		for (Finding finding : refused) {
			Size size = finding.size();
			message.append("\n\n")
				.append(finding.script())
				.append(" line ")
				.append(finding.line())
				.append(": ")
				.append(firstLine(finding.statement()))
				.append("\n  ")
				.append(finding.relation())
				.append((size != null) ? " (" + size.describe() + ")" : "")
				.append(": ")
				.append(finding.reason())
				.append(" [")
				.append(finding.rule())
				.append(", ")
				.append(finding.lockMode())
				.append(finding.rewrites() ? ", rewrites" : "")
				.append("]\n  Instead:\n");
			for (String line : finding.suggestion().split("\n")) {
				message.append("    ").append(line).append('\n');
			}
		}
		message.append("\nApply the safe rewrite; or, once reviewed, put '-- hoist:allow <rule> <why it is safe>'")
			.append(" above the statement; or raise ")
			.append(SettingName.MAX_LOCKED_ROWS.in(this.configuration))
			.append("; or set ")
			.append(SettingName.SAFETY_MODE_WARN.in(this.configuration))
			.append(" to log findings and apply anyway");
		return message.toString();
	}

	private void log(Finding finding) {
		Size size = finding.size();
		String relation = (finding.relation() != null)
				? " on " + finding.relation() + ((size != null) ? " (" + size.describe() + ")" : "") : "";
		if (finding.isSuppressed()) {
			logger.info("Hoist: {} line {}: {}{} allowed by hoist:allow: {}", finding.script(), finding.line(),
					finding.rule(), relation, finding.suppression());
			return;
		}
		if (finding.severity() == Severity.INFO) {
			logger.info(text(finding));
		}
		else {
			logger.warn(text(finding));
		}
	}

	private static String text(Finding finding) {
		Size size = finding.size();
		String relation = (finding.relation() != null)
				? " on " + finding.relation() + ((size != null) ? " (" + size.describe() + ")" : "") : "";
		return "Hoist: " + finding.script() + " line " + finding.line() + ": "
				+ finding.severity().name().toLowerCase(Locale.ROOT) + " " + finding.rule() + relation + ": "
				+ finding.reason() + ". Instead:\n    " + finding.suggestion().replace("\n", "\n    ");
	}

	/**
	 * Whether a finding's lock is on a relation the live database does not have: one that
	 * an earlier pending migration of this run creates, which no query can be using while
	 * the run holds the migration lock. A first start on an empty database would
	 * otherwise log a warning for nearly every statement of its history.
	 */
	private static boolean onNewRelation(Finding finding) {
		return finding.relation() != null && finding.size() == null && !finding.isSuppressed();
	}

	LintOptions options(int serverMajor) {
		return new LintOptions(serverMajor, this.configuration.getDdlLockTimeout() != null, false,
				this.configuration.getSettingNames());
	}

	/**
	 * Return how findings name a migration: its location, without the {@code filesystem:}
	 * prefix, so that editors and terminals can open it.
	 * @param migration the migration
	 * @return the name
	 */
	static String name(ResolvedMigration migration) {
		String location = migration.location();
		return location.startsWith("filesystem:") ? location.substring("filesystem:".length()) : location;
	}

	static Set<String> relations(List<Finding> findings) {
		Set<String> relations = new LinkedHashSet<>();
		for (Finding finding : findings) {
			if (finding.relation() != null) {
				relations.add(finding.relation());
			}
		}
		return relations;
	}

	static int serverMajor(Connection connection) throws SQLException {
		return connection.getMetaData().getDatabaseMajorVersion();
	}

	private static @Nullable MigrationVersion firstVersion(List<ResolvedMigration> checked) {
		MigrationVersion first = null;
		for (ResolvedMigration migration : checked) {
			if (migration.version() != null && (first == null || first.isNewerThan(migration.version()))) {
				first = migration.version();
			}
		}
		return first;
	}

	private static String firstLine(String statement) {
		int newline = statement.indexOf('\n');
		return (newline < 0) ? statement : statement.substring(0, newline) + " ...";
	}

}
