package dev.hoist.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.hoist.core.HoistStatus.Problem.Kind;
import dev.hoist.core.command.HoistCommand.ExitCode;
import dev.hoist.core.internal.MigrateCommand;
import dev.hoist.testsupport.MigrationFiles;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every validation rule gives its own message, naming files, versions and the way out.
 */
@PostgresTest
class ValidationTests {

	private TestDatabase database;

	@BeforeEach
	void cleanDatabase(TestDatabase database) {
		this.database = database;
		database.resetPublicSchema();
	}

	private HoistConfiguration configure(MigrationFiles files) {
		return TestHoist.configure(files, this.database);
	}

	private Hoist hoist(MigrationFiles files) {
		return configure(files).load();
	}

	@Test
	void duplicateVersionsNameBothFilesAndChangeNothing() {
		MigrationFiles files = MigrationFiles.create()
			.write("V3__add_orders.sql", "CREATE TABLE orders (id int);")
			.write("V3__add_invoices.sql", "CREATE TABLE invoices (id int);")
			.write("V1__base.sql", "CREATE TABLE base (id int);");

		assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> hoist(files).migrate())
			.satisfies((ex) -> assertThat(ex.problems()).singleElement()
				.satisfies((problem) -> assertThat(problem.kind()).isEqualTo(Kind.DUPLICATE_VERSION)))
			.withMessageContaining("version 3")
			.withMessageContaining("V3__add_orders.sql")
			.withMessageContaining("V3__add_invoices.sql")
			.withMessageContaining("renumber");
		assertThat(this.database.queryForString("SELECT to_regclass('base')")).isNull();
	}

	@Test
	void aDuplicateOfAnAppliedVersionIsOneProblemNotAlsoAChangedChecksum() {
		MigrationFiles files = MigrationFiles.create().write("V1__shops.sql", "CREATE TABLE shops (id int);");
		hoist(files).migrate();
		files.write("V1__also_shops.sql", "CREATE TABLE also_shops (id int);");

		assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> hoist(files).validate())
			.satisfies((ex) -> assertThat(ex.problems()).extracting(HoistStatus.Problem::kind)
				.containsExactly(Kind.DUPLICATE_VERSION));
	}

	@Test
	void changedChecksumShowsBothChecksumsAndSuggestsRepair() {
		MigrationFiles files = MigrationFiles.create().write("V1__shops.sql", "CREATE TABLE shops (id int);");
		hoist(files).migrate();
		String recorded = this.database.queryForString("SELECT checksum FROM hoist_schema_history");
		files.write("V1__shops.sql", "CREATE TABLE shops (id bigint);");

		assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> hoist(files).validate())
			.satisfies((ex) -> assertThat(ex.problems()).extracting(HoistStatus.Problem::kind)
				.containsExactly(Kind.CHECKSUM_MISMATCH))
			.withMessageContaining("V1__shops.sql was changed after it was applied")
			.withMessageContaining(recorded)
			.withMessageContaining(sha256("CREATE TABLE shops (id bigint);"))
			.withMessageContaining("'repair'");
	}

	@Test
	void appliedMigrationMissingBelowHeadFails() {
		MigrationFiles files = MigrationFiles.create()
			.write("V1__a.sql", "CREATE TABLE a (id int);")
			.write("V2__b.sql", "CREATE TABLE b (id int);")
			.write("V3__c.sql", "CREATE TABLE c (id int);");
		hoist(files).migrate();
		files.delete("V2__b.sql");

		assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> hoist(files).migrate())
			.satisfies((ex) -> assertThat(ex.problems()).extracting(HoistStatus.Problem::kind)
				.containsExactly(Kind.MISSING))
			.withMessageContaining("Version 2 (V2__b.sql)")
			.withMessageContaining("not in this build")
			.withMessageContaining("deleted or renamed");
	}

	@Test
	void databaseAheadOfTheBuildStartsWithAWarningAndReportsAhead() {
		MigrationFiles newer = MigrationFiles.create()
			.write("V1__a.sql", "CREATE TABLE a (id int);")
			.write("V2__b.sql", "CREATE TABLE b (id int);");
		hoist(newer).migrate();
		MigrationFiles older = MigrationFiles.create().write("V1__a.sql", "CREATE TABLE a (id int);");

		MigrateResult result = hoist(older).migrate();

		assertThat(result.applied()).isEmpty();
		HoistStatus status = hoist(older).status();
		assertThat(status.state()).isEqualTo(HoistStatus.State.AHEAD);
		assertThat(status.revision()).hasToString("2");
		assertThat(status.head()).hasToString("1");
		assertThat(status.isValid()).isTrue();
		assertThat(status.applied()).extracting(MigrationInfo::state)
			.containsExactly(MigrationInfo.State.APPLIED, MigrationInfo.State.AHEAD);
	}

	@Test
	void databaseAheadOfTheBuildFailsWhenThePolicyIsFail() {
		MigrationFiles newer = MigrationFiles.create()
			.write("V1__a.sql", "CREATE TABLE a (id int);")
			.write("V2__b.sql", "CREATE TABLE b (id int);");
		hoist(newer).migrate();
		MigrationFiles older = MigrationFiles.create().write("V1__a.sql", "CREATE TABLE a (id int);");

		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> configure(older).aheadPolicy(HoistConfiguration.AheadPolicy.FAIL).load().migrate())
			.satisfies(
					(ex) -> assertThat(ex.problems()).extracting(HoistStatus.Problem::kind).containsExactly(Kind.AHEAD))
			.withMessageContaining("ahead of this build")
			.withMessageContaining("2 (V2__b.sql)")
			.withMessageContaining("aheadPolicy(AheadPolicy.WARN)");
	}

	@Test
	void pendingMigrationOlderThanTheRevisionFailsUnlessOutOfOrderIsAllowed() {
		MigrationFiles files = MigrationFiles.create()
			.write("V1__a.sql", "CREATE TABLE a (id int);")
			.write("V3__c.sql", "CREATE TABLE c (id int);");
		hoist(files).migrate();
		files.write("V2__from_a_branch.sql", "CREATE TABLE b (id int);");

		assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> hoist(files).migrate())
			.satisfies((ex) -> assertThat(ex.problems()).extracting(HoistStatus.Problem::kind)
				.containsExactly(Kind.OUT_OF_ORDER))
			.withMessageContaining("V2__from_a_branch.sql")
			.withMessageContaining("older than the database's revision 3")
			.withMessageContaining("outOfOrder(true)");

		MigrateResult result = configure(files).outOfOrder(true).load().migrate();

		assertThat(result.applied()).extracting(MigrationInfo::script).containsExactly("V2__from_a_branch.sql");
		assertThat(result.revision()).hasToString("3");
	}

	@Test
	void validateReportsEveryProblemAtOnce() {
		MigrationFiles files = MigrationFiles.create()
			.write("V1__a.sql", "CREATE TABLE a (id int);")
			.write("V2__b.sql", "CREATE TABLE b (id int);")
			.write("V3__c.sql", "CREATE TABLE c (id int);");
		hoist(files).migrate();
		files.write("V1__a.sql", "CREATE TABLE a (id bigint);").delete("V2__b.sql").write("V4_init.sql", "SELECT 1;");

		assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> hoist(files).validate())
			.satisfies((ex) -> assertThat(ex.problems()).extracting(HoistStatus.Problem::kind)
				.containsExactlyInAnyOrder(Kind.INVALID_FILE, Kind.CHECKSUM_MISMATCH, Kind.MISSING))
			.withMessageContaining("3 problems");
	}

	@Test
	void lineEndingsAndByteOrderMarkDoNotChangeTheChecksum() {
		String text = "CREATE TABLE shops (\n  id int\n);\n";
		MigrationFiles lf = MigrationFiles.create().write("V1__shops.sql", text);
		hoist(lf).migrate();
		MigrationFiles crlf = MigrationFiles.create().write("V1__shops.sql", text.replace("\n", "\r\n"));
		byte[] bom = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };
		byte[] body = text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
		byte[] withBom = new byte[bom.length + body.length];
		System.arraycopy(bom, 0, withBom, 0, bom.length);
		System.arraycopy(body, 0, withBom, bom.length, body.length);
		MigrationFiles bomCrlf = MigrationFiles.create().writeBytes("V1__shops.sql", withBom);

		hoist(crlf).validate();
		hoist(bomCrlf).validate();

		assertThat(hoist(crlf).status().applied()).singleElement()
			.extracting(MigrationInfo::state)
			.isEqualTo(MigrationInfo.State.APPLIED);
		assertThat(hoist(bomCrlf).migrate().applied()).isEmpty();
	}

	@Test
	void badFilesAreRefusedWithFileAndReasonNeverSkipped() {
		MigrationFiles files = MigrationFiles.create()
			.write("V1_init.sql", "CREATE TABLE a (id int);")
			.write("V2__down_first.sql", "-- migrate:down\nDROP TABLE b;\n")
			.write("V3__unknown_option.sql", "-- migrate:up transactional:no\nCREATE TABLE c (id int);\n")
			.write("V4__typo.sql", "-- migrate:up\nSELECT 1;\n-- migrate-down\nSELECT 2;\n")
			.write("V5__begin_commit.sql", "BEGIN;\nCREATE TABLE e (id int);\nCOMMIT;\n")
			.write("V6__concurrently.sql", "CREATE INDEX CONCURRENTLY e_idx ON e (id);\n")
			.write("V7__unclosed.sql", "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1;\n")
			.write("README.md", "not a migration, ignored");

		assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> hoist(files).migrate())
			.satisfies((ex) -> assertThat(ex.problems()).hasSize(7)
				.allSatisfy((problem) -> assertThat(problem.kind()).isEqualTo(Kind.INVALID_FILE)))
			.withMessageContaining("V1_init.sql: not a migration file name; use two underscores")
			.withMessageContaining("V1__init.sql")
			.withMessageContaining("V2__down_first.sql line 1: '-- migrate:down' without a '-- migrate:up'")
			.withMessageContaining("V3__unknown_option.sql line 1: unknown option 'transactional:no'")
			.withMessageContaining("V4__typo.sql line 3: '-- migrate-down' looks like a section marker")
			.withMessageContaining("V5__begin_commit.sql line 1: 'BEGIN' controls the transaction")
			.withMessageContaining("transaction:false")
			.withMessageContaining("V6__concurrently.sql line 1: 'CREATE INDEX CONCURRENTLY e_idx ON e (id)' cannot run"
					+ " inside a transaction block")
			.withMessageContaining("V7__unclosed.sql line 1: dollar quote $$ opened on line 1 is never closed");
		assertThat(this.database.queryForString("SELECT to_regclass('hoist_schema_history')")).isNull();
	}

	@Test
	void aMistypedDownMarkerIsRefusedSoTheDownSqlNeverRunsWithTheUp() {
		MigrationFiles files = MigrationFiles.create().write("V1__t1.sql", """
				-- migrate:up
				CREATE TABLE t1 (id int);
				-- migrate-down
				DROP TABLE t1;
				""");

		assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> hoist(files).migrate())
			.satisfies((ex) -> assertThat(ex.problems()).singleElement()
				.extracting(HoistStatus.Problem::kind)
				.isEqualTo(Kind.INVALID_FILE))
			.withMessageContaining("V1__t1.sql line 3: '-- migrate-down' looks like a section marker")
			.withMessageContaining("Write it as '-- migrate:down'");
		assertThat(hoist(files).status().outcome().exitCode()).isEqualTo(2);
		assertThat(this.database.queryForString("SELECT to_regclass('hoist_schema_history')")).isNull();
		assertThat(this.database.queryForString("SELECT to_regclass('t1')")).isNull();
	}

	@Test
	void aFileThatIsNotUtf8OrHoldsANulByteIsInvalidWithLineByteOffsetAndAdviceNotAConnectionProblem() {
		MigrationFiles files = MigrationFiles.create()
			.write("V1__shops.sql", "CREATE TABLE shops (id int, name text);")
			.writeBytes("V2__latin1.sql",
					"INSERT INTO shops VALUES (1, 'Caf\u00e9');\n".getBytes(StandardCharsets.ISO_8859_1))
			.writeBytes("V3__nul.sql", "INSERT INTO shops VALUES (2, 'a');\nINSERT INTO shops VALUES (3, '\0');\n"
				.getBytes(StandardCharsets.UTF_8));

		assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> hoist(files).migrate())
			.satisfies((ex) -> assertThat(ex.problems()).extracting(HoistStatus.Problem::kind)
				.containsExactly(Kind.INVALID_FILE, Kind.INVALID_FILE))
			.satisfies((ex) -> assertThat(ExitCode.of(ex)).isEqualTo(ExitCode.INVALID))
			.withMessageContaining(
					"V2__latin1.sql is not UTF-8: line 1, column 34 (byte offset 33) holds the byte" + " 0xE9")
			.withMessageContaining("iconv -f latin1 -t utf-8 V2__latin1.sql > V2__latin1.sql.tmp")
			.withMessageContaining("V3__nul.sql holds a NUL byte (0x00) at line 2, column 31 (byte offset 65)");
		assertThat(this.database.queryForString("SELECT to_regclass('hoist_schema_history')")).isNull();
	}

	@Test
	void psqlMetaCommandsAndCopyFromStdinAreRefusedWithTheirLineBeforeAnythingRuns() {
		MigrationFiles files = MigrationFiles.create()
			.write("V1__connect.sql", "CREATE TABLE a (id int);\nSELECT 1\n\\connect other\n")
			.write("V2__gset.sql", "SELECT count(*) AS n FROM a \\gset\n")
			.write("V3__dump.sql", "CREATE TABLE b (id int);\nCOPY b (id) FROM stdin;\n1\n2\n\\.\n");

		assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> hoist(files).migrate())
			.withMessageContaining("V1__connect.sql line 3: psql meta-command '\\connect other' is not SQL")
			.withMessageContaining("V2__gset.sql line 1: psql meta-command '\\gset' is not SQL")
			.withMessageContaining("V3__dump.sql line 2: 'COPY b (id) FROM stdin' copies data through the client");
		assertThat(this.database.queryForString("SELECT to_regclass('a')")).isNull();
	}

	@Test
	void aProblemInADownSectionWarnsAtMigrateButFailsValidateAndCheck() {
		MigrationFiles files = MigrationFiles.create().write("V1__shops.sql", """
				-- migrate:up
				CREATE TABLE shops (id int);
				CREATE INDEX shops_id_idx ON shops (id);
				-- migrate:down
				DROP INDEX CONCURRENTLY shops_id_idx;
				DROP TABLE shops;
				""");
		String problem = "V1__shops.sql line 5: 'DROP INDEX CONCURRENTLY shops_id_idx' cannot run inside a"
				+ " transaction block. Mark the section '-- migrate:down transaction:false' (and keep it alone in its"
				+ " file). This is in the down section: migrate applies the up section and warns; validate, check and"
				+ " downgrade fail until it is fixed";

		HoistStatus check = hoist(files).status();
		assertThat(check.outcome().exitCode()).isEqualTo(2);
		assertThat(check.problems()).singleElement().satisfies((found) -> {
			assertThat(found.kind()).isEqualTo(Kind.INVALID_DOWN_SECTION);
			assertThat(found.message()).endsWith(problem);
		});
		assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> hoist(files).validate())
			.withMessageContaining(problem);

		ListAppender<ILoggingEvent> log = new ListAppender<>();
		Logger logger = (Logger) LoggerFactory.getLogger(MigrateCommand.class);
		log.start();
		logger.addAppender(log);
		try {
			assertThat(hoist(files).migrate().applied()).hasSize(1);
		}
		finally {
			logger.detachAppender(log);
		}

		assertThat(log.list).filteredOn((event) -> event.getLevel() == Level.WARN)
			.extracting(ILoggingEvent::getFormattedMessage)
			.singleElement(InstanceOfAssertFactories.STRING)
			.startsWith("Hoist: filesystem:")
			.endsWith(problem);
		assertThat(this.database.queryForString("SELECT to_regclass('shops_id_idx')")).isEqualTo("shops_id_idx");
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
