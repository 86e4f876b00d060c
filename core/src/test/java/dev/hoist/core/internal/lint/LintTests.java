package dev.hoist.core.internal.lint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.hoist.core.HoistConfiguration.SettingNames;
import dev.hoist.core.internal.lint.Lint.LintFile;
import dev.hoist.core.lint.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class LintTests {

	private static final LintOptions OPTIONS = LintOptions.defaults().withDdlLockTimeout(true);

	@Test
	void aFindingCarriesTheRuleTheLineTheRelationTheLockAndASafeRewriteInTheStatementsOwnNames() {
		List<Finding> findings = lint("V3__orders.sql", "-- migrate:up\n\nCREATE INDEX orders_customer_idx\n"
				+ "  ON shop.orders (customer_id);\n-- migrate:down\nDROP INDEX shop.orders_customer_idx;\n");

		assertThat(findings).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo("hoist:index-not-concurrent");
			assertThat(finding.severity()).isEqualTo(Finding.Severity.ERROR);
			assertThat(finding.script()).isEqualTo("V3__orders.sql");
			assertThat(finding.line()).isEqualTo(3);
			assertThat(finding.statement())
				.isEqualTo("CREATE INDEX orders_customer_idx\n  ON shop.orders (customer_id)");
			assertThat(finding.relation()).isEqualTo("shop.orders");
			assertThat(finding.lockMode()).isEqualTo("SHARE");
			assertThat(finding.rewrites()).isFalse();
			assertThat(finding.reason()).contains("SHARE lock on shop.orders");
			assertThat(finding.suggestion()).isEqualTo("-- migrate:up transaction:false\n"
					+ "CREATE INDEX CONCURRENTLY orders_customer_idx\n  ON shop.orders (customer_id);\n"
					+ "-- in a migration of its own: a transaction:false section runs statement by statement");
			assertThat(finding.isSuppressed()).isFalse();
		});
	}

	@Test
	void columnTypesLearnedFromEarlierFilesDecideWhetherATypeChangeRewrites() {
		List<Finding> findings = Lint.run(List.of(new LintFile("V1__a.sql", "CREATE TABLE t (c varchar(50), d int8);"),
				new LintFile("V2__b.sql", "ALTER TABLE t ALTER COLUMN c TYPE varchar(100);"),
				new LintFile("V3__c.sql", "ALTER TABLE t ALTER COLUMN c TYPE varchar(20);"),
				new LintFile("V4__d.sql", "ALTER TABLE t RENAME COLUMN d TO e; -- hoist:allow rename-column unused"),
				new LintFile("V5__e.sql", "ALTER TABLE t ALTER COLUMN e TYPE bigint;")), OPTIONS);

		assertThat(findings).extracting(Finding::script, Finding::rule)
			.containsExactly(tuple("V3__c.sql", "hoist:column-type-rewrite"),
					tuple("V4__d.sql", "hoist:rename-column"));
		assertThat(findings.get(0).reason()).contains("from varchar(100) to varchar(20)");
		assertThat(findings.get(0).rewrites()).isTrue();
		assertThat(findings.get(1).isSuppressed()).isTrue();
	}

	@Test
	void aNotNullCheckValidatedInAnEarlierMigrationLetsSetNotNullSkipTheScan() {
		List<LintFile> files = List.of(
				new LintFile("V1__check.sql", "ALTER TABLE t ADD CONSTRAINT t_c_nn CHECK (c IS NOT NULL) NOT VALID;"),
				new LintFile("V2__validate.sql", "ALTER TABLE t VALIDATE CONSTRAINT t_c_nn;"),
				new LintFile("V3__set.sql", "ALTER TABLE t ALTER COLUMN c SET NOT NULL;"));

		assertThat(Lint.run(files, OPTIONS)).isEmpty();
		assertThat(Lint.run(files.subList(2, 3), OPTIONS)).extracting(Finding::rule)
			.containsExactly("hoist:set-not-null");
		assertThat(Lint.run(files, OPTIONS.withServerMajor(11))).extracting(Finding::rule)
			.containsExactly("hoist:set-not-null");
	}

	@Test
	void findingsAreSortedByFileInTheGivenOrderThenLine() {
		List<Finding> findings = Lint.run(List.of(new LintFile("V2__b.sql", "SELECT 1;\nDROP TABLE b;\nLOCK a;"),
				new LintFile("V10__a.sql", "DROP TABLE a;")), OPTIONS);

		assertThat(findings).extracting((finding) -> finding.script() + ":" + finding.line())
			.containsExactly("V2__b.sql:2", "V2__b.sql:3", "V10__a.sql:1");
	}

	@Test
	void aFileHoistCannotReadIsOneFindingAndTheOthersAreStillLinted() {
		List<Finding> findings = Lint.run(
				List.of(new LintFile("V1__bad.sql", "SELECT 'open;\n"), new LintFile("V2__good.sql", "DROP TABLE a;")),
				OPTIONS);

		assertThat(findings).extracting(Finding::rule).containsExactly("hoist:invalid-migration", "hoist:drop-table");
		assertThat(findings.get(0).reason()).contains("never closed");
	}

	@Test
	void downSectionsAreLintedOnlyWhenAsked() {
		String text = "-- migrate:up\nCREATE TABLE a (id bigint);\n-- migrate:down\nDROP TABLE old_a;\n";

		assertThat(Lint.run(List.of(new LintFile("V1__a.sql", text)), OPTIONS)).isEmpty();
		assertThat(Lint.run(List.of(new LintFile("V1__a.sql", text)), OPTIONS.withDownSections(true)))
			.extracting(Finding::rule, Finding::line)
			.containsExactly(tuple("hoist:drop-table", 4));
	}

	@Test
	void withoutHoistsDdlLockTimeoutTheFirstLockTakingStatementOfEachMigrationIsReported() {
		List<Finding> findings = Lint.run(List.of(
				new LintFile("V1__a.sql", "ALTER TABLE a ADD COLUMN x text;\n" + "ALTER TABLE b ADD COLUMN y text;"),
				new LintFile("V2__b.sql", "ALTER TABLE a ADD COLUMN z text;")), LintOptions.defaults());

		assertThat(findings).extracting(Finding::script, Finding::rule, Finding::lockMode)
			.containsExactly(tuple("V1__a.sql", "hoist:missing-lock-timeout", "ACCESS EXCLUSIVE"),
					tuple("V2__b.sql", "hoist:missing-lock-timeout", "ACCESS EXCLUSIVE"));
		assertThat(findings.get(0).suggestion()).startsWith("SET LOCAL lock_timeout = '5s';")
			.endsWith("hoist.ddl-lock-timeout (HOIST_DDL_LOCK_TIMEOUT)");
		assertThat(Lint.run(List.of(new LintFile("V1__a.sql", "ALTER TABLE a ADD COLUMN x text;")),
				LintOptions.defaults().withSettingNames(SettingNames.COMMAND_LINE)))
			.singleElement()
			.satisfies((finding) -> assertThat(finding.suggestion())
				.endsWith("--ddl-lock-timeout (HOIST_DDL_LOCK_TIMEOUT)"));
	}

	@Test
	void theTextRenderingNamesFileLineRuleReasonAndTheRewriteAndShowsSuppressedFindings() {
		List<Finding> findings = lint("V7__drop.sql", "-- hoist:allow hoist:drop-column release 41 stopped using it\n"
				+ "ALTER TABLE customers DROP COLUMN legacy;\nCREATE INDEX i ON customers (email);\n");

		String text = LintReport.text(findings);

		assertThat(text).contains("V7__drop.sql:2: error hoist:drop-column (allowed: release 41 stopped using it)\n")
			.contains("V7__drop.sql:3: error hoist:index-not-concurrent\n  CREATE INDEX i ON customers (email)\n")
			.contains(
					"  Instead:\n    -- migrate:up transaction:false\n    CREATE INDEX CONCURRENTLY i ON customers (email);\n")
			.endsWith("1 finding: 1 error; 1 allowed by hoist:allow\n");
		assertThat(LintReport.text(List.of())).isEqualTo("No findings.\n");
	}

	@Test
	void theJsonFormHasEveryFieldInAStableOrder() {
		Finding finding = lint("V1__a.sql", "ALTER TABLE t ALTER COLUMN c TYPE bigint;").get(0);

		Map<String, Object> json = LintReport.json(finding);

		assertThat(json).containsOnlyKeys("rule", "severity", "script", "line", "statement", "relation", "lockMode",
				"rewrites", "reason", "suggestion", "suppressed", "suppression");
		assertThat(json).containsEntry("severity", "error")
			.containsEntry("relation", "t")
			.containsEntry("lockMode", "ACCESS EXCLUSIVE")
			.containsEntry("rewrites", true)
			.containsEntry("suppressed", false);
	}

	@Test
	void failingIsDecidedByTheUnsuppressedFindingsAtOrAboveASeverity() {
		List<Finding> findings = lint("V1__a.sql", "CREATE TABLE t (payload json);\nDROP INDEX i; -- hoist:allow "
				+ "hoist:drop-index-not-concurrent the table is tiny\n");

		assertThat(findings).extracting(Finding::severity)
			.containsExactly(Finding.Severity.INFO, Finding.Severity.WARNING);
		assertThat(LintReport.fails(findings, Finding.Severity.INFO)).isTrue();
		assertThat(LintReport.fails(findings, Finding.Severity.WARNING)).isFalse();
		assertThat(Finding.Severity.ERROR.isAtLeast(Finding.Severity.WARNING)).isTrue();
		assertThat(Finding.Severity.INFO.isAtLeast(Finding.Severity.WARNING)).isFalse();
	}

	@Test
	void filesOnDiskAreReadAsUtf8AndNamedByTheirPath(@TempDir Path directory) throws IOException {
		Path file = Files.writeString(directory.resolve("V1__é.sql"), "\uFEFFCLUSTER t;\r\n");

		assertThat(Lint.paths(List.of(file), OPTIONS)).singleElement()
			.satisfies((finding) -> assertThat(finding.script()).isEqualTo(file.toString()))
			.satisfies((finding) -> assertThat(finding.statement()).isEqualTo("CLUSTER t"));
	}

	@Test
	void ruleIdsAreUniqueStableKebabCaseNames() {
		assertThat(Rule.values()).extracting(Rule::id)
			.allMatch((id) -> id.matches("hoist:[a-z]+(-[a-z]+)*"))
			.doesNotHaveDuplicates();
		assertThat(Rule.byId("index-not-concurrent")).isEqualTo(Rule.INDEX_NOT_CONCURRENT);
		assertThat(Rule.byId("hoist:index-not-concurrent")).isEqualTo(Rule.INDEX_NOT_CONCURRENT);
		assertThat(Rule.byId("hoist:nothing")).isNull();
	}

	private static List<Finding> lint(String script, String text) {
		return Lint.run(List.of(new LintFile(script, text)), OPTIONS);
	}

}
