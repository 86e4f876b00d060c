package dev.hoist.core;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One migration as this build and the database see it together.
 *
 * @param version the version, or {@code null} for a repeatable migration
 * @param description the description, from the file or class name
 * @param type the kind of migration
 * @param script the file name or class name
 * @param checksum the checksum recorded in history when applied, else the build's
 * @param state where it stands
 * @param installedRank the history rank, or {@code null} when not applied
 * @param installedBy who applied it, or {@code null} when not applied
 * @param installedAt when it was applied, or {@code null} when not applied
 * @param executionTime how long it ran, or {@code null} when not applied
 */
public record MigrationInfo(@Nullable MigrationVersion version, String description, MigrationType type, String script,
		@Nullable String checksum, MigrationState state, @Nullable Integer installedRank, @Nullable String installedBy,
		@Nullable Instant installedAt, @Nullable Duration executionTime) {

	/**
	 * Return the version as text, or {@code "R"} for a repeatable migration.
	 * @return the version text
	 */
	public String versionText() {
		return (this.version != null) ? this.version.toString() : "R";
	}

	@Override
	public String toString() {
		return this.script + " (" + this.state + ")";
	}

}
