package dev.hoist.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.hoist.core.HoistConfiguration.TenantFailurePolicy;
import dev.hoist.core.HoistConfiguration.TenantKind;
import dev.hoist.core.HoistConfiguration.TenantShard;
import dev.hoist.core.command.HoistCommand;
import dev.hoist.core.tenants.TenantsResult;
import dev.hoist.core.tenants.TenantsResult.State;
import dev.hoist.core.tenants.TenantsResult.Tenant;
import dev.hoist.testsupport.MigrationFiles;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A schema per tenant in one database: every tenant migrated on its own history table and
 * lock, a start at the head in one statement, a poisoned tenant with either failure
 * policy and a canary, shards, and the lists Hoist refuses before it touches anything.
 */
@PostgresTest
class TenantSchemasTests {

	private static final int TENANTS = 24;

	private static final String POISON = "-- migrate:up\n-- an audit trail per tenant\n\nCREATE TABLE audit (\n"
			+ "\tid bigint PRIMARY KEY,\n\tat timestamptz NOT NULL DEFAULT now()\n);\n-- migrate:down\nDROP TABLE audit;\n";

	private TestDatabase database;

	private MigrationFiles files;

	private List<String> tenants;

	@BeforeEach
	void prepare(TestDatabase database) {
		this.database = database;
		database.resetPublicSchema();
		database.execute("DO $$ DECLARE s text; BEGIN FOR s IN SELECT nspname FROM pg_namespace"
				+ " WHERE nspname NOT LIKE 'pg\\_%' AND nspname NOT IN ('public', 'information_schema')"
				+ " LOOP EXECUTE format('DROP SCHEMA %I CASCADE', s); END LOOP; END $$");
		this.files = MigrationFiles.create()
			.write("V1__items.sql",
					"-- migrate:up\nCREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL);\n"
							+ "-- migrate:down\nDROP TABLE items;\n")
			.write("V2__orders.sql",
					"-- migrate:up\nCREATE TABLE orders (id bigint PRIMARY KEY, item bigint REFERENCES items);\n"
							+ "-- migrate:down\nDROP TABLE orders;\n")
			.write("R__item_names.sql", "CREATE OR REPLACE VIEW item_names AS SELECT name FROM items;\n");
		this.tenants = new ArrayList<>();
		for (int i = 1; i <= TENANTS; i++) {
			this.tenants.add(String.format("tenant_%02d", i));
		}
	}

	@Test
	void aFirstRunGivesEveryNewTenantItsSchemaAndTheWholeHistory() {
		TenantsResult result = configure().tenantParallelism(4).load().migrateTenants();

		assertThat(result.isComplete()).isTrue();
		assertThat(result.tenants()).extracting(Tenant::name).containsExactlyElementsOf(this.tenants);
		assertThat(result.tenants()).allSatisfy((tenant) -> {
			assertThat(tenant.state()).isEqualTo(State.CURRENT);
			assertThat(tenant.applied()).isEqualTo(3);
			assertThat(tenant.revision()).hasToString("2");
			assertThat(tenant.initialRevision()).isNull();
		});
		assertThat(result.summary()).isEqualTo(new TenantsResult.Summary(TENANTS, TENANTS, 0, 0, 0, 0, 0, TENANTS));
		for (String tenant : this.tenants) {
			assertThat(appliedVersions(tenant)).containsExactly("1", "2", "R");
			assertThat(this.database.queryForString("SELECT to_regclass('" + tenant + ".orders')"))
				.isEqualTo(tenant + ".orders");
		}
		// nothing went to the configured schema
		assertThat(this.database.queryForLong("SELECT count(*) FROM pg_class c JOIN pg_namespace n"
				+ " ON n.oid = c.relnamespace WHERE n.nspname = 'public'"))
			.isZero();
	}

	@Test
	void aStartWithEveryTenantAtTheHeadReadsEveryHistoryInOneStatementAndTakesNoLock() {
		configure().load().migrateTenants();
		StatementCountingDataSource counting = new StatementCountingDataSource(this.database.dataSource());

		TenantsResult result = Hoist.configure()
			.dataSource(counting.dataSource())
			.locations(this.files.location())
			.tenantSchemas(this.tenants)
			.load()
			.migrateTenants();

		assertThat(result.summary().current()).isEqualTo(TENANTS);
		assertThat(result.summary().migrated()).isZero();
		assertThat(counting.executed()).hasSize(1);
		assertThat(counting.executed().get(0)).contains("UNION ALL").contains("\"tenant_24\".\"hoist_schema_history\"");
		assertThat(counting.executed()).noneMatch((sql) -> sql.contains("advisory"));
	}

