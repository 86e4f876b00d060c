package dev.hoist.core;

import dev.hoist.testsupport.MigrationFiles;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Clean empties the schema when, and only when, enabled.
 */
@PostgresTest
class CleanTests {

	private TestDatabase database;

	@BeforeEach
	void cleanDatabase(TestDatabase database) {
		this.database = database;
		database.execute("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;"
				+ " DROP SCHEMA IF EXISTS billing CASCADE; DROP ROLE IF EXISTS hoist_clean_reader;"
				+ " CREATE ROLE hoist_clean_reader");
	}

	private Hoist hoist(MigrationFiles files, boolean cleanEnabled) {
		return TestHoist.configure(files, this.database).schema("billing").cleanEnabled(cleanEnabled).load();
	}

	private static MigrationFiles everyKindOfObject() {
		return MigrationFiles.create().write("V1__everything.sql", """
				CREATE EXTENSION IF NOT EXISTS citext SCHEMA billing;
				CREATE TYPE invoice_state AS ENUM ('draft', 'sent');
				CREATE TYPE address AS (street text, city text);
				CREATE DOMAIN cents AS bigint CHECK (VALUE >= 0);
				CREATE TYPE cents_range AS RANGE (subtype = bigint);
				CREATE SEQUENCE invoice_numbers;
				CREATE TABLE customers (id bigserial PRIMARY KEY, email citext UNIQUE);
				CREATE TABLE invoices (
				    id bigint GENERATED ALWAYS AS IDENTITY,
				    customer_id bigint REFERENCES customers,
				    state invoice_state NOT NULL,
				    total cents,
				    billed_to address,
				    PRIMARY KEY (id, state)
				) PARTITION BY LIST (state);
				CREATE TABLE invoices_draft PARTITION OF invoices FOR VALUES IN ('draft');
				CREATE VIEW open_invoices AS SELECT * FROM invoices WHERE state = 'draft';
				CREATE MATERIALIZED VIEW invoice_totals AS SELECT customer_id, sum(total) FROM invoices GROUP BY 1;
				CREATE FUNCTION add_cents(a cents, b cents) RETURNS cents LANGUAGE sql AS 'SELECT a + b';
				CREATE PROCEDURE archive() LANGUAGE sql AS 'SELECT 1';
				CREATE FUNCTION all_customers() RETURNS SETOF customers LANGUAGE sql AS 'SELECT * FROM customers';
				CREATE AGGREGATE total_cents(cents) (sfunc = add_cents, stype = cents);
				CREATE COLLATION german (provider = icu, locale = 'de-DE');
				""");
	}

	@Test
	void cleanIsRefusedWhenNotEnabledAndChangesNothing() {
		MigrationFiles files = MigrationFiles.create().write("V1__shops.sql", "CREATE TABLE shops (id int);");
		hoist(files, false).migrate();

		assertThatExceptionOfType(HoistException.class).isThrownBy(() -> hoist(files, false).clean())
			.withMessageContaining("Clean is disabled")
			.withMessageContaining("cleanEnabled(true)");
		assertThat(this.database.queryForString("SELECT to_regclass('billing.shops')")).isNotNull();
	}

