package dev.hoist.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.hoist.testsupport.MigrationHistory;
import dev.hoist.testsupport.PostgresServer;
import dev.hoist.testsupport.SilentServer;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 8: SIGTERM, as Kubernetes sends it to stop a pod, while a Spring Boot service
 * or the CLI migrates in the middle of a 300 s statement, and while a service waits for a
 * server that accepts connections and never answers. The process cancels the statement,
 * rolls its migration back, releases the lock, says what was rolled back and ends, well
 * inside Kubernetes' 30 s grace period; the next start applies the rest, each migration
 * once.
 */
class ShutdownTests {

	private static final String SCENARIO = "8-sigterm";

	private static final int SLOW = 10;

	private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(180);

	// Kubernetes' default grace period, after which it sends SIGKILL: the requirement
	// itself. The mechanism takes well under a second (a cancel and a rollback); the rest
	// is room for a JVM ending on a loaded machine.
	private static final Duration GRACE = Duration.ofSeconds(30);

	@Test
	@Timeout(value = 5, unit = TimeUnit.MINUTES)
	void aSigtermWhileTheServiceMigratesRollsBackAndEndsWithinTheGracePeriod() {
		Run run = new Run("service", "current_setting('application_name') = 'hoist@sigterm'");
		try {
			HoistProcess service = HoistProcess.spring("service", run.directory(),
					"--spring.datasource.url=" + run.database().jdbcUrl(),
					"--spring.datasource.username=" + run.database().user(),
					"--hoist.locations=filesystem:" + run.migrations().toAbsolutePath(),
					"--hoist.application-name=hoist@sigterm");
			run.stopDuringTheSlowMigration(service);
		}
		finally {
			run.close();
		}
	}

	@Test
	@Timeout(value = 5, unit = TimeUnit.MINUTES)
	void aSigtermWhileTheCliMigratesRollsBackAndEndsWithinTheGracePeriod() {
		Run run = new Run("cli", "current_setting('application_name') LIKE 'hoist-cli@%'");
		try {
			HoistProcess cli = HoistProcess.cli("cli", run.directory(), "migrate", "--url", run.database().jdbcUrl(),
					"--user", run.database().user(), "--locations", "filesystem:" + run.migrations().toAbsolutePath());
			run.stopDuringTheSlowMigration(cli);
		}
		finally {
			run.close();
		}
	}

	@Test
	@Timeout(value = 5, unit = TimeUnit.MINUTES)
	void aSigtermWhileTheServiceWaitsForASilentServerEndsItWithinTheGracePeriod() {
		Path directory = Scenario.directory(SCENARIO + "-silent-server");
		try (SilentServer silent = SilentServer.start();
				HoistProcess service = HoistProcess.spring("service", directory,
						"--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + silent.port() + "/shop",
						"--spring.datasource.username=shop", "--hoist.wait.timeout=10m",
						"--hoist.locations=filesystem:" + directory.toAbsolutePath())) {
			Scenario.await("the service to connect to the silent server", PROCESS_TIMEOUT,
					() -> silent.accepted() > 0 || !service.isAlive());
			assertThat(service.isAlive()).as(service.output()).isTrue();
			long sent = service.terminate();
			service.awaitExit(PROCESS_TIMEOUT);
			Duration ended = Duration.ofNanos(System.nanoTime() - sent);
			assertThat(ended).as("from SIGTERM to the end of the process").isLessThan(GRACE);
			assertThat(service.stderr()).contains("interrupted while waiting for PostgreSQL");
			Scenario.figure(SCENARIO, "a service waiting (hoist.wait.timeout=10m) for a server that accepts and never"
					+ " answers ended " + ended.toMillis() + " ms after SIGTERM");
		}
	}