	@Test
	void aStartWithATenantQueryCostsTheQueryAndOneStatementForEveryHistory() {
		createTenantTable();
		configure().load().migrateTenants();
		StatementCountingDataSource counting = new StatementCountingDataSource(this.database.dataSource());

		TenantsResult result = Hoist.configure()
			.dataSource(counting.dataSource())
			.locations(this.files.location())
			.tenantsQuery("SELECT schema_name FROM public.customers WHERE active ORDER BY id", TenantKind.SCHEMA)
			.load()
			.migrateTenants();

		assertThat(result.summary().current()).isEqualTo(TENANTS);
		assertThat(counting.executed()).hasSize(2);
		assertThat(counting.executed().get(0)).contains("public.customers");
		assertThat(counting.executed().get(1)).contains("UNION ALL");
	}

	@Test
	void aNewMigrationIsAppliedToEveryTenantOnce() {
		configure().load().migrateTenants();
		this.files.write("V3__prices.sql", "-- migrate:up\nALTER TABLE items ADD COLUMN price numeric;\n");

		TenantsResult result = configure().tenantParallelism(3).load().migrateTenants();

		assertThat(result.tenants()).allSatisfy((tenant) -> {
			assertThat(tenant.state()).isEqualTo(State.CURRENT);
			assertThat(tenant.applied()).isEqualTo(1);
			assertThat(tenant.initialRevision()).hasToString("2");
			assertThat(tenant.revision()).hasToString("3");
		});
		for (String tenant : this.tenants) {
			assertThat(appliedVersions(tenant)).containsExactly("1", "2", "R", "3");
		}
		assertThat(configure().load().migrateTenants().summary().migrated()).isZero();
	}

	@Test
	void withContinueAPoisonedTenantFailsAloneNamingItsFileAndLineAndAFixedRerunMigratesOnlyIt() {
		configure().load().migrateTenants();
		this.database.execute("CREATE TABLE tenant_07.audit (note text)");
		this.files.write("V3__audit.sql", POISON);
		Hoist hoist = configure().tenantFailurePolicy(TenantFailurePolicy.CONTINUE).tenantParallelism(4).load();

		HoistCommand.Report report = HoistCommand.MIGRATE.run(hoist, HoistCommand.Options.NONE);

		assertThat(report.exitCode()).isEqualTo(HoistCommand.ExitCode.FAILED);
		assertThat(report.text()).contains("23 migrated")
			.contains("1 failed")
			.contains("tenant_07: Migration " + this.files.location() + "/V3__audit.sql failed at line 4")
			.contains("relation \"audit\" already exists")
			.contains("42P07");
		for (String tenant : this.tenants) {
			assertThat(appliedVersions(tenant)).as(tenant)
				.containsExactlyElementsOf(
						tenant.equals("tenant_07") ? List.of("1", "2", "R") : List.of("1", "2", "R", "3"));
		}

		this.database.execute("DROP TABLE tenant_07.audit");
		TenantsResult rerun = configure().tenantFailurePolicy(TenantFailurePolicy.CONTINUE).load().migrateTenants();

		assertThat(rerun.isComplete()).isTrue();
		assertThat(rerun.tenants()).filteredOn((tenant) -> tenant.applied() > 0)
			.extracting(Tenant::name)
			.containsExactly("tenant_07");
		for (String tenant : this.tenants) {
			assertThat(appliedVersions(tenant)).as(tenant).containsExactly("1", "2", "R", "3");
		}
	}

	@Test
	void aFailedTenantsResultSaysWhatFailedWhere() {
		configure().load().migrateTenants();
		this.database.execute("CREATE TABLE tenant_03.audit (note text)");
		this.files.write("V3__audit.sql", POISON);

		TenantsResult result = configure().tenantFailurePolicy(TenantFailurePolicy.CONTINUE).load().migrateTenants();

		assertThat(result.failed()).singleElement().satisfies((tenant) -> {
			assertThat(tenant.name()).isEqualTo("tenant_03");
			assertThat(tenant.revision()).hasToString("2");
			assertThat(tenant.pending()).isEqualTo(1);
			TenantsResult.Failure failure = tenant.failure();
			assertThat(failure).isNotNull();
			assertThat(failure.kind()).isEqualTo(TenantsResult.Failure.Kind.MIGRATION);
			assertThat(failure.script()).isEqualTo("V3__audit.sql");
			assertThat(failure.line()).isEqualTo(4);
			assertThat(failure.sqlState()).isEqualTo("42P07");
		});
		assertThat(result.isComplete()).isFalse();
		assertThat(result.stopped()).isNull();
	}

