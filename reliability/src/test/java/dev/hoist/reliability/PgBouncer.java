package dev.hoist.reliability;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * A PgBouncer of the test's own, from Debian's {@code pgbouncer} package, listening on
 * loopback in front of a PostgreSQL server with trust authentication. The binary is
 * looked up on the {@code PATH} and in {@code /usr/sbin}, or named with
 * {@code -Dhoist.reliability.pgbouncer=/path}. When it is missing the suite installs it
 * ({@code apt-get install -y pgbouncer}, as root or through {@code sudo -n}); when that
 * is not possible the scenario fails, unless the run opts out with
 * {@code -Dhoist.reliability.pgbouncer=skip}, which it prints loudly: a suite that goes
 * green without PgBouncer must say so.
 */
final class PgBouncer implements AutoCloseable {

	private static final String BINARY_PROPERTY = "hoist.reliability.pgbouncer";

	private static final String SKIP = "skip";

	private final int port;

	private final Process process;

	private final Path log;

	private PgBouncer(int port, Process process, Path log) {
		this.port = port;
		this.process = process;
		this.log = log;
	}

	/**
	 * Find the {@code pgbouncer} binary, installing it when missing; skip the test only
	 * when the run opted out.
	 * @return the binary
	 * @throws IllegalStateException when it is missing and cannot be installed
	 */
	static Path binary() {
		if (SKIP.equalsIgnoreCase(System.getProperty(BINARY_PROPERTY, "").strip())) {
			String message = "SKIPPED BY REQUEST (-D" + BINARY_PROPERTY + "=skip): the PgBouncer scenario did not run;"
					+ " this run proves nothing about transaction pooling";
			System.out.println("[reliability] 4-pgbouncer: " + "*".repeat(20) + " " + message + " " + "*".repeat(20));
			Assumptions.abort(message);
		}
		Optional<Path> found = locate();
		if (found.isEmpty()) {
			install();
			found = locate();
		}
		if (found.isEmpty()) {
			throw new IllegalStateException("pgbouncer is not installed and the suite could not install it (it runs"
					+ " apt-get install -y pgbouncer as root or through sudo -n). Install Debian's package, name the"
					+ " binary with -D" + BINARY_PROPERTY + "=/path/to/pgbouncer, or skip this scenario explicitly"
					+ " with -D" + BINARY_PROPERTY + "=skip");
		}
		return found.get();
	}

	private static Optional<Path> locate() {
		String configured = System.getProperty(BINARY_PROPERTY);
		if (configured != null && !configured.isBlank()) {
			return Optional.of(Path.of(configured)).filter(Files::isExecutable);
		}
		List<String> directories = new ArrayList<>(
				List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
		// Debian puts it in sbin, which a user's PATH may lack
		directories.addAll(List.of("/usr/sbin", "/usr/local/sbin", "/usr/bin"));
		return directories.stream()
			.filter((directory) -> !directory.isEmpty())
			.map((directory) -> Path.of(directory, "pgbouncer"))
			.filter(Files::isExecutable)
			.findFirst();
	}

	private static void install() {
		boolean root = "root".equals(System.getProperty("user.name"));
		List<String> prefix = root ? List.of() : List.of("sudo", "-n");
		for (List<String> command : List.of(List.of("apt-get", "update", "-q"),
				List.of("apt-get", "install", "-y", "-q", "pgbouncer"))) {
			List<String> full = new ArrayList<>(prefix);
			full.addAll(command);
			try {
				Process process = new ProcessBuilder(full).redirectErrorStream(true)
					.redirectOutput(ProcessBuilder.Redirect.DISCARD)
					.start();
				if (!process.waitFor(5, TimeUnit.MINUTES)) {
					process.destroyForcibly();
				}
			}
			catch (IOException ex) {
				// no apt-get here: the caller fails with its message
				return;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/**
	 * Start a PgBouncer in transaction pooling mode in front of a server.
	 * @param directory where its configuration and log go
	 * @param host the server's host
	 * @param serverPort the server's port
	 * @param settings more lines for its {@code [pgbouncer]} section
	 * @return the running PgBouncer
	 */
	static PgBouncer startTransactionPooling(Path directory, String host, int serverPort, String... settings) {
		Path binary = binary();
		int port = freePort();
		try {
			Files.createDirectories(directory);
			Path users = Files.writeString(directory.resolve("users.txt"), "\"postgres\" \"\"\n");
			Path config = Files.writeString(directory.resolve("pgbouncer.ini"),
					String.join("\n", "[databases]", "* = host=" + host + " port=" + serverPort, "", "[pgbouncer]",
							"listen_addr = 127.0.0.1", "listen_port = " + port, "unix_socket_dir =",
							"auth_type = trust", "auth_file = " + users, "pool_mode = transaction",
							"max_client_conn = 200", "default_pool_size = 20",
							// hand each transaction to the next idle server connection,
							// as a busy pool does
							"server_round_robin = 1",
							// the JDBC driver sends these at startup; PgBouncer does
							// not track them
							"ignore_startup_parameters = extra_float_digits,options", String.join("\n", settings), ""));
			List<String> command = new ArrayList<>(List.of(binary.toString()));
			if ("root".equals(System.getProperty("user.name"))) {
				// PgBouncer refuses to run as root
				command.addAll(List.of("-u", "postgres"));
			}
			command.add(config.toString());
			Path log = directory.resolve("pgbouncer.log");
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			PgBouncer pgBouncer = new PgBouncer(port, process, log);
			Scenario.await("PgBouncer to listen on 127.0.0.1:" + port, Duration.ofSeconds(30),
					() -> pgBouncer.listening() || !process.isAlive());
			if (!process.isAlive()) {
				throw new IllegalStateException("PgBouncer did not start:\n" + Files.readString(log));
			}
			return pgBouncer;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private boolean listening() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
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

	/**
	 * Return a JDBC URL of a database through this PgBouncer. The driver must not name
	 * its prepared statements: the next transaction may run on another server connection.
	 * @param database the database
	 * @return the URL
	 */
	String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + database + "?prepareThreshold=0";
	}

	/**
	 * Return what PgBouncer logged.
	 * @return the log lines
	 */
	List<String> log() {
		try (Stream<String> lines = Files.lines(this.log)) {
			return lines.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		// SIGTERM: a fast exit that closes every server connection
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
