package dev.hoist.core;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.hoist.testsupport.MigrationFiles;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever a migration sets on its session never reaches the application's connections:
 * Hoist's own connections are closed after a command, and a connection borrowed from the
 * application's pool goes back with its session as it came (settings and role put back
 * exactly, the pool's own settings kept) or is discarded when that cannot be done.
 */
@PostgresTest
class BorrowedConnectionTests {

	// what the pool sets on each connection it opens, which a RESET ALL or DISCARD ALL
	// would also undo
	private static final String POOL_INIT = "SET lock_timeout = '7s'";

	private TestDatabase database;

	private HikariDataSource pool;

	@BeforeEach
	void prepare(TestDatabase database) {
		this.database = database;
		database.resetPublicSchema();
		database.execute("CREATE TABLE orders (id int);"
				+ " DO $$ BEGIN CREATE ROLE hoist_probe NOLOGIN SUPERUSER; EXCEPTION WHEN duplicate_object THEN"
				+ " NULL; END $$");
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(database.jdbcUrl());
		config.setUsername(database.user());
		config.setPassword(database.password());
		// one connection: the application gets exactly the one Hoist used, unless
		// Hoist discarded it
		config.setMaximumPoolSize(1);
		config.setConnectionInitSql(POOL_INIT);
		this.pool = new HikariDataSource(config);
	}

	@AfterEach
	void closePool() {
		this.pool.close();
	}

	static Stream<Change> changes() {
		return Stream.of(
				// settings and roles: put back on the same connection
				new Change("SET default_transaction_read_only = on", "SHOW default_transaction_read_only", "off",
						false),
				new Change("SET ROLE hoist_probe", "SELECT current_user = session_user", "t", false),
				new Change("SET SESSION AUTHORIZATION hoist_probe", "SELECT session_user <> 'hoist_probe'", "t", false),
				new Change("SET search_path = pg_catalog", "SHOW search_path", "\"$user\", public", false),
				new Change("SET session_replication_role = replica", "SHOW session_replication_role", "origin", false),
				new Change("SET statement_timeout = '1h'", "SHOW statement_timeout", "0", false),
				new Change("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SERIALIZABLE",
						"SHOW default_transaction_isolation", "read committed", false),
				new Change("SET myapp.tenant = 'other'", "SELECT coalesce(current_setting('myapp.tenant', true), '')",
						"", false),
				new Change("RESET ALL", "SHOW lock_timeout", "7s", false),
				// objects that live with the session: the connection is discarded
				new Change("CREATE TEMP TABLE scratch (id int)", "SELECT to_regclass('pg_temp.scratch') IS NULL", "t",
						true),
				new Change("PREPARE probe AS SELECT 1",
						"SELECT count(*) FROM pg_prepared_statements WHERE name = 'probe'", "0", true),
				new Change("LISTEN migrations", "SELECT count(*) FROM pg_listening_channels()", "0", true),
				new Change("SELECT pg_advisory_lock(4242)",
						"SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()", "0",
						true));
	}

	@ParameterizedTest
	@MethodSource("changes")
	void aMigrationThatChangesTheSessionLeavesThePooledConnectionAsItWas(Change change) throws SQLException {
		int pid = pid();
		Hoist hoist = Hoist.configure().dataSource(this.pool).locations(migration(change).location()).load();

		assertThat(hoist.migrate().applied()).hasSize(1);

		try (Connection connection = this.pool.getConnection()) {
			assertThat(query(connection, change.probe())).as(change.sql()).isEqualTo(change.expected());
			assertThat(query(connection, "SHOW lock_timeout")).as("the pool's own setting").isEqualTo("7s");
			assertThat(query(connection, "SHOW application_name")).isEqualTo("PostgreSQL JDBC Driver");
			assertThat(query(connection, "SELECT pg_backend_pid()::text").equals(String.valueOf(pid)))
				.as("the same connection came back")
				.isEqualTo(!change.discarded());
			// the application can write again
			try (Statement statement = connection.createStatement()) {
				assertThat(statement.executeUpdate("INSERT INTO orders VALUES (1)")).isOne();
			}
		}
	}

	@ParameterizedTest
	@MethodSource("changes")
	void hoistsOwnConnectionsNeverTouchTheApplicationsPool(Change change) throws SQLException {
		int pid = pid();
		Hoist hoist = Hoist.configure()
			.url(this.database.jdbcUrl(), this.database.user(), this.database.password())
			.locations(migration(change).location())
			.load();

		assertThat(hoist.migrate().applied()).hasSize(1);

		try (Connection connection = this.pool.getConnection()) {
			assertThat(query(connection, change.probe())).as(change.sql()).isEqualTo(change.expected());
			assertThat(query(connection, "SELECT pg_backend_pid()::text")).isEqualTo(String.valueOf(pid));
		}
		assertThat(this.database.queryForString(
				"SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'hoist@%' AND pid <> pg_backend_pid()"))
			.as("Hoist's own connection is closed")
			.isEqualTo("0");
	}

	@ParameterizedTest
	@MethodSource("changes")
	void aReadOfStatusOnTheBorrowedConnectionChangesNothing(Change change) throws SQLException {
		int pid = pid();
		Hoist hoist = Hoist.configure()
			.dataSource(this.pool)
			.locations(migration(change).location())
			.schema("public")
			.load();

		hoist.status(Duration.ofSeconds(5));

		try (Connection connection = this.pool.getConnection()) {
			assertThat(query(connection, "SHOW statement_timeout")).isEqualTo("0");
			assertThat(query(connection, "SHOW search_path")).isEqualTo("\"$user\", public");
			assertThat(query(connection, "SHOW application_name")).isEqualTo("PostgreSQL JDBC Driver");
			assertThat(query(connection, "SELECT pg_backend_pid()::text")).isEqualTo(String.valueOf(pid));
		}
	}

	private int pid() throws SQLException {
		try (Connection connection = this.pool.getConnection()) {
			return Integer.parseInt(query(connection, "SELECT pg_backend_pid()::text"));
		}
	}

	private static MigrationFiles migration(Change change) {
		return MigrationFiles.create()
			.write("V1__change_the_session.sql", "INSERT INTO orders VALUES (0);\n" + change.sql() + ";\n");
	}

	private static @Nullable String query(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getString(1);
		}
	}

	record Change(String sql, String probe, String expected, boolean discarded) {

		@Override
		public String toString() {
			return this.sql;
		}

	}

}
