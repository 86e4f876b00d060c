package dev.hoist.core;

import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A large migration file is read and applied statement by statement, so the heap it needs
 * does not grow with the file: each case runs Hoist in a JVM of its own with a small
 * {@code -Xmx}.
 */
@PostgresTest
class LargeMigrationTests {

	private static final long MB = 1024 * 1024;

	private static final String PASSWORD_VARIABLE = "HOIST_TEST_PASSWORD";

	private TestDatabase database;

	@TempDir
	Path migrations;

	@BeforeEach
	void cleanDatabase(TestDatabase database) {
		this.database = database;
		database.resetPublicSchema();
	}

	@Test
	void aFiftyMegabyteMigrationAppliesInAHeapOfThreeTimesItsSize() throws Exception {
		Path file = this.migrations.resolve("V1__seed.sql");
		long rows = writeSeed(file, 50 * MB, 50);
		assertThat(Files.size(file)).isBetween(50 * MB, 51 * MB);

		Result result = apply("-Xmx150m");

		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("applied 1 migration");
		assertThat(this.database.queryForLong("SELECT count(*) FROM seed")).isEqualTo(rows);
		assertThat(this.database.queryForString("SELECT success FROM hoist_schema_history WHERE version = '1'"))
			.isEqualTo("t");
	}

	@Test
	void aStatementTooLargeForTheHeapFailsNamingTheFileItsSizeAndItsLineAndLeavesNothing() throws Exception {
		Path file = this.migrations.resolve("V1__one_statement.sql");
		writeSeed(file, 40 * MB, Integer.MAX_VALUE);

		Result result = apply("-Xmx64m");

		assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
		assertThat(result.output()).contains("Hoist ran out of memory on filesystem:")
			.contains("V1__one_statement.sql (40.0 MB) at the statement on line 3")
			.contains("Give the JVM more heap (-Xmx), or split the statement")
			.doesNotContain("java.lang.OutOfMemoryError");
		assertThat(this.database.queryForString("SELECT to_regclass('seed')")).isNull();
	}

	// a table and INSERTs of rowsPerStatement rows of about 200 bytes, up to the size
	private static long writeSeed(Path file, long bytes, int rowsPerStatement) throws IOException {
		String payload = "x".repeat(180);
		long rows = 0;
		long written = 0;
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			String head = "-- migrate:up\nCREATE TABLE seed (id bigint PRIMARY KEY, payload text NOT NULL);\n";
			out.write(head);
			written += head.length();
			while (written < bytes) {
				StringBuilder statement = new StringBuilder("INSERT INTO seed (id, payload) VALUES\n");
				for (int i = 0; i < rowsPerStatement && written + statement.length() < bytes; i++) {
					rows++;
					statement.append((i > 0) ? ",\n" : "")
						.append("(")
						.append(rows)
						.append(", '")
						.append(payload)
						.append("')");
					if (statement.length() > 1_000_000) {
						out.write(statement.toString());
						written += statement.length();
						statement.setLength(0);
					}
				}
				statement.append(";\n");
				out.write(statement.toString());
				written += statement.length();
			}
		}
		return rows;
	}

	private Result apply(String heap) throws Exception {
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), heap,
				"-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Apply.class.getName(),
				this.database.jdbcUrl(), this.database.user(), "filesystem:" + this.migrations);
		File log = this.migrations.resolveSibling(this.migrations.getFileName() + "-" + System.nanoTime() + ".log")
			.toFile();
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log);
		// the password reaches the child through its environment, never its command line
		builder.environment().put(PASSWORD_VARIABLE, this.database.password());
		Process process = builder.start();
		try {
			if (!process.waitFor(10, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new IllegalStateException("Hoist did not finish within 10 minutes: " + read(log));
			}
			return new Result(process.exitValue(), read(log));
		}
		finally {
			Files.deleteIfExists(log.toPath());
		}
	}

	private static String read(File log) throws IOException {
		return Files.readString(log.toPath(), StandardCharsets.UTF_8);
	}

	record Result(int exitCode, String output) {
	}

	/**
	 * Migrates the database named on the command line, in a JVM of its own.
	 */
	public static final class Apply {

		private Apply() {
		}

		public static void main(String[] args) {
			PGSimpleDataSource dataSource = new PGSimpleDataSource();
			dataSource.setUrl(args[0]);
			dataSource.setUser(args[1]);
			dataSource.setPassword(System.getenv(PASSWORD_VARIABLE));
			try {
				MigrateResult result = Hoist.configure().dataSource(dataSource).locations(args[2]).load().migrate();
				System.out.println("applied " + result.migrationsExecuted() + " migration");
				System.exit(0);
			}
			catch (HoistException ex) {
				System.out.println("failed: " + ex.getMessage());
				System.exit(1);
			}
		}

	}

}
