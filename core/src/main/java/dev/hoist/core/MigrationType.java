package dev.hoist.core;

/**
 * What kind of migration a history row or a file is.
 */
public enum MigrationType {

	/** A versioned SQL file, {@code V<version>__<description>.sql}. */
	SQL,

	/** A versioned migration in code, a {@link JavaMigration}. */
	JAVA,

	/**
	 * A repeatable SQL file, {@code R__<description>.sql}, re-applied when it changes.
	 */
	REPEATABLE,

	/**
	 * A marker row recorded by {@code baseline}: everything up to it counts as applied.
	 */
	BASELINE

}
