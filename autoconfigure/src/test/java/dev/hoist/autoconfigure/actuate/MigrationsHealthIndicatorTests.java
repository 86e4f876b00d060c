package dev.hoist.autoconfigure.actuate;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import dev.hoist.core.Hoist;
import dev.hoist.core.HoistListener;
import dev.hoist.core.HoistStatus;
import dev.hoist.core.MigrateResult;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.StandalonePostgres;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code migrations} health over real HTTP in each state an operator meets: behind,
 * ahead, waiting for another instance's lock, a database that stops and comes back, one
 * that hangs, and migrations that no longer match.
 */
@PostgresTest
class MigrationsHealthIndicatorTests {

	private static final String HEALTH = "/actuator/health/migrations";

	private TestDatabase server;

	private TestDatabase database;

	private Path migrations;

	@BeforeEach
	void prepare(TestDatabase server) throws IOException {
		this.server = server;
		this.database = server.server().createDatabase(server.name() + "_" + Long.toString(System.nanoTime(), 36));
		this.migrations = Files.createTempDirectory("hoist-health");
		write("V1__create_shops.sql", "CREATE TABLE shops (id bigserial PRIMARY KEY, domain text NOT NULL);");
		write("V2__add_shop_name.sql", "ALTER TABLE shops ADD COLUMN name text;");
	}

	@AfterEach
	void dropDatabase() {
		this.server.server().dropDatabase(this.database.name());
	}

	@Test
	void behindWhenThisBuildHasAMigrationTheDatabaseLacksInValidateMode() throws IOException {
		// a Kubernetes job migrated to V2; this replica only validates
		hoist(this.migrations).migrate();
		try (RunningService service = RunningService.start(this.database, "hoist.mode=validate",
				"hoist.locations=filesystem:" + this.migrations, "hoist.health.cache-time=0")) {
			assertThat(service.http().get(HEALTH).<String>read("$.status")).isEqualTo("UP");
			write("V3__add_shop_plan.sql", "ALTER TABLE shops ADD COLUMN plan text;");
			Http.Response health = service.http().get(HEALTH);
			assertThat(health.status()).isEqualTo(503);
			assertThat(health.<String>read("$.status")).isEqualTo("OUT_OF_SERVICE");
			assertThat(health.<Map<String, Object>>read("$.details")).containsEntry("state", "behind")
				.containsEntry("revision", "2")
				.containsEntry("head", "3")
				.containsEntry("pending", 1);
			Http.Response migrations = service.http().get("/actuator/migrations");
			assertThat(migrations.<String>read("$.state")).isEqualTo("behind");
			assertThat(migrations.<List<String>>read("$.pending[*].version")).containsExactly("3");
			assertThat(migrations.<List<String>>read("$.pending[*].state")).containsExactly("PENDING");
			assertThat(this.database.queryForLong("SELECT count(*) FROM hoist_schema_history")).isEqualTo(2);
			assertThat(service.http().get("/actuator/prometheus").body())
				.containsPattern("(?m)^hoist_migrations_pending 1\\.0$");
		}
	}

	@Test
	void healthAndTheEndpointShowWhatThePendingMigrationsWillLock() throws IOException {
		hoist(this.migrations).migrate();
		try (RunningService service = RunningService.start(this.database, "hoist.mode=validate",
				"hoist.locations=filesystem:" + this.migrations, "hoist.health.cache-time=0")) {
			write("V3__index_shop_domains.sql", "CREATE INDEX shops_domain ON shops (domain);");
			Http.Response health = service.http().get(HEALTH);
			assertThat(health.<List<String>>read("$.details.findings"))
				.anySatisfy((finding) -> assertThat(finding).contains("V3__index_shop_domains.sql line 1: ")
					.contains("hoist:index-not-concurrent (error) on shops (0 rows, "));
			Http.Response migrations = service.http().get("/actuator/migrations");
			assertThat(migrations.<List<String>>read("$.findings[*].rule")).contains("hoist:index-not-concurrent");
			assertThat(migrations.<List<String>>read("$.findings[?(@.rule == 'hoist:index-not-concurrent')].lockMode"))
				.containsExactly("SHARE");
			assertThat(migrations.<List<Object>>read("$.findings[?(@.rule == 'hoist:index-not-concurrent')].rows"))
				.containsExactly(0);
			assertThat(
					migrations.<List<String>>read("$.findings[?(@.rule == 'hoist:index-not-concurrent')].suggestion"))
				.singleElement()
				.asString()
				.contains("CONCURRENTLY");
		}
	}

