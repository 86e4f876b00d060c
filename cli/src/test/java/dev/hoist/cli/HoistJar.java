package dev.hoist.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged CLI run as operators run it: {@code java -jar hoist-cli.jar <command>} in
 * a process of its own, in a working directory, with only the database variables a test
 * names.
 */
final class HoistJar {

	private HoistJar() {
	}

	/**
	 * Run the jar and wait for it, at most a minute.
	 * @param directory the working directory
	 * @param env the database and {@code HOIST_*} variables to set; the developer's own
	 * are removed
	 * @param args the command line
	 * @return what it printed and its exit code
	 */
	static Run run(Path directory, Map<String, String> env, String... args) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-jar");
		command.add(jar().toString());
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
		Map<String, String> environment = builder.environment();
		// only what the test names: the developer's own database variables must
		// not leak in
		environment.keySet()
			.removeIf((name) -> name.equals("DATABASE_URL") || name.equals("JDBC_DATABASE_URL")
					|| name.startsWith("DB_") || name.startsWith("PG") || name.startsWith("POSTGRES_")
					|| name.startsWith("HOIST_") || name.startsWith("SPRING_"));
		environment.putAll(new HashMap<>(env));
		try {
			Process process = builder.start();
			CompletableFuture<String> out = read(process.getInputStream());
			CompletableFuture<String> err = read(process.getErrorStream());
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("hoist " + String.join(" ", args) + " did not finish in 60 s");
			}
			return new Run(process.exitValue(), out.join(), err.join());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static CompletableFuture<String> read(InputStream stream) {
		return CompletableFuture.supplyAsync(() -> {
			try {
				return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	private static Path jar() {
		String jar = System.getProperty("hoist.cli.jar");
		assertThat(jar).as("system property hoist.cli.jar (set by failsafe)").isNotNull();
		return Path.of(jar);
	}

	/**
	 * What one run printed.
	 *
	 * @param exitCode the exit code
	 * @param out standard output
	 * @param err standard error
	 */
	record Run(int exitCode, String out, String err) {

		String all() {
			return this.out + this.err;
		}

	}

}
