package dev.hoist.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.hoist.testsupport.MigrationHistory;
import dev.hoist.testsupport.StandalonePostgres;
import dev.hoist.testsupport.TestDatabase;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 7: the machine of the instance that holds the migration lock vanishes in the
 * middle of a long statement, without closing its connection (power loss, a partition, a
 * node lost from its cluster). The holder runs in a network namespace whose link is cut:
 * PostgreSQL receives no FIN and no RST. With Hoist's default {@code lostHolderTimeout}
 * (30 s) the server ends the lost session and a second instance, waiting for the lock,
 * takes over within that bound and applies the rest once. A control run without the
 * settings ({@code --lost-holder-timeout 0}) shows the lost holder still holding the lock
 * a minute later: the system's keepalive would take about two hours.
 */
class VanishedHolderTests {

	private static final String SCENARIO = "7-vanished-holder";

	private static final int SLOW = 10;

	private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(180);

	// the derived settings end the lost session within about 23 s (keepalive 8 + 3 x 4 s,
	// then a connection check every 3 s); the contract is 30 s, and the 15 s above it are
	// for the waiter's lock poll and this test's own polling on a loaded machine, not for
	// the server, whose verdict comes from kernel timers
	private static final Duration TAKEOVER_BOUND = Duration.ofSeconds(45);

	private static final Duration CONTROL_WAIT = Duration.ofSeconds(60);

	@Test
	@Timeout(value = 6, unit = TimeUnit.MINUTES)
	void aSecondInstanceTakesOverWithinTheBoundWhenTheHoldersMachineVanishes() {
		try (Setup setup = Setup.create("takeover", null)) {
			HoistProcess waiter = setup.waiter();
			long cut = System.nanoTime();
			setup.namespace().cut();

			Scenario.await("the lost holder's session to end", PROCESS_TIMEOUT, () -> setup.database()
				.queryForLong("SELECT count(*) FROM pg_stat_activity WHERE pid = " + setup.holderPid()) == 0);
			Duration freed = Duration.ofNanos(System.nanoTime() - cut);
			assertThat(waiter.awaitExit(PROCESS_TIMEOUT)).as(waiter.output()).isZero();
			JsonNode result = waiter.json();
			assertThat(result.get("applied")).as("what the second instance applied: V%d onwards", SLOW)
				.hasSize(setup.set().size() - SLOW + 1);
			Scenario.assertMigrated(setup.database(), setup.set(), setup.migrations(), setup.reference());
			assertThat(freed).as("from the cut to the lost holder's session ending").isLessThan(TAKEOVER_BOUND);
			Scenario.figure(SCENARIO,
					"holder's link cut in V" + SLOW + " (no FIN): the server ended its session " + freed.toMillis()
							+ " ms after the cut (lostHolderTimeout 30 s); the waiting instance took the lock,"
							+ " applied the other " + result.get("applied").size() + " migrations once, waited "
							+ result.get("lockWaitMs").asLong() + " ms for the lock in all");
		}
	}

	@Test
	@Timeout(value = 6, unit = TimeUnit.MINUTES)
	void withoutTheSettingsTheVanishedHolderStillHoldsTheLockAMinuteLater() {
		try (Setup setup = Setup.create("control", "0")) {
			HoistProcess waiter = setup.waiter();
			setup.namespace().cut();
			sleep(CONTROL_WAIT);

			assertThat(setup.database()
				.queryForLong("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = "
						+ setup.holderPid()))
				.as("advisory lock still held by the vanished holder %d s after the cut", CONTROL_WAIT.toSeconds())
				.isOne();
			assertThat(waiter.isAlive()).as("the second instance still waiting").isTrue();
			// what an operator has to do without the settings
			setup.database().execute("SELECT pg_terminate_backend(" + setup.holderPid() + ")");
			assertThat(waiter.awaitExit(PROCESS_TIMEOUT)).as(waiter.output()).isZero();
			Scenario.assertMigrated(setup.database(), setup.set(), setup.migrations(), setup.reference());
			Scenario.figure(SCENARIO,
					"control with --lost-holder-timeout 0: the vanished holder still held the lock "
							+ CONTROL_WAIT.toSeconds() + " s after the cut, the second instance still waiting,"
							+ " until pg_terminate_backend");
		}
	}

