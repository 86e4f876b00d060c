package dev.hoist.core.internal.lint;

import dev.hoist.core.HoistConfiguration.SettingNames;

/**
 * What the rules need to know about where the migrations will run.
 *
 * @param serverMajor the PostgreSQL major version of the target, such as 16
 * @param ddlLockTimeout whether Hoist's own DDL lock timeout
 * ({@code hoist.ddl-lock-timeout}) is configured, so that every migration already runs
 * with a {@code lock_timeout}
 * @param includeDown whether down sections are checked too (by default only the up
 * sections, which run at deploy time, are)
 * @param settingNames how suggestions spell Hoist's settings for their reader
 */
public record LintOptions(int serverMajor, boolean ddlLockTimeout, boolean includeDown, SettingNames settingNames) {

	/**
	 * The oldest PostgreSQL major Hoist supports, assumed when the target is not known.
	 */
	public static final int OLDEST_SUPPORTED_MAJOR = 14;

	/**
	 * Return the options for an unknown server (the oldest supported major) and Hoist's
	 * defaults (no DDL lock timeout, up sections only), spelling settings as Spring Boot
	 * properties.
	 * @return the defaults
	 */
	public static LintOptions defaults() {
		return new LintOptions(OLDEST_SUPPORTED_MAJOR, false, false, SettingNames.SPRING_BOOT);
	}

	public LintOptions withServerMajor(int major) {
		return new LintOptions(major, this.ddlLockTimeout, this.includeDown, this.settingNames);
	}

	public LintOptions withDdlLockTimeout(boolean configured) {
		return new LintOptions(this.serverMajor, configured, this.includeDown, this.settingNames);
	}

	public LintOptions withDownSections(boolean include) {
		return new LintOptions(this.serverMajor, this.ddlLockTimeout, include, this.settingNames);
	}

	public LintOptions withSettingNames(SettingNames names) {
		return new LintOptions(this.serverMajor, this.ddlLockTimeout, this.includeDown, names);
	}

}
