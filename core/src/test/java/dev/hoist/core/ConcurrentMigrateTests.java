package dev.hoist.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.hoist.testsupport.MigrationFiles;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Many instances at once, a holder killed mid-migration, CREATE INDEX CONCURRENTLY while
 * others wait, and a lock that is never released.
 */
@PostgresTest
class ConcurrentMigrateTests {

	private TestDatabase database;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	@BeforeEach
	void cleanDatabase(TestDatabase database) {
		this.database = database;
		database.resetPublicSchema();
	}

	@AfterEach
	void stopThreads() throws InterruptedException {
		this.executor.shutdownNow();
		this.executor.awaitTermination(10, TimeUnit.SECONDS);
	}

	@Test
	void eightInstancesMigrateAnEmptyDatabaseAndEachMigrationIsAppliedOnce() throws Exception {
		MigrationFiles files = MigrationFiles.create();
		for (int i = 1; i <= 20; i++) {
			files.write("V" + i + "__step_" + i + ".sql",
					"CREATE TABLE t" + i + " (id int);\nINSERT INTO applied_log VALUES (" + i + ");");
		}
		files.write("V0__log.sql", "CREATE TABLE applied_log (step int);");
		CountDownLatch start = new CountDownLatch(1);
		List<CompletableFuture<MigrateResult>> runs = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			Hoist hoist = TestHoist.configure(files, this.database).applicationName("hoist@instance-" + i).load();
			runs.add(CompletableFuture.supplyAsync(() -> {
				await(start);
				return hoist.migrate();
			}, this.executor));
		}
		start.countDown();

		List<MigrateResult> results = runs.stream().map((run) -> run.orTimeout(60, TimeUnit.SECONDS).join()).toList();

