package dev.hoist.autoconfigure.actuate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.hoist.core.Hoist;
import dev.hoist.core.HoistListener;
import dev.hoist.core.HoistStatus;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Status reads for probes: reused for the cache time, one at a time, and bounded when
 * PostgreSQL does not answer.
 */
@PostgresTest
class MigrationStatusReaderTests {

	private final AtomicInteger reads = new AtomicInteger();

	private TestDatabase database;

	private Hoist hoist;

	private MigrationStatusReader reader;

	@BeforeEach
	void prepare(TestDatabase database) throws IOException {
		this.database = database;
		database.resetPublicSchema();
		Path migrations = Files.createTempDirectory("hoist-reader");
		Files.writeString(migrations.resolve("V1__one.sql"), "CREATE TABLE one (id int);");
		this.hoist = Hoist.configure()
			.dataSource(database.dataSource())
			.locations("filesystem:" + migrations)
			.listeners(new HoistListener() {

				@Override
				public void statusRead(HoistStatus status) {
					MigrationStatusReaderTests.this.reads.incrementAndGet();
				}

			})
			.load();
		this.hoist.migrate();
		this.reads.set(0);
	}

	@AfterEach
	void stopReader() {
		if (this.reader != null) {
			this.reader.destroy();
		}
	}

	@Test
	void readsWithinTheCacheTimeAreOneRead() {
		this.reader = new MigrationStatusReader(this.hoist, Duration.ofSeconds(2), Duration.ofMinutes(1));
		for (int i = 0; i < 5; i++) {
			assertThat(this.reader.read().status().revision()).hasToString("1");
		}
		assertThat(this.reads).hasValue(1);
	}

	@Test
	void aFreshReadIgnoresTheCache() {
		this.reader = new MigrationStatusReader(this.hoist, Duration.ofSeconds(2), Duration.ofMinutes(1));
		this.reader.read();
		this.reader.readFresh();
		assertThat(this.reads).hasValue(2);
	}

	@Test
	void aReadThatTakesTooLongFailsWithinTheTimeoutAndTheNextOneSeesTheDatabaseAgain() throws Exception {
		this.reader = new MigrationStatusReader(this.hoist, Duration.ofMillis(500), Duration.ZERO);
		try (Connection blocker = this.database.connect(); Statement statement = blocker.createStatement()) {
			blocker.setAutoCommit(false);
			statement.execute("LOCK TABLE hoist_schema_history IN ACCESS EXCLUSIVE MODE");
			long start = System.nanoTime();
			MigrationStatusReader.Read read = this.reader.read();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
			assertThat(read.status()).isNull();
			assertThat(read.error()).isNotBlank();
			blocker.rollback();
		}
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.reader.read().status()).isNotNull());
	}

	@Test
	void aFailureSaysWhyWithoutThrowing() {
		this.database.execute("DROP TABLE hoist_schema_history; CREATE VIEW hoist_schema_history AS SELECT 1 AS x");
		this.reader = new MigrationStatusReader(this.hoist, Duration.ofSeconds(2), Duration.ZERO);
		MigrationStatusReader.Read read = this.reader.read();
		assertThat(read.status()).isNull();
		assertThat(read.error()).startsWith("Hoist could not read the migration status");
	}

}