	@Test
	void aFailedCanaryStopsTheRunBeforeAnyOtherTenantIsTouched() {
		configure().load().migrateTenants();
		this.database.execute("CREATE TABLE tenant_05.audit (note text)");
		this.files.write("V3__audit.sql", POISON);

		TenantsResult result = configure().tenantCanary(6)
			.tenantFailurePolicy(TenantFailurePolicy.CONTINUE)
			.tenantParallelism(4)
			.load()
			.migrateTenants();

		assertThat(result.stopped()).contains("canary failed (tenant_05)").contains("18 tenants");
		for (int i = 0; i < TENANTS; i++) {
			String tenant = this.tenants.get(i);
			Tenant outcome = result.tenants().get(i);
			if (i < 6) {
				assertThat(outcome.state()).as(tenant)
					.isEqualTo(tenant.equals("tenant_05") ? State.FAILED : State.CURRENT);
			}
			else {
				assertThat(outcome.state()).as(tenant).isEqualTo(State.SKIPPED);
				assertThat(outcome.pending()).isEqualTo(1);
				assertThat(appliedVersions(tenant)).as(tenant).containsExactly("1", "2", "R");
				assertThat(this.database.queryForString("SELECT to_regclass('" + tenant + ".audit')")).isNull();
			}
		}
		assertThat(result.summary().skipped()).isEqualTo(18);
	}

	@Test
	void theCanaryIsTheFirstTenantsWithWorkToDo() {
		configure().load().migrateTenants();
		this.files.write("V3__audit.sql", POISON);
		// the first three are already at the head: a canary of them would prove nothing
		for (String tenant : this.tenants.subList(0, 3)) {
			configure().tenantSchemas(tenant).load().migrateTenants();
		}
		this.database.execute("CREATE TABLE tenant_05.audit (note text)");

		TenantsResult result = configure().tenantCanary(2).load().migrateTenants();

		assertThat(result.tenants().subList(0, 3)).extracting(Tenant::applied).containsOnly(0);
		assertThat(result.tenants().get(3).state()).isEqualTo(State.CURRENT);
		assertThat(result.tenants().get(4).state()).isEqualTo(State.FAILED);
		assertThat(result.tenants().subList(5, TENANTS)).extracting(Tenant::state).containsOnly(State.SKIPPED);
	}

	@Test
	void withStopNoTenantStartsAfterAFailure() {
		configure().load().migrateTenants();
		this.database.execute("CREATE TABLE tenant_10.audit (note text)");
		this.files.write("V3__audit.sql", POISON);

		TenantsResult result = configure().tenantParallelism(1).load().migrateTenants();

		assertThat(result.tenants().subList(0, 9)).extracting(Tenant::state).containsOnly(State.CURRENT);
		assertThat(result.tenants().get(9).state()).isEqualTo(State.FAILED);
		assertThat(result.tenants().subList(10, TENANTS)).extracting(Tenant::state).containsOnly(State.SKIPPED);
		assertThat(result.stopped()).contains("tenant_10 failed").contains("'stop'");
		for (String tenant : this.tenants.subList(10, TENANTS)) {
			assertThat(appliedVersions(tenant)).as(tenant).containsExactly("1", "2", "R");
		}
	}