	@Test
	void aheadWhenTheDatabaseHasAMigrationNewerThanThisBuild() throws IOException {
		// a newer release already ran V3; this older replica only knows V1 and V2
		Path newer = Files.createTempDirectory("hoist-health-newer");
		Files.writeString(newer.resolve("V1__create_shops.sql"), read("V1__create_shops.sql"));
		Files.writeString(newer.resolve("V2__add_shop_name.sql"), read("V2__add_shop_name.sql"));
		Files.writeString(newer.resolve("V3__add_shop_plan.sql"), "ALTER TABLE shops ADD COLUMN plan text;");
		hoist(newer).migrate();
		try (RunningService service = RunningService.start(this.database,
				"hoist.locations=filesystem:" + this.migrations)) {
			Http.Response health = service.http().get(HEALTH);
			assertThat(health.status()).isEqualTo(200);
			assertThat(health.<String>read("$.status")).isEqualTo("UP");
			assertThat(health.<Map<String, Object>>read("$.details")).containsEntry("state", "ahead")
				.containsEntry("revision", "3")
				.containsEntry("head", "2")
				.containsEntry("pending", 0);
			assertThat(service.http().get("/actuator/prometheus").body())
				.containsPattern("(?m)^hoist_schema_ahead 1\\.0$");
		}
	}

