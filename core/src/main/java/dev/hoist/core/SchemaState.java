package dev.hoist.core;

import java.util.Locale;

/**
 * Where the schema stands relative to this build, as health and status report it.
 */
public enum SchemaState {

	/** Every migration of this build is applied and the database has nothing newer. */
	CURRENT,

	/** This build has pending migrations. */
	BEHIND,

	/**
	 * The database has migrations newer than this build's head (an older replica during a
	 * rolling deploy).
	 */
	AHEAD,

	/** Migrations are running now. */
	MIGRATING,

	/** Waiting for another instance that holds the migration lock. */
	WAITING_FOR_LOCK;

	/**
	 * Return the name as health details show it, such as {@code waiting-for-lock}.
	 * @return the lower-case, hyphenated name
	 */
	public String label() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
