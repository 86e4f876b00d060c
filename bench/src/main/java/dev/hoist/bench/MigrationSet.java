package dev.hoist.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One synthetic but realistic migration history of {@code n} versions, rendered for each
 * tool from the same SQL: Hoist ({@code -- migrate:up}/{@code -- migrate:down}), Flyway
 * (plain {@code V<n>__x.sql}), Liquibase (one formatted-SQL changelog) and psql (one
 * {@code all.sql}).
 *
 * <p>
 * Migrations cycle through what a service's history holds: a table with keys and a
 * foreign key, added columns, indexes, an enum, a dollar-quoted plpgsql trigger function
 * with its trigger, seed rows (through that trigger) and a view.
 */
final class MigrationSet {

	private static final int STEPS = 7;

	private final List<Migration> migrations;

	private MigrationSet(List<Migration> migrations) {
		this.migrations = migrations;
	}

	static MigrationSet generate(int n) {
		List<Migration> migrations = new ArrayList<>(n);
		for (int version = 1; version <= n; version++) {
			migrations.add(migration(version));
		}
		return new MigrationSet(migrations);
	}

	int size() {
		return this.migrations.size();
	}

	List<Migration> migrations() {
		return this.migrations;
	}

	private static Migration migration(int version) {
		int table = (version - 1) / STEPS + 1;
		String t = "t_" + table;
		return switch ((version - 1) % STEPS) {
			case 0 -> new Migration(version, "create_" + t, false,
					"""
							CREATE TABLE %1$s (
							    id bigserial PRIMARY KEY,
							    code text NOT NULL,
							    name text NOT NULL,
							    created_at timestamptz NOT NULL DEFAULT now(),
							    parent_id bigint%2$s,
							    CONSTRAINT %1$s_code_key UNIQUE (code),
							    CONSTRAINT %1$s_name_check CHECK (length(name) > 0)
							);
							COMMENT ON TABLE %1$s IS 'Entities of kind %3$d; the ''parent'' is the previous kind';
							""".formatted(t,
							(table > 1) ? " REFERENCES t_" + (table - 1) + " (id) ON DELETE SET NULL" : "", table),
					"DROP TABLE %s;\n".formatted(t));
			case 1 -> new Migration(version, "add_columns_" + t, false, """
					ALTER TABLE %1$s ADD COLUMN amount numeric(12,2) NOT NULL DEFAULT 0;
					ALTER TABLE %1$s ADD COLUMN note text;
					ALTER TABLE %1$s ADD COLUMN updated_at timestamptz;
					""".formatted(t), """
					ALTER TABLE %1$s DROP COLUMN updated_at;
					ALTER TABLE %1$s DROP COLUMN note;
					ALTER TABLE %1$s DROP COLUMN amount;
					""".formatted(t));
			case 2 -> new Migration(version, "index_" + t, false, """
					CREATE INDEX %1$s_parent_idx ON %1$s (parent_id);
					CREATE INDEX %1$s_created_idx ON %1$s (created_at DESC) WHERE note IS NOT NULL;
					""".formatted(t), """
					DROP INDEX %1$s_created_idx;
					DROP INDEX %1$s_parent_idx;
					""".formatted(t));
			case 3 -> new Migration(version, "enum_status_" + t, false, """
					CREATE TYPE %1$s_status AS ENUM ('draft', 'active', 'archived');
					ALTER TABLE %1$s ADD COLUMN status %1$s_status NOT NULL DEFAULT 'draft';
					""".formatted(t), """
					ALTER TABLE %1$s DROP COLUMN status;
					DROP TYPE %1$s_status;
					""".formatted(t));
			case 4 -> new Migration(version, "audit_trigger_" + t, true, """
					CREATE FUNCTION %1$s_touch() RETURNS trigger
					LANGUAGE plpgsql AS $$
					BEGIN
					    IF NEW.name = '' THEN
					        RAISE EXCEPTION 'name of %% must not be empty; got %%', TG_TABLE_NAME, NEW.code;
					    END IF;
					    NEW.updated_at := now();
					    RETURN NEW;
					END;
					$$;
					CREATE FUNCTION %1$s_label(p_code text) RETURNS text
					LANGUAGE plpgsql STABLE AS $fn$
					DECLARE
					    result text;
					BEGIN
					    SELECT name || ' (' || code || ')' INTO result FROM %1$s WHERE code = p_code;
					    RETURN coalesce(result, '$$ none; ' || p_code);
					END;
					$fn$;
					CREATE TRIGGER %1$s_touch BEFORE INSERT OR UPDATE ON %1$s
					    FOR EACH ROW EXECUTE FUNCTION %1$s_touch();
					""".formatted(t), """
					DROP TRIGGER %1$s_touch ON %1$s;
					DROP FUNCTION %1$s_label(text);
					DROP FUNCTION %1$s_touch();
					""".formatted(t));
			case 5 -> new Migration(version, "seed_" + t, false,
					"""
							INSERT INTO %1$s (code, name, amount, note, status)
							SELECT 'c' || g, 'Item ' || g || '; kind %2$d', g * 1.5, CASE WHEN g %% 3 = 0 THEN 'n' END,
							       (ARRAY['draft', 'active', 'archived'])[1 + g %% 3]::%1$s_status
							FROM generate_series(1, 20) AS g;
							INSERT INTO %1$s (code, name) VALUES ('first', 'First; the one with a semicolon'), ('o''brien', 'O''Brien');
							UPDATE %1$s SET note = 'seeded' WHERE code = 'first';
							"""
						.formatted(t, table),
					"DELETE FROM %1$s;\n".formatted(t));
			default -> new Migration(version, "view_" + t, false, """
					CREATE VIEW %1$s_active AS
					    SELECT id, code, name, amount FROM %1$s WHERE status = 'active';
					""".formatted(t), "DROP VIEW %1$s_active;\n".formatted(t));
		};
	}

