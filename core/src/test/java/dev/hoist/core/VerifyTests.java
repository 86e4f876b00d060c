package dev.hoist.core;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.hoist.core.verify.Verification;
import dev.hoist.core.verify.Verification.Outcome;
import dev.hoist.testsupport.MigrationFiles;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Verify: each deliberately wrong down section is caught and what it fails to restore is
 * named; correct ones pass; irreversible migrations are listed, not failed; a migration
 * that fails on the shadow stops the run with a clear message; the migrated database is
 * never written.
 */
@PostgresTest
class VerifyTests {

	private TestDatabase database;

	@BeforeEach
	void cleanDatabase(TestDatabase database) {
		this.database = database;
		database.resetPublicSchema();
	}

	@Test
	void everyWrongDownSectionIsCaughtAndNamedAndCorrectOnesPass() {
		MigrationFiles files = MigrationFiles.create().write("V1__items.sql", """
				-- migrate:up
				CREATE TYPE item_kind AS ENUM ('single', 'pack');
				CREATE TABLE items (
				    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
				    code serial NOT NULL,
				    name text NOT NULL,
				    kind item_kind NOT NULL DEFAULT 'single',
				    state text NOT NULL DEFAULT 'draft',
				    weight numeric(10,2),
				    price integer NOT NULL,
				    legacy text,
				    CONSTRAINT items_price_positive CHECK (price > 0)
				);
				COMMENT ON COLUMN items.legacy IS 'kept for the old importer';
				CREATE FUNCTION item_label(item_name text) RETURNS text LANGUAGE sql IMMUTABLE
				    RETURN upper(item_name);
				CREATE VIEW item_names AS SELECT id, name FROM items;
				-- migrate:down
				DROP VIEW item_names;
				DROP FUNCTION item_label(text);
				DROP TABLE items;
				DROP TYPE item_kind;
				""").write("V2__forgotten_index.sql", """
				-- migrate:up
				ALTER TABLE items ADD COLUMN sku text;
				CREATE INDEX items_name_idx ON items (name);
				-- migrate:down
				ALTER TABLE items DROP COLUMN sku;
				""").write("V3__forgotten_sequence.sql", """
				-- migrate:up
				CREATE SEQUENCE invoice_numbers;
				ALTER TABLE items ADD COLUMN invoice bigint DEFAULT nextval('invoice_numbers');
				-- migrate:down
				ALTER TABLE items DROP COLUMN invoice;
				""").write("V4__default_not_restored.sql", """
				-- migrate:up
				ALTER TABLE items ALTER COLUMN state SET DEFAULT 'new';
				-- migrate:down
				ALTER TABLE items ALTER COLUMN state DROP DEFAULT;
				""").write("V5__enum_value_left.sql", """
				-- migrate:up
				ALTER TYPE item_kind ADD VALUE 'bundle';
				-- migrate:down
				COMMENT ON TYPE item_kind IS NULL;
				""").write("V6__column_other_type.sql", """
				-- migrate:up
				ALTER TABLE items DROP COLUMN weight;
				-- migrate:down
				ALTER TABLE items ADD COLUMN weight integer;
				""").write("V7__function_not_restored.sql", """
				-- migrate:up
				CREATE OR REPLACE FUNCTION item_label(item_name text) RETURNS text LANGUAGE sql IMMUTABLE
				    RETURN lower(item_name);
				-- migrate:down
				DROP FUNCTION item_label(text);
				""").write("V8__view_not_restored.sql", """
				-- migrate:up
				CREATE OR REPLACE VIEW item_names AS SELECT id, name, state FROM items;
				-- migrate:down
				DROP VIEW item_names;
				CREATE VIEW item_names AS SELECT id FROM items;
				""").write("V9__sequence_ownership_lost.sql", """
				-- migrate:up
				ALTER TABLE items DROP COLUMN code;
				-- migrate:down
				CREATE SEQUENCE items_code_seq AS integer;
				ALTER TABLE items ADD COLUMN code integer NOT NULL DEFAULT nextval('items_code_seq');
				""").write("V10__constraint_not_valid.sql", """
				-- migrate:up
				ALTER TABLE items DROP CONSTRAINT items_price_positive;
				-- migrate:down
				ALTER TABLE items ADD CONSTRAINT items_price_positive CHECK (price > 0) NOT VALID;
				""").write("V11__comment_lost.sql", """
				-- migrate:up
				ALTER TABLE items DROP COLUMN legacy;
				-- migrate:down
				ALTER TABLE items ADD COLUMN legacy text;
				""").write("V12__correct.sql", """
				-- migrate:up
				CREATE TABLE tags (id bigserial PRIMARY KEY, label text NOT NULL UNIQUE);
				ALTER TABLE items ADD COLUMN tag_id bigint REFERENCES tags;
				CREATE INDEX items_tag_idx ON items (tag_id);
				COMMENT ON TABLE tags IS 'labels';
				-- migrate:down
				DROP INDEX items_tag_idx;
				ALTER TABLE items DROP COLUMN tag_id;
				DROP TABLE tags;
				""").write("V13__empty_down.sql", """
				-- migrate:up
				ALTER TABLE items ADD COLUMN archived boolean NOT NULL DEFAULT false;
				-- migrate:down
				""").write("V14__no_down.sql", """
				ALTER TABLE items ADD COLUMN archived_at timestamptz;
				""").write("R__report_view.sql", """
				CREATE OR REPLACE VIEW item_report AS SELECT id, price FROM items;
				""");

		Verification verification = hoist(files).verify();

		Map<String, Verification.Migration> byScript = verification.migrations()
			.stream()
			.collect(Collectors.toMap(Verification.Migration::script, (migration) -> migration));
		assertThat(verification.failure()).isNull();
		assertThat(verification.isVerified()).isFalse();
		assertThat(outcome(byScript, "V1__items.sql")).isEqualTo(Outcome.RESTORED);
		assertThat(outcome(byScript, "V12__correct.sql")).isEqualTo(Outcome.RESTORED);
		assertThat(outcome(byScript, "V13__empty_down.sql")).isEqualTo(Outcome.IRREVERSIBLE);
		assertThat(outcome(byScript, "V14__no_down.sql")).isEqualTo(Outcome.IRREVERSIBLE);
		assertThat(outcome(byScript, "R__report_view.sql")).isEqualTo(Outcome.REPEATABLE);
		assertDownFails(byScript, "V2__forgotten_index.sql", "EXTRA index public.items_name_idx");
		assertDownFails(byScript, "V3__forgotten_sequence.sql", "EXTRA sequence public.invoice_numbers");
		assertDownFails(byScript, "V4__default_not_restored.sql", "CHANGED column public.items.state",
				"default 'draft'");
		assertDownFails(byScript, "V5__enum_value_left.sql", "CHANGED type public.item_kind", "bundle");
		assertDownFails(byScript, "V6__column_other_type.sql", "CHANGED column public.items.weight", "integer");
		assertDownFails(byScript, "V7__function_not_restored.sql", "MISSING function public.item_label");
		assertDownFails(byScript, "V8__view_not_restored.sql", "CHANGED view public.item_names");
		assertDownFails(byScript, "V9__sequence_ownership_lost.sql", "sequence public.items_code_seq", "owned by");
		assertDownFails(byScript, "V10__constraint_not_valid.sql", "constraint items_price_positive", "valid");
		assertDownFails(byScript, "V11__comment_lost.sql", "column public.items.legacy", "comment");
		assertThat(verification.failed()).hasSize(10);
		assertThatExceptionOfType(AssertionError.class).isThrownBy(verification::requireVerified)
			.withMessageContaining("V2__forgotten_index.sql: FAILED")
			.withMessageContaining("EXTRA index public.items_name_idx")
			.withMessageNotContaining("V12__correct.sql");
		assertThat(verification.irreversible()).hasSize(2);
		// the migrated database was never written
		assertThat(
				this.database.queryForLong("SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace"))
			.isZero();
	}

