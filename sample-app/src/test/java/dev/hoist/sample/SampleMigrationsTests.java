package dev.hoist.sample;

import dev.hoist.core.DowngradeResult;
import dev.hoist.core.Hoist;
import dev.hoist.core.MigrateResult;
import dev.hoist.core.MigrationInfo;
import dev.hoist.sample.migration.V7__Backfill_order_totals;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every migration of the sample applies, reverts with its down section, and applies
 * again, on a real PostgreSQL.
 */
@PostgresTest
class SampleMigrationsTests {

	private static final long DEMO_REVENUE = 18900 + 2 * 2900 + 3 * 650;

	private static final String USER_OBJECTS = """
			SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE n.nspname = 'public' AND c.relname NOT LIKE 'hoist_schema_history%'
			""";

	@Test
	void everyMigrationDowngradesToEmptyAndAppliesAgain(TestDatabase database) {
		Hoist hoist = Hoist.configure()
			.dataSource(database.dataSource())
			.javaMigrations(new V7__Backfill_order_totals())
			.load();
		MigrateResult first = hoist.migrate();
		assertThat(first.applied()).extracting(MigrationInfo::script)
			.containsExactly("V1__initial_schema.sql", "V2__analytics_tables.sql", "V3__demo_shops.sql",
					"V4__order_status.sql", "V5__order_status_refunded.sql", "V6__orders_by_shop_index.sql",
					V7__Backfill_order_totals.class.getName(), "R__shop_dashboard.sql");
		assertThat(database.queryForLong("SELECT sum(revenue_cents) FROM shop_dashboard")).isEqualTo(DEMO_REVENUE);

		// the enum's down section rebuilds the type without 'refunded'
		database.execute("UPDATE orders SET status = 'refunded' WHERE quantity = 3");
		hoist.downgradeTo("4");
		assertThat(database.queryForList("SELECT enum_range(NULL::order_status)::text"))
			.containsExactly("{pending,paid,shipped}");
		assertThat(database.queryForList("SELECT status::text FROM orders WHERE quantity = 3")).containsExactly("paid");

		DowngradeResult downgrade = hoist.downgradeTo("0");
		assertThat(downgrade.migrationsReverted()).isEqualTo(4);
		assertThat(downgrade.revision()).isNull();
		assertThat(database.queryForLong(USER_OBJECTS)).as("tables, views, indexes and sequences left").isZero();
		assertThat(database.queryForLong("SELECT count(*) FROM pg_type WHERE typname LIKE 'order_status%'")).isZero();

		// the downgrade forgot the repeatable, so migrate re-creates the view V7's
		// down section dropped
		assertThat(database.queryForLong("SELECT count(*) FROM hoist_schema_history")).isZero();
		MigrateResult again = hoist.migrate();
		assertThat(again.migrationsExecuted()).isEqualTo(8);
		assertThat(again.revision()).hasToString("7");
		assertThat(database.queryForList("SELECT enum_range(NULL::order_status)::text"))
			.containsExactly("{pending,paid,shipped,refunded}");
		assertThat(database
			.queryForLong("SELECT count(*) FROM pg_indexes WHERE indexname = 'orders_shop_id_created_at_idx'")).isOne();
		assertThat(database.queryForLong("SELECT sum(revenue_cents) FROM shop_dashboard")).isEqualTo(DEMO_REVENUE);
	}

}
