package dev.hoist.core;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import dev.hoist.core.HoistConfiguration.TenantFailurePolicy;
import dev.hoist.core.HoistConfiguration.TenantKind;
import dev.hoist.core.tenants.TenantsResult;
import dev.hoist.core.tenants.TenantsResult.State;
import dev.hoist.core.tenants.TenantsResult.Tenant;
import dev.hoist.testsupport.MigrationFiles;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A database per tenant on one server: each tenant's database reached with the configured
 * URL and credentials (or a data source of its own), migrated on its own history and
 * lock; a database that does not exist is reported, never created, and nothing lands in
 * the configured database.
 */
@PostgresTest
class TenantDatabasesTests {

	private TestDatabase database;

	private MigrationFiles files;

	private final List<String> tenants = new ArrayList<>();

	@BeforeEach
	void prepare(TestDatabase database) {
		this.database = database;
		this.files = MigrationFiles.create()
			.write("V1__items.sql", "-- migrate:up\nCREATE TABLE items (id bigint PRIMARY KEY);\n")
			.write("V2__orders.sql", "-- migrate:up\nCREATE TABLE orders (id bigint PRIMARY KEY);\n");
		for (int i = 1; i <= 4; i++) {
			this.tenants.add(database.name() + "_t" + i);
		}
		// a name that only works quoted, in the URL too
		this.tenants.add(database.name() + " Tenant-Ü/x");
		for (String tenant : this.tenants) {
			database.execute("CREATE DATABASE \"" + tenant + "\"");
		}
	}

	@AfterEach
	void dropTenants() {
		for (String tenant : this.tenants) {
			this.database.execute("DROP DATABASE IF EXISTS \"" + tenant + "\" WITH (FORCE)");
		}
	}

	@Test
	void everyTenantDatabaseIsMigratedAndTheConfiguredOneIsNotTouched() {
		TenantsResult result = configure().tenantParallelism(3).load().migrateTenants();

		assertThat(result.isComplete()).isTrue();
		assertThat(result.tenants()).extracting(Tenant::applied).containsOnly(2);
		for (String tenant : this.tenants) {
			assertThat(query(tenant, "SELECT string_agg(version, ',' ORDER BY installed_rank)"
					+ " FROM hoist_schema_history WHERE success"))
				.isEqualTo("1,2");
		}
		assertThat(this.database.queryForString("SELECT to_regclass('hoist_schema_history')")).isNull();
		assertThat(this.database.queryForString("SELECT to_regclass('items')")).isNull();

		TenantsResult status = configure().load().tenantStatus();
		assertThat(status.tenants()).extracting(Tenant::state).containsOnly(State.CURRENT);
		this.files.write("V3__prices.sql", "-- migrate:up\nALTER TABLE items ADD COLUMN price numeric;\n");
		assertThat(configure().load().tenantStatus().summary().behind()).isEqualTo(this.tenants.size());
		assertThat(configure().load().migrateTenants().tenants()).extracting(Tenant::applied).containsOnly(1);
	}

	@Test
	void aDatabaseThatDoesNotExistIsReportedNeverCreatedAndTheOthersMigrate() {
		List<String> withMissing = new ArrayList<>(this.tenants);
		withMissing.add(2, this.database.name() + "_missing");

		TenantsResult result = configure().tenantDatabases(withMissing)
			.tenantFailurePolicy(TenantFailurePolicy.STOP)
			.load()
			.migrateTenants();

		Tenant missing = result.tenants().get(2);
		assertThat(missing.state()).isEqualTo(State.FAILED);
		assertThat(missing.failure().kind()).isEqualTo(TenantsResult.Failure.Kind.DATABASE);
		assertThat(missing.failure().message())
			.contains("Database '" + this.database.name() + "_missing' does not exist")
			.contains("never its database")
			.contains("tenantDatabases(...)");
		// known before any tenant started: no reason to stop the others
		assertThat(result.summary().current()).isEqualTo(this.tenants.size());
		assertThat(this.database
			.queryForLong("SELECT count(*) FROM pg_database WHERE datname = '" + this.database.name() + "_missing'"))
			.isZero();
	}

	@Test
	void aTenantQueryOfDatabasesSaysWhichDoNotExist() {
		this.database.execute("CREATE TABLE customers (db text)");
		for (String tenant : this.tenants) {
			this.database.execute("INSERT INTO customers VALUES ('" + tenant + "')");
		}
		this.database.execute("INSERT INTO customers VALUES ('" + this.database.name() + "_gone')");

		TenantsResult result = Hoist.configure()
			.url(this.database.jdbcUrl(), this.database.user(), this.database.password())
			.locations(this.files.location())
			.tenantsQuery("SELECT db FROM customers", TenantKind.DATABASE)
			.tenantFailurePolicy(TenantFailurePolicy.CONTINUE)
			.load()
			.migrateTenants();

		assertThat(result.failed()).extracting(Tenant::name).containsExactly(this.database.name() + "_gone");
		assertThat(result.summary().migrated()).isEqualTo(this.tenants.size());
	}

	@Test
	void aTenantMayHaveADataSourceOfItsOwn() {
		AtomicInteger asked = new AtomicInteger();
		String special = this.tenants.get(0);
		TenantsResult result = configure().tenantDataSources((tenant) -> {
			if (!tenant.equals(special)) {
				return null;
			}
			asked.incrementAndGet();
			PGSimpleDataSource own = new PGSimpleDataSource();
			own.setUrl(this.database.jdbcUrl().replace("/" + this.database.name(), "/" + special));
			own.setUser(this.database.user());
			own.setPassword(this.database.password());
			own.setApplicationName("own-data-source");
			return own;
		}).load().migrateTenants();

		assertThat(result.isComplete()).isTrue();
		assertThat(asked).hasPositiveValue();
		assertThat(query(special, "SELECT count(*) FROM hoist_schema_history")).isEqualTo("2");
	}

	@Test
	void databaseTenantsNeedAUrlOrADataSourceForEach() {
		DataSource pool = this.database.dataSource();
		assertThatExceptionOfType(HoistException.class)
			.isThrownBy(() -> Hoist.configure().dataSource(pool).tenantDatabases(this.tenants).load())
			.withMessageContaining("Database-per-tenant needs a URL")
			.withMessageContaining("url(...)")
			.withMessageContaining("tenantDataSources(...)");
	}

	private HoistConfiguration configure() {
		return Hoist.configure()
			.url(this.database.jdbcUrl(), this.database.user(), this.database.password())
			.locations(this.files.location())
			.tenantDatabases(this.tenants);
	}

	private String query(String tenant, String sql) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setServerNames(new String[] { this.database.host() });
		dataSource.setPortNumbers(new int[] { this.database.port() });
		dataSource.setDatabaseName(tenant);
		dataSource.setUser(this.database.user());
		dataSource.setPassword(this.database.password());
		try (Connection connection = dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getString(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
