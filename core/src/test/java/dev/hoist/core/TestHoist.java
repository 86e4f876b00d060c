package dev.hoist.core;

import dev.hoist.testsupport.MigrationFiles;
import dev.hoist.testsupport.TestDatabase;

/**
 * Configures Hoist for a test: one database, one directory of migration files.
 */
final class TestHoist {

	private TestHoist() {
	}

	/**
	 * Configure Hoist on a database with the files as its one location.
	 * @param files the migration files
	 * @param database the database
	 * @return the configuration, to refine and load
	 */
	static HoistConfiguration configure(MigrationFiles files, TestDatabase database) {
		return Hoist.configure().dataSource(database.dataSource()).locations(files.location());
	}

}
