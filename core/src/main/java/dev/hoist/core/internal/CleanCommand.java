package dev.hoist.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.hoist.core.CleanResult;
import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.HoistException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code clean}: drop every object in the schema, the history table included, in one
 * transaction under the migration lock. The schema itself stays with its owner and
 * grants. Refused unless the configuration enables it, and when the schema's tables hold
 * more rows than {@link HoistConfiguration#getCleanMaxRows()} allows.
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
				refuseRealData(connection, session.history(), configuration);
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

	// the last guard: a database that holds more than a development one does (production
	// reached through a mistaken URL, say) is not emptied, whatever enabled clean
	private static void refuseRealData(Connection connection, SchemaHistory history, HoistConfiguration configuration)
			throws SQLException {
		long limit = configuration.getCleanMaxRows();
		long total = 0;
		List<String> largest = new ArrayList<>();
		for (String table : tables(connection, history)) {
			long rows;
			// counting stops past the limit, so a large table costs no more than a small
			// one
			try (PreparedStatement count = connection
				.prepareStatement("SELECT count(*) FROM (SELECT 1 FROM " + table + " LIMIT ?) s")) {
				count.setLong(1, limit - total + 1);
				try (ResultSet rs = count.executeQuery()) {
					rs.next();
					rows = rs.getLong(1);
				}
			}
			if (rows > 0 && largest.size() < 5) {
				largest.add(table);
			}
			total += rows;
			if (total > limit) {
				throw new HoistException("Clean refused: the tables of schema " + history.schema() + " hold more than "
						+ limit + " rows (" + String.join(", ", largest) + "), more than a development database"
						+ " usually does; check that this is the database you mean to empty (" + describe(configuration)
						+ "). To empty it anyway, raise the limit with " + SettingName.CLEAN_MAX_ROWS.in(configuration)
						+ ". Nothing was changed");
			}
		}
	}

	// the schema's own tables: not the history, not those of extensions, which go with
	// them; each name quoted by the server
	private static List<String> tables(Connection connection, SchemaHistory history) throws SQLException {
		List<String> tables = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement("SELECT format('%I.%I', n.nspname, c.relname)"
				+ " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
				+ " WHERE n.nspname = ? AND c.relkind IN ('r', 'm') AND c.relname <> ?"
				+ " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_class'::regclass"
				+ " AND d.objid = c.oid AND d.deptype = 'e') ORDER BY c.reltuples DESC, c.relname")) {
			statement.setString(1, history.schema());
			statement.setString(2, history.table());
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					tables.add(rs.getString(1));
				}
			}
		}
		return tables;
	}

	private static String describe(HoistConfiguration configuration) {
		return configuration.getDatabase().describe();
	}

}
