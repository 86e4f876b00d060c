package dev.hoist.core;

import java.util.List;

/**
 * What {@code baseline} recorded.
 *
 * @param baseline the baseline row now in history
 * @param skipped this build's migrations at or below the baseline, which now count as
 * applied without running
 */
public record BaselineResult(MigrationInfo baseline, List<MigrationInfo> skipped) {

	/**
	 * Create a result.
	 * @param baseline the baseline row
	 * @param skipped the skipped migrations
	 */
	public BaselineResult {
		skipped = List.copyOf(skipped);
	}

}
