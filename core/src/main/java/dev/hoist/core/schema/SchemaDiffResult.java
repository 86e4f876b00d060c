package dev.hoist.core.schema;

import java.nio.file.Path;
import java.util.List;

import dev.hoist.core.HoistException;
import dev.hoist.core.internal.schema.Change;
import dev.hoist.core.internal.schema.MigrationPlan;

/**
 * The differences between two schemas and the migration that turns the first into the
 * second. The down SQL turns it back. Immutable.
 */
public final class SchemaDiffResult {

	private final MigrationPlan plan;

	private final boolean allowUnsupported;

	SchemaDiffResult(MigrationPlan plan, boolean allowUnsupported) {
		this.plan = plan;
		this.allowUnsupported = allowUnsupported;
	}

	/**
	 * Return whether the schemas are equal.
	 * @return whether there is nothing to migrate
	 */
	public boolean isEmpty() {
		return this.plan.isEmpty();
	}

	/**
	 * Return every difference, one per object, including those the engine cannot write
	 * ({@link SchemaChange.Action#UNSUPPORTED}).
	 * @return the changes
	 */
	public List<SchemaChange> changes() {
		return this.plan.changes().stream().map(SchemaDiffResult::publicChange).toList();
	}

	/**
	 * Return whether some difference cannot be written as SQL.
	 * @return whether a change is {@link SchemaChange.Action#UNSUPPORTED}
	 */
	public boolean hasUnsupportedChanges() {
		return !this.plan.unsupported().isEmpty();
	}

	/**
	 * Return what changes, what loses data and what takes strong locks, for people.
	 * @return the summary
	 */
	public String summary() {
		return this.plan.summary();
	}

	/**
	 * Return the SQL that turns the first schema into the second, all parts in order.
	 * Parts that must run outside a transaction are marked by a comment.
	 * @return the SQL, empty when the schemas are equal
	 * @throws HoistException when a difference cannot be written and that was not allowed
	 */
	public String upSql() {
		checkSupported();
		return this.plan.upSql();
	}

	/**
	 * Return the SQL that turns the second schema back into the first.
	 * @return the SQL, empty when the schemas are equal
	 * @throws HoistException when a difference cannot be written and that was not allowed
	 */
	public String downSql() {
		checkSupported();
		return this.plan.downSql();
	}

	/**
	 * Write the migration as Hoist migration files with up and down sections:
	 * {@code V<version>__<description>.sql}, and, when some statements must run outside a
	 * transaction ({@code CREATE INDEX CONCURRENTLY}, validations), a
	 * {@code V<version>.1__<description>_online.sql} with {@code transaction:false}
	 * sections next to it. Nothing is written when any file already exists.
	 * @param directory the directory, created when missing
	 * @param version the version of the first file, such as {@code 3}
	 * @param description words such as {@code add orders}
	 * @return the files written, in the order they run
	 * @throws HoistException when the schemas are equal, a difference cannot be written
	 * and that was not allowed, or a file cannot be written
	 */
	public List<Path> writeTo(Path directory, String version, String description) {
		checkSupported();
		return this.plan.writeTo(directory, version, description);
	}

	private void checkSupported() {
		List<Change> unsupported = this.plan.unsupported();
		if (!unsupported.isEmpty() && !this.allowUnsupported) {
			StringBuilder message = new StringBuilder("The schemas differ in ").append(unsupported.size())
				.append(" way(s) the schema diff cannot write as SQL:");
			for (Change change : unsupported) {
				message.append("\n  ").append(change.key().describe()).append(": ").append(change.detail());
			}
			message.append("\nWrite these by hand, then allow the rest with allowUnsupported(true)"
					+ " (--allow-unsupported)");
			throw new HoistException(message.toString());
		}
	}

	private static SchemaChange publicChange(Change change) {
		return new SchemaChange(SchemaChange.Action.valueOf(change.action().name()), change.key().kind().label(),
				name(change), change.detail(), change.dataLoss());
	}

	private static String name(Change change) {
		String described = change.key().describe();
		String label = change.key().kind().label();
		return described.startsWith(label + " ") ? described.substring(label.length() + 1) : described;
	}

	@Override
	public String toString() {
		return summary();
	}

}
