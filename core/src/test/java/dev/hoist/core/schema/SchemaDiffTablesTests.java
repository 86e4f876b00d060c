package dev.hoist.core.schema;

import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tables and columns: created, altered in place, dropped, each applied to a real database
 * and compared with the target both ways.
 */
@PostgresTest
class SchemaDiffTablesTests {

	@Test
	void createsATableWithItsKeysAndDefaults(TestDatabase db) {
		SchemaDiff.Result result = SchemaPair.of(db, "", """
				CREATE TABLE shops (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, domain text NOT NULL UNIQUE,
				  plan text DEFAULT 'free' CHECK (plan <> ''), created_at timestamptz NOT NULL DEFAULT now());
				COMMENT ON TABLE shops IS 'one row per shop';
				COMMENT ON COLUMN shops.domain IS 'where it''s served';
				""").roundTrip(true);
		assertThat(result.changes()).extracting(SchemaDiff.Change::name).contains("public.shops");
	}

	@Test
	void dropsATableAndSaysItLosesData(TestDatabase db) {
		SchemaDiff.Result result = SchemaPair.of(db, "CREATE TABLE legacy (id int PRIMARY KEY, note text)", "")
			.roundTrip(true);
		assertThat(result.changes()).anySatisfy((change) -> {
			assertThat(change.action()).isEqualTo(SchemaDiff.Change.Action.DROP);
			assertThat(change.losesData()).isTrue();
		});
		assertThat(result.summary()).contains("drops table public.legacy and its rows");
	}

	@Test
	void altersColumnsInPlace(TestDatabase db) {
		SchemaDiff.Result result = SchemaPair.of(db, """
				CREATE TABLE orders (id int PRIMARY KEY, total int, note varchar(50), status text DEFAULT 'new',
				  paid boolean, old text);
				""", """
				CREATE TABLE orders (id int PRIMARY KEY, total bigint NOT NULL DEFAULT 0, note varchar(100),
				  status text DEFAULT 'open' NOT NULL, paid boolean DEFAULT false, added int);
				""").roundTrip(true);
		assertThat(result.upSql()).contains("ALTER COLUMN total TYPE bigint")
			.contains("VALIDATE CONSTRAINT")
			.contains("SET NOT NULL")
			.contains("DROP COLUMN old");
	}

}
