package dev.hoist.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code hoist diff}: exit codes, output, files, and errors that never show a password.
 */
@PostgresTest
class DiffCommandTests {

	private final StringWriter out = new StringWriter();

	private final StringWriter err = new StringWriter();

	@Test
	void exitsZeroWhenTheSchemasAreEqual(TestDatabase db) {
		TestDatabase other = db.server().createDatabase(db.name() + "_same");
		try {
			db.execute("CREATE TABLE IF NOT EXISTS same_t (id int)");
			other.execute("CREATE TABLE same_t (id int)");
			assertThat(run("diff", "--from", db.postgresUrl(), "--to", other.postgresUrl())).isEqualTo(0);
			assertThat(this.err.toString()).contains("The schemas are equal.");
		}
		finally {
			db.server().dropDatabase(other.name());
			db.execute("DROP TABLE same_t");
		}
	}

	@Test
	void printsTheMigrationAndExitsOneWhenTheyDiffer(TestDatabase db) {
		TestDatabase other = db.server().createDatabase(db.name() + "_print");
		try {
			other.execute("CREATE TABLE shops (id int PRIMARY KEY)");
			assertThat(run("diff", "--from", db.postgresUrl(), "--to", other.postgresUrl())).isEqualTo(1);
			assertThat(this.out.toString()).contains("-- migrate:up", "CREATE TABLE public.shops", "-- migrate:down",
					"DROP TABLE public.shops");
			assertThat(this.err.toString()).contains("+ table public.shops");
		}
		finally {
			db.server().dropDatabase(other.name());
		}
	}

	@Test
	void reportsTheChangesAsJson(TestDatabase db) {
		TestDatabase other = db.server().createDatabase(db.name() + "_json");
		try {
			other.execute("CREATE TABLE json_t (id int)");
			assertThat(run("diff", "--json", "--from", db.postgresUrl(), "--to", other.postgresUrl())).isEqualTo(1);
			assertThat(this.out.toString()).contains("\"equal\": false", "\"action\": \"create\"",
					"\"name\": \"public.json_t\"", "\"up\": \"CREATE TABLE public.json_t");
		}
		finally {
			db.server().dropDatabase(other.name());
		}
	}

	@Test
	void writesFilesThatHoistMigrateApplies(TestDatabase db, @TempDir Path directory) throws Exception {
		TestDatabase other = db.server().createDatabase(db.name() + "_files");
		TestDatabase target = db.server().createDatabase(db.name() + "_target");
		try {
			target.execute("CREATE TABLE orders (id int PRIMARY KEY, total numeric)");
			other.execute("CREATE TABLE orders (id int PRIMARY KEY, total numeric); INSERT INTO orders VALUES (1, 2)");
			target.execute("CREATE INDEX orders_total ON orders (total)");
			assertThat(run("diff", "--from", other.postgresUrl(), "--to", target.postgresUrl(), "--out",
					directory.toString(), "--version", "7", "--description", "index totals"))
				.isEqualTo(1);
			try (Stream<Path> files = Files.list(directory)) {
				assertThat(files.map((file) -> file.getFileName().toString())).containsExactly("V7__index_totals.sql");
			}
			assertThat(Files.readString(directory.resolve("V7__index_totals.sql")))
				.contains("-- migrate:up transaction:false", "CREATE INDEX CONCURRENTLY orders_total");
			assertThat(run("migrate", "--url", other.postgresUrl(), "--locations", directory.toString())).isZero();
			this.err.getBuffer().setLength(0);
			assertThat(run("diff", "--from", other.postgresUrl(), "--to", target.postgresUrl())).isEqualTo(0);
		}
		finally {
			db.server().dropDatabase(other.name());
			db.server().dropDatabase(target.name());
		}
	}

	@Test
	void failsWithTwoOnAnUnreachableDatabaseWithoutShowingThePassword(TestDatabase db) {
		int code = run("diff", "--from", "postgres://app:s3cret-pw@localhost:1/shop", "--to", db.postgresUrl());
		assertThat(code).isEqualTo(2);
		assertThat(this.err.toString()).contains("from database", "localhost:1/shop").doesNotContain("s3cret-pw");
		assertThat(this.out.toString()).doesNotContain("s3cret-pw");
	}

	@Test
	void neverRepeatsAPasswordTheDriverEchoesOrAMistypedUrlHolds(TestDatabase db) {
		for (String url : new String[] { "jdbc:postgresql://127.0.0.1:1/db?password=s3cret-pw&loginTimeout=x",
				"jdbc:postgresql://127.0.0.1:1/db?sslpassword=s3cret-pw&socketFactory=no.such.Factory",
				"postgres:app:s3cret-pw@h/db", "jdbc:postgresql://h/db;password=s3cret-pw" }) {
			assertThat(run("diff", "--from", url, "--to", db.postgresUrl(), "--json")).as(url).isEqualTo(2);
			assertThat(this.err.toString()).as(url).contains("hoist diff: ").doesNotContain("s3cret-pw");
			assertThat(this.out.toString()).as(url).contains("\"error\"").doesNotContain("s3cret-pw");
		}
	}

	@Test
	void saysWhichPasswordFileItCannotRead(TestDatabase db, @TempDir Path directory) {
		Path missing = directory.resolve("missing");
		assertThat(run("diff", "--from", db.postgresUrl(), "--to", db.postgresUrl(), "--to-password-file",
				missing.toString()))
			.isEqualTo(2);
		assertThat(this.err.toString()).contains("Cannot read the password file " + missing, "--to-password-file");
	}

	@Test
	void failsWithTwoOnASchemaThatExistsNowhere(TestDatabase db) {
		int code = run("diff", "--from", db.postgresUrl(), "--to", db.postgresUrl(), "--schema", "nope");
		assertThat(code).isEqualTo(2);
		assertThat(this.err.toString()).contains("Schema nope exists in neither");
	}

	private int run(String... args) {
		CommandLine commandLine = HoistCli.commandLine();
		commandLine.setOut(new PrintWriter(this.out, true));
		commandLine.setErr(new PrintWriter(this.err, true));
		return commandLine.execute(args);
	}

}