	/**
	 * Write the four renderings under {@code root}: {@code hoist/}, {@code flyway/},
	 * {@code liquibase/changelog.sql} and {@code all.sql}.
	 */
	Layout write(Path root) throws IOException {
		Layout layout = new Layout(root.resolve("hoist"), root.resolve("flyway"), root.resolve("liquibase"),
				root.resolve("all.sql"));
		Files.createDirectories(layout.hoist());
		Files.createDirectories(layout.flyway());
		Files.createDirectories(layout.liquibase());
		StringBuilder changelog = new StringBuilder("-- liquibase formatted sql\n");
		StringBuilder all = new StringBuilder();
		for (Migration migration : this.migrations) {
			String file = "V" + migration.version() + "__" + migration.description() + ".sql";
			Files.writeString(layout.hoist().resolve(file),
					"-- migrate:up\n" + migration.up() + "\n-- migrate:down\n" + migration.down());
			Files.writeString(layout.flyway().resolve(file), migration.up());
			// Liquibase's splitter is not a PostgreSQL lexer: a changeset with dollar
			// quotes is
			// sent whole (the driver splits it), every other one is split by Liquibase as
			// usual.
			changelog.append("\n-- changeset bench:")
				.append(migration.version())
				.append(migration.dollarQuoted() ? " splitStatements:false" : "")
				.append('\n')
				.append(migration.up());
			for (String line : migration.down().split("\n")) {
				changelog.append("-- rollback ").append(line).append('\n');
			}
			all.append("-- ").append(file).append('\n').append(migration.up()).append('\n');
		}
		Files.writeString(layout.liquibase().resolve(Layout.CHANGELOG), changelog);
		Files.writeString(layout.allSql(), all);
		return layout;
	}

	record Migration(int version, String description, boolean dollarQuoted, String up, String down) {
	}

	record Layout(Path hoist, Path flyway, Path liquibase, Path allSql) {

		static final String CHANGELOG = "changelog.sql";

	}

}
