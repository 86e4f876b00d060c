package dev.hoist.autoconfigure;

import dev.hoist.core.Hoist;

/**
 * What Hoist does at startup, once the database answers. Declare a bean of this type to
 * replace the behaviour that {@code hoist.mode} selects, for example to migrate only on
 * some instances or to log the status first.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface HoistMigrationStrategy {

	/**
	 * Bring the schema where the application needs it.
	 * @param hoist the auto-configured Hoist
	 */
	void migrate(Hoist hoist);

}
