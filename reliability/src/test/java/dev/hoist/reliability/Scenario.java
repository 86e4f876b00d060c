package dev.hoist.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import dev.hoist.core.Hoist;
import dev.hoist.core.HoistStatus;
import dev.hoist.testsupport.MigrationHistory;
import dev.hoist.testsupport.PostgresServer;
import dev.hoist.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every scenario shares: where the CLI jar and the output go, fresh databases, the
 * checks made after each scenario, bounded waits and the figures the suite reports.
 */
final class Scenario {

	private static final AtomicInteger databases = new AtomicInteger();

	private Scenario() {
	}

	/**
	 * Return the packaged CLI jar, which the reactor built before this module.
	 * @return the jar
	 */
	static Path cliJar() {
		String jar = System.getProperty("hoist.cli.jar");
		if (jar == null || jar.isBlank() || !Files.isRegularFile(Path.of(jar))) {
			throw new IllegalStateException("No CLI jar (hoist.cli.jar=" + jar + "). Run the suite through the reactor:"
					+ " mvn -Preliability verify, or mvn -Preliability -pl reliability -am verify");
		}
		return Path.of(jar);
	}

	/**
	 * Return a directory for one scenario's files and process logs.
	 * @param name the scenario
	 * @return the directory, created
	 */
	static Path directory(String name) {
		Path directory = Path.of(System.getProperty("hoist.reliability.output", "target/reliability"), name);
		try {
			return Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Create an empty database on the shared server.
	 * @param prefix a name for it
	 * @return the database
	 */
	static TestDatabase newDatabase(String prefix) {
		return PostgresServer.shared()
			.createDatabase("rel_" + prefix + "_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet());
	}

	/**
	 * Build the reference: the set applied without Hoist to a database of its own.
	 * @param set the migrations
	 * @return the reference fingerprint
	 */
	static SchemaFingerprint reference(MigrationHistory set) {
		TestDatabase database = newDatabase("reference");
		try (Connection connection = database.connect()) {
			set.applyDirectly(connection);
			return SchemaFingerprint.of(database);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			PostgresServer.shared().dropDatabase(database.name());
		}
	}

	/**
	 * Check what the issue asks of every scenario: each migration applied exactly once, a
	 * consistent history that Hoist itself finds valid and current, no advisory lock
	 * left, and the schema equal to the reference.
	 * @param database the migrated database
	 * @param set the migrations
	 * @param locations where the files are
	 * @param reference the reference fingerprint
	 */
	static void assertMigrated(TestDatabase database, MigrationHistory set, Path locations,
			SchemaFingerprint reference) {
		List<String> versions = IntStream.rangeClosed(1, set.size()).mapToObj(Integer::toString).toList();
		assertThat(database.queryForList("SELECT version FROM hoist_schema_history ORDER BY installed_rank"))
			.as("history versions in rank order, each once")
			.containsExactlyElementsOf(versions);
		assertThat(database.queryForLong("SELECT count(*) FROM hoist_schema_history WHERE NOT success"))
			.as("failed history rows")
			.isZero();
		assertThat(database.queryForList("SELECT version::text FROM ledger ORDER BY applied_at, version"))
			.as("ledger rows: every migration's statements ran exactly once, in order")
			.containsExactlyElementsOf(versions);
		HoistStatus status = Hoist.configure()
			.url(database.jdbcUrl(), database.user(), database.password())
			.locations("filesystem:" + locations.toAbsolutePath())
			.load()
			.status();
		assertThat(status.problems()).as("Hoist's own validation").isEmpty();
		assertThat(status.state()).isEqualTo(HoistStatus.State.CURRENT);
		assertThat(status.pending()).isEmpty();
		assertNoAdvisoryLock(database);
		assertThat(SchemaFingerprint.of(database).lines()).as("schema fingerprint against the reference")
			.containsExactlyElementsOf(reference.lines());
	}

	/**
	 * Check that no session holds an advisory lock in the database. A killed process's
	 * backend ends a moment after its socket closes, so this waits a little.
	 * @param database the database
	 */
	static void assertNoAdvisoryLock(TestDatabase database) {
		String sql = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
				+ " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())";
		await("no advisory lock in pg_locks of " + database.name(), Duration.ofSeconds(10),
				() -> database.queryForLong(sql) == 0);
	}

	/**
	 * Poll a condition until it holds.
	 * @param what what is awaited, for the failure message
	 * @param timeout the longest wait
	 * @param condition the condition
	 * @throws AssertionError when it does not hold in time
	 */
	static void await(String what, Duration timeout, BooleanSupplier condition) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() - deadline >= 0) {
				throw new AssertionError("Waited " + timeout.toMillis() + " ms for " + what);
			}
			try {
				TimeUnit.MILLISECONDS.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for " + what, ex);
			}
		}
	}

	/**
	 * Record a measured figure: printed, and appended to
	 * {@code target/reliability/figures.md}.
	 * @param scenario the scenario
	 * @param figure what was measured
	 */
	static void figure(String scenario, String figure) {
		String line = "- " + Instant.now() + " **" + scenario + "**: " + figure;
		System.out.println("[reliability] " + scenario + ": " + figure);
		try {
			Files.writeString(directory(".").resolve("figures.md"), line + "\n", StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
