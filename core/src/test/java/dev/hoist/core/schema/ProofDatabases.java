package dev.hoist.core.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import dev.hoist.testsupport.CatalogFingerprint;
import dev.hoist.testsupport.TestDatabase;

/**
 * What the proof's tests do to their databases: empty them down to the schemas under
 * test, replay statements, read the fingerprint.
 */
final class ProofDatabases {

	/**
	 * Hoist's history table lives apart, so the schemas compared hold only the user's
	 * objects.
	 */
	static final String HISTORY_SCHEMA = "hoist_proof_history";

	private ProofDatabases() {
	}

	static CatalogFingerprint fingerprint(TestDatabase database) {
		return CatalogFingerprint.of(database.dataSource(), SchemaEvolution.SCHEMAS, List.of());
	}

	static void reset(TestDatabase database) {
		database.execute(SchemaEvolution.RESET);
	}

	static void execute(TestDatabase database, List<String> statements) throws SQLException {
		try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				try {
					statement.execute(sql);
				}
				catch (SQLException ex) {
					throw new SQLException(ex.getMessage() + "\n  in: " + sql, ex.getSQLState(), ex);
				}
			}
		}
	}

}
