package dev.hoist.core.internal;

import dev.hoist.core.HoistException;

/**
 * The session that records a migration no longer holds the migration lock: its work is
 * rolled back rather than recorded unprotected.
 */
public final class LockLostException extends HoistException {

	LockLostException(String history, String script) {
		super("Hoist no longer holds the migration lock on " + history + " while recording " + script
				+ ", so another instance may be migrating at the same time; " + script + " was not recorded"
				+ " (a transactional migration was rolled back with it). The connection probably goes through"
				+ " PgBouncer in transaction pooling mode, which hands each transaction to another server session."
				+ " Use hoist.lock.mode=transaction, or migrate through a direct connection (hoist.url)");
	}

}
