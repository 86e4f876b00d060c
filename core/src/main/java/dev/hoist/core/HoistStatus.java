package dev.hoist.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import dev.hoist.core.lint.Finding;
import org.jspecify.annotations.Nullable;

/**
 * Where the schema stands: read from the database's history and this build's migrations,
 * as this instance sees it (migrations above its target, if one is configured, are not
 * its to apply and are not pending).
 *
 * @param revision the highest applied version, or {@code null} when nothing is applied
 * @param head the highest version in this build, or {@code null} when it has none
 * @param target the last version this instance applies, or {@code null} for all
 * @param state current, behind, ahead or migrating
 * @param applied the applied migrations in history order, including missing and ahead
 * ones
 * @param pending the migrations of this build still to apply up to the target, in the
 * order they would run
 * @param problems what validation would refuse; empty when valid
 * @param findings what the static safety rules find in the pending migrations (see
 * {@code docs/lint.md}): empty when nothing is pending or the safety check is off
 */
public record HoistStatus(@Nullable MigrationVersion revision, @Nullable MigrationVersion head,
		@Nullable MigrationVersion target, State state, List<MigrationInfo> applied, List<MigrationInfo> pending,
		List<Problem> problems, List<Finding> findings) {

	/**
	 * Create a status.
	 * @param revision the revision
	 * @param head the head
	 * @param target the target, or {@code null} for all
	 * @param state the state
	 * @param applied the applied migrations
	 * @param pending the pending migrations
	 * @param problems the problems
	 * @param findings the safety findings of the pending migrations
	 */
	public HoistStatus {
		applied = List.copyOf(applied);
		pending = List.copyOf(pending);
		problems = List.copyOf(problems);
		findings = List.copyOf(findings);
	}

	/**
	 * Create a status without safety findings.
	 * @param revision the revision
	 * @param head the head
	 * @param target the target, or {@code null} for all
	 * @param state the state
	 * @param applied the applied migrations
	 * @param pending the pending migrations
	 * @param problems the problems
	 */
	public HoistStatus(@Nullable MigrationVersion revision, @Nullable MigrationVersion head,
			@Nullable MigrationVersion target, State state, List<MigrationInfo> applied, List<MigrationInfo> pending,
			List<Problem> problems) {
		this(revision, head, target, state, applied, pending, problems, List.of());
	}

	/**
	 * Return this status with the safety findings of its pending migrations.
	 * @param findings the findings
	 * @return the status
	 */
	public HoistStatus withFindings(List<Finding> findings) {
		return new HoistStatus(this.revision, this.head, this.target, this.state, this.applied, this.pending,
				this.problems, findings);
	}

	/**
	 * Return whether validation finds nothing wrong.
	 * @return whether valid
	 */
	public boolean isValid() {
		return this.problems.isEmpty();
	}

	/**
	 * Return the answer of {@code check}, the gate for CI and deploy scripts: invalid
	 * beats pending.
	 * @return the outcome, with its exit code
	 */
	public Outcome outcome() {
		if (!isValid()) {
			return Outcome.INVALID;
		}
		return this.pending.isEmpty() ? Outcome.CURRENT : Outcome.PENDING;
	}

	/**
	 * Where the schema stands relative to this build, as health and status report it.
	 */
	public enum State {

		/**
		 * Every migration of this build is applied and the database has nothing newer.
		 */
		CURRENT,

		/** This build has pending migrations. */
		BEHIND,

		/**
		 * The database has migrations newer than this build's head (an older replica
		 * during a rolling deploy).
		 */
		AHEAD,

		/** Migrations are running now. */
		MIGRATING,

		/** Waiting for another instance that holds the migration lock. */
		WAITING_FOR_LOCK;

		/**
		 * Return the name as health details show it, such as {@code waiting-for-lock}.
		 * @return the lower-case, hyphenated name
		 */
		public String label() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

	}

	/**
	 * One thing wrong between this build's migrations and the database's history.
	 *
	 * @param kind what kind of problem
	 * @param message a complete message for a person: what, which files and versions, and
	 * the way out
	 * @param scripts the files or history entries concerned
	 */
	public record Problem(Kind kind, String message, List<String> scripts) {

		/**
		 * Create a problem.
		 * @param kind the kind
		 * @param message the message
		 * @param scripts the files concerned
		 */
		public Problem {
			scripts = List.copyOf(scripts);
		}

		/**
		 * The kinds of problem Hoist detects.
		 */
		public enum Kind {

			/**
			 * A migration file that cannot be read as one: name, markers, options,
			 * content.
			 */
			INVALID_FILE,

			/**
			 * A pending migration whose down section cannot run as written. It does not
			 * stop {@code migrate}, which applies the up section and logs it as a
			 * warning; {@code validate}, {@code check} and {@code downgrade} fail on it.
			 */
			INVALID_DOWN_SECTION,

			/**
			 * Two migrations with the same version, or two repeatables with one
			 * description.
			 */
			DUPLICATE_VERSION,

			/** An applied migration whose file changed. */
			CHECKSUM_MISMATCH,

			/**
			 * A configured location of migrations that does not exist, such as a mistyped
			 * directory or a jar built without its migrations.
			 */
			MISSING_LOCATION,

			/** An applied migration no longer in the build, below head. */
			MISSING,

			/**
			 * Applied migrations newer than the build's head, with the ahead policy FAIL.
			 */
			AHEAD,

			/**
			 * Pending migrations older than the revision, without out-of-order allowed.
			 */
			OUT_OF_ORDER,

			/** A failed row left by a non-transactional migration. */
			FAILED

		}

		@Override
		public String toString() {
			return this.message;
		}

	}

	/**
	 * The answer of {@code check}: is the schema valid and up to date with this build?
	 */
	public enum Outcome {

		/** Valid, and every migration of this build is applied: exit code 0. */
		CURRENT(0),

		/** Valid, with migrations still to apply: exit code 1. */
		PENDING(1),

		/** Validation found problems: exit code 2. */
		INVALID(2);

		private final int exitCode;

		Outcome(int exitCode) {
			this.exitCode = exitCode;
		}

		/**
		 * Return the process exit code of this outcome.
		 * @return the exit code
		 */
		public int exitCode() {
			return this.exitCode;
		}

	}

	/**
	 * The session that holds the migration lock, as {@code pg_stat_activity} shows it.
	 *
	 * @param pid the backend process id
	 * @param applicationName the holder's {@code application_name}, such as
	 * {@code hoist@orders-7f9c}
	 * @param clientAddress the holder's client address, or {@code null} for a Unix socket
	 * @param state the backend state, such as {@code active} or {@code idle}
	 * @param query the holder's current or last query
	 * @param since when the holder's backend started
	 * @param age how long the holder's session has existed when this was read
	 */
	public record LockHolder(int pid, String applicationName, @Nullable String clientAddress, @Nullable String state,
			@Nullable String query, @Nullable Instant since, Duration age) {

		/**
		 * Return a one-line description for logs and errors.
		 * @return the description
		 */
		public String describe() {
			return "pid " + this.pid + " (application_name '" + this.applicationName + "', client "
					+ ((this.clientAddress != null) ? this.clientAddress : "local socket") + ", connected "
					+ formatAge(this.age) + " ago" + ((this.state != null) ? ", " + this.state : "")
					+ ((this.query != null && !this.query.isBlank()) ? ", query: " + abbreviate(this.query) : "") + ")";
		}

		private static String formatAge(Duration age) {
			long seconds = age.toSeconds();
			return (seconds < 120) ? seconds + " s" : (seconds / 60) + " min";
		}

		private static String abbreviate(String query) {
			String single = query.replaceAll("\\s+", " ").trim();
			return (single.length() > 120) ? single.substring(0, 117) + "..." : single;
		}

	}

}
