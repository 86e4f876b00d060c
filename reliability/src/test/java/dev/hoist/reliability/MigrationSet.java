package dev.hoist.reliability;

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

import dev.hoist.testsupport.TestDatabase;

/**
 * A generated, realistic set of migrations: a ledger that every migration writes its
 * version into (so that a migration applied twice shows), then groups of tables with
 * keys, added columns, indexes, seed rows, dollar-quoted trigger functions, enums,
 * foreign keys and views. Some versions can be made special: a slow one, a
 * {@code transaction:false} one, an {@code ALTER TABLE} of a table readers use.
 * <p>
 * The same statements can be applied without Hoist ({@link #applyDirectly}) to build the
 * reference schema every scenario is compared with.
 */
final class MigrationSet {

	private static final int GROUP = 6;

	private final List<Migration> migrations;

	private MigrationSet(List<Migration> migrations) {
		this.migrations = List.copyOf(migrations);
	}

	static Builder of(int count) {
		return new Builder(count);
	}

	List<Migration> migrations() {
		return this.migrations;
	}

	int size() {
		return this.migrations.size();
	}

	/**
	 * Write the files into a new directory.
	 * @param directory where to write, created if missing
	 * @return the directory
	 */
	Path writeTo(Path directory) {
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
	 * Apply the statements as a careful person with {@code psql} would, without Hoist and
	 * without pauses: the reference schema.
	 * @param database an empty database
	 */
	void applyDirectly(TestDatabase database) {
		try (Connection connection = database.connect()) {
			for (Migration migration : this.migrations) {
				connection.setAutoCommit(!migration.transactional());
				for (String sql : migration.statements()) {
					if (!sql.startsWith("SELECT pg_sleep")) {
						try (Statement statement = connection.createStatement()) {
							statement.execute(sql);
						}
					}
				}
				if (migration.transactional()) {
					connection.commit();
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("The reference set does not apply: " + ex.getMessage(), ex);
		}
	}

	/**
	 * One migration file.
	 *
	 * @param version its version
	 * @param description its description, part of the file name
	 * @param transactional whether it runs in one transaction
	 * @param statements its statements, in order
	 */
	record Migration(int version, String description, boolean transactional, List<String> statements) {

		String fileName() {
			return "V" + this.version + "__" + this.description + ".sql";
		}

		String text() {
			return "-- migrate:up" + (this.transactional ? "" : " transaction:false") + "\n"
					+ String.join("\n", this.statements) + "\n";
		}

	}

	static final class Builder {

		private final int count;

		private final Map<Integer, Migration> special = new TreeMap<>();

		private Builder(int count) {
			if (count < 2) {
				throw new IllegalArgumentException("A set needs the ledger and at least one more migration");
			}
			this.count = count;
		}

		/**
		 * Make one version sleep inside its transaction, as a long data migration would.
		 * @param version the version
		 * @param seconds how long it sleeps
		 * @return this builder
		 */
		Builder slow(int version, int seconds) {
			List<String> statements = new ArrayList<>(regular(version));
			statements.add(statements.size() - 1, "SELECT pg_sleep(" + seconds + ");");
			return put(new Migration(version, "slow_" + version, true, statements));
		}

		/**
		 * Make one version non-transactional: a table, a pause as its own statement, then
		 * {@code CREATE INDEX CONCURRENTLY} and the version's regular statements. Killed
		 * in the pause, it has left the table behind.
		 * @param version the version
		 * @param seconds how long the pause lasts
		 * @return this builder
		 */
		Builder nonTransactional(int version, int seconds) {
			String table = nonTransactionalTable(version);
			List<String> statements = new ArrayList<>(
					List.of("CREATE TABLE " + table + " (id bigint PRIMARY KEY, name text NOT NULL);",
							"SELECT pg_sleep(" + seconds + ");",
							"CREATE INDEX CONCURRENTLY " + table + "_name ON " + table + " (name);"));
			statements.addAll(regular(version));
			return put(new Migration(version, "index_concurrently_" + version, false, statements));
		}

		/**
		 * Make one version add a column to the first group's table before its regular
		 * statements: an {@code ACCESS EXCLUSIVE} lock on a table readers use.
		 * @param version the version, after the one creating that table
		 * @return this builder
		 */
		Builder alterReadTable(int version) {
			if (version <= 2) {
				throw new IllegalArgumentException("V2 creates " + readTable());
			}
			List<String> statements = new ArrayList<>();
			statements.add("ALTER TABLE " + readTable() + " ADD COLUMN flag_" + version + " boolean;");
			statements.addAll(regular(version));
			return put(new Migration(version, "alter_" + readTable() + "_" + version, true, statements));
		}

		private Builder put(Migration migration) {
			int version = migration.version();
			if (version < 2 || version > this.count) {
				throw new IllegalArgumentException("Version " + version + " is the ledger or out of range");
			}
			this.special.put(version, migration);
			return this;
		}

		MigrationSet build() {
			List<Migration> migrations = new ArrayList<>();
			migrations.add(new Migration(1, "ledger", true,
					List.of("CREATE TABLE ledger (version integer NOT NULL, applied_at timestamptz NOT NULL"
							+ " DEFAULT clock_timestamp());", ledger(1))));
			for (int version = 2; version <= this.count; version++) {
				Migration special = this.special.get(version);
				migrations.add((special != null) ? special
						: new Migration(version, description(version), true, regular(version)));
			}
			return new MigrationSet(migrations);
		}

		private static String description(int version) {
			return switch ((version - 2) % GROUP) {
				case 0 -> "create_table_" + group(version);
				case 1 -> "add_column_and_index";
				case 2 -> "seed_rows";
				case 3 -> "trigger_function";
				case 4 -> "enum_column";
				default -> "child_table_and_view";
			};
		}

		private static List<String> regular(int version) {
			String table = table(group(version));
			List<String> statements = switch ((version - 2) % GROUP) {
				case 0 -> List.of("CREATE TABLE " + table + " (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
						+ " name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());");
				case 1 -> List.of("ALTER TABLE " + table + " ADD COLUMN note text;",
						"CREATE INDEX " + table + "_name ON " + table + " (name);");
				case 2 -> List.of("INSERT INTO " + table + " (name, note) SELECT 'row ' || g, 'seeded by V" + version
						+ "' FROM generate_series(1, 25) AS g;");
				case 3 -> List.of(
						"CREATE FUNCTION " + table + "_trim() RETURNS trigger LANGUAGE plpgsql AS $body$\n" + "BEGIN\n"
								+ "\tNEW.name := trim(NEW.name); -- a ; inside the body\n" + "\tRETURN NEW;\n"
								+ "END;\n$body$;",
						"CREATE TRIGGER " + table + "_trim BEFORE INSERT OR UPDATE ON " + table
								+ " FOR EACH ROW EXECUTE FUNCTION " + table + "_trim();");
				case 4 -> List.of("CREATE TYPE " + table + "_status AS ENUM ('new', 'active', 'gone');",
						"ALTER TABLE " + table + " ADD COLUMN status " + table + "_status NOT NULL DEFAULT 'new';");
				default -> List.of(
						"CREATE TABLE " + table + "_child (id bigserial PRIMARY KEY, parent_id bigint NOT NULL"
								+ " REFERENCES " + table + " (id) ON DELETE CASCADE, label text);",
						"CREATE VIEW " + table + "_active AS SELECT id, name FROM " + table
								+ " WHERE status = 'active';");
			};
			List<String> withLedger = new ArrayList<>(statements);
			withLedger.add(ledger(version));
			return withLedger;
		}

		private static int group(int version) {
			return (version - 2) / GROUP;
		}

		private static String table(int group) {
			return "t" + group;
		}

		static String readTable() {
			return table(0);
		}

		static String nonTransactionalTable(int version) {
			return "nt_" + version;
		}

		private static String ledger(int version) {
			return "INSERT INTO ledger (version) VALUES (" + version + ");";
		}

	}

}
