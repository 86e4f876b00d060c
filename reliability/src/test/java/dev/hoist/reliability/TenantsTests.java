package dev.hoist.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.hoist.core.Hoist;
import dev.hoist.core.HoistConfiguration.TenantKind;
import dev.hoist.core.tenants.TenantsResult;
import dev.hoist.testsupport.MigrationHistory;
import dev.hoist.testsupport.PostgresServer;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 9 (issue 19): a thousand tenant schemas migrated by the CLI, eight at a time.
 * {@code kill -9} in the middle of the run, then a rerun: every tenant at the head, every
 * migration applied exactly once in every tenant, no advisory lock left. A poisoned
 * tenant among the thousand, with a canary of ten that includes it (nothing beyond the
 * canary touched) and with {@code --on-failure continue} (999 at the head, exit 1 naming
 * the tenant, the file and the line); after the fix a rerun migrates that tenant alone.
 * Fifty tenant databases on one server, with the same checks.
 */
class TenantsTests {

	private static final String SCENARIO = "9-tenants";

	private static final int TENANTS = Integer.getInteger("hoist.reliability.tenants", 1000);

	private static final int DATABASES = Integer.getInteger("hoist.reliability.tenant-databases", 50);

	private static final int MIGRATIONS = 12;

	private static final Duration PROCESS_TIMEOUT = Duration.ofMinutes(10);

	private static final String POISONED = "tenant_0005";

