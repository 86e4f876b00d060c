package dev.hoist.core.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationFileNameTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "v7__lower.sql|start it with a capital V, as in V7__lower.sql",
			"V8__upper.SQL|end it with a lower-case .sql, as in V8__upper.sql",
			"V1_init.sql|use two underscores between version and description, as in V1__init.sql",
			"V1.5-add-index.sql|use two underscores between version and description, as in V1.5__add-index.sql",
			"V3 orders.sql|use two underscores between version and description, as in V3__orders.sql",
			"V2init.sql|use two underscores between version and description, as in V2__init.sql",
			"r_views.Sql|end it with a lower-case .sql, start it with a capital R and use two underscores between R"
					+ " and description, as in R__views.sql",
			"R-views.sql|use two underscores between R and description, as in R__views.sql",
			"001_create_users.sql|start it with V and use two underscores between version and description, as in"
					+ " V001__create_users.sql",
			"v2_1_backfill.SQL|end it with a lower-case .sql, start it with a capital V and use two underscores"
					+ " between version and description, as in V2_1__backfill.sql" })
	void namesEveryFixAndTheIntendedName(String name, String advice) {
		assertThat(MigrationFileName.advice(name)).isEqualTo(advice);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "V2026-11-21__orders.sql|the version after V must be digits separated by '.' or '_'",
					"V1a__orders.sql|the version after V must be digits separated by '.' or '_'",
					"V__orders.sql|put a version after V: digits separated by '.' or '_', as in V1__orders.sql",
					"V3_.sql|describe the migration after '__', as in V3__create_shops.sql",
					"U3__drop_orders.sql|it looks like a Flyway undo migration",
					"init.sql|name it V<version>__<description>.sql (versioned) or R__<description>.sql (repeatable)",
					"schema.SQL|name it V<version>__<description>.sql" })
	void saysWhatIsWrongWhenTheIntendedNameCannotBeTold(String name, String advice) {
		assertThat(MigrationFileName.advice(name)).startsWith(advice);
	}

}
