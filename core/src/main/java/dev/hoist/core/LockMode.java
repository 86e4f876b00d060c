package dev.hoist.core;

/**
 * How instances exclude each other while migrating.
 */
public enum LockMode {

	/**
	 * One session-level advisory lock held for the whole run on a dedicated connection. A
	 * crashed holder releases it with its session.
	 */
	SESSION,

	/**
	 * A transaction-level advisory lock taken inside each migration's own transaction,
	 * for connections through PgBouncer in transaction pooling mode, where session state
	 * does not survive a transaction.
	 */
	TRANSACTION

}