	@Test
	void statusReadsEveryTenantAndSumsThemUp() {
		configure().tenantSchemas(this.tenants.subList(0, 20)).load().migrateTenants();
		// tenant_04: its applied file was edited; tenant_05: a newer build ran on it
		this.database.execute("UPDATE tenant_04.hoist_schema_history SET checksum = 'edited' WHERE version = '1'");
		this.database.execute("INSERT INTO tenant_05.hoist_schema_history (installed_rank, version, description,"
				+ " type, script, checksum, installed_by, execution_ms, success) VALUES (9, '9', 'newer', 'SQL',"
				+ " 'V9__newer.sql', 'x', 'ci', 1, true)");
		StatementCountingDataSource counting = new StatementCountingDataSource(this.database.dataSource());

		TenantsResult status = Hoist.configure()
			.dataSource(counting.dataSource())
			.locations(this.files.location())
			.tenantSchemas(this.tenants)
			.load()
			.tenantStatus();

		assertThat(status.summary()).isEqualTo(new TenantsResult.Summary(TENANTS, 18, 4, 1, 0, 1, 0, 0));
		assertThat(status.tenants().get(3).state()).isEqualTo(State.FAILED);
		assertThat(status.tenants().get(3).failure().kind()).isEqualTo(TenantsResult.Failure.Kind.INVALID);
		assertThat(status.tenants().get(3).failure().message()).contains("V1__items.sql was changed");
		assertThat(status.tenants().get(4).state()).isEqualTo(State.AHEAD);
		assertThat(status.tenants().get(20).state()).isEqualTo(State.BEHIND);
		assertThat(status.tenants().get(20).pending()).isEqualTo(3);
		assertThat(status.tenants().get(0).revision()).hasToString("2");
		// one statement failed on the new tenants' missing tables, then: which exist,
		// every history, and the invalid one's own rows with the locks held
		assertThat(counting.executed()).hasSizeLessThanOrEqualTo(5);
		assertThat(countTables()).as("status creates nothing").isEqualTo(20 * 4);

		HoistCommand.Report report = HoistCommand.STATUS.run(configure().load(), HoistCommand.Options.NONE);
		assertThat(report.text()).contains("Tenants:   24").contains("Current:   18").contains("Failed:    1");
		assertThat(report.json()).containsKeys("summary", "tenants");
		assertThat(HoistCommand.CHECK.run(configure().load(), HoistCommand.Options.NONE).exitCode())
			.isEqualTo(HoistCommand.ExitCode.INVALID);
		assertThat(HoistCommand.VALIDATE.run(configure().load(), HoistCommand.Options.NONE).text())
			.contains("Invalid: 1 tenant of 24")
			.contains("tenant_04");
	}

	@Test
	void aPendingFileWithABrokenDownSectionIsReportedForNewTenantsAndTheirMigrationAppliesItsUpSection() {
		configure().load().migrateTenants();
		this.files.write("V3__audit.sql", "-- migrate:up\nCREATE TABLE audit (id bigint);\n"
				+ "CREATE INDEX audit_id_idx ON audit (id);\n-- migrate:down\nDROP INDEX CONCURRENTLY audit_id_idx;\n");
		Hoist withNewTenant = configure().tenantSchemas(concat(this.tenants, "tenant_new")).load();

		TenantsResult status = withNewTenant.tenantStatus();

		assertThat(status.tenants()).hasSize(TENANTS + 1).allSatisfy((tenant) -> {
			assertThat(tenant.state()).isEqualTo(State.FAILED);
			assertThat(tenant.failure().problems()).extracting(HoistStatus.Problem::kind)
				.containsExactly(HoistStatus.Problem.Kind.INVALID_DOWN_SECTION);
		});
		TenantsResult migrated = withNewTenant.migrateTenants();
		assertThat(migrated.failed()).isEmpty();
		assertThat(withNewTenant.tenantStatus().summary().current()).isEqualTo(TENANTS + 1);
		assertThat(this.database.queryForString("SELECT to_regclass('tenant_new.audit')"))
			.isEqualTo("tenant_new.audit");
	}

	@Test
	void checkSaysPendingWhileATenantIsBehindAndCurrentOnceAllAreAtTheHead() {
		configure().load().migrateTenants();
		Hoist withNewTenant = configure().tenantSchemas(concat(this.tenants, "tenant_new")).load();

		assertThat(HoistCommand.CHECK.run(withNewTenant, HoistCommand.Options.NONE).text())
			.contains("Pending: 1 tenant of 25 behind: tenant_new");
		withNewTenant.migrateTenants();
		assertThat(HoistCommand.CHECK.run(withNewTenant, HoistCommand.Options.NONE).exitCode())
			.isEqualTo(HoistCommand.ExitCode.OK);
	}

