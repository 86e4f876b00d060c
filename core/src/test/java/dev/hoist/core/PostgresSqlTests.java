package dev.hoist.core;

import dev.hoist.testsupport.MigrationFiles;
import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real PostgreSQL SQL applies as written.
 */
@PostgresTest
class PostgresSqlTests {

	private TestDatabase database;

	@BeforeEach
	void cleanDatabase(TestDatabase database) {
		this.database = database;
		database.resetPublicSchema();
	}

	@Test
	void functionsTriggersDoBlocksStringsCommentsEnumsAndViewsApplyAsWritten() {
		MigrationFiles files = MigrationFiles.create().write("V1__everything.sql", """
				-- migrate:up
				/* a block comment /* nested; still a comment */ with a ; */
				CREATE TYPE order_status AS ENUM ('new', 'paid');
				CREATE TABLE "odd;name" (id serial PRIMARY KEY, note text, status order_status DEFAULT 'new',
				    updated_at timestamptz);
				INSERT INTO "odd;name" (note) VALUES ('semi;colon'), (E'it\\'s; escaped'), ('it''s; doubled');
				CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
				    NEW.updated_at := now(); -- a ; in a comment
				    RETURN NEW;
				END;
				$$;
				CREATE FUNCTION label(i int) RETURNS text LANGUAGE plpgsql AS $fn$
				BEGIN
				    RETURN 'label;' || i || $$;inner$$;
				END;
				$fn$;
				CREATE TRIGGER odd_touch BEFORE UPDATE ON "odd;name" FOR EACH ROW EXECUTE FUNCTION touch();
				DO $$
				BEGIN
				    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'nobody_here') THEN
				        RAISE NOTICE 'no role; fine';
				    END IF;
				END
				$$;
				CREATE FUNCTION doubled(i int) RETURNS int LANGUAGE sql
				BEGIN ATOMIC
				    SELECT CASE WHEN i > 0 THEN i * 2 ELSE 0 END;
				    SELECT i * 2;
				END;
				CREATE VIEW odd_notes AS SELECT id, note FROM "odd;name" WHERE note LIKE '%;%';
				UPDATE "odd;name" SET status = 'paid' WHERE id = 1;
				-- migrate:down
				DROP VIEW odd_notes;
				""").write("V2__enum_value.sql", """
				-- migrate:up
				ALTER TYPE order_status ADD VALUE 'shipped';
				""");

		MigrateResult result = TestHoist.configure(files, this.database).load().migrate();

		assertThat(result.applied()).hasSize(2);
		assertThat(this.database.queryForList("SELECT note FROM \"odd;name\" ORDER BY id"))
			.containsExactly("semi;colon", "it's; escaped", "it's; doubled");
		assertThat(this.database.queryForString("SELECT label(3)")).isEqualTo("label;3;inner");
		assertThat(this.database.queryForString("SELECT doubled(4)")).isEqualTo("8");
		assertThat(this.database.queryForString("SELECT updated_at IS NOT NULL FROM \"odd;name\" WHERE id = 1"))
			.isEqualTo("t");
		assertThat(this.database.queryForLong("SELECT count(*) FROM odd_notes")).isEqualTo(3);
		assertThat(this.database.queryForList("SELECT unnest(enum_range(NULL::order_status))::text"))
			.containsExactly("new", "paid", "shipped");
	}

	@Test
	void ruleActionsInParenthesesAndMarkersInsideBodiesAndCommentsApplyAsWritten() {
		MigrationFiles files = MigrationFiles.create().write("V1__rules.sql", """
				-- migrate:up
				CREATE TABLE shops (id int PRIMARY KEY, name text);
				CREATE TABLE audit (what text, shop int);
				CREATE RULE shops_audit AS ON INSERT TO shops DO ALSO (
				    INSERT INTO audit VALUES ('insert', NEW.id);
				    INSERT INTO audit VALUES ('name:' || NEW.name, NEW.id)
				);
				CREATE FUNCTION help() RETURNS text LANGUAGE sql AS $$
				SELECT 'a file has two sections:
				-- migrate:down
				undoes the up'
				$$;
				/*
				-- migrate:down
				DROP TABLE shops;
				*/
				INSERT INTO shops VALUES (1, 'first');
				-- migrate:down
				DROP FUNCTION help();
				DROP TABLE shops;
				DROP TABLE audit;
				""");

		TestHoist.configure(files, this.database).load().migrate();

		assertThat(this.database.queryForList("SELECT what || '/' || shop FROM audit ORDER BY what"))
			.containsExactly("insert/1", "name:first/1");
		assertThat(this.database.queryForString("SELECT help()")).contains("-- migrate:down\nundoes the up");
		assertThat(this.database.queryForString("SELECT name FROM shops")).isEqualTo("first");

		TestHoist.configure(files, this.database).load().downgrade(1);

		assertThat(this.database.queryForString("SELECT to_regclass('shops')")).isNull();
		assertThat(this.database.queryForString("SELECT to_regprocedure('help()')")).isNull();
	}

}