	@Test
	void waitingForLockShowsTheSessionThatHoldsIt() throws Exception {
		try (RunningService service = RunningService.start(this.database,
				"hoist.locations=filesystem:" + this.migrations, "hoist.health.cache-time=0");
				Connection holder = this.database.connect();
				Statement statement = holder.createStatement()) {
			statement.execute("SET application_name = 'other-replica'");
			statement.execute("SELECT pg_advisory_lock(" + lockKey() + ")");
			int holderPid = pid(statement);
			write("V3__add_shop_plan.sql", "ALTER TABLE shops ADD COLUMN plan text;");
			CompletableFuture<MigrateResult> run = CompletableFuture
				.supplyAsync(() -> service.bean(Hoist.class).migrate());
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				Http.Response health = service.http().get(HEALTH);
				assertThat(health.status()).isEqualTo(503);
				assertThat(health.<String>read("$.status")).isEqualTo("OUT_OF_SERVICE");
				assertThat(health.<String>read("$.details.state")).isEqualTo("waiting-for-lock");
				assertThat(health.<Map<String, Object>>read("$.details.lockHolder")).containsEntry("pid", holderPid)
					.containsEntry("applicationName", "other-replica")
					.containsKey("since");
			});
			statement.execute("SELECT pg_advisory_unlock_all()");
			assertThat(run.get().migrationsExecuted()).isEqualTo(1);
			Http.Response health = service.http().get(HEALTH);
			assertThat(health.<String>read("$.status")).isEqualTo("UP");
			assertThat(health.<Map<String, Object>>read("$.details")).containsEntry("state", "current")
				.containsEntry("revision", "3")
				.doesNotContainKey("lockHolder");
		}
	}

	@Test
	void downWithinTheTimeoutWhenTheDatabaseStopsAndUpAgainWhenItIsBack() {
		try (StandalonePostgres postgres = StandalonePostgres.onFreePort().start();
				RunningService service = RunningService.start("spring.datasource.url=" + postgres.jdbcUrl(),
						"spring.datasource.username=postgres", "hoist.locations=filesystem:" + this.migrations,
						"hoist.health.timeout=1s", "hoist.health.cache-time=0")) {
			assertThat(service.http().get(HEALTH).<String>read("$.status")).isEqualTo("UP");
			postgres.stop();
			long start = System.nanoTime();
			Http.Response health = service.http().get(HEALTH);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
			assertThat(health.status()).isEqualTo(503);
			assertThat(health.<String>read("$.status")).isEqualTo("DOWN");
			assertThat(health.<String>read("$.details.error")).isNotBlank();
			assertThat(health.<String>read("$.details.database")).endsWith(":" + postgres.port() + "/postgres");
			postgres.start();
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				Http.Response back = service.http().get(HEALTH);
				assertThat(back.<String>read("$.status")).isEqualTo("UP");
				assertThat(back.<String>read("$.details.revision")).isEqualTo("2");
			});
		}
	}

	@Test
	void downWithinTheTimeoutWhenTheDatabaseHangs() throws Exception {
		try (RunningService service = RunningService.start(this.database,
				"hoist.locations=filesystem:" + this.migrations, "hoist.health.timeout=1s",
				"hoist.health.cache-time=0");
				Connection blocker = this.database.connect();
				Statement statement = blocker.createStatement()) {
			// every read of the history table now waits for this transaction
			blocker.setAutoCommit(false);
			statement.execute("LOCK TABLE hoist_schema_history IN ACCESS EXCLUSIVE MODE");
			for (int probe = 0; probe < 3; probe++) {
				long start = System.nanoTime();
				Http.Response health = service.http().get(HEALTH);
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
				assertThat(health.<String>read("$.status")).isEqualTo("DOWN");
				assertThat(health.<String>read("$.details.error")).isNotBlank();
			}
			// probes that pile up share one read: one connection waits, not one per probe
			assertThat(this.database.queryForLong("SELECT count(*) FROM pg_stat_activity WHERE datname = '"
					+ this.database.name() + "' AND wait_event_type = 'Lock'"))
				.isLessThanOrEqualTo(1);
			blocker.rollback();
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(service.http().get(HEALTH).<String>read("$.status")).isEqualTo("UP"));
		}
	}

	@Test
	void downWithTheProblemWhenAnAppliedMigrationChanged() throws IOException {
		try (RunningService service = RunningService.start(this.database,
				"hoist.locations=filesystem:" + this.migrations, "hoist.health.cache-time=0")) {
			write("V2__add_shop_name.sql", "ALTER TABLE shops ADD COLUMN name varchar(200);");
			Http.Response health = service.http().get(HEALTH);
			assertThat(health.status()).isEqualTo(503);
			assertThat(health.<String>read("$.status")).isEqualTo("DOWN");
			assertThat(health.<String>read("$.details.error")).contains("V2__add_shop_name.sql");
		}
	}

	@Test
	void probesWithinTheCacheTimeShareOneRead() {
		try (RunningService service = RunningService.start(this.database,
				"hoist.locations=filesystem:" + this.migrations, "hoist.health.cache-time=1h",
				"spring.main.sources=" + ReadCounter.class.getName())) {
			AtomicInteger reads = service.bean(ReadCounter.class).reads;
			for (int probe = 0; probe < 10; probe++) {
				assertThat(service.http().get(HEALTH).<String>read("$.status")).isEqualTo("UP");
			}
			// one read after startup's own (which every run reports)
			assertThat(reads).hasValue(2);
		}
	}

	private Hoist hoist(Path location) {
		return Hoist.configure().dataSource(this.database.dataSource()).locations("filesystem:" + location).load();
	}

	private void write(String name, String sql) throws IOException {
		Files.writeString(this.migrations.resolve(name), sql);
	}

	private String read(String name) throws IOException {
		return Files.readString(this.migrations.resolve(name));
	}

	private static int pid(Statement statement) throws Exception {
		try (ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
			rs.next();
			return rs.getInt(1);
		}
	}

	private static long lockKey() throws Exception {
		// the engine's key for public.hoist_schema_history: a drift fails to block
		byte[] hash = MessageDigest.getInstance("SHA-256")
			.digest("hoist:public.hoist_schema_history".getBytes(StandardCharsets.UTF_8));
		return ByteBuffer.wrap(hash, 0, 8).getLong();
	}

	// added as a source of the application: a listener bean the
	// auto-configured Hoist collects
	static class ReadCounter implements HoistListener {

		final AtomicInteger reads = new AtomicInteger();

		@Override
		public void statusRead(HoistStatus status) {
			this.reads.incrementAndGet();
		}

	}

}
