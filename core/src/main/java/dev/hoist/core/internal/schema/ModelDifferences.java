package dev.hoist.core.internal.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The objects in which two models differ, each once: an object only one model has (its
 * members, such as a missing table's columns, are not listed again), or that both have
 * with different definitions, with what differs. Cheaper than a {@link MigrationPlan}: no
 * SQL is written, for comparing snapshots.
 */
public final class ModelDifferences {

	private ModelDifferences() {
	}

	/**
	 * Compare a model with the one it should equal.
	 * @param reference the model as it should be
	 * @param actual the model as it is
	 * @return the differences in key order; empty when the models are equal
	 */
	public static List<Entry> between(SchemaModel reference, SchemaModel actual) {
		Set<ObjectKey> keys = new TreeSet<>(reference.objects().keySet());
		keys.addAll(actual.objects().keySet());
		List<Entry> entries = new ArrayList<>();
		for (ObjectKey key : keys) {
			SchemaObject expected = reference.get(key);
			SchemaObject found = actual.get(key);
			if (Objects.equals(expected, found)) {
				continue;
			}
			if (found == null) {
				if (!onlyIn(reference, actual, expected)) {
					entries.add(new Entry(key, Kind.MISSING, ""));
				}
			}
			else if (expected == null) {
				if (!onlyIn(actual, reference, found)) {
					entries.add(new Entry(key, Kind.EXTRA, ""));
				}
			}
			else {
				entries.add(new Entry(key, Kind.CHANGED, ObjectDifference.describe(expected, found)));
			}
		}
		return entries;
	}

	// a member whose owner only one model has: the owner is the difference
	private static boolean onlyIn(SchemaModel model, SchemaModel other, SchemaObject object) {
		ObjectKey owner = SchemaModel.owner(object);
		return owner != null && model.get(owner) != null && other.get(owner) == null;
	}

	/**
	 * How an object differs.
	 */
	public enum Kind {

		/** The actual model has it, the reference does not. */
		EXTRA,

		/** The reference has it, the actual model does not. */
		MISSING,

		/** Both have it, with different definitions. */
		CHANGED

	}

	/**
	 * One object that differs.
	 *
	 * @param key the object
	 * @param kind how it differs
	 * @param detail what differs, for {@link Kind#CHANGED}; else empty
	 */
	public record Entry(ObjectKey key, Kind kind, String detail) {

		/**
		 * Return the kind of object as people name it, such as {@code column}.
		 * @return the label
		 */
		public String objectType() {
			return this.key.kind().label();
		}

		/**
		 * Return the object's name without its kind, such as {@code public.orders.total}
		 * or {@code orders_pkey on public.orders}.
		 * @return the name
		 */
		public String name() {
			return MigrationPlan.shortName(this.key);
		}

	}

}
