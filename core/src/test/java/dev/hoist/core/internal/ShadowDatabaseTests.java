package dev.hoist.core.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import dev.hoist.core.Hoist;
import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.HoistException;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The shadow database that drift, verify, plan and generate build schemas on: a temporary
 * one is created and always dropped, a configured one must be empty, must not be the
 * migrated database, and is emptied again.
 */
@PostgresTest
class ShadowDatabaseTests {

	@Test
	void temporaryDatabaseIsCreatedOnTheServerAndDroppedOnClose(TestDatabase database) throws SQLException {
		HoistConfiguration configuration = configuration(database);
		String name;
		try (Connection live = database.connect();
				ShadowDatabase shadow = ShadowDatabase.open(configuration, live, "verify")) {
			name = single(shadow.connection(), "SELECT current_database()");
			assertThat(name).startsWith(ShadowDatabase.TEMPORARY_PREFIX);
			assertThat(shadow.describe()).contains(name);
			execute(shadow.connection(), "CREATE TABLE made_on_shadow (id int)");
		}
		assertThat(database.queryForLong("SELECT count(*) FROM pg_database WHERE datname = '" + name + "'")).isZero();
		assertThat(database.queryForLong("SELECT count(*) FROM pg_class WHERE relname = 'made_on_shadow'")).isZero();
	}

	@Test
	void copySchemaPutsTheLiveSchemaOnTheShadowAndResetEmptiesIt(TestDatabase database) throws SQLException {
		database.resetPublicSchema();
		database.execute("CREATE TABLE shops (id bigint PRIMARY KEY, name text NOT NULL DEFAULT 'x');"
				+ " CREATE INDEX shops_name ON shops (name)");
		try (Connection live = database.connect();
				ShadowDatabase shadow = ShadowDatabase.open(configuration(database), live, "plan")) {
			List<String> notes = shadow.copySchema(live, List.of("public"), "hoist_schema_history");
			assertThat(notes).isEmpty();
			assertThat(
					single(shadow.connection(),
							"SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class"
									+ " WHERE relnamespace = 'public'::regnamespace"))
				.isEqualTo("shops,shops_name,shops_pkey");
			shadow.reset();
			assertThat(shadow.usedSchemas()).isEmpty();
		}
	}

	@Test
	void copySchemaOfMoreStatementsThanOneBatchCopiesEveryObject(TestDatabase database) throws SQLException {
		database.resetPublicSchema();
		StringBuilder sql = new StringBuilder();
		for (int i = 0; i < 220; i++) {
			sql.append("CREATE TABLE t")
				.append(i)
				.append(" (id bigint PRIMARY KEY, parent_id bigint, name text CHECK (name <> ''));")
				.append("CREATE INDEX t")
				.append(i)
				.append("_name ON t")
				.append(i)
				.append(" (name);");
			if (i > 0) {
				sql.append("ALTER TABLE t").append(i).append(" ADD FOREIGN KEY (parent_id) REFERENCES t").append(i - 1);
				sql.append(';');
			}
		}
		database.execute(sql.toString());
		String catalog = "SELECT count(*) || ' ' || (SELECT count(*) FROM pg_constraint"
				+ " WHERE connamespace = 'public'::regnamespace) FROM pg_class WHERE relnamespace = 'public'::regnamespace";
		try (Connection live = database.connect();
				ShadowDatabase shadow = ShadowDatabase.open(configuration(database), live, "plan")) {
			assertThat(shadow.copySchema(live, List.of("public"), "hoist_schema_history")).isEmpty();
			assertThat(single(shadow.connection(), catalog)).isEqualTo(single(live, catalog));
		}
	}

	@Test
	void copySchemaThatFailsNamesTheObjectAndLeavesTheShadowEmpty(TestDatabase database) throws SQLException {
		database.resetPublicSchema();
		database.execute("DROP SCHEMA IF EXISTS elsewhere CASCADE; CREATE SCHEMA elsewhere;"
				+ " CREATE TYPE elsewhere.mood AS ENUM ('ok'); CREATE TABLE accounts (id bigint PRIMARY KEY);"
				+ " CREATE TABLE moods (id bigint PRIMARY KEY, mood elsewhere.mood)");
		try (Connection live = database.connect();
				ShadowDatabase shadow = ShadowDatabase.open(configuration(database), live, "plan")) {
			// elsewhere is not copied: the table that uses its type cannot be created
			assertThatExceptionOfType(HoistException.class)
				.isThrownBy(() -> shadow.copySchema(live, List.of("public"), "hoist_schema_history"))
				.withMessageContaining("Cannot copy the live schema onto the shadow database")
				.withMessageContaining("table public.moods")
				.withMessageContaining("elsewhere");
			assertThat(single(shadow.connection(),
					"SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace"))
				.isEqualTo("0");
			assertThat(shadow.connection().getAutoCommit()).isTrue();
		}
		finally {
			database.execute("DROP SCHEMA elsewhere CASCADE");
		}
	}

	@Test
	void configuredShadowThatIsTheMigratedDatabaseIsRefused(TestDatabase database) throws SQLException {
		HoistConfiguration configuration = configuration(database).shadowUrl(database.jdbcUrl(), database.user(),
				database.password());
		try (Connection live = database.connect()) {
			assertThatExceptionOfType(HoistException.class)
				.isThrownBy(() -> ShadowDatabase.open(configuration, live, "drift"))
				.withMessageContaining("is the migrated database itself")
				.withMessageContaining("shadowUrl(...)");
		}
	}

	@Test
	void configuredShadowMustBeEmpty(TestDatabase database) throws SQLException {
		TestDatabase other = database.server().createDatabase(database.name() + "_shadow");
		try {
			other.execute("CREATE TABLE leftover (id int)");
			HoistConfiguration configuration = configuration(database).shadowUrl(other.jdbcUrl(), other.user(),
					other.password());
			try (Connection live = database.connect()) {
				assertThatExceptionOfType(HoistException.class)
					.isThrownBy(() -> ShadowDatabase.open(configuration, live, "verify"))
					.withMessageContaining("is not empty")
					.withMessageContaining("leftover");
			}
			other.execute("DROP TABLE leftover");
			try (Connection live = database.connect();
					ShadowDatabase shadow = ShadowDatabase.open(configuration, live, "verify")) {
				execute(shadow.connection(), "CREATE TABLE built (id int)");
			}
			assertThat(other.queryForLong("SELECT count(*) FROM pg_class WHERE relname = 'built'")).isZero();
		}
		finally {
			database.server().dropDatabase(other.name());
		}
	}

	private static HoistConfiguration configuration(TestDatabase database) {
		return Hoist.configure().url(database.jdbcUrl(), database.user(), database.password());
	}

	private static String single(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getString(1);
		}
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
