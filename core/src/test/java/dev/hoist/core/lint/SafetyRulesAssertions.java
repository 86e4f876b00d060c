package dev.hoist.core.lint;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import dev.hoist.core.HoistConfiguration.SettingNames;
import dev.hoist.core.internal.lint.Lint;
import dev.hoist.core.internal.lint.LintOptions;
import dev.hoist.core.lint.Finding.Severity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For tests of code that writes migrations ({@code diff}, {@code generate}): the files
 * must pass the safety rules of {@code lint}, as a team running {@code hoist lint} in CI
 * would check them. Only the rules that describe the change itself rather than how it is
 * written are left out ({@link #INTENT}): dropping or renaming what the target no longer
 * has, a column type, a stored generated column, an exclusion constraint, an unlogged
 * table or a disabled trigger the target asks for, which no way of writing avoids.
 */
public final class SafetyRulesAssertions {

	/** Rules that name what the change is, not how it is written. */
	public static final Set<String> INTENT = Set.of("hoist:drop-column", "hoist:drop-table", "hoist:rename-column",
			"hoist:rename-table", "hoist:column-type-rewrite", "hoist:timestamptz-conversion",
			"hoist:add-generated-stored-column", "hoist:add-exclusion", "hoist:table-rewrite", "hoist:disable-trigger");

	private SafetyRulesAssertions() {
	}

	/**
	 * Assert that written migration files have no error or warning of the safety rules
	 * but those of {@link #INTENT}, on the given PostgreSQL major, with Hoist's DDL lock
	 * timeout configured (as the generated files expect).
	 * @param files the files, in the order they run
	 * @param serverMajor the PostgreSQL major they run on
	 * @param context what wrote them and from what, for the failure message
	 */
	public static void assertPassesSafetyRules(List<Path> files, int serverMajor, String context) {
		assertThat(unsafeFindings(files, serverMajor)).as("safety findings in the migration written for %s", context)
			.isEmpty();
	}

	/**
	 * Return the errors and warnings of the safety rules in written migration files, but
	 * those of {@link #INTENT} and those suppressed by a {@code -- hoist:allow}.
	 * @param files the files, in the order they run
	 * @param serverMajor the PostgreSQL major they run on
	 * @return the findings, empty when the files pass
	 */
	public static List<Finding> unsafeFindings(List<Path> files, int serverMajor) {
		return Lint
			.paths(files,
					LintOptions.defaults()
						.withServerMajor(serverMajor)
						.withDdlLockTimeout(true)
						.withSettingNames(SettingNames.SPRING_BOOT))
			.stream()
			.filter((finding) -> !finding.isSuppressed() && finding.severity().isAtLeast(Severity.WARNING))
			.filter((finding) -> !INTENT.contains(finding.rule()))
			.toList();
	}

}
