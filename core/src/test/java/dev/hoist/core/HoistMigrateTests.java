package dev.hoist.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.hoist.testsupport.MigrationFiles;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Applying migrations to a fresh database and starting again with nothing to do.
 */
@PostgresTest
class HoistMigrateTests {

	private TestDatabase database;

	@BeforeEach
	void cleanDatabase(TestDatabase database) {
		this.database = database;
		database.resetPublicSchema();
	}

	private Hoist hoist(MigrationFiles files) {
		return TestHoist.configure(files, this.database).load();
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

	@Test
	void appliesEveryMigrationOnceInVersionOrderWithRepeatablesLast() {
		MigrationFiles files = MigrationFiles.create()
			.write("V10__add_orders.sql",
					"CREATE TABLE orders (id bigserial PRIMARY KEY, shop_id bigint REFERENCES shops);")
			.write("V2__add_domain.sql", "ALTER TABLE shops ADD COLUMN domain text;")
			.write("V1__create_shops.sql", "CREATE TABLE shops (id bigserial PRIMARY KEY, name text NOT NULL);")
			.write("R__shop_view.sql", "CREATE OR REPLACE VIEW shop_names AS SELECT name, domain FROM shops;")
			.write("V1_1__seed.sql", "INSERT INTO shops (name) VALUES ('first');");

		MigrateResult result = hoist(files).migrate();

		assertThat(result.applied()).extracting(MigrationInfo::script)
			.containsExactly("V1__create_shops.sql", "V1_1__seed.sql", "V2__add_domain.sql", "V10__add_orders.sql",
					"R__shop_view.sql");
		assertThat(result.initialRevision()).isNull();
		assertThat(result.revision()).hasToString("10");
		assertThat(this.database.queryForList(
				"SELECT version || ':' || description || ':' || type || ':' || script FROM hoist_schema_history"
						+ " WHERE version IS NOT NULL ORDER BY installed_rank"))
			.containsExactly("1:create shops:SQL:V1__create_shops.sql", "1.1:seed:SQL:V1_1__seed.sql",
					"2:add domain:SQL:V2__add_domain.sql", "10:add orders:SQL:V10__add_orders.sql");
		assertThat(this.database.queryForLong("SELECT count(*) FROM hoist_schema_history WHERE success"
				+ " AND checksum ~ '^[0-9a-f]{64}$' AND installed_by = current_user AND installed_at <= now()"
				+ " AND execution_ms >= 0"))
			.isEqualTo(5);
		assertThat(this.database
			.queryForString("SELECT type FROM hoist_schema_history ORDER BY installed_rank DESC LIMIT 1"))
			.isEqualTo("REPEATABLE");
		assertThat(this.database.queryForString("SELECT name FROM shop_names")).isEqualTo("first");
	}

	@Test
	void migrationsWithoutStatementsAreRecordedLikeAnyOtherAndLoggedAtInfo() {
		String comment = "-- data is migrated in code (DataBackfill), kept for the history\n";
		MigrationFiles files = MigrationFiles.create()
			.write("V1__shops.sql", "CREATE TABLE shops (id int);")
			.write("V2__migrated_in_code.sql", comment)
			.write("V3__nothing_yet.sql", "-- migrate:up\n")
			.write("V4__outside.sql", "-- migrate:up transaction:false\n\n-- migrate:down\n")
			.write("V5__orders.sql", "CREATE TABLE orders (id int);");
		ListAppender<ILoggingEvent> log = new ListAppender<>();
		Logger logger = (Logger) LoggerFactory.getLogger("dev.hoist.core.internal.MigrationExecutor");
		log.start();
		logger.addAppender(log);
		MigrateResult result;
		try {
			result = hoist(files).migrate();
		}
		finally {
			logger.detachAppender(log);
		}

		assertThat(result.applied()).extracting(MigrationInfo::script)
			.containsExactly("V1__shops.sql", "V2__migrated_in_code.sql", "V3__nothing_yet.sql", "V4__outside.sql",
					"V5__orders.sql");
		assertThat(log.list).filteredOn((event) -> event.getLevel() == Level.INFO)
			.extracting(ILoggingEvent::getFormattedMessage)
			.hasSize(3)
			.allMatch((message) -> message.endsWith("has no SQL statements; recording it as applied"))
			.anyMatch((message) -> message.contains("V2__migrated_in_code.sql"));
		assertThat(this.database.queryForList("SELECT version || ':' || success || ':' || checksum"
				+ " FROM hoist_schema_history WHERE version IN ('2', '3', '4') ORDER BY installed_rank"))
			.containsExactly("2:true:" + sha256(comment), "3:true:" + sha256("-- migrate:up\n"),
					"4:true:" + sha256("-- migrate:up transaction:false\n\n-- migrate:down\n"));
		assertThat(hoist(files).status().isValid()).isTrue();
		assertThat(hoist(files).migrate().applied()).isEmpty();
	}

	@Test
	void appliedLineGivesTheMigrationsOwnTimeAndTheWholeStepsApart() {
		MigrationFiles files = MigrationFiles.create()
			.write("V1__shops.sql", "CREATE TABLE shops (id int);")
			.write("V2__orders.sql", "CREATE TABLE orders (id int);");
		ListAppender<ILoggingEvent> log = new ListAppender<>();
		Logger logger = (Logger) LoggerFactory.getLogger("dev.hoist.core.internal.MigrateCommand");
		log.start();
		logger.addAppender(log);
		MigrateResult result;
		try {
			result = hoist(files).migrate();
		}
		finally {
			logger.detachAppender(log);
		}

		// a first start's step is mostly the first connection: the line must not pass it
		// off as the migrations' time
		long applying = result.applied().stream().mapToLong((info) -> info.executionTime().toMillis()).sum();
		assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
			.contains("Hoist: applied 2 migrations to schema public in " + applying + " ms ("
					+ result.duration().toMillis()
					+ " ms with connecting, reading the history and locking); revision (empty) -> 2");
	}

	@Test
	void secondRunAppliesNothingAndTakesNoLock() {
		MigrationFiles files = MigrationFiles.create()
			.write("V1__create_shops.sql", "CREATE TABLE shops (id bigserial PRIMARY KEY);")
			.write("R__view.sql", "CREATE OR REPLACE VIEW v AS SELECT id FROM shops;");
		hoist(files).migrate();

		MigrateResult second = hoist(files).migrate();

		assertThat(second.applied()).isEmpty();
		assertThat(second.initialRevision()).hasToString("1");
		assertThat(second.revision()).hasToString("1");
		assertThat(this.database.queryForLong("SELECT count(*) FROM hoist_schema_history")).isEqualTo(2);
	}

	@Test
	void repeatableIsReappliedWhenItChangesAndOnlyThen() {
		MigrationFiles files = MigrationFiles.create()
			.write("V1__create_shops.sql", "CREATE TABLE shops (id bigserial PRIMARY KEY, name text);")
			.write("R__view.sql", "CREATE OR REPLACE VIEW v AS SELECT id FROM shops;");
		hoist(files).migrate();
		files.write("R__view.sql", "CREATE OR REPLACE VIEW v AS SELECT id, name FROM shops;");

		MigrateResult result = hoist(files).migrate();

		assertThat(result.applied()).extracting(MigrationInfo::script).containsExactly("R__view.sql");
		assertThat(this.database.queryForLong("SELECT count(*) FROM information_schema.columns WHERE table_name = 'v'"))
			.isEqualTo(2);
		assertThat(hoist(files).migrate().applied()).isEmpty();
	}

	@Test
	void eachMigrationCommitsOnItsOwnSoAnEarlierOneStaysWhenALaterOneFails() {
		MigrationFiles files = MigrationFiles.create()
			.write("V1__create_shops.sql", "CREATE TABLE shops (id bigserial PRIMARY KEY);")
			.write("V2__broken.sql", "CREATE TABLE broken (id int);\nSELECT no_such_column FROM shops;");

		try {
			hoist(files).migrate();
		}
		catch (MigrationFailedException expected) {
			// asserted in detail elsewhere
		}

		assertThat(this.database.queryForList("SELECT script FROM hoist_schema_history"))
			.containsExactly("V1__create_shops.sql");
		assertThat(this.database.queryForString("SELECT to_regclass('broken')")).isNull();
	}

	@Test
	void targetStopsAtTheGivenVersion() {
		MigrationFiles files = MigrationFiles.create()
			.write("V1__a.sql", "CREATE TABLE a (id int);")
			.write("V2__b.sql", "CREATE TABLE b (id int);")
			.write("V3__c.sql", "CREATE TABLE c (id int);");

		MigrateResult result = TestHoist.configure(files, this.database).target("2").load().migrate();

		assertThat(result.applied()).extracting(MigrationInfo::script).containsExactly("V1__a.sql", "V2__b.sql");
		HoistStatus status = hoist(files).status();
		assertThat(status.state()).isEqualTo(HoistStatus.State.BEHIND);
		assertThat(status.pending()).extracting(MigrationInfo::script).isEqualTo(List.of("V3__c.sql"));
	}

	@Test
	void statusOfAnEmptyDatabaseListsEverythingAsPendingWithoutCreatingAnything() {
		MigrationFiles files = MigrationFiles.create().write("V1__a.sql", "CREATE TABLE a (id int);");

		HoistStatus status = hoist(files).status();

		assertThat(status.revision()).isNull();
		assertThat(status.head()).hasToString("1");
		assertThat(status.state()).isEqualTo(HoistStatus.State.BEHIND);
		assertThat(status.pending()).hasSize(1);
		assertThat(this.database.queryForString("SELECT to_regclass('hoist_schema_history')")).isNull();
	}

}
