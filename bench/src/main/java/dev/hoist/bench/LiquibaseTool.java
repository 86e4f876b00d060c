package dev.hoist.bench;

import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.ui.LoggerUIService;
import liquibase.util.LiquibaseUtil;

/**
 * Liquibase's update command on a formatted-SQL changelog, as an embedding service runs
 * it.
 */
final class LiquibaseTool implements Tool {

	/** Held so that JUL keeps the level: it references loggers weakly. */
	private static final Logger LOGGER = Logger.getLogger("liquibase");

	static {
		// no usage reports leave the machine, and no console chatter costs time
		System.setProperty("liquibase.analytics.enabled", "false");
		System.setProperty("liquibase.showBanner", "false");
		// a lock left behind by a failed concurrent start would hold every run for the
		// default 5 minutes
		System.setProperty("liquibase.changelogLockWaitTimeInMinutes", "1");
		LOGGER.setLevel(Level.WARNING);
	}

	private final Path directory;

	LiquibaseTool(Path directory) {
		this.directory = directory;
	}

	@Override
	public String name() {
		return "Liquibase";
	}

	@Override
	public String version() {
		return "Liquibase " + LiquibaseUtil.getBuildVersion();
	}

	@Override
	public void migrate(DataSource dataSource, String database) throws Exception {
		try (Connection connection = dataSource.getConnection()) {
			Database liquibaseDatabase = DatabaseFactory.getInstance()
				.findCorrectDatabaseImplementation(new JdbcConnection(connection));
			Map<String, Object> scope = Map.of(Scope.Attr.resourceAccessor.name(),
					new DirectoryResourceAccessor(this.directory), Scope.Attr.ui.name(), new LoggerUIService());
			Scope.child(scope,
					() -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
						.addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, liquibaseDatabase)
						.addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, MigrationSet.Layout.CHANGELOG)
						.setOutput(OutputStream.nullOutputStream())
						.execute());
		}
	}

	@Override
	public int historyRows(Server server, String database, int expected) throws SQLException {
		return Integer
			.parseInt(server.queryOne(database, "SELECT count(*) FROM databasechangelog WHERE exectype = 'EXECUTED'"));
	}

}
