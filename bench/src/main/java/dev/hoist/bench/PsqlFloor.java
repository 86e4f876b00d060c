package dev.hoist.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

/**
 * The floor: {@code psql -1 -f all.sql}, the same SQL in one transaction with no history,
 * no checksums and no lock.
 */
final class PsqlFloor implements Tool {

	private final Path allSql;

	private final Server server;

	private final String psql;

	private PsqlFloor(Path allSql, Server server, String psql) {
		this.allSql = allSql;
		this.server = server;
		this.psql = psql;
	}

	/** The floor, or {@code null} when no {@code psql} is on the PATH. */
	static PsqlFloor find(Path allSql, Server server) {
		String path = System.getenv().getOrDefault("PATH", "");
		for (String directory : path.split(File.pathSeparator)) {
			Path candidate = Path.of(directory, "psql");
			if (Files.isExecutable(candidate)) {
				return new PsqlFloor(allSql, server, candidate.toString());
			}
		}
		return null;
	}

	@Override
	public String name() {
		return "floor";
	}

	@Override
	public String version() {
		try {
			Process process = new ProcessBuilder(this.psql, "--version").redirectErrorStream(true).start();
			String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			process.waitFor();
			return out;
		}
		catch (IOException ex) {
			return "psql (version unknown)";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "psql (version unknown)";
		}
	}

	@Override
	public void migrate(DataSource dataSource, String database) throws Exception {
		ProcessBuilder builder = new ProcessBuilder(this.psql, "-X", "-q", "-1", "-v", "ON_ERROR_STOP=1", "-h",
				this.server.host(), "-p", String.valueOf(this.server.port()), "-U", this.server.user(), "-d", database,
				"-f", this.allSql.toString())
			.redirectErrorStream(true);
		builder.environment().put("PGPASSWORD", this.server.password());
		Process process = builder.start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (process.waitFor() != 0) {
			throw new IllegalStateException("psql failed: " + out);
		}
	}

	@Override
	public int historyRows(Server server, String database, int expected) {
		return expected;
	}

	@Override
	public boolean keepsHistory() {
		return false;
	}

}