	@Test
	@Timeout(value = 20, unit = TimeUnit.MINUTES)
	void aRerunAfterAKillInTheMiddleOfAParallelRunBringsEveryTenantToTheHeadOnce() {
		MigrationHistory set = MigrationHistory.of(MIGRATIONS).build();
		Path directory = Scenario.directory(SCENARIO + "-kill");
		Path migrations = set.writeTo(directory.resolve("migrations"));
		TestDatabase database = Scenario.newDatabase("tenants_kill");
		try {
			List<String> tenants = tenantTable(database, TENANTS);
			long killedAfter;
			long start = System.nanoTime();
			try (HoistProcess run = migrate("run", directory, database, migrations, "--parallel", "8")) {
				// a third of the tenants begun: many in the middle of a migration
				Scenario.await("a third of the tenants to be started", PROCESS_TIMEOUT,
						() -> schemas(database) >= TENANTS / 3 || !run.isAlive());
				assertThat(run.isAlive()).as("%s still migrating when killed", run).isTrue();
				run.kill();
				killedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			}
			long started = schemas(database);
			long complete = completeTenants(database, tenants, MIGRATIONS);
			// what a kill leaves: whole migrations only, each with its history row
			assertThat(partialTenants(database, tenants)).as("tenants whose ledger and history disagree").isEmpty();
			Scenario.assertNoAdvisoryLock(database);

			long rerunStart = System.nanoTime();
			JsonNode result;
			try (HoistProcess rerun = migrate("rerun", directory, database, migrations, "--parallel", "8", "--json")) {
				assertThat(rerun.awaitExit(PROCESS_TIMEOUT)).as(rerun.output()).isZero();
				result = rerun.json();
			}
			long rerunMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - rerunStart);
			assertThat(result.get("summary").get("current").asInt()).isEqualTo(TENANTS);
			assertThat(result.get("summary").get("migrated").asInt()).isEqualTo(TENANTS - complete);
			assertEveryTenantAtTheHeadOnce(database, tenants, migrations);
			Scenario.figure(SCENARIO,
					TENANTS + " tenant schemas x " + MIGRATIONS + " migrations, CLI with --parallel 8:"
							+ " SIGKILL after " + killedAfter + " ms with " + started + " tenants begun and " + complete
							+ " complete; the rerun migrated " + (TENANTS - complete) + " in " + rerunMillis
							+ " ms, exit 0," + " every migration once in every tenant, no advisory lock left");
		}
		finally {
			PostgresServer.shared().dropDatabase(database.name());
		}
	}

	@Test
	@Timeout(value = 20, unit = TimeUnit.MINUTES)
	void aPoisonedTenantStopsTheCanaryAndWithContinueFailsAloneUntilFixed() throws Exception {
		MigrationHistory set = MigrationHistory.of(MIGRATIONS).build();
		Path directory = Scenario.directory(SCENARIO + "-poison");
		// a previous run left its added migration here
		Files.deleteIfExists(directory.resolve("migrations").resolve("V" + (MIGRATIONS + 1) + "__tenant_notes.sql"));
		Path migrations = set.writeTo(directory.resolve("migrations"));
		TestDatabase database = Scenario.newDatabase("tenants_poison");
		try {
			List<String> tenants = tenantTable(database, TENANTS);
			try (HoistProcess first = migrate("first", directory, database, migrations, "--parallel", "8")) {
				assertThat(first.awaitExit(PROCESS_TIMEOUT)).as(first.output()).isZero();
			}
			int next = MIGRATIONS + 1;
			String file = "V" + next + "__tenant_notes.sql";
			Files.writeString(migrations.resolve(file), "-- migrate:up\n-- notes per tenant\n"
					+ "CREATE TABLE notes (id bigint PRIMARY KEY, body text NOT NULL);\n-- migrate:down\nDROP TABLE notes;\n");
			database.execute("CREATE TABLE " + POISONED + ".notes (legacy text)");

			try (HoistProcess canary = migrate("canary", directory, database, migrations, "--parallel", "8", "--canary",
					"10", "--on-failure", "continue")) {
				assertThat(canary.awaitExit(PROCESS_TIMEOUT)).as(canary.output()).isEqualTo(1);
				assertThat(canary.stdout()).contains("Stopped: the canary failed (" + POISONED + ")");
			}
			assertThat(tenantsAt(database, tenants, next)).as("tenants touched by the canary run")
				.containsExactlyElementsOf(tenants.subList(0, 10).stream().filter((t) -> !t.equals(POISONED)).toList());

			long start = System.nanoTime();
			try (HoistProcess run = migrate("continue", directory, database, migrations, "--parallel", "8",
					"--on-failure", "continue")) {
				assertThat(run.awaitExit(PROCESS_TIMEOUT)).as(run.output()).isEqualTo(1);
				assertThat(run.stdout()).contains((TENANTS - 10) + " migrated")
					.contains("1 failed")
					.contains(POISONED + ": Migration filesystem:" + migrations.toAbsolutePath() + "/" + file
							+ " failed at line 3")
					.contains("relation \"notes\" already exists (SQLSTATE 42P07)");
			}
			long continueMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			assertThat(tenantsAt(database, tenants, next)).hasSize(TENANTS - 1).doesNotContain(POISONED);

			database.execute("DROP TABLE " + POISONED + ".notes");
			try (HoistProcess fixed = migrate("fixed", directory, database, migrations, "--json")) {
				assertThat(fixed.awaitExit(PROCESS_TIMEOUT)).as(fixed.output()).isZero();
				JsonNode summary = fixed.json().get("summary");
				assertThat(summary.get("migrated").asInt()).isOne();
				assertThat(summary.get("current").asInt()).isEqualTo(TENANTS);
			}
			assertThat(tenantsAt(database, tenants, next)).hasSize(TENANTS);
			assertThat(duplicates(database, tenants)).isEmpty();
			Scenario.assertNoAdvisoryLock(database);
			Scenario.figure(SCENARIO,
					"poisoned " + POISONED + " of " + TENANTS + ": a canary of 10 stopped with 9"
							+ " migrated and nothing beyond; --on-failure continue brought " + (TENANTS - 10)
							+ " more to the" + " head in " + continueMillis + " ms and exited 1 naming the tenant, "
							+ file + " and line 3;" + " after the fix the rerun migrated 1 tenant");
		}
		finally {
			PostgresServer.shared().dropDatabase(database.name());
		}
	}

	@Test
	@Timeout(value = 20, unit = TimeUnit.MINUTES)
	void fiftyTenantDatabasesOnOneServer() throws Exception {
		MigrationHistory set = MigrationHistory.of(MIGRATIONS).build();
		Path directory = Scenario.directory(SCENARIO + "-databases");
		Path migrations = set.writeTo(directory.resolve("migrations"));
		SchemaFingerprint reference = Scenario.reference(set);
		TestDatabase control = Scenario.newDatabase("tenants_control");
		List<TestDatabase> databases = new ArrayList<>();
		try {
			for (int i = 0; i < DATABASES; i++) {
				databases.add(Scenario.newDatabase("tenant_db"));
			}
			String missing = control.name() + "_missing";
			List<String> names = new ArrayList<>(databases.stream().map(TestDatabase::name).toList());
			names.add(names.size() / 2, missing);
			String list = String.join(",", names);
			long start = System.nanoTime();
			try (HoistProcess run = HoistProcess.cli("run", directory, "migrate", "--url", control.jdbcUrl(), "--user",
					control.user(), "--locations", "filesystem:" + migrations.toAbsolutePath(), "--tenants", list,
					"--tenants-kind", "database", "--parallel", "8", "--on-failure", "continue", "--json")) {
				assertThat(run.awaitExit(PROCESS_TIMEOUT)).as(run.output()).isEqualTo(1);
				JsonNode tenants = run.json().get("tenants");
				JsonNode failed = tenants.get(names.indexOf(missing));
				assertThat(failed.get("state").asText()).isEqualTo("failed");
				assertThat(failed.get("error").get("message").asText())
					.contains("Database '" + missing + "' does not exist");
			}
			long firstMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			for (TestDatabase database : databases) {
				Scenario.assertMigrated(database, set, migrations, reference);
			}
			assertThat(control.queryForString("SELECT to_regclass('hoist_schema_history')")).isNull();
			TenantsResult status = Hoist.configure()
				.url(control.jdbcUrl(), control.user(), control.password())
				.locations("filesystem:" + migrations.toAbsolutePath())
				.tenantsQuery("SELECT datname FROM pg_database WHERE datname LIKE '"
						+ databases.get(0).name().replaceAll("_\\d+$", "") + "\\_%'", TenantKind.DATABASE)
				.load()
				.tenantStatus();
			assertThat(status.summary().current()).isEqualTo(DATABASES);
			Scenario.figure(SCENARIO, DATABASES + " tenant databases (and one missing, reported) x " + MIGRATIONS
					+ " migrations, 8 at a time: " + firstMillis + " ms, each equal to the reference schema");
		}
		finally {
			databases.forEach((database) -> PostgresServer.shared().dropDatabase(database.name()));
			PostgresServer.shared().dropDatabase(control.name());
		}
	}

	private static HoistProcess migrate(String name, Path directory, TestDatabase database, Path migrations,
			String... more) {
		List<String> args = new ArrayList<>(List.of("migrate", "--url", database.jdbcUrl(), "--user", database.user(),
				"--locations", "filesystem:" + migrations.toAbsolutePath(), "--tenants-query",
				"SELECT name FROM public.tenants ORDER BY name"));
		args.addAll(List.of(more));
		return HoistProcess.cli(name, directory, args.toArray(new String[0]));
	}

	private static List<String> tenantTable(TestDatabase database, int count) {
		List<String> tenants = IntStream.rangeClosed(1, count)
			.mapToObj((i) -> String.format(Locale.ROOT, "tenant_%04d", i))
			.toList();
		database.execute("CREATE TABLE public.tenants (name text PRIMARY KEY); INSERT INTO public.tenants"
				+ " SELECT format('tenant_%s', lpad(g::text, 4, '0')) FROM generate_series(1, " + count + ") g");
		return tenants;
	}

	private static long schemas(TestDatabase database) {
		return database.queryForLong("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'tenant\\_%'");
	}

	private static String union(List<String> tenants, String select) {
		return tenants.stream()
			.map((tenant) -> select.replace("{t}", tenant))
			.collect(Collectors.joining(" UNION ALL "));
	}

	private static List<String> existing(TestDatabase database, List<String> tenants, String table) {
		List<String> found = database.queryForList("SELECT n.nspname FROM pg_class c JOIN pg_namespace n"
				+ " ON n.oid = c.relnamespace WHERE c.relname = '" + table + "' AND n.nspname LIKE 'tenant\\_%'");
		return tenants.stream().filter(found::contains).toList();
	}

	private static long completeTenants(TestDatabase database, List<String> tenants, int versions) {
		List<String> withHistory = existing(database, tenants, "hoist_schema_history");
		if (withHistory.isEmpty()) {
			return 0;
		}
		return database.queryForLong("SELECT count(*) FROM (" + union(withHistory,
				"SELECT '{t}' AS t FROM {t}.hoist_schema_history WHERE success GROUP BY 1 HAVING count(*) = "
						+ versions)
				+ ") c");
	}

	// a tenant whose ledger (written by each migration) and history disagree ran part of
	// a migration without recording it, or recorded one without running it
	private static List<String> partialTenants(TestDatabase database, List<String> tenants) {
		List<String> withLedger = existing(database, tenants, "ledger");
		List<String> withHistory = existing(database, tenants, "hoist_schema_history");
		assertThat(withLedger).as("a tenant with a ledger has a history").isSubsetOf(withHistory);
		if (withHistory.isEmpty()) {
			return List.of();
		}
		String history = union(withHistory,
				"SELECT '{t}' AS t, string_agg(version, ',' ORDER BY version::int)"
						+ " FILTER (WHERE success) AS v, count(*) FILTER (WHERE NOT success) AS failed"
						+ " FROM {t}.hoist_schema_history");
		String ledger = withLedger.isEmpty() ? "SELECT NULL::text AS t, NULL::text AS v" : union(withLedger,
				"SELECT '{t}' AS t, string_agg(version::text, ',' ORDER BY version) AS v" + " FROM {t}.ledger");
		return database.queryForList("SELECT h.t FROM (" + history + ") h LEFT JOIN (" + ledger + ") l ON l.t = h.t"
				+ " WHERE h.failed > 0 OR h.v IS DISTINCT FROM l.v");
	}

	private static List<String> tenantsAt(TestDatabase database, List<String> tenants, int version) {
		return database.queryForList("SELECT t FROM ("
				+ union(tenants,
						"SELECT '{t}' AS t FROM {t}.hoist_schema_history WHERE version = '" + version + "' AND success")
				+ ") a ORDER BY t");
	}

	private static List<String> duplicates(TestDatabase database, List<String> tenants) {
		return database.queryForList("SELECT t || ' ' || version FROM ("
				+ union(tenants, "SELECT '{t}' AS t, version FROM {t}.hoist_schema_history WHERE success") + ") a"
				+ " GROUP BY t, version HAVING count(*) > 1");
	}

	private static void assertEveryTenantAtTheHeadOnce(TestDatabase database, List<String> tenants, Path migrations) {
		String versions = IntStream.rangeClosed(1, MIGRATIONS)
			.mapToObj(Integer::toString)
			.collect(Collectors.joining(","));
		List<String> wrong = database.queryForList("SELECT t FROM ("
				+ union(tenants, "SELECT '{t}' AS t, (SELECT string_agg(version, ',' ORDER BY installed_rank) FROM"
						+ " {t}.hoist_schema_history WHERE success) AS h, (SELECT count(*) FROM {t}.hoist_schema_history"
						+ " WHERE NOT success) AS failed, (SELECT string_agg(version::text, ',' ORDER BY applied_at,"
						+ " version) FROM {t}.ledger) AS l")
				+ ") a WHERE h IS DISTINCT FROM '" + versions + "' OR l IS DISTINCT FROM '" + versions
				+ "' OR failed > 0");
		assertThat(wrong).as("tenants whose history or ledger is not each migration once, in order").isEmpty();
		// every tenant has the same relations: their names, by kind
		List<String> shapes = database.queryForList("SELECT count(*) || ' like ' || min(nspname) || ': ' || shape FROM"
				+ " (SELECT n.nspname, string_agg(c.relkind::text || ':' || c.relname, ',' ORDER BY c.relkind, c.relname) AS"
				+ " shape FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname LIKE"
				+ " 'tenant\\_%' GROUP BY n.nspname) s GROUP BY shape");
		assertThat(shapes).as("tenants grouped by their relations").hasSize(1);
		assertThat(shapes.get(0)).startsWith(tenants.size() + " like ");
		TenantsResult status = Hoist.configure()
			.url(database.jdbcUrl(), database.user(), database.password())
			.locations("filesystem:" + migrations.toAbsolutePath())
			.tenantSchemas(tenants)
			.load()
			.tenantStatus();
		assertThat(status.summary().current()).as("Hoist's own status").isEqualTo(tenants.size());
		Scenario.assertNoAdvisoryLock(database);
	}

}
