package dev.hoist.core.schema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.hoist.testsupport.TestDatabase;

/**
 * {@code pg_dump --schema-only} of a database, normalised so that two dumps compare as
 * sorted statements: comments, {@code SET} and {@code \restrict} lines dropped, the
 * columns of each {@code CREATE TABLE} sorted (a diff cannot reorder columns), statements
 * sorted. A second independent judge beside the catalog fingerprint, for runs where a
 * {@code pg_dump} of the server's major version exists: set
 * {@code -Dhoist.schemadiff.pg-dump=/path/to/pg_dump} (default {@code pg_dump} on the
 * {@code PATH}).
 */
final class PgDumpSchema {

	private PgDumpSchema() {
	}

	static String executable() {
		return System.getProperty("hoist.schemadiff.pg-dump", "pg_dump");
	}

	/**
	 * Dump and normalise some schemas of a database.
	 * @param database the database
	 * @param schemas the schemas
	 * @return the normalised statements, sorted, one per entry
	 */
	static List<String> of(TestDatabase database, List<String> schemas) {
		List<String> command = new ArrayList<>(List.of(executable(), "--schema-only", "--no-owner", "--no-privileges",
				"--host", database.host(), "--port", String.valueOf(database.port()), "--username", database.user(),
				"--dbname", database.name()));
		schemas.forEach((schema) -> command.addAll(List.of("--schema", schema)));
		try {
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
			builder.environment().put("PGPASSWORD", database.password());
			Process process = builder.start();
			byte[] output = process.getInputStream().readAllBytes();
			if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new IllegalStateException(executable() + " failed on database " + database.name() + ": "
						+ new String(output, StandardCharsets.UTF_8).strip()
						+ "\nIt must be of the server's major version: run e.g. -Dpg=15 with a pg_dump 15,"
						+ " and point -Dhoist.schemadiff.pg-dump at it.");
			}
			return normalise(new String(output, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not run " + executable() + " (set -Dhoist.schemadiff.pg-dump to a"
					+ " pg_dump of the server's major version): " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running " + executable(), ex);
		}
	}

	static List<String> normalise(String dump) {
		List<String> statements = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		boolean inDollarQuote = false;
		for (String line : dump.split("\n", -1)) {
			if (!inDollarQuote && current.isEmpty() && (line.isBlank() || line.startsWith("--") || line.startsWith("\\")
					|| line.startsWith("SET ") || line.startsWith("SELECT pg_catalog.set_config("))) {
				continue;
			}
			current.append(line).append('\n');
			if (countDollarQuotes(line) % 2 == 1) {
				inDollarQuote = !inDollarQuote;
			}
			if (!inDollarQuote && line.endsWith(";")) {
				statements.add(sortColumns(current.toString().strip()));
				current.setLength(0);
			}
		}
		if (!current.isEmpty()) {
			statements.add(current.toString().strip());
		}
		statements.sort(null);
		return statements;
	}

	private static int countDollarQuotes(String line) {
		int count = 0;
		int index = line.indexOf("$_$");
		while (index >= 0) {
			count++;
			index = line.indexOf("$_$", index + 3);
		}
		index = line.indexOf("$$");
		while (index >= 0) {
			count++;
			index = line.indexOf("$$", index + 2);
		}
		return count;
	}

	/**
	 * The lines between {@code CREATE TABLE ... (} and {@code )}, sorted, commas evened
	 * out.
	 */
	private static String sortColumns(String statement) {
		if (!statement.startsWith("CREATE TABLE") && !statement.startsWith("CREATE UNLOGGED TABLE")) {
			return statement;
		}
		List<String> lines = new ArrayList<>(List.of(statement.split("\n")));
		int close = lines.size() - 1;
		while (close > 0 && !lines.get(close).startsWith(")")) {
			close--;
		}
		if (close <= 1) {
			return statement;
		}
		List<String> columns = new ArrayList<>();
		for (String column : lines.subList(1, close)) {
			columns.add(column.strip().replaceAll(",$", ""));
		}
		columns.sort(null);
		return lines.get(0) + "\n    " + String.join(",\n    ", columns) + "\n"
				+ String.join("\n", lines.subList(close, lines.size()));
	}

}
