package dev.hoist.core.schema;

import java.util.List;

import dev.hoist.core.internal.lint.Lint;
import dev.hoist.core.internal.lint.Lint.LintFile;
import dev.hoist.core.internal.lint.LintOptions;
import dev.hoist.core.lint.Finding;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A column the target adds to an existing table with {@code NOT NULL} and no default, a
 * volatile default or an identity: the existing rows get values only that one statement
 * can give them (a value only the user knows, one per row, a number from the sequence),
 * so the diff writes the target's statement, with a comment per rule that says what to do
 * on a large table, and leaves the finding to the reviewer: lint, generate's review and
 * the startup gate (which knows the table's size) still see it, unsuppressed. Near misses
 * (a constant or stable default, an immutable function created in the same migration, a
 * new table) get no comment. Each pair round-trips, and its online migration passes the
 * safety rules but these ({@link SchemaPair#roundTrip(boolean)}).
 */
@PostgresTest
class SchemaDiffAddedColumnReviewTests {

	private static final String ORDERS = "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric);";

	@Test
	void aRequiredColumnWithoutADefaultSaysWhatTheReviewerMustDo(TestDatabase db) {
		SchemaDiff.Result diff = SchemaPair
			.of(db, ORDERS, ORDERS + "ALTER TABLE orders ADD COLUMN customer text NOT NULL;")
			.roundTrip(true);
		assertThat(diff.upSql()).contains("-- review hoist:add-required-column: the target has it NOT NULL without a"
				+ " default, and only you know the value existing rows need; on a table with rows this fails at once:"
				+ " add it nullable, backfill it, then SET NOT NULL through a validated CHECK\n"
				+ "ALTER TABLE public.orders ADD COLUMN customer text NOT NULL;");
		assertThat(unsuppressed(diff)).containsExactly("hoist:add-required-column");
	}

	@Test
	void aVolatileDefaultSaysWhatTheReviewerMustDo(TestDatabase db) {
		SchemaDiff.Result diff = SchemaPair
			.of(db, ORDERS, ORDERS + "ALTER TABLE orders ADD COLUMN reference uuid NOT NULL DEFAULT gen_random_uuid();")
			.roundTrip(true);
		assertThat(diff.upSql()).contains("-- review hoist:add-column-volatile-default: the target gives every"
				+ " existing row its own value of the default, which rewrites the table under ACCESS EXCLUSIVE; for a"
				+ " large table add it without the default, SET DEFAULT, backfill in batches, then constrain\n"
				+ "ALTER TABLE public.orders ADD COLUMN reference uuid DEFAULT gen_random_uuid() NOT NULL;");
		assertThat(unsuppressed(diff)).containsExactly("hoist:add-column-volatile-default");
	}

	@Test
	void anIdentitySaysWhatTheReviewerMustDo(TestDatabase db) {
		SchemaDiff.Result diff = SchemaPair
			.of(db, ORDERS, ORDERS + "ALTER TABLE orders ADD COLUMN number bigint GENERATED ALWAYS AS IDENTITY;")
			.roundTrip(true);
		assertThat(diff.upSql()).contains("-- review hoist:add-auto-increment-column: the target numbers every"
				+ " existing row, which rewrites the table under ACCESS EXCLUSIVE; for a large table add a plain"
				+ " column, backfill it in batches, SET NOT NULL through a validated CHECK, then ADD GENERATED AS"
				+ " IDENTITY starting past the largest value\n"
				+ "ALTER TABLE public.orders ADD COLUMN number bigint GENERATED ALWAYS AS IDENTITY");
		assertThat(unsuppressed(diff)).containsExactly("hoist:add-auto-increment-column");
	}

	@Test
	void aUserFunctionPostgresMayTreatAsVolatileIsReviewedToo(TestDatabase db) {
		String function = "CREATE FUNCTION next_reference() RETURNS text LANGUAGE sql AS $$ SELECT 'r' $$;";
		SchemaDiff.Result diff = SchemaPair
			.of(db, ORDERS + function,
					ORDERS + function + "ALTER TABLE orders ADD COLUMN reference text DEFAULT next_reference();")
			.roundTrip(true);
		assertThat(diff.upSql()).contains("-- review hoist:add-column-volatile-default: ");
		assertThat(unsuppressed(diff)).containsExactly("hoist:add-column-volatile-default");
	}

	@Test
	void nearMissesGetNoReview(TestDatabase db) {
		String immutable = "CREATE FUNCTION default_region() RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'eu' $$;";
		SchemaDiff.Result diff = SchemaPair
			.of(db, ORDERS,
					ORDERS + immutable + "ALTER TABLE orders ADD COLUMN state text NOT NULL DEFAULT 'new',"
							+ " ADD COLUMN placed_at timestamptz DEFAULT now(), ADD COLUMN note text,"
							+ " ADD COLUMN region text NOT NULL DEFAULT default_region();"
							+ " CREATE TABLE refunds (id bigint GENERATED ALWAYS AS IDENTITY, reason text NOT NULL,"
							+ " reference uuid DEFAULT gen_random_uuid());")
			.roundTrip(true);
		assertThat(diff.upSql())
			.contains("ADD COLUMN state text DEFAULT 'new'::text NOT NULL;",
					"ADD COLUMN placed_at timestamp with time zone DEFAULT now();",
					"ADD COLUMN region text DEFAULT public.default_region() NOT NULL;")
			.doesNotContain("-- review", "hoist:allow");
		assertThat(unsuppressed(diff)).isEmpty();
	}

	// the rules lint reports, unsuppressed, on the up section as written
	private static List<String> unsuppressed(SchemaDiff.Result diff) {
		return Lint.run(List.of(new LintFile("up", "-- migrate:up\n" + diff.upSql())), LintOptions.defaults())
			.stream()
			.filter((finding) -> !finding.isSuppressed() && finding.severity().isAtLeast(Finding.Severity.WARNING))
			.map(Finding::rule)
			.filter((rule) -> rule.startsWith("hoist:add-"))
			.toList();
	}

}
