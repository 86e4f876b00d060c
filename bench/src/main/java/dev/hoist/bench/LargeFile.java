package dev.hoist.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The heap a large migration file needs: one file of seed rows (a table, then
 * {@code INSERT}s of 50 rows of about 200 bytes each), applied by Hoist and by Flyway in
 * a JVM of its own ({@link FirstStart}, serial collector) with a growing {@code -Xmx};
 * the smallest heap that applies it, as a multiple of the file's size. Each attempt runs
 * on a fresh database and is checked: the history holds the migration and the table its
 * rows.
 */
final class LargeFile {

	/** The heaps tried, as multiples of the file's size, smallest first. */
	private static final double[] HEAP_FACTORS = { 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 6.0 };

	private static final List<String> TOOLS = List.of("Hoist", "Flyway");

	private final Server server;

	private final int megabytes;

	LargeFile(Server server, int megabytes) {
		this.server = server;
		this.megabytes = megabytes;
	}

	/** The lines of the report's section. */
	List<String> run(Path dir) throws Exception {
		long bytes = this.megabytes * 1024L * 1024L;
		long rows = write(dir, bytes);
		long size = Files.size(dir.resolve("hoist").resolve("V1__seed.sql"));
		List<String> lines = new ArrayList<>();
		lines.add(String.format(Locale.ROOT,
				"One migration file of %.1f MB (%,d rows in INSERTs of 50), applied in a JVM of its own with"
						+ " -XX:+UseSerialGC and the heap below; the smallest -Xmx that applied it:",
				size / 1024.0 / 1024.0, rows));
		lines.add("");
		lines.add("| tool | smallest heap that applied it | × the file | heaps that failed |");
		lines.add("|---|---|---|---|");
		for (String tool : TOOLS) {
			List<String> failed = new ArrayList<>();
			String smallest = null;
			for (double factor : HEAP_FACTORS) {
				long heapMb = Math.round(factor * size / 1024.0 / 1024.0);
				Bench.log("large file: %s with -Xmx%dm", tool, heapMb);
				String problem = attempt(tool, dir, heapMb, rows);
				if (problem == null) {
					smallest = String.format(Locale.ROOT, "| %s | %d MB | %.1f | %s |", tool, heapMb, factor,
							failed.isEmpty() ? "—" : String.join("; ", failed));
					break;
				}
				failed.add(heapMb + " MB: " + problem);
			}
			lines.add((smallest != null) ? smallest : String.format(Locale.ROOT, "| %s | none up to %.0f× | — | %s |",
					tool, HEAP_FACTORS[HEAP_FACTORS.length - 1], String.join("; ", failed)));
		}
		return lines;
	}

	/** {@code null} when the tool applied the file in this heap, else why not. */
	private String attempt(String tool, Path dir, long heapMb, long rows) throws Exception {
		String database = this.server.createDatabase();
		try {
			ProcessBuilder builder = ChildJvm.java(this.server.password(), "-Xmx" + heapMb + "m", "-XX:+UseSerialGC",
					"-cp", System.getProperty("java.class.path"), FirstStart.class.getName(), tool, dir.toString(),
					this.server.host(), String.valueOf(this.server.port()), this.server.user(), database);
			Path log = dir.resolve("attempt.log");
			builder.redirectOutput(log.toFile());
			Process process = builder.start();
			if (!process.waitFor(15, TimeUnit.MINUTES)) {
				process.destroyForcibly().waitFor();
				return "did not finish within 15 minutes";
			}
			String out = Files.readString(log, StandardCharsets.UTF_8);
			if (process.exitValue() != 0) {
				return (out.contains("OutOfMemoryError") || out.contains("ran out of memory")) ? "out of memory"
						: "exit " + process.exitValue() + ": " + out.lines().reduce((a, b) -> b).orElse("");
			}
			long seeded = Long.parseLong(this.server.queryOne(database, "SELECT count(*) FROM seed"));
			return (seeded == rows) ? null : "applied, but the table holds " + seeded + " rows, not " + rows;
		}
		finally {
			this.server.dropDatabase(database);
		}
	}

	/**
	 * The same seed file in Hoist's form and in Flyway's; returns the rows it inserts.
	 */
	private static long write(Path dir, long bytes) throws IOException {
		Path hoist = dir.resolve("hoist").resolve("V1__seed.sql");
		Path flyway = dir.resolve("flyway").resolve("V1__seed.sql");
		Files.createDirectories(hoist.getParent());
		Files.createDirectories(flyway.getParent());
		String payload = "x".repeat(180);
		long rows = 0;
		long written = 0;
		try (BufferedWriter out = Files.newBufferedWriter(hoist, StandardCharsets.UTF_8)) {
			out.write("-- migrate:up\n");
			String table = "CREATE TABLE seed (id bigint PRIMARY KEY, payload text NOT NULL);\n";
			out.write(table);
			written += table.length();
			while (written < bytes) {
				StringBuilder statement = new StringBuilder("INSERT INTO seed (id, payload) VALUES\n");
				for (int i = 0; i < 50; i++) {
					rows++;
					statement.append((i > 0) ? ",\n" : "")
						.append('(')
						.append(rows)
						.append(", '")
						.append(payload)
						.append("')");
				}
				statement.append(";\n");
				out.write(statement.toString());
				written += statement.length();
			}
		}
		// Flyway's file: the same statements without Hoist's section marker
		try (BufferedWriter out = Files.newBufferedWriter(flyway, StandardCharsets.UTF_8);
				BufferedReader in = Files.newBufferedReader(hoist, StandardCharsets.UTF_8)) {
			in.readLine();
			char[] buffer = new char[1 << 16];
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				out.write(buffer, 0, read);
			}
		}
		return rows;
	}

}
