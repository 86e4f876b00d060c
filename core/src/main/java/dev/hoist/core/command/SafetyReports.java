package dev.hoist.core.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.hoist.core.command.HoistCommand.ExitCode;
import dev.hoist.core.command.HoistCommand.Report;
import dev.hoist.core.lint.Finding;
import dev.hoist.core.lint.SafetyReport;
import dev.hoist.core.lint.SafetyReport.Lock;
import dev.hoist.core.lint.SafetyReport.Size;
import dev.hoist.core.lint.Severity;
import org.jspecify.annotations.Nullable;

/**
 * Turns the reports of {@code lint} and {@code plan} into text for people and JSON for
 * CI: every finding with its rule, file, line, relation, lock, rewrite, size and safe
 * rewrite, and for a plan every statement's observed locks.
 */
final class SafetyReports {

	private SafetyReports() {
	}

	static Report lint(SafetyReport report, Severity failOn) {
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		boolean fails = report.fails(failOn);
		json.put("findings", findings(report));
		json.put("summary", summary(report.findings()));
		json.put("failOn", name(failOn));
		json.put("fails", fails);
		json.put("postgresMajor", report.serverMajor());
		json.put("notes", report.notes());
		StringBuilder text = new StringBuilder();
		findingsText(text, report);
		text.append(summary(report.findings()));
		text.append(fails ? " (fails at --fail-on " + name(failOn) + ")" : "").append('\n');
		notesText(text, report);
		return new Report(json, text.toString(), fails ? ExitCode.FAILED : ExitCode.OK);
	}

	static Report plan(SafetyReport report, Severity failOn) {
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		boolean fails = report.fails(failOn);
		json.put("shadow", report.shadow());
		json.put("postgresMajor", report.serverMajor());
		json.put("migrations", report.migrations().stream().map(SafetyReports::migration).toList());
		json.put("findings", findings(report));
		json.put("summary", summary(report.findings()));
		json.put("failOn", name(failOn));
		json.put("fails", fails);
		json.put("notes", report.notes());
		StringBuilder text = new StringBuilder();
		text.append("Plan on ")
			.append(report.shadow())
			.append(" (PostgreSQL ")
			.append(report.serverMajor())
			.append("); sizes from the live database.\n");
		if (report.migrations().isEmpty()) {
			text.append("\nNothing pending: nothing to plan.\n");
		}
		for (SafetyReport.Migration migration : report.migrations()) {
			migrationText(text, migration);
		}
		if (!report.findings().isEmpty()) {
			text.append("\nFindings of the safety rules:\n\n");
			findingsText(text, report);
		}
		text.append('\n').append(summary(report.findings()));
		text.append(fails ? " (fails at --fail-on " + name(failOn) + ")" : "").append('\n');
		notesText(text, report);
		return new Report(json, text.toString(), fails ? ExitCode.FAILED : ExitCode.OK);
	}

	private static void migrationText(StringBuilder text, SafetyReport.Migration migration) {
		text.append('\n')
			.append(migration.script())
			.append(migration.transactional() ? " (one transaction: each lock is held until it commits)"
					: " (transaction:false: statement by statement)")
			.append('\n');
		for (SafetyReport.Statement statement : migration.statements()) {
			text.append("  line ").append(statement.line()).append(": ").append(firstLine(statement.sql()));
			if (statement.observation() != SafetyReport.Observation.OBSERVED) {
				text.append("  [").append(statement.observation().label()).append(']');
			}
			text.append('\n');
			if (statement.detail() != null) {
				text.append("    ").append(statement.detail().replace("\n", "\n    ")).append('\n');
			}
			for (Lock lock : statement.locks()) {
				text.append("    ")
					.append(lock.mode())
					.append(" on ")
					.append(lock.kind())
					.append(' ')
					.append(lock.relation())
					.append(lock.rewrites() ? ", rewritten" : "")
					.append((lock.size() != null) ? " (" + lock.size().describe() + ")" : "")
					.append("\n      ")
					.append(lock.meaning())
					.append('\n');
			}
			if (statement.locks().isEmpty() && statement.observation() == SafetyReport.Observation.OBSERVED) {
				text.append("    no lock on an existing relation\n");
			}
		}
	}

