package dev.hoist.core.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import dev.hoist.core.MigrationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs migrations' up and down sections on a {@link ShadowDatabase} as {@code migrate}
 * and {@code downgrade} run them on the migrated database: a transactional section in a
 * transaction of its own, a {@code transaction:false} one statement by statement, a Java
 * migration's code on the shadow's connection. No history is written: the shadow exists
 * to be compared.
 */
final class ShadowMigrations {

	private static final Logger logger = LoggerFactory.getLogger(ShadowMigrations.class);

	private final MigrationExecutor executor;

	private final ShadowDatabase shadow;

	ShadowMigrations(MigrationExecutor executor, ShadowDatabase shadow) {
		this.executor = executor;
		this.shadow = shadow;
	}

	/**
	 * Apply a migration's up section.
	 * @param migration the migration
	 * @throws MigrationFailedException when it fails; a transactional section was rolled
	 * back
	 */
	void up(ResolvedMigration migration) {
		run(migration, false, migration.isTransactional());
	}

	/**
	 * Run a migration's down section.
	 * @param migration the migration, which has one
	 * @throws MigrationFailedException when it fails; a transactional section was rolled
	 * back
	 */
	void down(ResolvedMigration migration) {
		SqlMigrationParser.Parsed parsed = migration.parsed();
		boolean transactional = parsed == null || parsed.down() == null || parsed.down().transactional();
		run(migration, true, transactional);
	}

	/**
	 * Run a transactional section inside the transaction the caller holds open on the
	 * shadow's connection, without committing, so that the caller can roll it back. The
	 * deferred constraint checks that the section's own commit would run, run at its end
	 * ({@code SET CONSTRAINTS ALL IMMEDIATE}).
	 * @param migration the migration
	 * @param down whether to run its down section rather than its up section
	 * @throws MigrationFailedException when it fails; the transaction is then aborted and
	 * must be rolled back
	 */
	void runUncommitted(ResolvedMigration migration, boolean down) {
		Connection connection = this.shadow.connection();
		logger.debug("Hoist: {} {} on the shadow database, to be rolled back", down ? "reverting" : "applying",
				migration.location());
		try {
			this.executor.runInTransaction(connection, migration, down);
			try (Statement statement = connection.createStatement()) {
				statement.execute("SET CONSTRAINTS ALL IMMEDIATE");
			}
		}
		catch (MigrationExecutor.StepFailure failure) {
			throw failure.failure();
		}
		catch (SQLException ex) {
			throw failed(migration, down, ex);
		}
	}

	private void run(ResolvedMigration migration, boolean down, boolean transactional) {
		Connection connection = this.shadow.connection();
		logger.debug("Hoist: {} {} on the shadow database", down ? "reverting" : "applying", migration.location());
		try {
			if (transactional) {
				connection.setAutoCommit(false);
				try {
					this.executor.runInTransaction(connection, migration, down);
					connection.commit();
				}
				catch (MigrationExecutor.StepFailure | SQLException | RuntimeException ex) {
					MigrateCommand.rollbackQuietly(connection);
					throw ex;
				}
				finally {
					connection.setAutoCommit(true);
				}
			}
			else {
				this.executor.runInAutocommit(connection, migration, down);
			}
		}
		catch (MigrationExecutor.StepFailure failure) {
			throw failure.failure();
		}
		catch (SQLException ex) {
			throw failed(migration, down, ex);
		}
	}

	private MigrationFailedException failed(ResolvedMigration migration, boolean down, SQLException ex) {
		return new MigrationFailedException(
				"Migration " + migration.location() + (down ? " (down)" : "") + " failed on the shadow database "
						+ this.shadow.describe() + ": " + ex.getMessage(),
				migration.script(), 0, "", ex.getSQLState(), ex);
	}

}
