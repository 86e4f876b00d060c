package dev.hoist.core.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.hoist.core.command.HoistCommand.ExitCode;
import dev.hoist.core.command.HoistCommand.Report;
import dev.hoist.core.lint.Finding;
import dev.hoist.core.lint.Finding.Severity;
import dev.hoist.core.lint.Finding.Size;
import dev.hoist.core.plan.ObservedPlan;
import dev.hoist.core.plan.ObservedPlan.Lock;
import org.jspecify.annotations.Nullable;

/**
 * Turns what {@code lint} and {@code plan} found into text for people and JSON for CI:
 * every finding with its rule, file, line, relation, lock, rewrite, size and safe
 * rewrite; for a plan, every statement's observed locks too.
 */
final class SafetyReports {

	private SafetyReports() {
	}

	static Report lint(List<Finding> findings, Severity failOn) {
		boolean fails = Finding.fails(findings, failOn);
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("findings", findings.stream().map(SafetyReports::finding).toList());
		json.put("summary", summary(findings));
		json.put("failOn", name(failOn));
		json.put("fails", fails);
		StringBuilder text = new StringBuilder();
		findingsText(text, findings);
		text.append(summary(findings)).append(fails ? " (fails at --fail-on " + name(failOn) + ")" : "").append('\n');
		return new Report(json, text.toString(), fails ? ExitCode.FAILED : ExitCode.OK);
	}

	static Report plan(ObservedPlan plan, Severity failOn) {
		boolean fails = plan.fails(failOn);
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("shadow", plan.shadow());
		json.put("postgresMajor", plan.serverMajor());
		json.put("migrations", plan.migrations().stream().map(SafetyReports::migration).toList());
		json.put("findings", plan.findings().stream().map(SafetyReports::finding).toList());
		json.put("summary", summary(plan.findings()));
		json.put("failOn", name(failOn));
		json.put("fails", fails);
		json.put("notes", plan.notes());
		StringBuilder text = new StringBuilder();
		text.append("Planned on ")
			.append(plan.shadow())
			.append(" (PostgreSQL ")
			.append(plan.serverMajor())
			.append("); sizes are the live database's.\n");
		if (plan.migrations().isEmpty()) {
			text.append("\nNothing pending: nothing to plan.\n");
		}
		for (ObservedPlan.Migration migration : plan.migrations()) {
			migrationText(text, migration);
		}
		if (!plan.findings().isEmpty()) {
			text.append("\nFindings of the safety rules:\n\n");
			findingsText(text, plan.findings());
		}
		else {
			text.append('\n');
		}
		text.append(summary(plan.findings()))
			.append(fails ? " (fails at --fail-on " + name(failOn) + ")" : "")
			.append('\n');
		if (!plan.notes().isEmpty()) {
			text.append("\nNotes:\n");
			for (String note : plan.notes()) {
				text.append("  - ").append(note.replace("\n", "\n    ")).append('\n');
			}
		}
		return new Report(json, text.toString(), fails ? ExitCode.FAILED : ExitCode.OK);
	}

	private static void migrationText(StringBuilder text, ObservedPlan.Migration migration) {
		text.append('\n')
			.append(migration.script())
			.append(migration.transactional() ? " (one transaction: each lock is held until it commits)"
					: " (transaction:false: statement by statement)")
			.append('\n');
		for (ObservedPlan.Statement statement : migration.statements()) {
			text.append("  line ").append(statement.line()).append(": ").append(firstLine(statement.sql()));
			if (statement.observation() != ObservedPlan.Observation.OBSERVED) {
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
			if (statement.locks().isEmpty() && statement.observation() == ObservedPlan.Observation.OBSERVED
					&& statement.detail() == null) {
				text.append("    no lock on a relation of the live database\n");
			}
		}
	}

	private static void findingsText(StringBuilder text, List<Finding> findings) {
		for (Finding finding : findings) {
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
				Size size = finding.size();
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

	/**
	 * Return one finding as JSON: rule, severity, file, line, statement, relation, lock,
	 * rewrite, live rows and bytes, reason, safe rewrite and suppression.
	 */
	static Map<String, @Nullable Object> finding(Finding finding) {
		Size size = finding.size();
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

	private static Map<String, @Nullable Object> migration(ObservedPlan.Migration migration) {
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("script", migration.script());
		json.put("version", migration.version());
		json.put("transactional", migration.transactional());
		List<Map<String, @Nullable Object>> statements = new ArrayList<>();
		for (ObservedPlan.Statement statement : migration.statements()) {
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
		return (allowed > 0) ? summary + "; " + allowed + " allowed" : summary;
	}

	private static String name(Severity severity) {
		return severity.name().toLowerCase(Locale.ROOT);
	}

	private static String firstLine(String sql) {
		int newline = sql.indexOf('\n');
		return (newline < 0) ? sql : sql.substring(0, newline) + " ...";
	}

}
