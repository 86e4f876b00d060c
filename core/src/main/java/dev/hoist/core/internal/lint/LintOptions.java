package dev.hoist.core.internal.lint;

/**
 * What the rules need to know about where the migrations will run.
 *
 * @param serverMajor the PostgreSQL major version of the target, such as 16
 * @param ddlLockTimeout whether Hoist's own DDL lock timeout ({@code hoist.lock-timeout})
 * is configured, so that every migration already runs with a {@code lock_timeout}
 * @param includeDown whether down sections are checked too (by default only the up
 * sections, which run at deploy time, are)
 */
public record LintOptions(int serverMajor, boolean ddlLockTimeout, boolean includeDown) {

	/**
	 * The oldest PostgreSQL major Hoist supports, assumed when the target is not known.
	 */
	public static final int OLDEST_SUPPORTED_MAJOR = 14;

	/**
	 * Return the options for an unknown server (the oldest supported major) and Hoist's
	 * defaults (no DDL lock timeout, up sections only).
	 * @return the defaults
	 */
	public static LintOptions defaults() {
		return new LintOptions(OLDEST_SUPPORTED_MAJOR, false, false);
	}

	public LintOptions withServerMajor(int major) {
		return new LintOptions(major, this.ddlLockTimeout, this.includeDown);
	}

	public LintOptions withDdlLockTimeout(boolean configured) {
		return new LintOptions(this.serverMajor, configured, this.includeDown);
	}

	public LintOptions withDownSections(boolean include) {
		return new LintOptions(this.serverMajor, this.ddlLockTimeout, include);
	}

}
