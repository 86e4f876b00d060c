package dev.hoist.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A generated, realistic migration history of {@code n} versions, the one the bench and
 * the reliability suite share. Version 1 creates a ledger that every later migration
 * writes its version into, so that a migration applied twice shows. The others cycle
 * through what a service's history holds: a table with keys, a check, a comment and a
 * foreign key to the previous one; added columns; a partial index; an enum column; a
 * dollar-quoted plpgsql trigger function and a function whose body holds {@code $$} and
 * semicolons; seed rows with quotes and semicolons in strings; a view. Every migration
 * has a down section that undoes it.
 * <p>
 * Some versions can be made special: a slow one, a {@code transaction:false} one, an
 * {@code ALTER TABLE} of a table readers use. The same statements can be applied without
 * Hoist ({@link #applyDirectly(Connection)}) to build a reference schema.
 */
public final class MigrationHistory {

	private static final int STEPS = 7;

	private static final String GATE = "DO $gate$";

	private final List<Migration> migrations;

	private MigrationHistory(List<Migration> migrations) {
		this.migrations = List.copyOf(migrations);
	}

	/**
	 * Start a history of {@code count} versions.
	 * @param count how many migrations, at least 2
	 * @return a builder
	 */
	public static Builder of(int count) {
		return new Builder(count);
	}

	/**
	 * Return the migrations in version order.
	 * @return the migrations
	 */
	public List<Migration> migrations() {
		return this.migrations;
	}

	/**
	 * Return how many migrations there are.
	 * @return the count
	 */
	public int size() {
		return this.migrations.size();
	}

	/**
	 * Write the Hoist files, with up and down sections, into a directory.
	 * @param directory where to write, created if missing
	 * @return the directory
	 */
	public Path writeTo(Path directory) {
		try {
			Files.createDirectories(directory);
			for (Migration migration : this.migrations) {
				Files.writeString(directory.resolve(migration.fileName()), migration.text());
			}
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Apply the up statements as a careful person with {@code psql} would, without Hoist
	 * and without the pauses of slow migrations: the reference schema.
	 * @param connection a connection to an empty database
	 */
	public void applyDirectly(Connection connection) {
		try {
			for (Migration migration : this.migrations) {
				connection.setAutoCommit(!migration.transactional());
				for (String sql : migration.up()) {
					if (!isPause(sql)) {
						try (Statement statement = connection.createStatement()) {
							statement.execute(sql);
						}
					}
				}
				if (migration.transactional()) {
					connection.commit();
				}
			}
			connection.setAutoCommit(true);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("The reference history does not apply: " + ex.getMessage(), ex);
		}
	}

	// pauses and gates only wait: the reference has nobody to wait for
	private static boolean isPause(String sql) {
		return sql.startsWith("SELECT pg_sleep") || sql.startsWith(GATE);
	}

	/**
	 * Return the table that the first group creates at version 2, which
	 * {@link Builder#alterReadTable(int)} alters and readers use.
	 * @return the table name
	 */
	public static String readTable() {
		return table(1);
	}

	/**
	 * Return the table a {@link Builder#nonTransactional(int, int) non-transactional}
	 * version creates.
	 * @param version the version
	 * @return the table name
	 */
	public static String nonTransactionalTable(int version) {
		return "nt_" + version;
	}

	private static String table(int group) {
		return "t_" + group;
	}

	private static int group(int version) {
		return (version - 2) / STEPS + 1;
	}

	private static String ledger(int version) {
		return "INSERT INTO ledger (version) VALUES (" + version + ");";
	}

	private static Migration regular(int version) {
		int group = group(version);
		String t = table(group);
		String parent = (group > 1) ? " REFERENCES " + table(group - 1) + " (id) ON DELETE SET NULL" : "";
		return switch ((version - 2) % STEPS) {
			case 0 -> migration(version, "create_" + t, false,
					List.of("""
							CREATE TABLE %1$s (
							    id bigserial PRIMARY KEY,
							    code text NOT NULL,
							    name text NOT NULL,
							    created_at timestamptz NOT NULL DEFAULT now(),
							    parent_id bigint%2$s,
							    CONSTRAINT %1$s_code_key UNIQUE (code),
							    CONSTRAINT %1$s_name_check CHECK (length(name) > 0)
							);""".formatted(t, parent),
							"COMMENT ON TABLE %1$s IS 'Entities of kind %2$d; the ''parent'' is the previous kind';"
								.formatted(t, group)),
					List.of("DROP TABLE %s;".formatted(t)));
			case 1 -> migration(version, "add_columns_" + t, false,
					List.of("ALTER TABLE %1$s ADD COLUMN amount numeric(12,2) NOT NULL DEFAULT 0;".formatted(t),
							"ALTER TABLE %1$s ADD COLUMN note text;".formatted(t),
							"ALTER TABLE %1$s ADD COLUMN updated_at timestamptz;".formatted(t)),
					List.of("ALTER TABLE %1$s DROP COLUMN updated_at;".formatted(t),
							"ALTER TABLE %1$s DROP COLUMN note;".formatted(t),
							"ALTER TABLE %1$s DROP COLUMN amount;".formatted(t)));
			case 2 -> migration(version, "index_" + t, false,
					List.of("CREATE INDEX %1$s_parent_idx ON %1$s (parent_id);".formatted(t),
							"CREATE INDEX %1$s_created_idx ON %1$s (created_at DESC) WHERE note IS NOT NULL;"
								.formatted(t)),
					List.of("DROP INDEX %1$s_created_idx;".formatted(t), "DROP INDEX %1$s_parent_idx;".formatted(t)));
			case 3 -> migration(version, "enum_status_" + t, false,
					List.of("CREATE TYPE %1$s_status AS ENUM ('draft', 'active', 'archived');".formatted(t),
							"ALTER TABLE %1$s ADD COLUMN status %1$s_status NOT NULL DEFAULT 'draft';".formatted(t)),
					List.of("ALTER TABLE %1$s DROP COLUMN status;".formatted(t),
							"DROP TYPE %1$s_status;".formatted(t)));
			case 4 -> migration(version, "audit_trigger_" + t, true, List.of("""
					CREATE FUNCTION %1$s_touch() RETURNS trigger
					LANGUAGE plpgsql AS $$
					BEGIN
					    IF NEW.name = '' THEN
					        RAISE EXCEPTION 'name of %% must not be empty; got %%', TG_TABLE_NAME, NEW.code;
					    END IF;
					    NEW.updated_at := now();
					    RETURN NEW;
					END;
					$$;""".formatted(t), """
					CREATE FUNCTION %1$s_label(p_code text) RETURNS text
					LANGUAGE plpgsql STABLE AS $fn$
					DECLARE
					    result text;
					BEGIN
					    SELECT name || ' (' || code || ')' INTO result FROM %1$s WHERE code = p_code;
					    RETURN coalesce(result, '$$ none; ' || p_code);
					END;
					$fn$;""".formatted(t), """
					CREATE TRIGGER %1$s_touch BEFORE INSERT OR UPDATE ON %1$s
					    FOR EACH ROW EXECUTE FUNCTION %1$s_touch();""".formatted(t)),
					List.of("DROP TRIGGER %1$s_touch ON %1$s;".formatted(t),
							"DROP FUNCTION %1$s_label(text);".formatted(t),
							"DROP FUNCTION %1$s_touch();".formatted(t)));
			case 5 -> migration(version, "seed_" + t, false, List.of("""
					INSERT INTO %1$s (code, name, amount, note, status)
					SELECT 'c' || g, 'Item ' || g || '; kind %2$d', g * 1.5, CASE WHEN g %% 3 = 0 THEN 'n' END,
					       (ARRAY['draft', 'active', 'archived'])[1 + g %% 3]::%1$s_status
					FROM generate_series(1, 20) AS g;""".formatted(t, group),
					"INSERT INTO %1$s (code, name) VALUES ('first', 'First; the one with a semicolon'),".formatted(t)
							+ " ('o''brien', 'O''Brien');",
					"UPDATE %1$s SET note = 'seeded' WHERE code = 'first';".formatted(t)),
					List.of("DELETE FROM %1$s;".formatted(t)));
			default -> migration(version, "view_" + t, false, List.of("""
					CREATE VIEW %1$s_active AS
					    SELECT id, code, name, amount FROM %1$s WHERE status = 'active';""".formatted(t)),
					List.of("DROP VIEW %1$s_active;".formatted(t)));
		};
	}

	// every migration also writes its version into the ledger, and its down removes it
	private static Migration migration(int version, String description, boolean dollarQuoted, List<String> up,
			List<String> down) {
		List<String> upWithLedger = new ArrayList<>(up);
		upWithLedger.add(ledger(version));
		List<String> downWithLedger = new ArrayList<>(down);
		downWithLedger.add("DELETE FROM ledger WHERE version = " + version + ";");
		return new Migration(version, description, true, dollarQuoted, upWithLedger, downWithLedger);
	}

	/**
	 * One migration.
	 *
	 * @param version its version
	 * @param description its description, part of the file name
	 * @param transactional whether it runs in one transaction
	 * @param dollarQuoted whether it has dollar-quoted bodies (tools that split on
	 * semicolons need to be told)
	 * @param up its statements, in order
	 * @param down the statements that undo it, in order
	 */
	public record Migration(int version, String description, boolean transactional, boolean dollarQuoted,
			List<String> up, List<String> down) {

		/**
		 * Return the file name, {@code V<version>__<description>.sql}.
		 * @return the file name
		 */
		public String fileName() {
			return "V" + this.version + "__" + this.description + ".sql";
		}

		/**
		 * Return the up statements as one SQL text.
		 * @return the SQL
		 */
		public String upSql() {
			return String.join("\n", this.up) + "\n";
		}

		/**
		 * Return the down statements as one SQL text.
		 * @return the SQL
		 */
		public String downSql() {
			return String.join("\n", this.down) + "\n";
		}

		/**
		 * Return the Hoist file: an up section and a down section.
		 * @return the file's text
		 */
		public String text() {
			String options = this.transactional ? "" : " transaction:false";
			return "-- migrate:up" + options + "\n" + upSql() + "\n-- migrate:down" + options + "\n" + downSql();
		}

	}

	/**
	 * Builds a history, with special versions where a scenario needs them.
	 */
	public static final class Builder {

		private static final int GATE_SECONDS = 120;

		private final int count;

		private final Map<Integer, Migration> special = new TreeMap<>();

		private Builder(int count) {
			if (count < 2) {
				throw new IllegalArgumentException("A history needs the ledger and at least one more migration");
			}
			this.count = count;
		}

		/**
		 * Make one version sleep inside its transaction, as a long data migration would.
		 * @param version the version
		 * @param seconds how long it sleeps
		 * @return this builder
		 */
		public Builder slow(int version, int seconds) {
			Migration regular = regular(version);
			List<String> up = new ArrayList<>(regular.up());
			up.add(up.size() - 1, "SELECT pg_sleep(" + seconds + ");");
			return put(new Migration(version, "slow_" + version, true, regular.dollarQuoted(), up, regular.down()));
		}

		/**
		 * Make one version sleep inside its transaction only for the sessions that meet a
		 * condition, such as {@code inet_client_addr() = '198.18.1.2'}; for every other
		 * session it is a regular migration, so that the run completing it after a
		 * scenario is quick.
		 * @param version the version
		 * @param seconds how long it sleeps for those sessions
		 * @param condition an SQL condition on the session
		 * @return this builder
		 */
		public Builder slowWhen(int version, int seconds, String condition) {
			Migration regular = regular(version);
			List<String> up = new ArrayList<>(regular.up());
			up.add(up.size() - 1, "SELECT pg_sleep(CASE WHEN " + condition + " THEN " + seconds + " ELSE 0 END);");
			return put(new Migration(version, "slow_" + version, true, regular.dollarQuoted(), up, regular.down()));
		}

		/**
		 * Make one version hold its transaction, and so the migration lock, until a
		 * number of other sessions of the database have tried the migration lock and
		 * found it taken: contention made certain, however the processes happen to be
		 * scheduled. Fails the migration (and so the run) when they do not come within
		 * two minutes.
		 * @param version the version
		 * @param waiters how many other sessions must be waiting for the lock
		 * @return this builder
		 */
		public Builder waitForLockWaiters(int version, int waiters) {
			Migration regular = regular(version);
			List<String> up = new ArrayList<>(regular.up());
			// pg_stat_activity is a snapshot per transaction unless cleared; a waiter's
			// last statement is its try at the lock or the holder report after it
			up.add(up.size() - 1, GATE + "\nDECLARE\n    deadline timestamptz := clock_timestamp() + interval '"
					+ GATE_SECONDS + " seconds';\n    waiting bigint := 0;\nBEGIN\n    LOOP\n"
					+ "        PERFORM pg_stat_clear_snapshot();\n"
					+ "        SELECT count(*) INTO waiting FROM pg_stat_activity WHERE datname = current_database()\n"
					+ "            AND pid <> pg_backend_pid() AND (query LIKE 'SELECT pg_try_advisory_lock%'\n"
					+ "            OR query LIKE '%FROM pg_locks l%');\n" + "        EXIT WHEN waiting >= " + waiters
					+ ";\n" + "        IF clock_timestamp() > deadline THEN\n"
					+ "            RAISE EXCEPTION 'only % of " + waiters
					+ " sessions waited for the migration lock within " + GATE_SECONDS
					+ " s', waiting;\n        END IF;\n        PERFORM pg_sleep(0.05);\n"
					+ "    END LOOP;\nEND\n$gate$;");
			return put(new Migration(version, "gate_" + version, true, true, up, regular.down()));
		}

		/**
		 * Make one version non-transactional: a table, a pause as its own statement, then
		 * {@code CREATE INDEX CONCURRENTLY} and the version's regular statements. Killed
		 * in the pause, it has left the table behind.
		 * @param version the version
		 * @param seconds how long the pause lasts
		 * @return this builder
		 */
		public Builder nonTransactional(int version, int seconds) {
			String table = nonTransactionalTable(version);
			Migration regular = regular(version);
			List<String> up = new ArrayList<>(
					List.of("CREATE TABLE " + table + " (id bigint PRIMARY KEY, name text NOT NULL);",
							"SELECT pg_sleep(" + seconds + ");",
							"CREATE INDEX CONCURRENTLY " + table + "_name ON " + table + " (name);"));
			up.addAll(regular.up());
			List<String> down = new ArrayList<>(regular.down());
			down.add("DROP TABLE " + table + ";");
			return put(
					new Migration(version, "index_concurrently_" + version, false, regular.dollarQuoted(), up, down));
		}

		/**
		 * Make one version add a column to the table readers use before its regular
		 * statements: an {@code ACCESS EXCLUSIVE} lock on a busy table.
		 * @param version the version, after the one creating that table
		 * @return this builder
		 */
		public Builder alterReadTable(int version) {
			if (version <= 2) {
				throw new IllegalArgumentException("V2 creates " + readTable());
			}
			Migration regular = regular(version);
			List<String> up = new ArrayList<>();
			up.add("ALTER TABLE " + readTable() + " ADD COLUMN flag_" + version + " boolean;");
			up.addAll(regular.up());
			List<String> down = new ArrayList<>(regular.down());
			down.add("ALTER TABLE " + readTable() + " DROP COLUMN flag_" + version + ";");
			return put(new Migration(version, "alter_" + readTable() + "_" + version, true, regular.dollarQuoted(), up,
					down));
		}

		private Builder put(Migration migration) {
			int version = migration.version();
			if (version < 2 || version > this.count) {
				throw new IllegalArgumentException("Version " + version + " is the ledger or out of range");
			}
			this.special.put(version, migration);
			return this;
		}

		/**
		 * Build the history.
		 * @return the history
		 */
		public MigrationHistory build() {
			List<Migration> migrations = new ArrayList<>();
			migrations.add(new Migration(1, "ledger", true, false,
					List.of("CREATE TABLE ledger (version integer NOT NULL, applied_at timestamptz NOT NULL"
							+ " DEFAULT clock_timestamp());", ledger(1)),
					List.of("DROP TABLE ledger;")));
			for (int version = 2; version <= this.count; version++) {
				Migration special = this.special.get(version);
				migrations.add((special != null) ? special : regular(version));
			}
			return new MigrationHistory(migrations);
		}

	}

}
