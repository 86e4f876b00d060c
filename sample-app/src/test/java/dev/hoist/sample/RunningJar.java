package dev.hoist.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged sample jar running as a process of its own, with a working directory and
 * environment variables as a container would give it.
 */
final class RunningJar implements AutoCloseable {

	// what a developer's shell may hold and the jar must not see
	private static final List<String> DATABASE_VARIABLE_PREFIXES = List.of("DATABASE_URL", "JDBC_DATABASE_URL", "DB_",
			"POSTGRES_", "PG", "SPRING_DATASOURCE_", "HOIST_");

	private final Process process;

	private final Path log;

	private final Http http;

	private RunningJar(Process process, Path log, int port) {
		this.process = process;
		this.log = log;
		this.http = Http.onPort(port);
	}

	static RunningJar start(Path workingDirectory, Map<String, String> environment) {
		return start(packagedJar(), workingDirectory, environment);
	}

	static RunningJar start(Path jar, Path workingDirectory, Map<String, String> environment) {
		return start(jar, List.of(), workingDirectory, environment);
	}

	static RunningJar start(Path jar, List<String> jvmArguments, Path workingDirectory,
			Map<String, String> environment) {
		int port = freePort();
		Path log = workingDirectory.resolve("sample.log");
		List<String> command = new ArrayList<>(List.of(java()));
		command.addAll(jvmArguments);
		command.addAll(List.of("-jar", jar.toString()));
		ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		withoutDatabaseVariables(builder.environment());
		builder.environment().put("SERVER_PORT", String.valueOf(port));
		builder.environment().putAll(environment);
		try {
			return new RunningJar(builder.start(), log, port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Remove what a developer's shell may hold about databases from a child's
	 * environment.
	 * @param environment the environment of a process to start
	 */
	static void withoutDatabaseVariables(Map<String, String> environment) {
		environment.keySet().removeIf((name) -> DATABASE_VARIABLE_PREFIXES.stream().anyMatch(name::startsWith));
	}

	/**
	 * Return the jar that {@code mvn verify} packaged, as the failsafe configuration
	 * names it.
	 * @return the jar
	 */
	static Path packagedJar() {
		String jar = System.getProperty("hoist.sample.jar");
		if (jar == null || !Files.isRegularFile(Path.of(jar))) {
			throw new IllegalStateException("No packaged jar at '" + jar + "': run through 'mvn verify'");
		}
		return Path.of(jar);
	}

	/**
	 * Lay the packaged jar out as the Dockerfile does: extract its layers and copy them
	 * into one directory, in the Dockerfile's order.
	 * @param directory where to build the image's application directory
	 * @return the {@code application.jar} to start
	 * @throws Exception if extracting fails
	 */
	static Path extractLayers(Path directory) throws Exception {
		Path build = Files.createDirectories(directory.resolve("build"));
		Files.copy(packagedJar(), build.resolve("application.jar"));
		Process extract = new ProcessBuilder(java(), "-Djarmode=tools", "-jar", "application.jar", "extract",
				"--layers", "--destination", "extracted")
			.directory(build.toFile())
			.redirectErrorStream(true)
			.start();
		String output = new String(extract.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!extract.waitFor(60, TimeUnit.SECONDS) || extract.exitValue() != 0) {
			throw new AssertionError("Extracting the layers failed:\n" + output);
		}
		Path application = Files.createDirectories(directory.resolve("application"));
		for (String layer : List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")) {
			Path from = build.resolve("extracted").resolve(layer);
			if (Files.isDirectory(from)) {
				try (var files = Files.walk(from)) {
					for (Path file : (Iterable<Path>) files::iterator) {
						Path to = application.resolve(from.relativize(file).toString());
						if (Files.isDirectory(file)) {
							Files.createDirectories(to);
						}
						else {
							Files.copy(file, to);
						}
					}
				}
			}
		}
		return application.resolve("application.jar");
	}

	static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/**
	 * Wait until readiness answers 200, as Kubernetes' readiness probe would.
	 * @param timeout how long to wait
	 * @return this jar
	 */
	RunningJar awaitReady(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new AssertionError("The jar exited with " + this.process.exitValue() + ":\n" + output());
			}
			try {
				if (this.http.get("/actuator/health/readiness").statusCode() == 200) {
					return this;
				}
			}
			catch (UncheckedIOException ex) {
				// not listening yet
			}
			pause();
		}
		throw new AssertionError("Not ready after " + timeout + ":\n" + output());
	}

	/**
	 * Wait for the process to end on its own, as a Kubernetes Job's does.
	 * @param timeout how long to wait
	 * @return the exit code
	 * @throws InterruptedException if interrupted while waiting
	 */
	int awaitExit(Duration timeout) throws InterruptedException {
		if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new AssertionError("Still running after " + timeout + ":\n" + output());
		}
		return this.process.exitValue();
	}

	Http http() {
		return this.http;
	}

	String output() {
		try {
			return Files.readString(this.log, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

	private static void pause() {
		try {
			Thread.sleep(250);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
