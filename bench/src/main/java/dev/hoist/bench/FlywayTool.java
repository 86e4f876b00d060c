package dev.hoist.bench;

import java.nio.file.Path;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

/** Flyway with its defaults, as Spring Boot's Flyway module calls it. */
final class FlywayTool implements Tool {

	private final Path directory;

	FlywayTool(Path directory) {
		this.directory = directory;
	}

	@Override
	public String name() {
		return "Flyway";
	}

	@Override
	public String version() {
		return "Flyway " + Versions.of("org.flywaydb", "flyway-core");
	}

	@Override
	public void migrate(DataSource dataSource, String database) {
		Flyway.configure().dataSource(dataSource).locations("filesystem:" + this.directory).load().migrate();
	}

	@Override
	public int historyRows(Server server, String database, int expected) throws SQLException {
		return Integer.parseInt(server.queryOne(database,
				"SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL"));
	}

}
