package dev.hoist.core.internal.lint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.hoist.core.internal.lint.Lint.LintFile;
import dev.hoist.core.lint.Finding;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/lint.md} documents every rule with its severity, and every example in it
 * does what the page says: a flagged example gives its section's finding, and the safe
 * examples of a section, linted in order as successive migrations, give none that is not
 * suppressed.
 */
class LintDocsTests {

	private static final Path PAGE = Path.of("../docs/lint.md");

	private static final Pattern HEADING = Pattern.compile("^### `(hoist:[a-z-]+)` \\((error|warning|info)\\)$");

	private static final Pattern BLOCK = Pattern.compile("^```sql (flagged|safe)((?: [a-z-]+=[0-9a-z]+)*)$");

	@Test
	void everyRuleHasASectionWithItsSeverityAndNoSectionNamesAnUnknownRule() throws IOException {
		Map<String, String> documented = new LinkedHashMap<>();
		for (Section section : sections()) {
			if (section.rule() != null) {
				documented.put(section.rule(), section.severity());
			}
		}
		Map<String, String> rules = new LinkedHashMap<>();
		for (Rule rule : Rule.values()) {
			rules.put(rule.id(), rule.severity().name().toLowerCase(Locale.ROOT));
		}
		assertThat(documented).containsExactlyInAnyOrderEntriesOf(rules);
	}

	@TestFactory
	Stream<DynamicTest> everyExampleDoesWhatThePageSays() throws IOException {
		List<DynamicTest> tests = new ArrayList<>();
		for (Section section : sections()) {
			List<LintFile> safe = new ArrayList<>();
			List<LintOptions> safeOptions = new ArrayList<>();
			for (Example example : section.examples()) {
				if (example.flagged()) {
					tests.add(DynamicTest.dynamicTest(section.rule() + " flagged, line " + example.line(), () -> {
						List<Finding> findings = Lint.run(List.of(new LintFile("example.sql", example.sql())),
								example.options());
						assertThat(findings).as(LintReport.text(findings))
							.anyMatch((finding) -> finding.rule().equals(section.rule()) && !finding.isSuppressed());
					}));
				}
				else {
					safe.add(new LintFile("V" + (safe.size() + 1) + "__example.sql", example.sql()));
					safeOptions.add(example.options());
				}
			}
			if (!safe.isEmpty()) {
				String name = ((section.rule() != null) ? section.rule() : "introduction") + " safe examples";
				tests.add(DynamicTest.dynamicTest(name, () -> {
					List<Finding> findings = Lint.run(safe, safeOptions.get(0));
					assertThat(findings).as(LintReport.text(findings)).allMatch(Finding::isSuppressed);
				}));
			}
			if (section.rule() != null && Rule.byId(section.rule()) != null) {
				assertThat(section.examples()).as("examples of " + section.rule())
					.anyMatch(Example::flagged)
					.anyMatch((example) -> !example.flagged());
			}
		}
		return tests.stream();
	}

	private static List<Section> sections() throws IOException {
		List<String> lines = Files.readAllLines(PAGE);
		List<Section> sections = new ArrayList<>();
		Section current = new Section(null, null, new ArrayList<>());
		sections.add(current);
		for (int i = 0; i < lines.size(); i++) {
			Matcher heading = HEADING.matcher(lines.get(i));
			if (heading.matches()) {
				current = new Section(heading.group(1), heading.group(2), new ArrayList<>());
				sections.add(current);
				continue;
			}
			if (lines.get(i).startsWith("## ")) {
				current = new Section(null, null, new ArrayList<>());
				sections.add(current);
				continue;
			}
			Matcher block = BLOCK.matcher(lines.get(i));
			if (block.matches()) {
				int start = i + 1;
				StringBuilder sql = new StringBuilder();
				while (!lines.get(++i).equals("```")) {
					sql.append(lines.get(i)).append('\n');
				}
				current.examples()
					.add(new Example(block.group(1).equals("flagged"), start, sql.toString(), options(block.group(2))));
			}
		}
		return sections;
	}

	private static LintOptions options(String words) {
		LintOptions options = LintOptions.defaults().withDdlLockTimeout(true);
		for (String word : words.strip().split(" ")) {
			if (word.startsWith("postgres=")) {
				options = options.withServerMajor(Integer.parseInt(word.substring("postgres=".length())));
			}
			else if (word.equals("lock-timeout=off")) {
				options = options.withDdlLockTimeout(false);
			}
		}
		return options;
	}

	record Section(String rule, String severity, List<Example> examples) {

	}

	record Example(boolean flagged, int line, String sql, LintOptions options) {

	}

}