	@Test
	void correctDownSectionsAreVerified() {
		MigrationFiles files = MigrationFiles.create().write("V1__a.sql", """
				-- migrate:up
				CREATE TABLE a (id bigserial PRIMARY KEY, name text NOT NULL DEFAULT 'x');
				CREATE INDEX a_name_idx ON a (name);
				-- migrate:down
				DROP TABLE a;
				""").write("V2__b.sql", """
				-- migrate:up
				ALTER TABLE a ADD COLUMN b int CHECK (b > 0);
				COMMENT ON COLUMN a.b IS 'b';
				-- migrate:down
				ALTER TABLE a DROP COLUMN b;
				""");
		Verification verification = hoist(files).verify().requireVerified();
		assertThat(verification.migrations()).extracting(Verification.Migration::outcome)
			.containsExactly(Outcome.RESTORED, Outcome.RESTORED);
	}

	@Test
	void downThatBreaksTheNextUpLeavesTheShadowAsTheUpBuiltItAndDeferredChecksRunAsAtCommit() {
		MigrationFiles files = MigrationFiles.create().write("V1__a.sql", """
				-- migrate:up
				CREATE TABLE a (id int PRIMARY KEY);
				-- migrate:down
				SELECT 1;
				""").write("V2__b.sql", """
				-- migrate:up
				ALTER TABLE a ADD COLUMN b int;
				-- migrate:down
				ALTER TABLE a DROP COLUMN b;
				""").write("V3__parent_child.sql", """
				-- migrate:up
				CREATE TABLE parent (id int PRIMARY KEY);
				CREATE TABLE child (parent_id int REFERENCES parent DEFERRABLE INITIALLY DEFERRED);
				INSERT INTO parent VALUES (1);
				INSERT INTO child VALUES (1);
				-- migrate:down
				DROP TABLE child;
				DROP TABLE parent;
				""").write("V4__parent_note.sql", """
				-- migrate:up
				ALTER TABLE parent ADD COLUMN note text;
				-- migrate:down
				ALTER TABLE parent DROP COLUMN note;
				DELETE FROM parent;
				""").write("V5__c.sql", """
				-- migrate:up
				CREATE TABLE c (id int);
				-- migrate:down
				DROP TABLE c;
				""");

		Verification verification = hoist(files).verify();

		assertThat(verification.failure()).isNull();
		assertThat(verification.migrations()).extracting(Verification.Migration::outcome)
			.containsExactly(Outcome.FAILED, Outcome.RESTORED, Outcome.RESTORED, Outcome.FAILED, Outcome.RESTORED);
		Verification.Migration leftBehind = verification.migrations().get(0);
		assertThat(leftBehind.problem()).contains("its down section does not restore the schema")
			.contains("its up section fails")
			.contains("already exists");
		assertThat(leftBehind.differences()).extracting(Verification.Difference::toString)
			.anySatisfy((line) -> assertThat(line).contains("EXTRA table public.a"));
		// the deferred foreign key check that the down section's commit runs fails
		assertThat(verification.migrations().get(3).problem()).contains("its down section fails")
			.contains("foreign key");
	}

