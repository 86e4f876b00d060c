package dev.hoist.core.internal.schema;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One statement (or a few that belong together) of a migration, with what it does to
 * which objects, so that steps can be ordered by the objects' dependencies.
 *
 * @param statements the SQL statements, without trailing semicolons
 * @param subject the object the step is about
 * @param phase {@code 0} for a drop, {@code 1} for an alteration, {@code 2} for a
 * creation: the order when nothing else decides
 * @param removes objects whose old version is gone after this step
 * @param provides objects that have their new version after this step
 * @param disturbs objects changed in a way that their dependents must not exist during
 * this step (a drop, a column type change)
 * @param requires objects whose new version must exist before this step, beyond what the
 * target model's dependencies say
 * @param section where the step must run
 * @param lock the strong lock it takes on an existing table, or {@code null}
 * @param dataLoss what data it loses, or {@code null}
 */
public record Step(List<String> statements, ObjectKey subject, int phase, Set<ObjectKey> removes,
		Set<ObjectKey> provides, Set<ObjectKey> disturbs, Set<ObjectKey> requires, Section section,
		@Nullable String lock, @Nullable String dataLoss) {

	Step withSection(Section value) {
		return new Step(this.statements, this.subject, this.phase, this.removes, this.provides, this.disturbs,
				this.requires, value, this.lock, this.dataLoss);
	}

	/**
	 * Where a step runs in a migration.
	 */
	public enum Section {

		/**
		 * Outside a transaction, before the main part: an enum value that the main part
		 * uses must be committed first.
		 */
		BEFORE,

		/** In the migration's transaction. */
		MAIN,

		/**
		 * Outside a transaction, after the main part: {@code CONCURRENTLY}, and
		 * validations that must not hold the main part's locks.
		 */
		ONLINE;

		/**
		 * Return whether a step in this section runs outside a transaction.
		 * @return whether it needs {@code transaction:false}
		 */
		public boolean outsideTransaction() {
			return this != MAIN;
		}

	}

}
