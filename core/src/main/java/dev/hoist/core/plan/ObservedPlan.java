package dev.hoist.core.plan;

import java.util.List;
import java.util.Locale;

import dev.hoist.core.lint.Finding;
import dev.hoist.core.lint.Finding.Severity;
import dev.hoist.core.lint.Finding.Size;
import org.jspecify.annotations.Nullable;

/**
 * What the pending migrations were seen to do when they ran on a shadow database that has
 * the live schema: per migration and statement, which locks it takes on which existing
 * relation, which relations it rewrites, how big each is on the live database and what
 * that means for the service; with the findings of the static safety rules.
 *
 * <pre>{@code
 * ObservedPlan plan = hoist.plan();
 * for (ObservedPlan.Migration migration : plan.migrations()) {
 *     for (ObservedPlan.Statement statement : migration.statements()) {
 *         statement.locks().forEach((lock) -> System.out.println(lock.meaning()));
 *     }
 * }
 * boolean unsafe = plan.fails(Finding.Severity.ERROR);
 * }</pre>
 *
 * @param migrations the pending migrations in the order they apply
 * @param findings the findings of the static rules on them, with live sizes, suppressed
 * ones included; where the shadow database showed that a statement does not rewrite the
 * table a rule expected it to, that finding is marked as allowed by the plan
 * @param serverMajor the PostgreSQL major version of the live database, which the shadow
 * database shares
 * @param shadow where the migrations ran, such as
 * {@code temporary database hoist_shadow_20261202_1a2b3c on db:5432}
 * @param notes what could not be copied onto the shadow database or observed, one
 * sentence each
 */
public record ObservedPlan(List<Migration> migrations, List<Finding> findings, int serverMajor, String shadow,
		List<String> notes) {

	/**
	 * Create a plan.
	 * @param migrations the migrations
	 * @param findings the findings
	 * @param serverMajor the PostgreSQL major version
	 * @param shadow where the migrations ran
	 * @param notes what could not be observed
	 */
	public ObservedPlan {
		migrations = List.copyOf(migrations);
		findings = List.copyOf(findings);
		notes = List.copyOf(notes);
	}

	/**
	 * Return whether a finding that is not suppressed is at least as severe as a
	 * threshold: the exit-code question for CI.
	 * @param threshold the least severity that fails
	 * @return whether one is
	 */
	public boolean fails(Severity threshold) {
		return Finding.fails(this.findings, threshold);
	}

	/**
	 * One migration as the shadow database ran it.
	 *
	 * @param script the migration file, as its location names it
	 * @param version the version, {@code null} for a repeatable migration
	 * @param transactional whether it runs in one transaction (each lock is then held
	 * until it commits) rather than statement by statement ({@code transaction:false})
	 * @param statements its statements in order
	 */
	public record Migration(String script, @Nullable String version, boolean transactional,
			List<Statement> statements) {

		/**
		 * Create a migration.
		 * @param script the script
		 * @param version the version
		 * @param transactional whether it runs in one transaction
		 * @param statements the statements
		 */
		public Migration {
			statements = List.copyOf(statements);
		}

	}

	/**
	 * One statement as the shadow database ran it.
	 *
	 * @param line the 1-based line in the file where the statement starts
	 * @param sql the statement's text
	 * @param observation how its locks and rewrites are known
	 * @param locks the locks it takes on relations of the live database and whether it
	 * rewrites them; in a transaction, a lock is listed at the first statement that takes
	 * it, and held until the migration commits
	 * @param detail why the statement was not observed, or PostgreSQL's error when it
	 * failed; {@code null} when it was observed
	 */
	public record Statement(int line, String sql, Observation observation, List<Lock> locks, @Nullable String detail) {

		/**
		 * Create a statement.
		 * @param line the line
		 * @param sql the text
		 * @param observation how it is known
		 * @param locks the locks
		 * @param detail the detail
		 */
		public Statement {
			locks = List.copyOf(locks);
		}

	}

	/**
	 * How a statement's locks and rewrites are known.
	 */
	public enum Observation {

		/**
		 * It ran on the shadow database in a transaction that was rolled back: its locks
		 * were read from {@code pg_locks}, its rewrites from the relations' file nodes.
		 */
		OBSERVED,

		/**
		 * It cannot run in a transaction ({@code CREATE INDEX CONCURRENTLY} and the
		 * like): its rewrites were observed, its locks are those PostgreSQL's
		 * documentation gives.
		 */
		DOCUMENTED,

		/**
		 * It was not run: it acts outside the database (roles, databases, tablespaces,
		 * files of the server), or it is Java code.
		 */
		NOT_RUN,

		/** It failed on the shadow database; the detail gives PostgreSQL's error. */
		FAILED,

		/** It was not run because an earlier statement or migration failed. */
		SKIPPED;

		/**
		 * Return the name as reports show it, such as {@code not-run}.
		 * @return the lower-case, hyphenated name
		 */
		public String label() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

	}

	/**
	 * A lock a statement takes on a relation of the live database, and what it means.
	 *
	 * @param relation the relation, schema-qualified
	 * @param kind {@code table}, {@code partitioned table}, {@code index},
	 * {@code partitioned index}, {@code view}, {@code materialized view} or
	 * {@code sequence}
	 * @param mode the lock mode in PostgreSQL's spelling, such as
	 * {@code ACCESS EXCLUSIVE}
	 * @param rewrites whether the statement rewrites the relation (its files are
	 * replaced: a table copied, an index rebuilt)
	 * @param size the relation's live size
	 * @param meaning what the lock does to the service, in words
	 */
	public record Lock(String relation, String kind, String mode, boolean rewrites, @Nullable Size size,
			String meaning) {

		/**
		 * Return whether the mode makes inserts, updates and deletes wait.
		 * @return whether writes are blocked
		 */
		public boolean blocksWrites() {
			return this.mode.equals("SHARE") || this.mode.equals("SHARE ROW EXCLUSIVE") || this.mode.equals("EXCLUSIVE")
					|| blocksReads();
		}

		/**
		 * Return whether the mode makes plain reads wait.
		 * @return whether reads are blocked
		 */
		public boolean blocksReads() {
			return this.mode.equals("ACCESS EXCLUSIVE");
		}

	}

}
