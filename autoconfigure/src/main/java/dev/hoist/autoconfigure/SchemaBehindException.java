package dev.hoist.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import dev.hoist.core.HoistException;
import dev.hoist.core.HoistStatus;
import dev.hoist.core.MigrationInfo;

/**
 * In {@code validate} mode, the database did not reach this build's head within
 * {@code hoist.validate-timeout}: nothing migrated it.
 *
 * @since 0.1.0
 */
public class SchemaBehindException extends HoistException {

	private final HoistStatus status;

	private final Duration waited;

	/**
	 * Create an exception.
	 * @param status the status when waiting gave up
	 * @param waited how long this instance waited
	 */
	public SchemaBehindException(HoistStatus status, Duration waited) {
		super("Hoist is in validate mode and the database did not reach this build's head (" + status.head()
				+ ") within " + waited.toSeconds() + " s: revision "
				+ ((status.revision() != null) ? status.revision() : "none (nothing applied)") + ", pending "
				+ describe(status.pending()) + ". Nothing migrated it.");
		this.status = status;
		this.waited = waited;
	}

	private static String describe(List<MigrationInfo> pending) {
		return pending.stream()
			.map((migration) -> migration.versionText() + " (" + migration.script() + ")")
			.collect(Collectors.joining(", "));
	}

	/**
	 * Return the status when waiting gave up.
	 * @return the status
	 */
	public HoistStatus status() {
		return this.status;
	}

	/**
	 * Return the pending migrations.
	 * @return the pending migrations
	 */
	public List<MigrationInfo> pending() {
		return this.status.pending();
	}

	/**
	 * Return how long this instance waited.
	 * @return the wait
	 */
	public Duration waited() {
		return this.waited;
	}

}