	@Test
	void tenantNamesThatNeedQuotingAreTheirOwnSchemasAndNothingGoesElsewhere() {
		List<String> odd = List.of("Acme Corp", "MiXed", "quote\"d", "semi;colon", "ünïcode", "select");

		TenantsResult result = configure().tenantSchemas(odd).load().migrateTenants();

		assertThat(result.isComplete()).isTrue();
		for (String tenant : odd) {
			assertThat(this.database.queryForLong("SELECT count(*) FROM pg_class c JOIN pg_namespace n"
					+ " ON n.oid = c.relnamespace WHERE n.nspname = '" + tenant.replace("'", "''")
					+ "' AND c.relname IN ('items', 'orders', 'item_names', 'hoist_schema_history')"))
				.as(tenant)
				.isEqualTo(4);
		}
		assertThat(this.database.queryForList(
				"SELECT nspname FROM pg_namespace WHERE nspname IN ('acme corp'," + " 'mixed', 'quote', 'semi')"))
			.isEmpty();
		assertThat(configure().tenantSchemas(odd).load().tenantStatus().summary().current()).isEqualTo(odd.size());
	}

	@Test
	void shardsMigrateDisjointTenantsThatTogetherAreEveryTenant() {
		List<String> seen = new ArrayList<>();
		for (int index = 0; index < 3; index++) {
			TenantsResult shard = configure().tenantShard(new TenantShard(index, 3)).load().migrateTenants();
			assertThat(shard.listed()).isEqualTo(TENANTS);
			assertThat(shard.shard()).isEqualTo(new TenantShard(index, 3));
			assertThat(shard.tenants()).allSatisfy((tenant) -> assertThat(tenant.applied()).isEqualTo(3));
			shard.tenants().forEach((tenant) -> seen.add(tenant.name()));
		}
		assertThat(seen).containsExactlyInAnyOrderElementsOf(this.tenants);
		for (String tenant : this.tenants) {
			assertThat(appliedVersions(tenant)).containsExactly("1", "2", "R");
		}
	}