	@Test
	void migrationThatFailsOnTheShadowStopsTheRunClearly() {
		MigrationFiles files = MigrationFiles.create().write("V1__a.sql", """
				-- migrate:up
				CREATE TABLE a (id int);
				-- migrate:down
				DROP TABLE a;
				""").write("V2__broken.sql", """
				-- migrate:up
				ALTER TABLE missing_table ADD COLUMN b int;
				-- migrate:down
				ALTER TABLE missing_table DROP COLUMN b;
				""").write("V3__c.sql", """
				-- migrate:up
				CREATE TABLE c (id int);
				-- migrate:down
				DROP TABLE c;
				""");
		Verification verification = hoist(files).verify();
		assertThat(verification.isVerified()).isFalse();
		assertThat(verification.failure()).contains("V2__broken.sql").contains("missing_table");
		assertThat(verification.migrations()).extracting(Verification.Migration::outcome)
			.containsExactly(Outcome.RESTORED, Outcome.FAILED, Outcome.NOT_VERIFIED);
		assertThat(
				this.database.queryForLong("SELECT count(*) FROM pg_database WHERE datname LIKE 'hoist\\_shadow\\_%'"))
			.isZero();
	}

	private static Outcome outcome(Map<String, Verification.Migration> byScript, String script) {
		assertThat(byScript).containsKey(script);
		return byScript.get(script).outcome();
	}

	private static void assertDownFails(Map<String, Verification.Migration> byScript, String script, String... named) {
		Verification.Migration migration = byScript.get(script);
		assertThat(migration).as(script).isNotNull();
		assertThat(migration.outcome()).as(script + ": " + migration).isEqualTo(Outcome.FAILED);
		List<String> differences = migration.differences()
			.stream()
			.filter((difference) -> difference.phase() == Verification.Phase.DOWN)
			.map(Verification.Difference::toString)
			.toList();
		assertThat(differences).as(script + ": " + migration.differences())
			.anySatisfy((line) -> assertThat(line).contains(named));
	}

	private Hoist hoist(MigrationFiles files) {
		return Hoist.configure()
			.url(this.database.jdbcUrl(), this.database.user(), this.database.password())
			.locations(files.location())
			.load();
	}

}
