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

	private static final int MAX_LISTED = 10;

	private final HoistStatus status;

	private final Duration waited;

	/**
	 * Create an exception.
	 * @param status the status when waiting gave up
	 * @param waited how long this instance waited
	 */
	public SchemaBehindException(HoistStatus status, Duration waited) {
		super("Hoist is in validate mode and the database did not reach this build's head (version " + status.head()
				+ ") within " + waited.toSeconds() + " s: it is at " + describe(status) + ". Nothing migrated it.");
		this.status = status;
		this.waited = waited;
	}

	/**
	 * Describe where a database is against this build, naming each pending migration by
	 * its file and version, e.g. {@code revision 2, and 1 migration is pending:
	 * V3__add_note.sql (version 3)}.
	 * @param status the status
	 * @return the description
	 */
	static String describe(HoistStatus status) {
		List<MigrationInfo> pending = status.pending();
		String revision = (status.revision() != null) ? "revision " + status.revision()
				: "no revision (nothing applied)";
		String files = pending.stream()
			.limit(MAX_LISTED)
			.map(SchemaBehindException::describe)
			.collect(Collectors.joining(", "));
		if (pending.size() > MAX_LISTED) {
			files += " and " + (pending.size() - MAX_LISTED) + " more";
		}
		return revision + ", and " + pending.size() + ((pending.size() == 1) ? " migration is" : " migrations are")
				+ " pending: " + files;
	}

	private static String describe(MigrationInfo migration) {
		return migration.script() + " ("
				+ ((migration.version() != null) ? "version " + migration.versionText() : "repeatable") + ")";
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
