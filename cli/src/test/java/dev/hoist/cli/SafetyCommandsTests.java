package dev.hoist.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code hoist lint} and {@code hoist plan}: exit codes 0 clean, 1 findings at or above
 * {@code --fail-on}, 2 error; text and JSON.
 */
@PostgresTest
class SafetyCommandsTests {

	private final StringWriter out = new StringWriter();

	private final StringWriter err = new StringWriter();

	@Test
	void lintOfGivenFilesNeedsNoDatabaseAndExitsOneOnAnError(@TempDir Path directory) throws IOException {
		Files.writeString(directory.resolve("V1__orders.sql"),
				"CREATE TABLE orders (id bigint PRIMARY KEY, total int);");
		Files.writeString(directory.resolve("V2__orders_by_total.sql"), "CREATE INDEX orders_total ON orders (total);");
		assertThat(run("lint", "--json", directory.toString())).isEqualTo(1);
		assertThat(this.out.toString()).contains("\"rule\": \"hoist:index-not-concurrent\"",
				"V2__orders_by_total.sql\",", "\"line\": 1", "CONCURRENTLY");
	}

	@Test
	void lintOfGivenFilesNamesSettingsAsTheCommandLineSetsThem(@TempDir Path directory) throws IOException {
		Files.writeString(directory.resolve("V1__orders.sql"), "ALTER TABLE orders ADD COLUMN note text;");
		assertThat(run("lint", "--fail-on", "warning", directory.toString())).as(this.out + "\n" + this.err)
			.isEqualTo(1);
		assertThat(this.out.toString())
			.contains("hoist:missing-lock-timeout",
					"set Hoist's DDL lock timeout, which also retries: --ddl-lock-timeout (HOIST_DDL_LOCK_TIMEOUT)")
			.doesNotContain("hoist.ddl-lock-timeout", "ddlLockTimeout(");
	}

	@Test
	void lintExitsZeroOnTheSafeRewriteAndTwoOnAMissingFile(@TempDir Path directory) throws IOException {
		Files.writeString(directory.resolve("V2__orders_by_total.sql"),
				"-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY orders_total ON orders (total);");
		assertThat(run("lint", "--fail-on", "warning", directory.toString())).as(this.out + "\n" + this.err)
			.isEqualTo(0);
		assertThat(run("lint", directory.resolve("V9__missing.sql").toString())).isEqualTo(2);
		assertThat(this.err.toString()).contains("V9__missing.sql");
	}

	@Test
	void planShowsWhatAPendingMigrationLocksAndRewritesWithoutRunningItOnTheLiveDatabase(TestDatabase db,
			@TempDir Path directory) throws IOException {
		db.resetPublicSchema();
		Files.writeString(directory.resolve("V1__orders.sql"), "CREATE TABLE orders (id bigint PRIMARY KEY, total int);"
				+ " INSERT INTO orders SELECT g, g FROM generate_series(1, 1000) g; ANALYZE orders;");
		String[] connection = { "--url", db.postgresUrl(), "--locations", "filesystem:" + directory };
		assertThat(run(with(connection, "migrate"))).isEqualTo(0);
		Files.writeString(directory.resolve("V2__bigger_totals.sql"),
				"ALTER TABLE orders ALTER COLUMN total TYPE bigint;");
		this.out.getBuffer().setLength(0);
		assertThat(run(with(connection, "plan"))).as(this.err.toString()).isEqualTo(1);
		assertThat(this.out.toString()).contains("V2__bigger_totals.sql", "public.orders", "ACCESS EXCLUSIVE",
				"1,000 rows", "rewrites it");
		this.out.getBuffer().setLength(0);
		assertThat(run(with(connection, "plan", "--json"))).isEqualTo(1);
		assertThat(this.out.toString()).contains("\"lockMode\": \"ACCESS EXCLUSIVE\"", "\"rewrites\": true");
		// planned, never applied
		assertThat(db.queryForLong("SELECT count(*) FROM hoist_schema_history")).isEqualTo(1);
		assertThat(db.queryForLong("SELECT count(*) FROM pg_database WHERE datname LIKE 'hoist\\_shadow\\_%'"))
			.isZero();
	}

	private static String[] with(String[] connection, String... args) {
		String[] all = new String[args.length + connection.length];
		System.arraycopy(args, 0, all, 0, args.length);
		System.arraycopy(connection, 0, all, args.length, connection.length);
		return all;
	}

	private int run(String... args) {
		CommandLine commandLine = HoistCli.commandLine();
		commandLine.setOut(new PrintWriter(this.out, true));
		commandLine.setErr(new PrintWriter(this.err, true));
		return commandLine.execute(args);
	}

}
