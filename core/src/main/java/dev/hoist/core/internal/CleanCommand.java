package dev.hoist.core.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import dev.hoist.core.CleanResult;
import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.HoistException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code clean}: drop every object in the schema, the history table included, in one
 * transaction under the migration lock. The schema itself stays with its owner and
 * grants. Refused unless the configuration enables it.
 */
public final class CleanCommand {

	private static final Logger logger = LoggerFactory.getLogger(CleanCommand.class);

	private final Engine engine;

	public CleanCommand(Engine engine) {
		this.engine = engine;
	}

	/**
	 * Run the command.
	 * @return the schema and each object dropped, such as {@code table public.orders}
	 */
	public CleanResult run() {
		HoistConfiguration configuration = this.engine.configuration();
		if (!configuration.isCleanEnabled()) {
			throw new HoistException("Clean is disabled: it drops every object in the schema, data included."
					+ " Enable it deliberately where that is wanted (" + SettingName.CLEAN_ENABLED.in(configuration)
					+ "). Nothing was changed");
		}
		return this.engine.underSessionLock("clean", (session, lockWait) -> {
			String schema = session.history().schema();
			Connection connection = session.connection();
			connection.setAutoCommit(false);
			try {
				List<String> dropped = new SchemaCleaner(connection, schema).clean();
				connection.commit();
				logger.info("Hoist: clean dropped {} object{} in schema {}", dropped.size(),
						(dropped.size() == 1) ? "" : "s", schema);
				return new CleanResult(schema, dropped);
			}
			catch (SQLException | RuntimeException ex) {
				connection.rollback();
				throw ex;
			}
			finally {
				connection.setAutoCommit(true);
			}
		});
	}

}
