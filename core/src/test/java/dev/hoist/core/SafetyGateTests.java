package dev.hoist.core;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.hoist.core.HoistConfiguration.SafetyMode;
import dev.hoist.core.lint.Finding;
import dev.hoist.testsupport.MigrationFiles;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The safety check before {@code migrate}: the static rules on the pending migrations
 * with the live size of each relation they name, logged in {@code warn} mode, refusing a
 * long lock on a large relation in {@code fail} mode.
 */
@PostgresTest
class SafetyGateTests {

	private final ListAppender<ILoggingEvent> log = new ListAppender<>();

	private final ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) LoggerFactory
		.getLogger("dev.hoist.core.internal.SafetyCheck");

	private TestDatabase database;

	@BeforeEach
	void prepare(TestDatabase database) {
		this.database = database;
		database.resetPublicSchema();
		this.log.start();
		this.logger.addAppender(this.log);
	}

	@AfterEach
	void releaseLog() {
		this.logger.detachAppender(this.log);
	}

	@Test
	void failRefusesATypeChangeOnAMillionRowsAndWarnLogsItAndApplies() {
		MigrationFiles files = MigrationFiles.create()
			.write("V1__create_orders.sql", "CREATE TABLE orders (id bigint NOT NULL, total integer NOT NULL);");
		hoist(files, SafetyMode.FAIL).load().migrate();
		// real rows: the size comes from the catalogs as the planner estimates it
		this.database.execute("INSERT INTO orders SELECT g, g % 1000 FROM generate_series(1, 1000000) g");
		files.write("V2__widen_total.sql",
				"-- migrate:up\n-- totals above 2^31 cents\n"
						+ "ALTER TABLE orders ALTER COLUMN total TYPE bigint;\n-- migrate:down\n"
						+ "ALTER TABLE orders ALTER COLUMN total TYPE integer;\n");

		assertThatExceptionOfType(HoistException.class).isThrownBy(() -> hoist(files, SafetyMode.FAIL).load().migrate())
			.withMessageStartingWith("Hoist refused to migrate: a pending migration would hold a lock on a relation"
					+ " larger than maxLockedRows(...) (100,000 rows)")
			.withMessageContaining("V2__widen_total.sql line 3: ALTER TABLE orders ALTER COLUMN total TYPE bigint")
			.withMessageMatching("(?s).*\n  orders \\(1\\.[01] M rows, \\d+ MB\\): .*")
			.withMessageContaining("[hoist:column-type-rewrite, ACCESS EXCLUSIVE, rewrites]")
			.withMessageContaining("Instead:\n    -- expand and contract")
			.withMessageContaining("Nothing was applied");
		assertThat(this.database.queryForLong("SELECT count(*) FROM hoist_schema_history")).isOne();
		assertThat(columnType()).isEqualTo("integer");

		hoist(files, SafetyMode.WARN).load().migrate();

		assertThat(columnType()).isEqualTo("bigint");
		assertThat(this.log.list).filteredOn((event) -> event.getLevel() == Level.WARN)
			.extracting(ILoggingEvent::getFormattedMessage)
			.anyMatch((message) -> message.startsWith("Hoist: ") && message.contains("V2__widen_total.sql line 3:")
					&& message.contains("error hoist:column-type-rewrite on orders (1.")
					&& message.contains("Instead:"));
	}

	@Test
	void failAppliesWhatLocksOnlyRelationsTheLiveDatabaseDoesNotHaveYetAndLogsThoseFindingsQuietly() {
		MigrationFiles files = MigrationFiles.create()
			.write("V1__create_orders.sql",
					"CREATE TABLE orders (id bigint PRIMARY KEY, total integer);"
							+ " INSERT INTO orders SELECT g, g FROM generate_series(1, 50) g;")
			.write("V2__index.sql", "CREATE INDEX orders_total_idx ON orders (total);");
		Level level = this.logger.getLevel();
		this.logger.setLevel(Level.DEBUG);
		try {
			hoist(files, SafetyMode.FAIL).maxLockedRows(0).load().migrate();
		}
		finally {
			this.logger.setLevel(level);
		}

		assertThat(this.database.queryForLong("SELECT count(*) FROM hoist_schema_history")).isEqualTo(2);
		// V1 creates orders in the same run: it has no live size to refuse on, and no one
		// can be waiting on its locks, so its findings (the index, the lock timeout) are
		// DEBUG
		// lines under one INFO line that counts them
		assertThat(this.log.list).filteredOn((event) -> event.getLevel() == Level.DEBUG)
			.extracting(ILoggingEvent::getFormattedMessage)
			.anyMatch(
					(message) -> message.contains("V2__index.sql line 1: error hoist:index-not-concurrent on orders"));
		assertThat(this.log.list).filteredOn((event) -> event.getLevel().isGreaterOrEqual(Level.WARN)).isEmpty();
		assertThat(this.log.list).filteredOn((event) -> event.getLevel() == Level.INFO)
			.extracting(ILoggingEvent::getFormattedMessage)
			.anyMatch((message) -> message.startsWith(
					"Hoist: 2 of the pending migrations' safety findings name" + " relations that do not exist yet"));
	}

	@Test
	void failRefusesAnIndexBuildThatBlocksWritesToALargerTableThanAllowed() {
		MigrationFiles files = MigrationFiles.create()
			.write("V1__create_orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, total integer);"
					+ " INSERT INTO orders SELECT g, g FROM generate_series(1, 5000) g; ANALYZE orders;");
		hoist(files, SafetyMode.FAIL).load().migrate();
		files.write("V2__index.sql", "CREATE INDEX orders_total_idx ON orders (total);");

		assertThatExceptionOfType(HoistException.class)
			.isThrownBy(() -> hoist(files, SafetyMode.FAIL).maxLockedRows(1000).load().migrate())
			.withMessageContaining("larger than maxLockedRows(...) (1,000 rows)")
			.withMessageContaining("orders (5,000 rows, ")
			.withMessageContaining("[hoist:index-not-concurrent, SHARE]")
			.withMessageContaining("CREATE INDEX CONCURRENTLY orders_total_idx ON orders (total);");
		assertThat(this.database.queryForLong("SELECT count(*) FROM pg_indexes WHERE indexname = 'orders_total_idx'"))
			.isZero();
	}

	@Test
	void aReviewedSuppressionLetsFailApplyAndIsLoggedAsAllowed() {
		MigrationFiles files = MigrationFiles.create()
			.write("V1__create_orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, total integer);"
					+ " INSERT INTO orders SELECT g, g FROM generate_series(1, 5000) g; ANALYZE orders;");
		hoist(files, SafetyMode.FAIL).load().migrate();
		files.write("V2__widen.sql", "-- hoist:allow hoist:column-type-rewrite maintenance window 2026-12-05\n"
				+ "ALTER TABLE orders ALTER COLUMN total TYPE bigint;");

		hoist(files, SafetyMode.FAIL).maxLockedRows(1000).load().migrate();

		assertThat(columnType()).isEqualTo("bigint");
		assertThat(this.log.list).extracting(ILoggingEvent::getFormattedMessage)
			.anyMatch((message) -> message
				.contains("V2__widen.sql line 2: hoist:column-type-rewrite on orders (5,000" + " rows, ")
					&& message.endsWith("allowed by hoist:allow: maintenance window 2026-12-05"));
	}

	@Test
	void offChecksNothing() {
		MigrationFiles files = MigrationFiles.create()
			.write("V1__create_orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, total integer);"
					+ " INSERT INTO orders SELECT g, g FROM generate_series(1, 5000) g; ANALYZE orders;");
		hoist(files, SafetyMode.OFF).load().migrate();
		files.write("V2__widen.sql", "ALTER TABLE orders ALTER COLUMN total TYPE bigint;");

		hoist(files, SafetyMode.OFF).maxLockedRows(0).load().migrate();

		assertThat(columnType()).isEqualTo("bigint");
		assertThat(this.log.list).isEmpty();
	}

	@Test
	void statusShowsTheFindingsOfPendingMigrationsUntilTheyAreApplied() {
		MigrationFiles files = MigrationFiles.create()
			.write("V1__create_orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, total integer);");
		hoist(files, SafetyMode.WARN).load().migrate();
		files.write("V2__widen.sql", "ALTER TABLE orders ALTER COLUMN total TYPE bigint;");

		HoistStatus pending = hoist(files, SafetyMode.WARN).load().status();
		HoistStatus off = hoist(files, SafetyMode.OFF).load().status();
		hoist(files, SafetyMode.WARN).load().migrate();
		HoistStatus current = hoist(files, SafetyMode.WARN).load().status();

		// V1 told the rules that total is an integer
		String script = files.directory().resolve("V2__widen.sql").toString();
		assertThat(pending.findings()).extracting(Finding::rule, Finding::script, Finding::line, Finding::relation)
			.containsExactly(tuple("hoist:column-type-rewrite", script, 1, "orders"),
					tuple("hoist:missing-lock-timeout", script, 1, "orders"));
		assertThat(off.findings()).isEmpty();
		assertThat(current.findings()).isEmpty();
	}

	private String columnType() {
		return this.database.queryForString("SELECT data_type FROM information_schema.columns"
				+ " WHERE table_name = 'orders' AND column_name = 'total'");
	}

	private HoistConfiguration hoist(MigrationFiles files, SafetyMode mode) {
		return TestHoist.configure(files, this.database).safetyMode(mode);
	}

}
