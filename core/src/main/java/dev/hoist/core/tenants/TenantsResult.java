package dev.hoist.core.tenants;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import dev.hoist.core.Hoist;
import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.HoistConfiguration.TenantShard;
import dev.hoist.core.HoistStatus;
import dev.hoist.core.MigrationVersion;
import org.jspecify.annotations.Nullable;

/**
 * Where every tenant stands, after {@link Hoist#migrateTenants()} or as
 * {@link Hoist#tenantStatus()} reads it: one entry per tenant, in the order of the tenant
 * list, and a summary.
 *
 * @param tenants each tenant of this run (of this shard, when sharded), in list order
 * @param listed how many tenants the list held before sharding
 * @param shard the shard this run worked on, or {@code null} for every tenant
 * @param stopped why a migrate run stopped before some tenants, such as a failed canary,
 * or {@code null} when it did not
 * @param duration the whole run
 */
public record TenantsResult(List<Tenant> tenants, int listed, @Nullable TenantShard shard, @Nullable String stopped,
		Duration duration) {

	/**
	 * Create a result.
	 * @param tenants the tenants
	 * @param listed the tenants listed before sharding
	 * @param shard the shard, or {@code null}
	 * @param stopped why the run stopped early, or {@code null}
	 * @param duration the duration
	 */
	public TenantsResult {
		tenants = List.copyOf(tenants);
	}

	/**
	 * Return how many tenants are in each state.
	 * @return the summary
	 */
	public Summary summary() {
		int[] counts = new int[State.values().length];
		int migrated = 0;
		for (Tenant tenant : this.tenants) {
			counts[tenant.state().ordinal()]++;
			if (tenant.applied() > 0 && tenant.state() != State.FAILED) {
				migrated++;
			}
		}
		return new Summary(this.tenants.size(), counts[State.CURRENT.ordinal()], counts[State.BEHIND.ordinal()],
				counts[State.AHEAD.ordinal()], counts[State.MIGRATING.ordinal()], counts[State.FAILED.ordinal()],
				counts[State.SKIPPED.ordinal()], migrated);
	}

	/**
	 * Return the tenants that failed, in list order.
	 * @return the failed tenants
	 */
	public List<Tenant> failed() {
		return this.tenants.stream().filter((tenant) -> tenant.state() == State.FAILED).toList();
	}

	/**
	 * Return whether every tenant of this run ended at the head (or ahead of it): none
	 * failed, was skipped, or is still behind.
	 * @return whether every tenant is where this build wants it
	 */
	public boolean isComplete() {
		return this.tenants.stream()
			.allMatch((tenant) -> tenant.state() == State.CURRENT || tenant.state() == State.AHEAD);
	}

	/**
	 * Where one tenant stands.
	 */
	public enum State {

		/** Every migration of this build (up to the target) is applied. */
		CURRENT,

		/** Migrations of this build are pending; a new tenant has all of them pending. */
		BEHIND,

		/** The tenant holds migrations newer than this build. */
		AHEAD,

		/** Another instance is migrating the tenant now. */
		MIGRATING,

		/**
		 * The tenant could not be migrated or read, or its history is invalid; see
		 * {@link Tenant#failure()}.
		 */
		FAILED,

		/**
		 * The run stopped before this tenant (a failed canary, or a failure with
		 * {@link HoistConfiguration.TenantFailurePolicy#STOP}); nothing was done to it.
		 */
		SKIPPED;

		/**
		 * Return the name as reports show it, such as {@code current}.
		 * @return the lower-case name
		 */
		public String label() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * One tenant.
	 *
	 * @param name the schema or database name
	 * @param state where it stands
	 * @param initialRevision the revision before a migrate run (the revision, for a
	 * status read), or {@code null} when nothing was applied
	 * @param revision the highest applied version, or {@code null} when none is, or it
	 * could not be read
	 * @param head the highest version of this build
	 * @param applied how many migrations this run applied to it
	 * @param pending how many migrations are still to apply (up to the target)
	 * @param failure why it failed, or {@code null}
	 * @param duration how long its work took in this run
	 */
	public record Tenant(String name, State state, @Nullable MigrationVersion initialRevision,
			@Nullable MigrationVersion revision, @Nullable MigrationVersion head, int applied, int pending,
			@Nullable Failure failure, Duration duration) {

	}

	/**
	 * Why a tenant failed: the message says what, where (file, line, statement, SQLSTATE)
	 * and what to do, as Hoist's errors do.
	 *
	 * @param kind what failed
	 * @param message the whole message; never a password
	 * @param script the migration that failed, or {@code null} when none did
	 * @param line the line of the failing statement in that file, or 0
	 * @param sqlState PostgreSQL's SQLSTATE, or {@code null}
	 * @param problems the validation problems, for {@link Kind#INVALID}
	 */
	public record Failure(Kind kind, String message, @Nullable String script, int line, @Nullable String sqlState,
			List<HoistStatus.Problem> problems) {

		/**
		 * Create a failure.
		 * @param kind the kind
		 * @param message the message
		 * @param script the script, or {@code null}
		 * @param line the line, or 0
		 * @param sqlState the SQLSTATE, or {@code null}
		 * @param problems the validation problems
		 */
		public Failure {
			problems = List.copyOf(problems);
		}

		/**
		 * What failed for a tenant.
		 */
		public enum Kind {

			/** A migration's statement failed; it was rolled back. */
			MIGRATION,

			/** Validation found problems in the tenant's history. */
			INVALID,

			/**
			 * The tenant's database cannot be reached, logged into, or does not exist.
			 */
			DATABASE,

			/** Another instance held the tenant's migration lock too long. */
			LOCK,

			/** Anything else, such as a missing privilege. */
			OTHER

		}

	}

	/**
	 * How many tenants are in each state.
	 *
	 * @param total every tenant of the run
	 * @param current at the head
	 * @param behind with migrations pending
	 * @param ahead with migrations newer than this build
	 * @param migrating being migrated by another instance
	 * @param failed failed
	 * @param skipped not touched, because the run stopped first
	 * @param migrated tenants this run applied at least one migration to and did not fail
	 * (they are counted in their state too)
	 */
	public record Summary(int total, int current, int behind, int ahead, int migrating, int failed, int skipped,
			int migrated) {

		/**
		 * Return how many tenants were at the head or ahead of it already, so that a run
		 * had nothing to apply to them.
		 * @return the tenants left as they were
		 */
		public int unchanged() {
			return this.current + this.ahead - this.migrated;
		}

	}

}
