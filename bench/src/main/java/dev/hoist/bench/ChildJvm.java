package dev.hoist.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The bench's child JVMs (fresh-JVM starts, the CLI, the Spring Boot services, the
 * large-file heap): the same {@code java} as the bench's, and an environment without the
 * variables Hoist and Spring Boot read a database from, so that a child connects only
 * where its arguments say.
 */
final class ChildJvm {

	// SPRING_DATASOURCE_*, HOIST_*, DATABASE_URL, DB_*, POSTGRES_*, PG*: what Hoist's
	// settings resolution and Spring Boot read (README, "Where the database is")
	private static final List<String> DATABASE_VARIABLES = List.of("SPRING_", "HOIST_", "DATABASE_", "DB_", "POSTGRES_",
			"PG");

	private ChildJvm() {
	}

	/**
	 * A process builder for {@code java} with these arguments, its output merged, and
	 * none of the database variables but {@code PGPASSWORD} when a password is given.
	 * @param password the server's password for {@code PGPASSWORD}, or {@code null} when
	 * the arguments carry it
	 * @param arguments the JVM's arguments
	 * @return the builder
	 */
	static ProcessBuilder java(@Nullable String password, String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().keySet().removeIf((name) -> DATABASE_VARIABLES.stream().anyMatch(name::startsWith));
		if (password != null) {
			builder.environment().put("PGPASSWORD", password);
		}
		return builder;
	}

	/**
	 * Run a child to its end, timing it as a whole process.
	 * @param builder the child
	 * @return its exit code, output and wall time
	 * @throws IOException if it cannot be started
	 * @throws InterruptedException if interrupted while waiting
	 */
	static Finished run(ProcessBuilder builder) throws IOException, InterruptedException {
		long start = System.nanoTime();
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		int exit = process.waitFor();
		return new Finished(exit, output, System.nanoTime() - start);
	}

	/** A child that ended. */
	record Finished(int exit, String output, long wallNanos) {
	}

}
