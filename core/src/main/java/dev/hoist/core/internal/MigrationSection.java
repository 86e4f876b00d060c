package dev.hoist.core.internal;

import java.util.List;

/**
 * The up or down part of a migration file.
 *
 * @param transactional whether the section runs in one transaction with its history row
 * @param statements the statements in order
 * @param markerLine the line of the {@code -- migrate:} marker, or 0 for a file without
 * markers
 */
public record MigrationSection(boolean transactional, List<SqlStatement> statements, int markerLine) {

	public MigrationSection {
		statements = List.copyOf(statements);
	}

}