		assertThat(results).allSatisfy((result) -> assertThat(result.revision()).hasToString("20"));
		assertThat(results.stream().mapToInt(MigrateResult::migrationsExecuted).sum()).isEqualTo(21);
		assertThat(this.database.queryForLong("SELECT count(*) FROM applied_log")).isEqualTo(20);
		assertThat(this.database.queryForLong("SELECT count(DISTINCT step) FROM applied_log")).isEqualTo(20);
		assertThat(this.database.queryForLong("SELECT count(*) FROM hoist_schema_history")).isEqualTo(21);
		assertThat(advisoryLocks()).isZero();
	}

	@Test
	void aKilledHolderIsRolledBackAndAWaitingInstanceCompletesWithoutHelp() throws Exception {
		MigrationFiles files = MigrationFiles.create()
			.write("V1__create.sql", "CREATE TABLE shops (id int);")
			.write("V2__slow.sql", "CREATE TABLE half_done (id int);\n"
					+ "SELECT pg_sleep(CASE current_setting('application_name') WHEN 'hoist@victim' THEN 60 ELSE 0 END);");
		Hoist victim = TestHoist.configure(files, this.database).applicationName("hoist@victim").load();
		CompletableFuture<MigrateResult> victimRun = CompletableFuture.supplyAsync(victim::migrate, this.executor);
		awaitCondition(() -> this.database.queryForLong("SELECT count(*) FROM pg_stat_activity"
				+ " WHERE application_name = 'hoist@victim' AND query LIKE '%pg_sleep%' AND state = 'active'") == 1);
		List<HoistStatus.LockHolder> seenHolders = new CopyOnWriteArrayList<>();
		Hoist survivor = TestHoist.configure(files, this.database)
			.applicationName("hoist@survivor")
			.listeners(new HoistListener() {
				@Override
				public void lockWaiting(HoistStatus.@Nullable LockHolder holder, Duration waited) {
					if (holder != null) {
						seenHolders.add(holder);
					}
				}
			})
			.load();
		CompletableFuture<MigrateResult> survivorRun = CompletableFuture.supplyAsync(survivor::migrate, this.executor);
		awaitCondition(() -> !seenHolders.isEmpty());

		this.database.execute(
				"SELECT pg_terminate_backend(pid) FROM pg_stat_activity" + " WHERE application_name = 'hoist@victim'");

		assertThat(victimRun).failsWithin(Duration.ofSeconds(30));
		MigrateResult result = survivorRun.orTimeout(30, TimeUnit.SECONDS).join();
		assertThat(seenHolders.get(0).applicationName()).isEqualTo("hoist@victim");
		assertThat(result.applied()).extracting(MigrationInfo::script).contains("V2__slow.sql");
		assertThat(this.database.queryForLong("SELECT count(*) FROM hoist_schema_history WHERE version = '2'"))
			.isEqualTo(1);
		assertThat(advisoryLocks()).isZero();
	}

	@Test
	void createIndexConcurrentlyCompletesWhileAnotherInstanceWaitsForTheLock() throws Exception {
		MigrationFiles files = MigrationFiles.create()
			.write("V1__orders.sql",
					"CREATE TABLE orders (id bigserial PRIMARY KEY, shop_id int);\n"
							+ "INSERT INTO orders (shop_id) SELECT g % 100 FROM generate_series(1, 20000) g;")
			.write("V2__orders_shop_index.sql",
					"-- migrate:up transaction:false\nSELECT pg_sleep(1);\n"
							+ "CREATE INDEX CONCURRENTLY orders_shop_idx ON orders (shop_id);\n"
							+ "-- migrate:down\nDROP INDEX CONCURRENTLY orders_shop_idx;\n");
		CountDownLatch holding = new CountDownLatch(1);
		CountDownLatch waiting = new CountDownLatch(1);
		Hoist first = TestHoist.configure(files, this.database).listeners(new HoistListener() {
			@Override
			public void migrationStarted(MigrationInfo migration) {
				if ("V2__orders_shop_index.sql".equals(migration.script())) {
					holding.countDown();
					await(waiting);
				}
			}
		}).load();
		Hoist second = TestHoist.configure(files, this.database).listeners(new HoistListener() {
			@Override
			public void lockWaiting(HoistStatus.@Nullable LockHolder holder, Duration waited) {
				waiting.countDown();
			}
		}).load();
		CompletableFuture<MigrateResult> firstRun = CompletableFuture.supplyAsync(first::migrate, this.executor);
		await(holding);
		CompletableFuture<MigrateResult> secondRun = CompletableFuture.supplyAsync(second::migrate, this.executor);

		// today's peers hang here: their waiter sits in a statement the index
		// build waits for
		MigrateResult firstResult = firstRun.orTimeout(30, TimeUnit.SECONDS).join();
		MigrateResult secondResult = secondRun.orTimeout(30, TimeUnit.SECONDS).join();

		assertThat(firstResult.applied()).extracting(MigrationInfo::script).contains("V2__orders_shop_index.sql");
		assertThat(secondResult.applied()).isEmpty();
		assertThat(secondResult.lockWait()).isPositive();
		assertThat(this.database
			.queryForString("SELECT indisvalid FROM pg_index WHERE indexrelid = 'orders_shop_idx'::regclass"))
			.isEqualTo("t");
	}

	@Test
	void lockTimeoutNamesTheHolderAndTheSettingToChange() throws Exception {
		MigrationFiles files = MigrationFiles.create().write("V1__a.sql", "CREATE TABLE a (id int);");
		Hoist hoist = TestHoist.configure(files, this.database).lockWaitTimeout(Duration.ofSeconds(1)).load();
		long key = lockKey("public", "hoist_schema_history");
		try (Connection blocker = this.database.connect(); Statement statement = blocker.createStatement()) {
			statement.execute("SET application_name = 'stuck-deploy-job'");
			statement.execute("SELECT pg_advisory_lock(" + key + ")");
			int pid = pid(blocker);

			assertThatExceptionOfType(LockTimeoutException.class).isThrownBy(hoist::migrate)
				.withMessageContaining("pid " + pid)
				.withMessageContaining("stuck-deploy-job")
				.withMessageContaining("client ")
				.withMessageContaining("lockWaitTimeout(...)")
				.satisfies((ex) -> assertThat(ex.holder()).isNotNull()
					.extracting(HoistStatus.LockHolder::pid)
					.isEqualTo(pid));
		}
		assertThat(this.database.queryForString("SELECT to_regclass('a')")).isNull();
	}

	@Test
	void aWaiterThatFindsTheWorkDoneSaysAnotherInstanceDidItEvenWhenTheRevisionDidNotMove() throws Exception {
		MigrationFiles files = MigrationFiles.create().write("V1__a.sql", "CREATE TABLE a (id int);");
		TestHoist.configure(files, this.database).load().migrate();
		// only a repeatable is pending: whoever applies it, the revision stays 1
		files.write("R__a_view.sql", "CREATE OR REPLACE VIEW a_view AS SELECT id FROM a;");
		ListAppender<ILoggingEvent> log = new ListAppender<>();
		Logger logger = (Logger) LoggerFactory.getLogger("dev.hoist.core.internal.MigrateCommand");
		log.start();
		logger.addAppender(log);
		List<Integer> waiting = new CopyOnWriteArrayList<>();
		try (Connection blocker = this.database.connect(); Statement statement = blocker.createStatement()) {
			long key = lockKey("public", "hoist_schema_history");
			statement.execute("SELECT pg_advisory_lock(" + key + ")");
			List<CompletableFuture<MigrateResult>> runs = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				int instance = i;
				HoistListener listener = new HoistListener() {
					@Override
					public void lockWaiting(HoistStatus.@Nullable LockHolder holder, Duration waited) {
						if (!waiting.contains(instance)) {
							waiting.add(instance);
						}
					}
				};
				runs.add(CompletableFuture.supplyAsync(() -> TestHoist.configure(files, this.database)
					.lockWaitTimeout(Duration.ofSeconds(30))
					.listeners(listener)
					.load()
					.migrate(), this.executor));
			}
			awaitCondition(() -> waiting.size() == 2);
			statement.execute("SELECT pg_advisory_unlock(" + key + ")");
			List<Integer> applied = new ArrayList<>();
			for (CompletableFuture<MigrateResult> run : runs) {
				applied.add(run.get(60, TimeUnit.SECONDS).applied().size());
			}
			assertThat(applied).containsExactlyInAnyOrder(0, 1);
		}
		finally {
			logger.detachAppender(log);
		}
		List<String> lines = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
		assertThat(lines).noneMatch((line) -> line.contains("applied 0 migrations"));
		assertThat(lines).filteredOn((line) -> line.contains("another instance applied the pending migrations"))
			.singleElement()
			.asString()
			.contains("nothing left to do at revision 1");
		assertThat(lines).filteredOn((line) -> line.contains("applied 1 migration ")).hasSize(1);
	}

	@Test
	void twoSchemasInOneDatabaseLockIndependentlyAndKeepTheirOwnHistory() throws Exception {
		MigrationFiles files = MigrationFiles.create().write("V1__a.sql", "CREATE TABLE a (id int);");
		long ordersKey = lockKey("orders", "hoist_schema_history");
		try (Connection blocker = this.database.connect(); Statement statement = blocker.createStatement()) {
			statement.execute("SELECT pg_advisory_lock(" + ordersKey + ")");

			MigrateResult billing = TestHoist.configure(files, this.database)
				.schema("billing")
				.lockWaitTimeout(Duration.ofSeconds(5))
				.load()
				.migrate();

			assertThat(billing.applied()).hasSize(1);
			assertThatExceptionOfType(LockTimeoutException.class)
				.isThrownBy(() -> TestHoist.configure(files, this.database)
					.schema("orders")
					.lockWaitTimeout(Duration.ofMillis(500))
					.load()
					.migrate());
		}
		MigrateResult orders = TestHoist.configure(files, this.database).schema("orders").load().migrate();
		assertThat(orders.applied()).hasSize(1);
		assertThat(this.database.queryForLong("SELECT count(*) FROM billing.hoist_schema_history")).isEqualTo(1);
		assertThat(this.database.queryForLong("SELECT count(*) FROM orders.hoist_schema_history")).isEqualTo(1);
	}

	private long advisoryLocks() {
		return this.database.queryForLong("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'");
	}

	private long lockKey(String schema, String table) throws Exception {
		// the same derivation as the engine: a test that drifts from it fails to block
		MessageDigest digest = MessageDigest.getInstance("SHA-256");
		byte[] hash = digest.digest(("hoist:" + schema + "." + table).getBytes(StandardCharsets.UTF_8));
		return ByteBuffer.wrap(hash, 0, 8).getLong();
	}

	private static int pid(Connection connection) throws Exception {
		try (PreparedStatement statement = connection.prepareStatement("SELECT pg_backend_pid()");
				ResultSet rs = statement.executeQuery()) {
			rs.next();
			return rs.getInt(1);
		}
	}

	static void await(CountDownLatch latch) {
		try {
			if (!latch.await(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("Timed out waiting for a latch");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static void awaitCondition(BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Condition not met within 30 s");
			}
			Thread.onSpinWait();
			Thread.sleep(20);
		}
	}

}
