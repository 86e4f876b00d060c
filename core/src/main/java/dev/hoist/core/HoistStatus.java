package dev.hoist.core;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Where the schema stands: read from the database's history and this build's migrations.
 *
 * @param revision the highest applied version, or {@code null} when nothing is applied
 * @param head the highest version in this build, or {@code null} when it has none
 * @param state current, behind or ahead
 * @param applied the applied migrations in history order, including missing and ahead
 * ones
 * @param pending the migrations of this build still to apply, in the order they would run
 * @param problems what validation would refuse; empty when valid
 */
public record HoistStatus(@Nullable MigrationVersion revision, @Nullable MigrationVersion head, SchemaState state,
		List<MigrationInfo> applied, List<MigrationInfo> pending, List<ValidationProblem> problems) {

	/**
	 * Create a status.
	 * @param revision the revision
	 * @param head the head
	 * @param state the state
	 * @param applied the applied migrations
	 * @param pending the pending migrations
	 * @param problems the problems
	 */
	public HoistStatus {
		applied = List.copyOf(applied);
		pending = List.copyOf(pending);
		problems = List.copyOf(problems);
	}

	/**
	 * Return whether validation finds nothing wrong.
	 * @return whether valid
	 */
	public boolean isValid() {
		return this.problems.isEmpty();
	}

}