	@Test
	@Timeout(value = 5, unit = TimeUnit.MINUTES)
	void aServiceFacingAServerThatNeverAnswersGivesUpAfterItsWaitTimeout() {
		Path directory = Scenario.directory(SCENARIO + "-silent-wait-timeout");
		try (SilentServer silent = SilentServer.start();
				HoistProcess service = HoistProcess.spring("service", directory,
						"--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + silent.port() + "/shop",
						"--spring.datasource.username=shop", "--hoist.wait.timeout=5s",
						"--hoist.locations=filesystem:" + directory.toAbsolutePath());
				HoistProcess cli = HoistProcess.cli("cli", directory, "status", "--wait-timeout", "5s", "--url",
						"postgres://u:pw@127.0.0.1:" + silent.port() + "/x")) {
			// the reproductions, which never returned; a minute is margin for
			// the JVMs, far beyond the 5 s wait and the one-second last attempt
			assertThat(service.awaitExit(Duration.ofMinutes(1))).as(service.output()).isNotZero();
			assertThat(service.stderr()).contains("gave up waiting for PostgreSQL", "did not answer the last attempt",
					"hoist.connect-timeout");
			assertThat(cli.awaitExit(Duration.ofMinutes(1))).as(cli.output()).isEqualTo(3);
			assertThat(cli.stderr()).contains("gave up waiting for PostgreSQL").doesNotContain("u:pw");
			Scenario.figure(SCENARIO,
					"a service and 'hoist status', each with a 5 s wait, against a server that"
							+ " accepts and never answers: both gave up (exit " + service.awaitExit(PROCESS_TIMEOUT)
							+ " and " + cli.awaitExit(PROCESS_TIMEOUT) + ")");
		}
	}

	/**
	 * A database with 20 migrations, the tenth slow for one kind of client only.
	 */
	private static final class Run implements AutoCloseable {

		private final String name;

		private final Path directory;

		private final MigrationHistory set;

		private final Path migrations;

		private final SchemaFingerprint reference;

		private final TestDatabase database;

		Run(String name, String slowFor) {
			this.name = name;
			this.directory = Scenario.directory(SCENARIO + "-" + name);
			this.set = MigrationHistory.of(20).slowWhen(SLOW, 300, slowFor).build();
			this.migrations = this.set.writeTo(this.directory.resolve("migrations"));
			this.reference = Scenario.reference(this.set);
			this.database = Scenario.newDatabase("sigterm");
		}

		Path directory() {
			return this.directory;
		}

		Path migrations() {
			return this.migrations;
		}

		TestDatabase database() {
			return this.database;
		}

		void stopDuringTheSlowMigration(HoistProcess process) {
			try (process) {
				Scenario
					.await("V" + SLOW + " to be running", PROCESS_TIMEOUT,
							() -> this.database.queryForLong("SELECT count(*) FROM pg_stat_activity WHERE datname ="
									+ " current_database() AND state = 'active' AND query LIKE 'SELECT pg_sleep%'") > 0
									|| !process.isAlive());
				assertThat(process.isAlive()).as(process.output()).isTrue();

				long sent = process.terminate();
				process.awaitExit(PROCESS_TIMEOUT);
				Duration ended = Duration.ofNanos(System.nanoTime() - sent);

				assertThat(ended).as("from SIGTERM to the end of the process").isLessThan(GRACE);
				assertThat(process.stderr()).contains("Hoist was interrupted", "V" + SLOW + "__slow_" + SLOW,
						"its transaction was rolled back", (SLOW - 1) + " migrations applied before it",
						"the migration lock was released");
				assertThat(this.database.queryForLong("SELECT count(*) FROM hoist_schema_history"))
					.as("history after the SIGTERM")
					.isEqualTo(SLOW - 1);
				assertThat(this.database.queryForLong("SELECT count(*) FROM ledger")).as("ledger after the SIGTERM")
					.isEqualTo(SLOW - 1);
				Scenario.assertNoAdvisoryLock(this.database);

				try (HoistProcess next = HoistProcess.replica("next", this.directory,
						"--url=" + this.database.jdbcUrl(), "--user=" + this.database.user(),
						"--locations=filesystem:" + this.migrations.toAbsolutePath(), "--name=next")) {
					assertThat(next.awaitExit(PROCESS_TIMEOUT)).as(next.output()).isZero();
				}
				Scenario.assertMigrated(this.database, this.set, this.migrations, this.reference);
				Scenario.figure(SCENARIO,
						this.name + ": SIGTERM in V" + SLOW + " (a 300 s statement) ended the process "
								+ ended.toMillis() + " ms later, V" + SLOW + " rolled back and the lock released;"
								+ " the next start applied the other " + (this.set.size() - SLOW + 1) + " once");
			}
		}

		@Override
		public void close() {
			PostgresServer.shared().dropDatabase(this.database.name());
		}

	}

}
