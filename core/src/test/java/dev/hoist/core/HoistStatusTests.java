package dev.hoist.core;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import dev.hoist.testsupport.MigrationFiles;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Status reads as health checks and gauges use them: after every run without another
 * query, and within a bounded time when the database does not answer.
 */
@PostgresTest
class HoistStatusTests {

	private TestDatabase database;

	private final List<HoistStatus> statuses = new CopyOnWriteArrayList<>();

	private final HoistListener recorder = new HoistListener() {

		@Override
		public void statusRead(HoistStatus status) {
			HoistStatusTests.this.statuses.add(status);
		}

	};

	@BeforeEach
	void cleanDatabase(TestDatabase database) {
		this.database = database;
		database.resetPublicSchema();
	}

	@Test
	void aRunThatAppliesMigrationsReportsTheStatusAfterIt() {
		MigrationFiles files = MigrationFiles.create()
			.write("V1__one.sql", "CREATE TABLE one (id int);")
			.write("V2__two.sql", "CREATE TABLE two (id int);");
		hoist(files, this.database.dataSource()).migrate();
		assertThat(this.statuses).singleElement().satisfies((status) -> {
			assertThat(status.revision()).hasToString("2");
			assertThat(status.state()).isEqualTo(HoistStatus.State.CURRENT);
			assertThat(status.pending()).isEmpty();
			assertThat(status.applied()).hasSize(2);
		});
	}

	@Test
	void aRunWithNothingToDoReportsTheStatusToo() {
		MigrationFiles files = MigrationFiles.create().write("V1__one.sql", "CREATE TABLE one (id int);");
		hoist(files, this.database.dataSource()).migrate();
		this.statuses.clear();
		hoist(files, this.database.dataSource()).migrate();
		assertThat(this.statuses).singleElement().satisfies((status) -> assertThat(status.revision()).hasToString("1"));
	}

	@Test
	void statusWithATimeoutGivesUpWhenTheDatabaseDoesNotAnswer() throws Exception {
		MigrationFiles files = MigrationFiles.create().write("V1__one.sql", "CREATE TABLE one (id int);");
		Hoist hoist = hoist(files, this.database.dataSource());
		hoist.migrate();
		// a session that locks the history table makes every read of it wait
		try (Connection blocker = this.database.connect(); Statement statement = blocker.createStatement()) {
			blocker.setAutoCommit(false);
			statement.execute("LOCK TABLE hoist_schema_history IN ACCESS EXCLUSIVE MODE");
			long start = System.nanoTime();
			assertThatExceptionOfType(HoistException.class).isThrownBy(() -> hoist.status(Duration.ofMillis(500)))
				.withMessageContaining("read the migration status")
				.withMessageContaining("57014");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
			// the server cancelled the read: nothing is left waiting there
			assertThat(this.database.queryForLong("SELECT count(*) FROM pg_stat_activity WHERE datname = '"
					+ this.database.name() + "' AND wait_event_type = 'Lock'"))
				.isZero();
			blocker.rollback();
		}
		assertThat(hoist.status(Duration.ofSeconds(5)).revision()).hasToString("1");
	}

	@Test
	void statusWithATimeoutRestoresTheConnectionsTimeoutForItsPool() throws Exception {
		MigrationFiles files = MigrationFiles.create().write("V1__one.sql", "CREATE TABLE one (id int);");
		try (Connection connection = this.database.connect()) {
			connection.setNetworkTimeout(Runnable::run, 60_000);
			try (Statement statement = connection.createStatement()) {
				statement.execute("SET statement_timeout = '45s'");
			}
			hoist(files, pooledOnce(connection)).status(Duration.ofSeconds(3));
			assertThat(connection.isClosed()).isFalse();
			assertThat(connection.getNetworkTimeout()).isEqualTo(60_000);
			try (Statement statement = connection.createStatement();
					ResultSet rs = statement.executeQuery("SHOW statement_timeout")) {
				rs.next();
				assertThat(rs.getString(1)).isEqualTo("45s");
			}
		}
	}

	// a pool of one: close() hands the connection back instead of closing it
	private static DataSource pooledOnce(Connection connection) {
		Connection handle = (Connection) Proxy.newProxyInstance(HoistStatusTests.class.getClassLoader(),
				new Class<?>[] { Connection.class }, (proxy, method, args) -> {
					if (method.getName().equals("close")) {
						return null;
					}
					try {
						return method.invoke(connection, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
		return (DataSource) Proxy.newProxyInstance(HoistStatusTests.class.getClassLoader(),
				new Class<?>[] { DataSource.class }, (proxy, method, args) -> {
					if (method.getName().equals("getConnection")) {
						return handle;
					}
					throw new UnsupportedOperationException(method.getName());
				});
	}

	private Hoist hoist(MigrationFiles files, DataSource dataSource) {
		return Hoist.configure().dataSource(dataSource).locations(files.location()).listeners(this.recorder).load();
	}

}
