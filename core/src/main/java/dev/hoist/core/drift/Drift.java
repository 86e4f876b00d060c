package dev.hoist.core.drift;

import java.time.Duration;
import java.util.List;

import dev.hoist.core.MigrationVersion;
import org.jspecify.annotations.Nullable;

/**
 * What {@code drift} found: every difference between the schema that the database's
 * applied migrations produce (built from this build's files on a shadow database) and the
 * database's live schema, with the SQL that brings the live schema back to the
 * migrations' and, separately, the SQL of a migration that would adopt the live changes.
 * Invalid indexes ({@code indisvalid = false}) are always reported, in any schema.
 *
 * <pre>{@code
 * Drift drift = hoist.drift();
 * if (drift.isDrifted()) {
 *     drift.differences().forEach(System.out::println);
 *     System.out.print(drift.revertSql());
 * }
 * }</pre>
 *
 * @param database the live database, as people read it; never a password
 * @param shadowDatabase the database the migrations' schema was built on
 * @param revision the highest applied version, or {@code null} when history is empty
 * @param migrations how many migrations were applied to build the migrations' schema
 * @param schemas the schemas compared
 * @param differences every difference, one per object; empty when there is no drift
 * @param revertSql the SQL that brings the live schema back to the migrations', in the
 * order it must run (parts that cannot run in a transaction are marked); empty when there
 * is no drift
 * @param adoptSql the SQL of the migrations that would adopt the live changes instead, so
 * that the migrations produce the live schema: parts in order, each headed by a comment
 * saying whether it runs in one transaction or outside one, each the up section of a
 * migration of its own ({@code transaction:false} for a part outside a transaction);
 * empty when there is no drift
 * @param notes what a reader should know about how the comparison was made, such as a
 * Java migration whose code ran on the shadow database
 * @param duration how long the command took
 */
public record Drift(String database, String shadowDatabase, @Nullable MigrationVersion revision, int migrations,
		List<String> schemas, List<Difference> differences, String revertSql, String adoptSql, List<String> notes,
		Duration duration) {

	/**
	 * Return whether the live schema differs from the migrations'.
	 * @return whether there is at least one difference
	 */
	public boolean isDrifted() {
		return !this.differences.isEmpty();
	}

	/**
	 * How an object differs.
	 */
	public enum Kind {

		/** The live schema has it; the migrations do not create it (added by hand). */
		EXTRA,

		/**
		 * The migrations create it; the live schema does not have it (dropped by hand).
		 */
		MISSING,

		/** Both have it, with different definitions (altered by hand). */
		CHANGED,

		/**
		 * An index PostgreSQL marked invalid ({@code indisvalid = false}), usually left
		 * by a {@code CREATE INDEX CONCURRENTLY} or {@code REINDEX CONCURRENTLY} that
		 * failed or was cancelled: it costs every write and serves no query. Always
		 * reported, whether or not the migrations create an index of that name.
		 */
		INVALID_INDEX

	}

	/**
	 * One object in which the live schema differs from the migrations'.
	 *
	 * @param kind how it differs
	 * @param objectType the kind of object, such as {@code column} or {@code index}
	 * @param name the object's name, such as {@code public.orders.total} or
	 * {@code orders_pkey on public.orders}
	 * @param detail what differs, such as {@code type integer -> bigint}, for people
	 * @param revertSql the statements about this object that bring it back to the
	 * migrations' definition; empty when the schema diff cannot write them (then
	 * {@code detail} says so)
	 * @param adoptSql the statements about this object of a migration that would adopt
	 * the live definition
	 * @param revertLoses what data reverting loses, such as the values of a column added
	 * by hand, or {@code null} when it loses none
	 */
	public record Difference(Kind kind, String objectType, String name, String detail, List<String> revertSql,
			List<String> adoptSql, @Nullable String revertLoses) {

		@Override
		public String toString() {
			return this.kind + " " + this.objectType + " " + this.name
					+ (this.detail.isEmpty() ? "" : ": " + this.detail);
		}

	}

}
