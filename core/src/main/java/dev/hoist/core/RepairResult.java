package dev.hoist.core;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What {@code repair} changed in the history table.
 *
 * @param realigned applied migrations whose recorded checksum now matches their file
 * @param removed failed rows removed, left by non-transactional migrations
 */
public record RepairResult(List<ChecksumChange> realigned, List<MigrationInfo> removed) {

	/**
	 * Create a result.
	 * @param realigned the realigned checksums
	 * @param removed the removed rows
	 */
	public RepairResult {
		realigned = List.copyOf(realigned);
		removed = List.copyOf(removed);
	}

	/**
	 * Return whether repair changed anything.
	 * @return whether history was changed
	 */
	public boolean changedAnything() {
		return !this.realigned.isEmpty() || !this.removed.isEmpty();
	}

	/**
	 * One recorded checksum replaced by its file's.
	 *
	 * @param version the migration's version
	 * @param script the file name
	 * @param previous the checksum history had
	 * @param current the file's checksum, now recorded
	 */
	public record ChecksumChange(MigrationVersion version, String script, @Nullable String previous, String current) {

	}

}
