package dev.hoist.core;

/**
 * What to do when the database holds migrations newer than this build's head.
 */
public enum AheadPolicy {

	/**
	 * Start, log a warning and report {@link SchemaState#AHEAD}: rolling deploys need
	 * this.
	 */
	WARN,

	/** Refuse to start. */
	FAIL

}
