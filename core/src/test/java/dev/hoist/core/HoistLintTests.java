package dev.hoist.core;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import dev.hoist.core.command.HoistCommand;
import dev.hoist.core.command.HoistCommand.ExitCode;
import dev.hoist.core.command.HoistCommand.Report;
import dev.hoist.core.lint.Finding;
import dev.hoist.core.lint.Finding.Severity;
import dev.hoist.core.lint.Finding.Size;
import dev.hoist.testsupport.MigrationFiles;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@code lint}: the safety rules over the pending migrations with live sizes, over every
 * migration or given files without a database, and its exit codes for CI.
 */
@PostgresTest
class HoistLintTests {

	private TestDatabase database;

	private MigrationFiles files;

	@BeforeEach
	void prepare(TestDatabase database) {
		this.database = database;
		database.resetPublicSchema();
		this.files = MigrationFiles.create()
			.write("V1__create_orders.sql",
					"CREATE TABLE orders (id bigint PRIMARY KEY, total integer);"
							+ "\nINSERT INTO orders SELECT g, g FROM generate_series(1, 3000) g;\nANALYZE orders;")
			.write("V2__index.sql", "CREATE INDEX orders_total_idx ON orders (total);");
	}

	@Test
	void lintsOnlyPendingMigrationsWithTheLiveSizeOfEachRelation() throws SQLException {
		hoist().migrate();
		this.files.write("V3__widen.sql", "SET LOCAL lock_timeout = '2s';\n"
				+ "ALTER TABLE orders ALTER COLUMN total TYPE bigint;\nALTER TABLE orders ADD COLUMN note text;");

		List<Finding> findings = hoist().lint();

		assertThat(findings).extracting(Finding::rule, Finding::line)
			.containsExactly(tuple("hoist:column-type-rewrite", 2));
		Size size = findings.get(0).size();
		assertThat(size).isNotNull();
		assertThat(size.relation()).isEqualTo("public.orders");
		assertThat(size.rows()).isEqualTo(3000);
		assertThat(size.bytes()).isEqualTo(this.database.queryForLong("SELECT pg_relation_size('orders')"));
		assertThat(Finding.fails(findings, Severity.ERROR)).isTrue();
		assertThat(Finding.fails(findings.stream().map((finding) -> finding.suppressedBecause("reviewed")).toList(),
				Severity.INFO))
			.isFalse();
	}

	@Test
	void lintAllReadsEveryMigrationWithoutADatabase() {
		Hoist unreachable = Hoist.configure()
			.url("postgresql://nobody@127.0.0.1:1/none", null, null)
			.locations(this.files.location())
			.load();

		List<Finding> findings = unreachable.lintAll();

		assertThat(findings).extracting(Finding::rule)
			.containsExactly("hoist:index-not-concurrent", "hoist:missing-lock-timeout");
		assertThat(findings).extracting(Finding::size).containsOnlyNulls();
	}

	@Test
	void lintsFilesByPathInTheOrderMigrationsApply() {
		Path directory = this.files.directory();
		this.files.write("V10__widen.sql", "ALTER TABLE orders ALTER COLUMN total TYPE bigint;");

		// V1 is read first though named last: it tells the rules the column's type
		List<Finding> findings = Hoist.lint(List.of(directory.resolve("V10__widen.sql"),
				directory.resolve("V2__index.sql"), directory.resolve("V1__create_orders.sql")), 16);

		assertThat(findings).extracting(Finding::script)
			.containsExactly(directory.resolve("V2__index.sql").toString(),
					directory.resolve("V2__index.sql").toString(), directory.resolve("V10__widen.sql").toString(),
					directory.resolve("V10__widen.sql").toString());
		assertThat(findings).extracting(Finding::rule).contains("hoist:column-type-rewrite");
	}

	@Test
	void theCommandExitsOneOnFindingsAtTheChosenSeverityAndZeroBelowIt() {
		hoist().migrate();
		this.files.write("V3__note.sql", "ALTER TABLE orders ADD COLUMN note text;");
		HoistCommand.Options options = HoistCommand.Options.NONE;

		Report atError = HoistCommand.LINT.run(hoist(), options);
		Report atWarning = HoistCommand.LINT.run(hoist(), options.withFailOn(Severity.WARNING));

		assertThat(atError.exitCode()).isEqualTo(ExitCode.OK);
		assertThat(atError.text()).contains("V3__note.sql:1: warning hoist:missing-lock-timeout")
			.contains("ACCESS EXCLUSIVE on orders (3,000 rows, ")
			.endsWith("1 finding: 1 warning\n");
		assertThat(atWarning.exitCode()).isEqualTo(ExitCode.FAILED);
		assertThat(atWarning.text()).contains("1 finding: 1 warning (fails at --fail-on warning)");
		@SuppressWarnings("unchecked")
		Map<String, Object> finding = ((List<Map<String, Object>>) atWarning.json().get("findings")).get(0);
		assertThat(finding).containsEntry("rule", "hoist:missing-lock-timeout")
			.containsEntry("line", 1)
			.containsEntry("relation", "orders")
			.containsEntry("lockMode", "ACCESS EXCLUSIVE")
			.containsEntry("rewrites", false)
			.containsEntry("rows", 3000L)
			.containsKeys("bytes", "suggestion", "reason");
		assertThat(atWarning.json()).containsEntry("fails", true).containsEntry("failOn", "warning");
	}

	@Test
	void theCommandExitsTwoOnAnyError() {
		Hoist unreachable = Hoist.configure()
			.url("postgresql://nobody@127.0.0.1:1/none", null, null)
			.locations(this.files.location())
			.load();

		Report noDatabase = HoistCommand.LINT.run(unreachable, HoistCommand.Options.NONE);
		Report noFile = HoistCommand.LINT.run(null,
				HoistCommand.Options.NONE.withLintScope(false, List.of(Path.of("no-such-dir")), null));

		assertThat(noDatabase.exitCode()).isEqualTo(ExitCode.INVALID);
		assertThat(noDatabase.json()).containsEntry("exitCode", 2);
		assertThat(noFile.exitCode()).isEqualTo(ExitCode.INVALID);
		assertThat(noFile.text()).startsWith("No such file or directory: ")
			.endsWith("no-such-dir. Name migration files" + " or directories that hold them");
	}

	private Hoist hoist() {
		return TestHoist.configure(this.files, this.database).load();
	}

}