	@Test
	void cleanDropsEveryObjectButKeepsTheSchemaWithItsOwnerAndGrants() {
		MigrationFiles files = everyKindOfObject();
		hoist(files, true).migrate();
		this.database.execute("GRANT USAGE ON SCHEMA billing TO hoist_clean_reader;"
				+ " ALTER DEFAULT PRIVILEGES IN SCHEMA billing GRANT SELECT ON TABLES TO hoist_clean_reader");
		String aclBefore = this.database
			.queryForString("SELECT nspacl::text FROM pg_namespace WHERE nspname = 'billing'");

		CleanResult result = hoist(files, true).clean();

		assertThat(result.schema()).isEqualTo("billing");
		assertThat(result.dropped()).contains("extension citext", "table billing.invoices",
				"table billing.hoist_schema_history", "view billing.open_invoices", "sequence billing.invoice_numbers",
				"function billing.add_cents(a cents, b cents)", "aggregate billing.total_cents(cents)",
				"procedure billing.archive()", "type billing.invoice_state", "type billing.address",
				"type billing.cents_range", "domain billing.cents", "collation billing.german",
				"materialized view billing.invoice_totals");
		// the function went with the table whose row type it returns: dropped, but
		// not by name
		assertThat(result.dropped()).doesNotContain("function billing.all_customers()");
		assertThat(this.database.queryForLong("SELECT count(*) FROM pg_class c JOIN pg_namespace n"
				+ " ON n.oid = c.relnamespace WHERE n.nspname = 'billing'"))
			.isZero();
		assertThat(this.database.queryForLong("SELECT count(*) FROM pg_proc p JOIN pg_namespace n"
				+ " ON n.oid = p.pronamespace WHERE n.nspname = 'billing'"))
			.isZero();
		assertThat(this.database.queryForLong("SELECT count(*) FROM pg_type t JOIN pg_namespace n"
				+ " ON n.oid = t.typnamespace WHERE n.nspname = 'billing'"))
			.isZero();
		assertThat(this.database.queryForString("SELECT nspacl::text FROM pg_namespace WHERE nspname = 'billing'"))
			.isEqualTo(aclBefore);
		assertThat(this.database.queryForLong("SELECT count(*) FROM pg_default_acl d JOIN pg_namespace n"
				+ " ON n.oid = d.defaclnamespace WHERE n.nspname = 'billing'"))
			.isEqualTo(1);

		assertThat(hoist(files, true).migrate().migrationsExecuted()).isEqualTo(1);
	}

	@Test
	void cleanOfThePublicSchemaKeepsItsOwnerAndItsGrantsToPublic() {
		MigrationFiles files = MigrationFiles.create().write("V1__shops.sql", "CREATE TABLE shops (id int);");
		Hoist hoist = TestHoist.configure(files, this.database).cleanEnabled(true).load();
		hoist.migrate();
		String before = this.database
			.queryForString("SELECT nspowner::regrole || ' ' || coalesce(nspacl::text, '') FROM pg_namespace"
					+ " WHERE nspname = 'public'");

		assertThat(hoist.clean().dropped()).containsExactly("table public.hoist_schema_history", "table public.shops");

		assertThat(this.database.queryForString("SELECT nspowner::regrole || ' ' || coalesce(nspacl::text, '')"
				+ " FROM pg_namespace WHERE nspname = 'public'"))
			.isEqualTo(before);
	}

	@Test
	void cleanRefusesASchemaWhoseTablesHoldMoreRowsThanTheLimitAndChangesNothing() {
		MigrationFiles files = MigrationFiles.create()
			.write("V1__orders.sql", "CREATE TABLE orders (id int); CREATE TABLE shops (id int);"
					+ " CREATE EXTENSION IF NOT EXISTS citext SCHEMA billing;");
		Hoist hoist = TestHoist.configure(files, this.database)
			.schema("billing")
			.cleanEnabled(true)
			.cleanMaxRows(10)
			.load();
		hoist.migrate();
		this.database.execute("INSERT INTO billing.orders SELECT generate_series(1, 8);"
				+ " INSERT INTO billing.shops SELECT generate_series(1, 3)");

		assertThatExceptionOfType(HoistException.class).isThrownBy(hoist::clean)
			.withMessageStartingWith("Clean refused: the tables of schema billing hold more than 10 rows"
					+ " (billing.orders, billing.shops), more than a development database usually does; check that"
					+ " this is the database you mean to empty (")
			.withMessageEndingWith(
					"). To empty it anyway, raise the limit with cleanMaxRows(...). Nothing was changed");
		assertThat(this.database.queryForLong("SELECT count(*) FROM billing.orders")).isEqualTo(8);
		assertThat(this.database.queryForString("SELECT to_regclass('billing.hoist_schema_history')")).isNotNull();

		this.database.execute("DELETE FROM billing.shops WHERE id > 2");
		// exactly the limit: the history rows are not counted
		assertThat(hoist.clean().dropped()).contains("table billing.orders", "extension citext");
	}

	@Test
	void theDefaultLimitIsAThousandRows() {
		assertThat(Hoist.configure().getCleanMaxRows()).isEqualTo(1000);
	}

}