	private static void sleep(Duration duration) {
		try {
			TimeUnit.NANOSECONDS.sleep(duration.toNanos());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A server listening into a namespace, a holder inside it in the middle of a 300 s
	 * statement, and a second instance waiting for the lock from this machine.
	 */
	private record Setup(NetworkNamespace namespace, StandalonePostgres postgres, TestDatabase database,
			MigrationHistory set, Path migrations, SchemaFingerprint reference, HoistProcess holder, long holderPid,
			HoistProcess[] waiters) implements AutoCloseable {

		static Setup create(String name, @Nullable String lostHolderTimeout) {
			Path directory = Scenario.directory(SCENARIO + "-" + name);
			NetworkNamespace namespace = NetworkNamespace.create(SCENARIO);
			StandalonePostgres postgres = null;
			HoistProcess holder = null;
			try {
				postgres = StandalonePostgres.onFreePort()
					.alsoListeningOn(namespace.hostAddress(), namespace.innerAddress() + "/32")
					.start();
				TestDatabase database = postgres.database();
				// slow only for the holder on the vanishing machine
				MigrationHistory set = MigrationHistory.of(20)
					.slowWhen(SLOW, 300, "inet_client_addr() = '" + namespace.innerAddress() + "'")
					.build();
				Path migrations = set.writeTo(directory.resolve("migrations"));
				SchemaFingerprint reference = Scenario.reference(set);
				String url = "jdbc:postgresql://" + namespace.hostAddress() + ":" + postgres.port() + "/postgres";
				holder = (lostHolderTimeout != null)
						? HoistProcess.cliIn(namespace, "holder", directory, "migrate", "--url", url, "--user",
								"postgres", "--locations", "filesystem:" + migrations.toAbsolutePath(),
								"--lost-holder-timeout", lostHolderTimeout)
						: HoistProcess.cliIn(namespace, "holder", directory, "migrate", "--url", url, "--user",
								"postgres", "--locations", "filesystem:" + migrations.toAbsolutePath());
				String sleeping = "SELECT pid FROM pg_stat_activity WHERE state = 'active' AND query LIKE"
						+ " 'SELECT pg_sleep%' AND client_addr = '" + namespace.innerAddress() + "'";
				HoistProcess running = holder;
				Scenario.await("the holder's slow statement", PROCESS_TIMEOUT,
						() -> database.queryForString(sleeping) != null || !running.isAlive());
				assertThat(holder.isAlive()).as(holder.output()).isTrue();
				long holderPid = Long.parseLong(String.valueOf(database.queryForString(sleeping)));
				HoistProcess waiter = HoistProcess.cli("waiter", directory, "migrate", "--json", "--url",
						postgres.jdbcUrl(), "--user", "postgres", "--locations",
						"filesystem:" + migrations.toAbsolutePath());
				waiter.awaitLine("waiting for the migration lock", PROCESS_TIMEOUT);
				return new Setup(namespace, postgres, database, set, migrations, reference, holder, holderPid,
						new HoistProcess[] { waiter });
			}
			catch (RuntimeException | Error ex) {
				if (holder != null) {
					holder.close();
				}
				if (postgres != null) {
					postgres.close();
				}
				namespace.close();
				throw ex;
			}
		}

		HoistProcess waiter() {
			return this.waiters[0];
		}

		@Override
		public void close() {
			try {
				this.holder.close();
				this.waiters[0].close();
			}
			finally {
				this.postgres.close();
				this.namespace.close();
			}
		}

	}

}
