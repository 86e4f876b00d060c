package dev.hoist.core.internal.lint;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import dev.hoist.core.internal.lint.Lint.LintFile;
import dev.hoist.core.internal.lint.LintCorpus.Case;
import dev.hoist.core.internal.lint.LintCorpus.Expected;
import dev.hoist.core.lint.Finding;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every case of the labelled corpus gives exactly the findings it is labelled with: each
 * dangerous statement found with the right rule and line, and no finding at all on a safe
 * one.
 */
class LintCorpusTests {

	@TestFactory
	Stream<DynamicTest> everyCaseGivesExactlyTheFindingsItIsLabelledWith() {
		return LintCorpus.load().stream().map((c) -> DynamicTest.dynamicTest(c.toString(), () -> check(c)));
	}

	@Test
	void everyRuleHasDangerousAndSafeCases() {
		List<Case> cases = LintCorpus.load();
		Set<String> dangerous = new HashSet<>();
		Set<String> files = new HashSet<>();
		for (Case c : cases) {
			c.expected().forEach((expected) -> dangerous.add(expected.rule()));
			files.add(c.file());
		}
		Set<String> missing = new TreeSet<>();
		for (Rule rule : Rule.values()) {
			String file = rule.id().substring("hoist:".length()) + ".sql";
			boolean hasSafe = cases.stream().anyMatch((c) -> c.file().equals(file) && !c.dangerous());
			if (!dangerous.contains(rule.id()) || !hasSafe) {
				missing.add(rule.id());
			}
		}
		assertThat(missing).as("rules without a dangerous case, or without a safe case in <rule>.sql").isEmpty();
		assertThat(cases.stream().filter(Case::dangerous).count()).isGreaterThan(100);
		assertThat(cases.stream().filter((c) -> !c.dangerous()).count()).isGreaterThan(100);
	}

	static void check(Case c) {
		List<Finding> findings = Lint.run(List.of(new LintFile(c.file(), c.text())), c.options());
		List<String> actual = new ArrayList<>();
		for (Finding finding : findings) {
			actual.add(describe(finding.rule(), finding.line(), finding.isSuppressed(), c));
		}
		List<String> expected = new ArrayList<>();
		for (Expected e : c.expected()) {
			expected.add(describe(e.rule(), e.line(), e.allowed(), c));
		}
		// a statement may break a rule twice (two columns set NOT NULL): one expectation
		// covers both
		assertThat(new TreeSet<>(actual)).as("findings of %s%n%s%n%s", c, c.text(), LintReport.text(findings))
			.containsExactlyElementsOf(new TreeSet<>(expected));
	}

	private static String describe(String rule, int line, boolean allowed, Case c) {
		return rule + " at " + c.file() + ":" + (c.firstLine() + line - 1) + (allowed ? " (allowed)" : "");
	}

}
