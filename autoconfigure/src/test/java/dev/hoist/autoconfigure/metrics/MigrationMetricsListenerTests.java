package dev.hoist.autoconfigure.metrics;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.hoist.core.DatabaseUnavailableException;
import dev.hoist.core.Hoist;
import dev.hoist.core.LockTimeoutException;
import dev.hoist.core.MigrationFailedException;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Hoist's meters as real runs against PostgreSQL record them.
 */
@PostgresTest
class MigrationMetricsListenerTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private TestDatabase database;

	private Path migrations;

	@BeforeEach
	void prepare(TestDatabase database) throws IOException {
		this.database = database;
		database.resetPublicSchema();
		this.migrations = Files.createTempDirectory("hoist-metrics");
		write("V1__one.sql", "CREATE TABLE one (id int);");
		write("V2__two.sql", "CREATE TABLE two (id int);");
	}

	@Test
	void gaugesShowNothingBeforeTheFirstStatusRead() {
		new MigrationMetricsListener(this.registry);
		assertThat(this.registry.get("hoist.migrations.pending").gauge().value()).isNaN();
		assertThat(this.registry.get("hoist.schema.ahead").gauge().value()).isNaN();
	}

	@Test
	void aRunRecordsEachMigrationTheLockWaitAndThePendingCountAfterIt() {
		hoist(new MigrationMetricsListener(this.registry)).migrate();
		assertThat(this.registry.get("hoist.migration").tags("outcome", "success", "type", "sql").timer().count())
			.isEqualTo(2);
		assertThat(this.registry.get("hoist.migrations.applied").tags("type", "sql").counter().count()).isEqualTo(2);
		assertThat(this.registry.get("hoist.lock.wait").tags("outcome", "acquired").timer().count()).isOne();
		assertThat(this.registry.get("hoist.migrations.pending").gauge().value()).isZero();
		assertThat(this.registry.get("hoist.schema.ahead").gauge().value()).isZero();
	}

	@Test
	void aFailedMigrationIsTimedWithTheFailureOutcome() throws IOException {
		write("V3__broken.sql", "CREATE TABLE three (id int REFERENCES nowhere(id));");
		MigrationMetricsListener listener = new MigrationMetricsListener(this.registry);
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> hoist(listener).migrate());
		assertThat(this.registry.get("hoist.migration").tags("outcome", "failure", "type", "sql").timer().count())
			.isOne();
		assertThat(this.registry.get("hoist.migrations.applied").counter().count()).isEqualTo(2);
		hoist(listener).status();
		assertThat(this.registry.get("hoist.migrations.pending").gauge().value()).isOne();
	}

	@Test
	void pendingMigrationsPastTheTargetDoNotCount() throws IOException {
		write("V3__three.sql", "CREATE TABLE three (id int);");
		MigrationMetricsListener listener = new MigrationMetricsListener(this.registry);
		Hoist.configure()
			.dataSource(this.database.dataSource())
			.locations("filesystem:" + this.migrations)
			.target("2")
			.listeners(listener)
			.load()
			.migrate();
		assertThat(this.registry.get("hoist.migrations.pending").gauge().value()).isZero();
	}

	@Test
	void aDatabaseAheadOfThisBuildSetsTheAheadGauge() throws IOException {
		write("V3__three.sql", "CREATE TABLE three (id int);");
		hoist(new MigrationMetricsListener(new SimpleMeterRegistry())).migrate();
		Files.delete(this.migrations.resolve("V3__three.sql"));
		hoist(new MigrationMetricsListener(this.registry)).migrate();
		assertThat(this.registry.get("hoist.schema.ahead").gauge().value()).isOne();
	}

	@Test
	void aLockTimeoutIsTimedWithTheTimeoutOutcome() throws Exception {
		try (Connection holder = this.database.connect(); Statement statement = holder.createStatement()) {
			statement.execute("SELECT pg_advisory_lock(" + lockKey() + ")");
			Hoist hoist = Hoist.configure()
				.dataSource(this.database.dataSource())
				.locations("filesystem:" + this.migrations)
				.lockWaitTimeout(Duration.ofMillis(300))
				.listeners(new MigrationMetricsListener(this.registry))
				.load();
			assertThatExceptionOfType(LockTimeoutException.class).isThrownBy(hoist::migrate);
		}
		assertThat(this.registry.get("hoist.lock.wait").tags("outcome", "timeout").timer().count()).isOne();
		assertThat(this.registry.get("hoist.lock.wait")
			.tags("outcome", "timeout")
			.timer()
			.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(300);
	}

	@Test
	void waitingForTheDatabaseIsTimedByOutcome() throws IOException {
		MigrationMetricsListener listener = new MigrationMetricsListener(this.registry);
		Hoist.configure()
			.dataSource(this.database.dataSource())
			.locations("filesystem:" + this.migrations)
			.waitTimeout(Duration.ofMillis(300))
			.listeners(listener)
			.load()
			.status();
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		Hoist nowhere = Hoist.configure()
			.url("jdbc:postgresql://localhost:" + closedPort + "/nowhere", "nobody", null)
			.locations("filesystem:" + this.migrations)
			.waitTimeout(Duration.ofMillis(300))
			.waitInitialDelay(Duration.ofMillis(50))
			.listeners(listener)
			.load();
		assertThatExceptionOfType(DatabaseUnavailableException.class).isThrownBy(nowhere::status);
		assertThat(this.registry.get("hoist.database.wait").tags("outcome", "success").timer().count()).isOne();
		assertThat(this.registry.get("hoist.database.wait").tags("outcome", "failure").timer().count()).isOne();
	}

	private Hoist hoist(MigrationMetricsListener listener) {
		return Hoist.configure()
			.dataSource(this.database.dataSource())
			.locations("filesystem:" + this.migrations)
			.listeners(listener)
			.load();
	}

	private void write(String name, String sql) throws IOException {
		Files.writeString(this.migrations.resolve(name), sql);
	}

	private static long lockKey() throws Exception {
		// the engine's key for public.hoist_schema_history: a drift fails to block
		byte[] hash = MessageDigest.getInstance("SHA-256")
			.digest("hoist:public.hoist_schema_history".getBytes(StandardCharsets.UTF_8));
		return ByteBuffer.wrap(hash, 0, 8).getLong();
	}

}
