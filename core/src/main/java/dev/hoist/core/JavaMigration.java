package dev.hoist.core;

import java.sql.Connection;

import dev.hoist.core.internal.JavaMigrationNames;
import org.jspecify.annotations.Nullable;

/**
 * A versioned migration written in code, ordered with the SQL files by version. Name the
 * class like a file ({@code V3__Backfill_order_totals}) or override {@link #version()}
 * and {@link #description()}.
 * <p>
 * {@link #up(Connection)} runs in the migration's own transaction together with its
 * history row: do not commit or roll back the connection.
 */
public interface JavaMigration {

	/**
	 * Return the version; by default parsed from a class name such as
	 * {@code V3_1__Backfill}.
	 * @return the version
	 */
	default MigrationVersion version() {
		return JavaMigrationNames.version(getClass());
	}

	/**
	 * Return the description; by default from a class name such as
	 * {@code V3__Backfill_order_totals}.
	 * @return the description
	 */
	default String description() {
		return JavaMigrationNames.description(getClass());
	}

	/**
	 * Return a checksum that changes when the migration changes, or {@code null} to skip
	 * checksum validation for it.
	 * @return the checksum or {@code null}
	 */
	default @Nullable String checksum() {
		return null;
	}

	/**
	 * Apply the migration.
	 * @param connection the migration's connection, inside its transaction
	 * @throws Exception on failure: everything is rolled back
	 */
	void up(Connection connection) throws Exception;

	/**
	 * Return whether {@link #down(Connection)} undoes this migration.
	 * @return whether it can be downgraded
	 */
	default boolean hasDown() {
		return false;
	}

	/**
	 * Undo the migration.
	 * @param connection the connection, inside the downgrade's transaction
	 * @throws Exception on failure: everything is rolled back
	 */
	default void down(Connection connection) throws Exception {
		throw new UnsupportedOperationException(getClass().getName() + " cannot be downgraded");
	}

}