	@Test
	void aTenantLockedByAnotherInstanceWaitsAtTheBackOfTheQueueWhileTheOthersMigrate() throws Exception {
		configure().load().migrateTenants();
		this.files.write("V3__prices.sql", "-- migrate:up\nALTER TABLE items ADD COLUMN price numeric;\n");
		List<String> order = new CopyOnWriteArrayList<>();
		try (Connection other = this.database.connect()) {
			lock(other, "tenant_01");
			CompletableFuture<TenantsResult> run = CompletableFuture
				.supplyAsync(() -> configure().tenantParallelism(2).listeners(new HoistListener() {
					@Override
					public void tenantMigrated(Tenant tenant) {
						order.add(tenant.name());
					}
				}).load().migrateTenants());
			Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> order.size() == TENANTS - 1);
			assertThat(order).doesNotContain("tenant_01");
			assertThat(run).isNotDone();
			unlock(other, "tenant_01");
			TenantsResult result = run.get(1, TimeUnit.MINUTES);
			assertThat(order).last().isEqualTo("tenant_01");
			assertThat(result.isComplete()).isTrue();
		}
		assertThat(appliedVersions("tenant_01")).containsExactly("1", "2", "R", "3");
	}

	@Test
	void duplicatesAreRefusedBeforeAnyTenantIsTouched() {
		assertThatExceptionOfType(HoistException.class)
			.isThrownBy(() -> configure().tenantSchemas("a", "b", "a", "c", "b", "a").load().migrateTenants())
			.withMessageContaining("no tenant was touched")
			.withMessageContaining("listed more than once: 'a' (3 times), 'b' (2 times)");
		assertThat(tenantSchemasInDatabase()).isEmpty();
	}

	@Test
	void namesThatCannotBeTenantsAreRefusedBeforeAnyTenantIsTouched() {
		String long64 = "t".repeat(64);
		assertThatExceptionOfType(HoistException.class)
			.isThrownBy(() -> configure().tenantSchemas("ok", "pg_toast", "information_schema", long64, " padded", "")
				.load()
				.migrateTenants())
			.withMessageContaining("'pg_toast' is a system schema")
			.withMessageContaining("'information_schema' is a system schema")
			.withMessageContaining("longer than PostgreSQL's 63-byte names")
			.withMessageContaining("' padded' begins or ends with white space")
			.withMessageContaining("an empty schema name");
		assertThat(tenantSchemasInDatabase()).isEmpty();
	}

	@Test
	void aTenantQueryThatFailsSaysWhyAndTouchesNothing() {
		assertThatExceptionOfType(HoistException.class)
			.isThrownBy(() -> configure().tenantsQuery("SELECT schema_name FROM no_such_table", TenantKind.SCHEMA)
				.load()
				.migrateTenants())
			.withMessageContaining("The tenant query failed, so no tenant was touched")
			.withMessageContaining("relation \"no_such_table\" does not exist")
			.withMessageContaining("42P01")
			.withMessageContaining("tenantsQuery(...)");
	}

	@Test
	void aTenantQueryThatReturnsNothingOrNullIsRefused() {
		createTenantTable();
		assertThatExceptionOfType(HoistException.class)
			.isThrownBy(
					() -> configure().tenantsQuery("SELECT schema_name FROM customers WHERE false;", TenantKind.SCHEMA)
						.load()
						.migrateTenants())
			.withMessageContaining("holds no tenant: the query returned no rows")
			.withMessageContaining("SELECT schema_name FROM customers WHERE false");
		assertThatExceptionOfType(HoistException.class)
			.isThrownBy(() -> configure()
				.tenantsQuery("SELECT NULL UNION ALL SELECT 'x' -- a trailing comment", TenantKind.SCHEMA)
				.load()
				.migrateTenants())
			.withMessageContaining("row 1 holds NULL");
		assertThatExceptionOfType(HoistException.class)
			.isThrownBy(() -> configure()
				.tenantsQuery("SELECT schema_name FROM customers UNION ALL" + " SELECT schema_name FROM customers",
						TenantKind.SCHEMA)
				.load()
				.migrateTenants())
			.withMessageContaining("(SELECT DISTINCT lists each once)");
		assertThat(tenantSchemasInDatabase()).isEmpty();
	}

	@Test
	void singleSchemaCommandsRefuseATenantConfigurationAndSayWhatToUse() {
		Hoist hoist = configure().load();
		assertThatExceptionOfType(HoistException.class).isThrownBy(hoist::migrate)
			.withMessageContaining("'migrate' works on one schema")
			.withMessageContaining("Use migrateTenants()");
		HoistCommand.Report history = HoistCommand.HISTORY.run(hoist, HoistCommand.Options.NONE);
		assertThat(history.exitCode()).isEqualTo(HoistCommand.ExitCode.FAILED);
		assertThat(history.text()).contains("'history' works on one schema")
			.contains("tenantSchemas(...)")
			.contains("schema(...) set to the tenant's schema");
	}

	private HoistConfiguration configure() {
		return TestHoist.configure(this.files, this.database).tenantSchemas(this.tenants);
	}

	private List<String> appliedVersions(String tenant) {
		// R for the repeatable view
		return this.database.queryForList("SELECT coalesce(version, 'R') FROM \"" + tenant
				+ "\".hoist_schema_history WHERE success ORDER BY installed_rank");
	}

	private void createTenantTable() {
		this.database.execute("CREATE TABLE public.customers (id int PRIMARY KEY, schema_name text, active boolean)");
		for (int i = 0; i < this.tenants.size(); i++) {
			this.database
				.execute("INSERT INTO public.customers VALUES (" + i + ", '" + this.tenants.get(i) + "', true)");
		}
		this.database.execute("INSERT INTO public.customers VALUES (1000, 'churned', false)");
	}

	private List<String> tenantSchemasInDatabase() {
		return this.database.queryForList("SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%'"
				+ " AND nspname NOT IN ('public', 'information_schema')");
	}

	private long countTables() {
		return this.database.queryForLong("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid ="
				+ " c.relnamespace WHERE n.nspname LIKE 'tenant\\_%' AND c.relkind IN ('r', 'v')");
	}

	private static List<String> concat(List<String> names, String name) {
		List<String> all = new ArrayList<>(names);
		all.add(name);
		return all;
	}

	private static void lock(Connection connection, String schema) throws Exception {
		advisory(connection, "pg_advisory_lock", schema);
	}

	private static void unlock(Connection connection, String schema) throws Exception {
		advisory(connection, "pg_advisory_unlock", schema);
	}

	// the key as Hoist documents it: the first 64 bits of
	// SHA-256("hoist:<schema>.<table>")
	private static void advisory(Connection connection, String function, String schema) throws Exception {
		try (PreparedStatement statement = connection.prepareStatement("SELECT " + function
				+ "(('x' || left(encode(sha256(convert_to(?, 'UTF8')), 'hex'), 16))::bit(64)::bigint)")) {
			statement.setString(1, "hoist:" + schema + ".hoist_schema_history");
			statement.execute();
		}
	}

}
