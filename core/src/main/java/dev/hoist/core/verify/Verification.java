package dev.hoist.core.verify;

import java.time.Duration;
import java.util.List;

import dev.hoist.core.MigrationVersion;
import org.jspecify.annotations.Nullable;

/**
 * What {@code verify} found: this build's migrations applied one by one to one shadow
 * database, and for each migration with a down section: up, snapshot, down, compared with
 * the snapshot before the up (must be equal), up again, compared with the snapshot after
 * the first up (must be equal). A migration whose down section does not restore the
 * schema exactly is reported with the differences; migrations without a down section
 * (none, or an empty one) are listed as irreversible, not failed.
 *
 * <pre>{@code
 * Verification verification = hoist.verify();
 * verification.failed().forEach(System.out::println);
 * }</pre>
 *
 * @param shadowDatabase the database the migrations were applied to
 * @param migrations every migration of the build, in the order they were applied
 * @param failure why verification stopped before the end (a migration's up section failed
 * on the shadow database), or {@code null} when every migration was verified
 * @param duration how long the command took
 */
public record Verification(String shadowDatabase, List<Migration> migrations, @Nullable String failure,
		Duration duration) {

	/**
	 * Return whether every down section restores the schema exactly and every up section
	 * applied.
	 * @return whether nothing failed
	 */
	public boolean isVerified() {
		return this.failure == null && failed().isEmpty();
	}

	/**
	 * Fail unless every down section restores the schema. A service's test proves its own
	 * history in one line, on whatever PostgreSQL its tests use (the shadow database is a
	 * temporary one on that server, or the configured one).
	 *
	 * <pre>{@code
	 * Hoist.configure().url(jdbcUrl, user, password).load().verify().requireVerified();
	 * }</pre>
	 * @return this verification, when verified
	 * @throws AssertionError naming each migration whose down section does not restore
	 * the schema, with the differences, and why the run stopped if it did; any test
	 * framework reports it as a failure
	 */
	public Verification requireVerified() {
		if (isVerified()) {
			return this;
		}
		StringBuilder message = new StringBuilder("Down sections that do not restore the schema, verified on ")
			.append(this.shadowDatabase)
			.append(':');
		for (Migration migration : failed()) {
			message.append("\n  ").append(migration);
			migration.differences().forEach((difference) -> message.append("\n    ").append(difference));
		}
		if (this.failure != null) {
			message.append("\nStopped: ").append(this.failure);
		}
		throw new AssertionError(message.toString());
	}

	/**
	 * Return the migrations whose down section does not restore the schema, fails, or
	 * leaves a schema on which the up section fails or builds something else.
	 * @return the failed migrations
	 */
	public List<Migration> failed() {
		return this.migrations.stream().filter((migration) -> migration.outcome() == Outcome.FAILED).toList();
	}

	/**
	 * Return the migrations without a down section.
	 * @return the irreversible migrations
	 */
	public List<Migration> irreversible() {
		return this.migrations.stream().filter((migration) -> migration.outcome() == Outcome.IRREVERSIBLE).toList();
	}

	/**
	 * What verification found for one migration.
	 */
	public enum Outcome {

		/**
		 * The down section restored the schema exactly, and the up section applied again
		 * built the same schema as the first time.
		 */
		RESTORED,

		/**
		 * The down section left the schema different from before the up, failed, or the
		 * up section failed or built something else when applied again; the
		 * {@link Migration#problem() problem} and the {@link Migration#differences()
		 * differences} say what.
		 */
		FAILED,

		/** No down section (none, or one without statements): applied only. */
		IRREVERSIBLE,

		/**
		 * A repeatable migration: applied after the versioned ones, as {@code migrate}
		 * does; it has no down section by design.
		 */
		REPEATABLE,

		/** Not reached: verification stopped at an earlier migration's failure. */
		NOT_VERIFIED

	}

	/**
	 * One migration and what verification found for it.
	 *
	 * @param version the version, or {@code null} for a repeatable migration
	 * @param script the file or class name, as history records it
	 * @param outcome what was found
	 * @param problem what went wrong or why it cannot be verified, for people;
	 * {@code null} when it was restored
	 * @param differences how the schema differs, when it does
	 * @param duration how long its up, down, up again and snapshots took
	 */
	public record Migration(@Nullable MigrationVersion version, String script, Outcome outcome,
			@Nullable String problem, List<Difference> differences, Duration duration) {

		@Override
		public String toString() {
			return this.script + ": " + this.outcome + ((this.problem != null) ? ": " + this.problem : "");
		}

	}

	/**
	 * Which comparison found a difference.
	 */
	public enum Phase {

		/** The schema after the down section, compared with the schema before the up. */
		DOWN,

		/**
		 * The schema after the up section ran again, compared with the schema after it
		 * ran the first time.
		 */
		UP_AGAIN

	}

	/**
	 * How an object differs from the schema it should equal.
	 */
	public enum Kind {

		/**
		 * The object is there and should not be: after the down, one the down section
		 * left behind.
		 */
		EXTRA,

		/**
		 * The object should be there and is not: after the down, one the down section
		 * dropped and did not recreate.
		 */
		MISSING,

		/** The object is there with another definition. */
		CHANGED

	}

	/**
	 * One object in which a snapshot differs from the one it should equal.
	 *
	 * @param phase which comparison found it
	 * @param kind how it differs
	 * @param objectType the kind of object, such as {@code index}
	 * @param name the object's name, such as {@code public.orders_created_at_idx}
	 * @param detail what differs, such as
	 * {@code default 'pending'::order_status -> (none)}
	 */
	public record Difference(Phase phase, Kind kind, String objectType, String name, String detail) {

		@Override
		public String toString() {
			return this.kind + " " + this.objectType + " " + this.name
					+ (this.detail.isEmpty() ? "" : ": " + this.detail);
		}

	}

}
