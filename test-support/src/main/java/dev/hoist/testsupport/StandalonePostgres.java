package dev.hoist.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;

/**
 * An embedded PostgreSQL of a test's own, which the test starts, stops and restarts: for
 * a database that comes up late, goes away, or comes back. Always embedded, whatever
 * server the other tests use. Its data survive a stop.
 */
public final class StandalonePostgres implements AutoCloseable {

	private boolean durable;

	private final int port;

	private final Path dataDirectory;

	private @Nullable EmbeddedPostgres postgres;

	private StandalonePostgres(int port, Path dataDirectory) {
		this.port = port;
		this.dataDirectory = dataDirectory;
	}

	/**
	 * Reserve a free port and a data directory without starting anything.
	 * @return a server that is not running yet
	 */
	public static StandalonePostgres onFreePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return new StandalonePostgres(socket.getLocalPort(), Files.createTempDirectory("hoist-standalone-pg"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Start the server (again) on its port with its data directory.
	 * @return this server
	 */
	public synchronized StandalonePostgres start() {
		if (this.postgres == null) {
			try {
				this.postgres = EmbeddedPostgres.builder()
					.setPort(this.port)
					.setDataDirectory(this.dataDirectory)
					.setCleanDataDirectory(false)
					.setServerConfig("fsync", this.durable ? "on" : "off")
					// zonky turns synchronous_commit off by default
					.setServerConfig("synchronous_commit", this.durable ? "on" : "off")
					.start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return this;
	}

	/**
	 * Make the server keep what it commits as production servers do ({@code fsync} on,
	 * the default {@code synchronous_commit}), for tests of what a crash loses; takes
	 * effect on the next start.
	 * @return this server
	 */
	public synchronized StandalonePostgres durable() {
		this.durable = true;
		return this;
	}

	/**
	 * Crash the server: {@code kill -9} of the postmaster and then of every process it
	 * left, so that nothing still in its memory reaches the disk. The data directory is
	 * kept; {@link #start()} runs crash recovery on it.
	 */
	public synchronized void crash() {
		if (this.postgres == null) {
			return;
		}
		try {
			long pid = Long.parseLong(Files.readAllLines(this.dataDirectory.resolve("postmaster.pid")).get(0).trim());
			ProcessHandle postmaster = ProcessHandle.of(pid)
				.orElseThrow(() -> new IllegalStateException("No postmaster " + pid));
			List<ProcessHandle> children = postmaster.children().toList();
			postmaster.destroyForcibly();
			children.forEach(ProcessHandle::destroyForcibly);
			postmaster.onExit().get(30, TimeUnit.SECONDS);
			for (ProcessHandle child : children) {
				child.onExit().get(30, TimeUnit.SECONDS);
			}
			// releases the data directory's lock; its pg_ctl stop finds no server and
			// is only logged
			this.postgres.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not crash the server: " + ex, ex);
		}
		finally {
			this.postgres = null;
		}
	}

	/**
	 * Stop the server, keeping its data.
	 */
	public synchronized void stop() {
		if (this.postgres != null) {
			try {
				this.postgres.close();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			finally {
				this.postgres = null;
			}
		}
	}

	/**
	 * Return whether the server is running.
	 * @return whether it runs
	 */
	public synchronized boolean isRunning() {
		return this.postgres != null;
	}

	/**
	 * Return the port, fixed before the first start.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Return the JDBC URL of the {@code postgres} database (user {@code postgres}, no
	 * password).
	 * @return the JDBC URL
	 */
	public String jdbcUrl() {
		return "jdbc:postgresql://localhost:" + this.port + "/postgres";
	}

	/**
	 * Return the {@code postgres} database as a {@link TestDatabase} for running SQL.
	 * @return the database
	 */
	public TestDatabase database() {
		return new TestDatabase(PostgresServer.of("localhost", this.port, "postgres", "", "standalone PostgreSQL"),
				"postgres");
	}

	@Override
	public void close() {
		stop();
	}

}
