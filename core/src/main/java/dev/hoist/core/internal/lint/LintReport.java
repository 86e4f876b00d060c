package dev.hoist.core.internal.lint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.hoist.core.lint.Finding;
import org.jspecify.annotations.Nullable;

/**
 * Renders findings: text for people, and maps and lists ready to be written as JSON for
 * CI.
 */
public final class LintReport {

	private LintReport() {
	}

	/**
	 * Render findings for people: one block per finding (file:line, severity, rule, the
	 * statement's first line, the reason, the safe rewrite) and a summary line.
	 * @param findings the findings in order
	 * @return the text
	 */
	public static String text(List<Finding> findings) {
		StringBuilder text = new StringBuilder();
		for (Finding finding : findings) {
			text.append(finding.script())
				.append(':')
				.append(finding.line())
				.append(": ")
				.append(finding.severity().name().toLowerCase(Locale.ROOT))
				.append(' ')
				.append(finding.rule());
			if (finding.isSuppressed()) {
				text.append(" (allowed: ").append(finding.suppression()).append(')');
			}
			text.append('\n');
			if (!finding.statement().isEmpty()) {
				text.append("  ").append(firstLine(finding.statement())).append('\n');
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
		text.append(summary(findings)).append('\n');
		return text.toString();
	}

	/**
	 * Return the summary line, such as "2 findings: 1 error, 1 warning; 1 allowed".
	 * @param findings the findings
	 * @return the line
	 */
	public static String summary(List<Finding> findings) {
		int[] counts = new int[Finding.Severity.values().length];
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
		if (findings.isEmpty()) {
			return "No findings.";
		}
		List<String> parts = new ArrayList<>();
		for (Finding.Severity severity : Finding.Severity.values()) {
			if (counts[severity.ordinal()] > 0) {
				String name = severity.name().toLowerCase(Locale.ROOT);
				parts.add(counts[severity.ordinal()] + " " + name + ((counts[severity.ordinal()] > 1) ? "s" : ""));
			}
		}
		String summary = open + ((open == 1) ? " finding" : " findings")
				+ (parts.isEmpty() ? "" : ": " + String.join(", ", parts));
		return (allowed > 0) ? summary + "; " + allowed + " allowed by hoist:allow" : summary;
	}

	/**
	 * Return one finding as a map for JSON output.
	 * @param finding the finding
	 * @return the map, keys in a stable order
	 */
	public static Map<String, @Nullable Object> json(Finding finding) {
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("rule", finding.rule());
		json.put("severity", finding.severity().name().toLowerCase(Locale.ROOT));
		json.put("script", finding.script());
		json.put("line", finding.line());
		json.put("statement", finding.statement());
		json.put("relation", finding.relation());
		json.put("lockMode", finding.lockMode());
		json.put("rewrites", finding.rewrites());
		json.put("reason", finding.reason());
		json.put("suggestion", finding.suggestion());
		json.put("suppressed", finding.isSuppressed());
		json.put("suppression", finding.suppression());
		return json;
	}

	/**
	 * Return findings as a list of maps for JSON output.
	 * @param findings the findings
	 * @return the list
	 */
	public static List<Map<String, @Nullable Object>> json(List<Finding> findings) {
		List<Map<String, @Nullable Object>> json = new ArrayList<>();
		for (Finding finding : findings) {
			json.add(json(finding));
		}
		return json;
	}

	/**
	 * Return whether any finding that is not suppressed is at least as severe as a
	 * threshold: the exit-code question for CI.
	 * @param findings the findings
	 * @param threshold the severity that fails
	 * @return whether one does
	 */
	public static boolean fails(List<Finding> findings, Finding.Severity threshold) {
		for (Finding finding : findings) {
			if (!finding.isSuppressed() && finding.severity().isAtLeast(threshold)) {
				return true;
			}
		}
		return false;
	}

	private static String firstLine(String statement) {
		int newline = statement.indexOf('\n');
		return (newline < 0) ? statement : statement.substring(0, newline) + " ...";
	}

}
