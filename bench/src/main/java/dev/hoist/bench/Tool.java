package dev.hoist.bench;

import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * One way of bringing an empty database to the head of a {@link MigrationSet}.
 */
interface Tool {

	/** Name in the results table. */
	String name();

	/** Version string for the results' header. */
	String version();

	/**
	 * What one service start does: configure the tool, read the migrations, and apply
	 * what is pending on a connection of its own.
	 */
	void migrate(DataSource dataSource, String database) throws Exception;

	/**
	 * How many applied migrations the tool's history records ({@code expected} for the
	 * floor).
	 */
	int historyRows(Server server, String database, int expected) throws SQLException;

	/** Whether the tool keeps history, so a no-op start means something. */
	default boolean keepsHistory() {
		return true;
	}

}