	private static void findingsText(StringBuilder text, SafetyReport report) {
		for (Finding finding : report.findings()) {
			text.append(finding.script())
				.append(':')
				.append(finding.line())
				.append(": ")
				.append(name(finding.severity()))
				.append(' ')
				.append(finding.rule());
			if (finding.isSuppressed()) {
				text.append(" (allowed: ").append(finding.suppression()).append(')');
			}
			text.append('\n');
			if (!finding.statement().isEmpty()) {
				text.append("  ").append(firstLine(finding.statement())).append('\n');
			}
			if (finding.relation() != null && finding.lockMode() != null) {
				Size size = report.sizeOf(finding.relation());
				text.append("  ")
					.append(finding.lockMode())
					.append(" on ")
					.append(finding.relation())
					.append(finding.rewrites() ? ", rewritten" : "")
					.append((size != null) ? " (" + size.describe() + ")" : "")
					.append('\n');
			}
			text.append("  ").append(finding.reason()).append('\n');
			if (!finding.isSuppressed()) {
				text.append("  Instead:\n");
				for (String line : finding.suggestion().split("\n")) {
					text.append("    ").append(line).append('\n');
				}
			}
			text.append('\n');
		}
	}

	private static void notesText(StringBuilder text, SafetyReport report) {
		if (!report.notes().isEmpty()) {
			text.append("\nNotes:\n");
			for (String note : report.notes()) {
				text.append("  - ").append(note.replace("\n", "\n    ")).append('\n');
			}
		}
	}

	private static List<Map<String, @Nullable Object>> findings(SafetyReport report) {
		return report.findings()
			.stream()
			.map((finding) -> finding(finding, report.sizeOf(finding.relation())))
			.toList();
	}

	static Map<String, @Nullable Object> finding(Finding finding, @Nullable Size size) {
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("rule", finding.rule());
		json.put("severity", name(finding.severity()));
		json.put("script", finding.script());
		json.put("line", finding.line());
		json.put("statement", finding.statement());
		json.put("relation", finding.relation());
		json.put("lockMode", finding.lockMode());
		json.put("rewrites", finding.rewrites());
		json.put("rows", (size != null) ? size.rows() : null);
		json.put("bytes", (size != null) ? size.bytes() : null);
		json.put("reason", finding.reason());
		json.put("suggestion", finding.suggestion());
		json.put("suppressed", finding.isSuppressed());
		json.put("suppression", finding.suppression());
		return json;
	}

	private static Map<String, @Nullable Object> migration(SafetyReport.Migration migration) {
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("script", migration.script());
		json.put("version", migration.version());
		json.put("transactional", migration.transactional());
		List<Map<String, @Nullable Object>> statements = new ArrayList<>();
		for (SafetyReport.Statement statement : migration.statements()) {
			Map<String, @Nullable Object> map = new LinkedHashMap<>();
			map.put("line", statement.line());
			map.put("statement", statement.sql());
			map.put("observation", statement.observation().label());
			map.put("detail", statement.detail());
			List<Map<String, @Nullable Object>> locks = new ArrayList<>();
			for (Lock lock : statement.locks()) {
				Map<String, @Nullable Object> entry = new LinkedHashMap<>();
				entry.put("relation", lock.relation());
				entry.put("kind", lock.kind());
				entry.put("lockMode", lock.mode());
				entry.put("rewrites", lock.rewrites());
				entry.put("rows", (lock.size() != null) ? lock.size().rows() : null);
				entry.put("bytes", (lock.size() != null) ? lock.size().bytes() : null);
				entry.put("meaning", lock.meaning());
				locks.add(entry);
			}
			map.put("locks", locks);
			statements.add(map);
		}
		json.put("statements", statements);
		return json;
	}

	/**
	 * Return the summary line, such as "2 findings: 1 error, 1 warning; 1 allowed by
	 * hoist:allow".
	 */
	static String summary(List<Finding> findings) {
		if (findings.isEmpty()) {
			return "No findings.";
		}
		int[] counts = new int[Severity.values().length];
		int allowed = 0;
		for (Finding finding : findings) {
			if (finding.isSuppressed()) {
				allowed++;
			}
			else {
				counts[finding.severity().ordinal()]++;
			}
		}
		int open = findings.size() - allowed;
		List<String> parts = new ArrayList<>();
		for (Severity severity : Severity.values()) {
			int count = counts[severity.ordinal()];
			if (count > 0) {
				parts.add(count + " " + name(severity) + ((count > 1) ? "s" : ""));
			}
		}
		String summary = open + ((open == 1) ? " finding" : " findings")
				+ (parts.isEmpty() ? "" : ": " + String.join(", ", parts));
		return (allowed > 0) ? summary + "; " + allowed + " allowed by hoist:allow" : summary;
	}

	private static String name(Severity severity) {
		return severity.name().toLowerCase(Locale.ROOT);
	}

	private static String firstLine(String sql) {
		int newline = sql.indexOf('\n');
		return (newline < 0) ? sql : sql.substring(0, newline) + " ...";
	}

}
