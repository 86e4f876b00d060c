package dev.hoist.bench;

import java.nio.file.Path;
import java.sql.SQLException;

import javax.sql.DataSource;

import dev.hoist.core.Hoist;

/** Hoist, as the starter calls it. */
final class HoistTool implements Tool {

	private final Path directory;

	HoistTool(Path directory) {
		this.directory = directory;
	}

	@Override
	public String name() {
		return "Hoist";
	}

	@Override
	public String version() {
		return "Hoist " + Versions.of("dev.hoist", "hoist-bench") + Versions.commit();
	}

	@Override
	public void migrate(DataSource dataSource, String database) {
		Hoist.configure().dataSource(dataSource).locations("filesystem:" + this.directory).load().migrate();
	}

	@Override
	public int historyRows(Server server, String database, int expected) throws SQLException {
		return Integer.parseInt(server.queryOne(database,
				"SELECT count(*) FROM hoist_schema_history WHERE success AND version IS NOT NULL"));
	}

}
