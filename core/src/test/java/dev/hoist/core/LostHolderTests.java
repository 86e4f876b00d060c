package dev.hoist.core;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import dev.hoist.testsupport.MigrationFiles;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A lost holder frees the migration lock within {@code lostHolderTimeout}: Hoist asks the
 * server, on its own session, to notice a closed connection while a statement runs and a
 * vanished one through TCP keepalive. The vanished machine (no FIN at all) needs a
 * network namespace and is proven in the reliability suite.
 */
@PostgresTest
class LostHolderTests {

	private static final String SETTINGS = "SELECT name, setting FROM pg_settings WHERE name IN"
			+ " ('client_connection_check_interval', 'tcp_keepalives_idle', 'tcp_keepalives_interval',"
			+ " 'tcp_keepalives_count', 'tcp_user_timeout') ORDER BY name";

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private TestDatabase database;

	@BeforeEach
	void cleanDatabase(TestDatabase database) {
		this.database = database;
		database.resetPublicSchema();
	}

	@AfterEach
	void stopThreads() {
		this.executor.shutdownNow();
	}

	@Test
	void hoistsSessionAsksTheServerToEndItWithinTheDefaultThirtySecondsOnceLost() {
		Map<String, String> seen = new LinkedHashMap<>();
		Hoist.configure()
			.url(this.database.jdbcUrl(), this.database.user(), this.database.password())
			.locations(MigrationFiles.create().location())
			.javaMigrations(readSettings(seen))
			.load()
			.migrate();
		// the connection check every 3 s; keepalive gives up after 8 + 3 x 4 = 20 s, as
		// does tcp_user_timeout: 23 s at most, then the lock goes with the session
		assertThat(seen).containsEntry("client_connection_check_interval", "3000")
			.containsEntry("tcp_keepalives_idle", "8")
			.containsEntry("tcp_keepalives_interval", "4")
			.containsEntry("tcp_keepalives_count", "3")
			.containsEntry("tcp_user_timeout", "20000");
	}

	@Test
	void zeroLeavesTheServersSettings() throws SQLException {
		Map<String, String> server = settings(this.database.dataSource());
		Map<String, String> seen = new LinkedHashMap<>();
		Hoist.configure()
			.url(this.database.jdbcUrl(), this.database.user(), this.database.password())
			.locations(MigrationFiles.create().location())
			.lostHolderTimeout(Duration.ZERO)
			.javaMigrations(readSettings(seen))
			.load()
			.migrate();
		assertThat(seen).isEqualTo(server);
	}

	@Test
	void aConnectionOfTheApplicationsGetsItsOwnSettingsBack() throws SQLException {
		try (Connection physical = this.database.connect()) {
			Map<String, String> before = settings(physical);
			Map<String, String> seen = new LinkedHashMap<>();
			Hoist.configure()
				.dataSource(singleConnection(physical))
				.locations(MigrationFiles.create().location())
				.javaMigrations(readSettings(seen))
				.load()
				.migrate();
			assertThat(seen).containsEntry("tcp_keepalives_idle", "8");
			assertThat(settings(physical)).isEqualTo(before);
		}
	}

	@Test
	void aHolderWhoseConnectionClosesDuringALongStatementLosesTheLockLongBeforeTheStatementEnds() {
		MigrationFiles files = MigrationFiles.create().write("V1__long.sql", "SELECT pg_sleep(300);");
		try (TcpProxy proxy = TcpProxy.to(this.database.host(), this.database.port())) {
			String url = this.database.jdbcUrl()
				.replace(this.database.host() + ":" + this.database.port(), "127.0.0.1:" + proxy.port());
			Hoist holder = Hoist.configure()
				.url(url, this.database.user(), this.database.password())
				.locations(files.location())
				.applicationName("hoist@lost")
				.load();
			CompletableFuture<MigrateResult> run = CompletableFuture.supplyAsync(holder::migrate, this.executor);
			Awaitility.await()
				.atMost(Duration.ofMinutes(1))
				.until(() -> this.database.queryForLong("SELECT count(*) FROM pg_stat_activity WHERE application_name"
						+ " = 'hoist@lost' AND state = 'active' AND query LIKE 'SELECT pg_sleep%'") == 1);
			assertThat(advisoryLocks()).isOne();

			// what the kernel does for a process killed by SIGKILL: its sockets close
			proxy.cut();

			// the server checks the connection every 3 s while the statement runs;
			// without
			// the check the lock stays for the whole 300 s of the statement. The minute
			// allowed is margin for a slow machine, far below those 300 s.
			Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> advisoryLocks() == 0);
			assertThat(this.database
				.queryForLong("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'hoist@lost'")).isZero();
			assertThat(run).failsWithin(Duration.ofMinutes(1));
		}
		assertThat(this.database.queryForLong("SELECT count(*) FROM hoist_schema_history")).isZero();
	}

	private long advisoryLocks() {
		return this.database.queryForLong("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
				+ " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");
	}

	private static JavaMigration readSettings(Map<String, String> seen) {
		return new JavaMigration() {

			@Override
			public MigrationVersion version() {
				return MigrationVersion.parse("1");
			}

			@Override
			public String description() {
				return "read the session's settings";
			}

			@Override
			public void up(Connection connection) throws Exception {
				seen.putAll(settings(connection));
			}

		};
	}

	private static Map<String, String> settings(DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			return settings(connection);
		}
	}

	private static Map<String, String> settings(Connection connection) throws SQLException {
		Map<String, String> settings = new LinkedHashMap<>();
		try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(SETTINGS)) {
			while (rs.next()) {
				settings.put(rs.getString(1), rs.getString(2));
			}
		}
		return settings;
	}

	// a pool of one: Hoist's close() hands the connection back instead of closing it
	private static DataSource singleConnection(Connection physical) {
		DataSource real = (DataSource) Proxy.newProxyInstance(LostHolderTests.class.getClassLoader(),
				new Class<?>[] { DataSource.class }, (proxy, method, args) -> {
					if (method.getName().equals("getConnection")) {
						return Proxy.newProxyInstance(LostHolderTests.class.getClassLoader(),
								new Class<?>[] { Connection.class },
								(connection, call, callArgs) -> call.getName().equals("close") ? null
										: call.invoke(physical, callArgs));
					}
					throw new UnsupportedOperationException(method.getName());
				});
		return real;
	}

}
