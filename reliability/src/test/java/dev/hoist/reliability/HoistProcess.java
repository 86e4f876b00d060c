package dev.hoist.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One JVM started as a replica or an operator starts it: the CLI jar
 * ({@code java -jar hoist-cli.jar migrate ...}) or {@link Replica}. Every line it prints
 * is kept with the moment it arrived, so that a scenario can await a line and measure the
 * time between two of them. The output goes to a log file under
 * {@code target/reliability} when the process is closed.
 */
final class HoistProcess implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	// a replica JVM does little work: keep its start cheap on a small machine
	private static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx256m");

	private final String name;

	private final Path log;

	private final Process process;

	private final List<Line> lines = new ArrayList<>();

	private final Thread[] readers;

	private HoistProcess(String name, Path log, Process process) {
		this.name = name;
		this.log = log;
		this.process = process;
		this.readers = new Thread[] { read(process.getInputStream(), false), read(process.getErrorStream(), true) };
	}

	/**
	 * Start {@code java -jar hoist-cli.jar} with these arguments.
	 * @param name a name for the logs
	 * @param directory the working directory, where its log file goes too
	 * @param args the command line after the jar
	 * @return the running process
	 */
	static HoistProcess cli(String name, Path directory, String... args) {
		List<String> command = new ArrayList<>(javaCommand());
		command.add("-jar");
		command.add(Scenario.cliJar().toString());
		command.addAll(Arrays.asList(args));
		return start(name, directory, command);
	}

	/**
	 * Start {@link Replica} in a JVM of its own with these arguments.
	 * @param name a name for the logs
	 * @param directory the working directory, where its log file goes too
	 * @param args the replica's arguments
	 * @return the running process
	 */
	static HoistProcess replica(String name, Path directory, String... args) {
		List<String> command = new ArrayList<>(javaCommand());
		command.add("-cp");
		command.add(replicaClassPath());
		command.add(Replica.class.getName());
		command.addAll(Arrays.asList(args));
		return start(name, directory, command);
	}

	/**
	 * Start {@link SpringReplica}, a Spring Boot service with the starter, in a JVM of
	 * its own with these arguments.
	 * @param name a name for the logs
	 * @param directory the working directory, where its log file goes too
	 * @param args the application's arguments, such as {@code --hoist.wait.timeout=5s}
	 * @return the running process
	 */
	static HoistProcess spring(String name, Path directory, String... args) {
		List<String> command = new ArrayList<>(javaCommand());
		command.add("-cp");
		command.add(replicaClassPath());
		command.add(SpringReplica.class.getName());
		command.addAll(Arrays.asList(args));
		return start(name, directory, command);
	}

	/**
	 * Start {@code java -jar hoist-cli.jar} inside a network namespace, as a process on
	 * another machine.
	 * @param name a name for the logs
	 * @param directory the working directory, where its log file goes too
	 * @param namespace the namespace
	 * @param args the command line after the jar
	 * @return the running process
	 */
	static HoistProcess cliIn(NetworkNamespace namespace, String name, Path directory, String... args) {
		List<String> command = new ArrayList<>(namespace.exec());
		command.addAll(javaCommand());
		command.add("-jar");
		command.add(Scenario.cliJar().toString());
		command.addAll(Arrays.asList(args));
		return start(name, directory, command);
	}

	private static List<String> javaCommand() {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(JVM_OPTIONS);
		return command;
	}

	private static String replicaClassPath() {
		String separator = System.getProperty("path.separator");
		// the CLI jar carries the engine too: leave it out so each class comes once
		return Arrays.stream(System.getProperty("java.class.path").split(separator))
			.filter((entry) -> !Path.of(entry).getFileName().toString().startsWith("hoist-cli"))
			.collect(Collectors.joining(separator));
	}

	private static HoistProcess start(String name, Path directory, List<String> command) {
		try {
			Files.createDirectories(directory);
			ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
			Map<String, String> environment = builder.environment();
			// only what the scenario names: the developer's own database variables must
			// not leak in
			environment.keySet()
				.removeIf((variable) -> variable.equals("DATABASE_URL") || variable.equals("JDBC_DATABASE_URL")
						|| variable.startsWith("SPRING_DATASOURCE_") || variable.startsWith("DB_")
						|| variable.startsWith("PG") || variable.startsWith("POSTGRES_")
						|| variable.startsWith("HOIST_"));
			return new HoistProcess(name, directory.resolve(name + ".log"), builder.start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Thread read(InputStream stream, boolean stderr) {
		Thread reader = new Thread(() -> {
			try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
				String text;
				while ((text = in.readLine()) != null) {
					Line line = new Line(System.nanoTime(), stderr, text);
					synchronized (this.lines) {
						this.lines.add(line);
						this.lines.notifyAll();
					}
				}
			}
			catch (IOException ex) {
				// the process went away: what it printed so far is kept
			}
		}, "hoist-process-" + this.name + (stderr ? "-err" : "-out"));
		reader.setDaemon(true);
		reader.start();
		return reader;
	}

	String name() {
		return this.name;
	}

	long pid() {
		return this.process.pid();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Wait for the process to end and for its output to be read.
	 * @param timeout the longest wait
	 * @return the exit code
	 * @throws AssertionError when it does not end in time; it is killed then
	 */
	int awaitExit(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		try {
			if (!this.process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
				kill();
				throw new AssertionError(this.name + " did not end within " + timeout.toSeconds() + " s; killed it."
						+ " Its output:\n" + output());
			}
			for (Thread reader : this.readers) {
				reader.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()) + 1000));
			}
			return this.process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for " + this.name, ex);
		}
	}

	/**
	 * Wait until a line containing the text arrives.
	 * @param text what the line contains
	 * @param timeout the longest wait
	 * @return the line with the moment it arrived
	 * @throws AssertionError when no such line comes in time, or the process ends first
	 */
	Line awaitLine(String text, Duration timeout) {
		return awaitLine(timeout, text);
	}

	/**
	 * Wait until a line containing one of the texts arrives.
	 * @param timeout the longest wait
	 * @param texts what the line may contain
	 * @return the line with the moment it arrived
	 * @throws AssertionError when no such line comes in time, or the process ends first
	 */
	Line awaitLine(Duration timeout, String... texts) {
		String text = String.join("' or '", texts);
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.lines) {
			while (true) {
				for (Line line : this.lines) {
					if (Arrays.stream(texts).anyMatch(line.text()::contains)) {
						return line;
					}
				}
				long remaining = deadline - System.nanoTime();
				boolean ended = !this.process.isAlive() && !this.readers[0].isAlive() && !this.readers[1].isAlive();
				if (remaining <= 0 || ended) {
					throw new AssertionError(this.name + (ended ? " ended" : " waited " + timeout.toSeconds() + " s")
							+ " without printing '" + text + "'. Its output:\n" + output());
				}
				try {
					// the readers notify on every line; the bound catches
					// the process ending
					this.lines.wait(Math.max(1, Math.min(200, TimeUnit.NANOSECONDS.toMillis(remaining))));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("Interrupted while waiting for " + this.name, ex);
				}
			}
		}
	}

	/**
	 * Return the lines containing the text, in the order they arrived.
	 * @param text what the lines contain
	 * @return the lines
	 */
	List<Line> lines(String text) {
		return lines((line) -> line.text().contains(text));
	}

	private List<Line> lines(Predicate<Line> filter) {
		synchronized (this.lines) {
			return this.lines.stream().filter(filter).toList();
		}
	}

	/**
	 * Send SIGTERM, as Kubernetes and systemd do to stop a process, without waiting.
	 * @return the moment it was sent, on {@link System#nanoTime()}'s clock
	 */
	long terminate() {
		long now = System.nanoTime();
		// the handle's destroy sends the signal alone; Process.destroy would also close
		// the streams this class reads
		this.process.toHandle().destroy();
		return now;
	}

	/** Send SIGKILL ({@code kill -9} on Linux) and wait for the process to be gone. */
	void kill() {
		this.process.destroyForcibly();
		try {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException(this.name + " survived SIGKILL for 30 s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while killing " + this.name, ex);
		}
	}

	/**
	 * Return standard output alone: the result, as JSON with {@code --json}.
	 * @return standard output
	 */
	String stdout() {
		return lines((line) -> !line.stderr()).stream().map(Line::text).collect(Collectors.joining("\n"));
	}

	/**
	 * Return standard error alone: the log lines and error messages.
	 * @return standard error
	 */
	String stderr() {
		return lines(Line::stderr).stream().map(Line::text).collect(Collectors.joining("\n"));
	}

	/**
	 * Return standard output read as one JSON document.
	 * @return the document
	 */
	JsonNode json() {
		String out = stdout();
		try {
			return json.readTree(out);
		}
		catch (RuntimeException ex) {
			throw new AssertionError(this.name + " did not print one JSON document:\n" + output(), ex);
		}
	}

	/**
	 * Return everything printed, in the order it arrived.
	 * @return the output
	 */
	String output() {
		return lines((line) -> true).stream()
			.sorted(Comparator.comparingLong(Line::nanos))
			.map((line) -> (line.stderr() ? "err| " : "out| ") + line.text())
			.collect(Collectors.joining("\n"));
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			kill();
		}
		try {
			Files.writeString(this.log,
					"pid " + this.process.pid() + ", exit " + this.process.exitValue() + "\n" + output() + "\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public String toString() {
		return this.name + " (pid " + this.process.pid() + ")";
	}

	/**
	 * One line of output.
	 *
	 * @param nanos when it arrived, on {@link System#nanoTime()}'s clock
	 * @param stderr whether it came on standard error
	 * @param text the line
	 */
	record Line(long nanos, boolean stderr, String text) {

	}

}
