package dev.hoist.core.schema;

import org.jspecify.annotations.Nullable;

/**
 * One difference between two schemas.
 *
 * @param action what the migration does to the object
 * @param objectType the kind of object, such as {@code table}, {@code column} or
 * {@code materialized view}
 * @param name the object's name, such as {@code public.orders.total} or
 * {@code orders_pkey on public.orders}
 * @param detail what differs, such as {@code type integer -> bigint}
 * @param dataLoss what data the change loses, or {@code null} when it loses none
 */
public record SchemaChange(Action action, String objectType, String name, String detail, @Nullable String dataLoss) {

	/**
	 * Return whether the change loses data.
	 * @return whether {@link #dataLoss()} is set
	 */
	public boolean losesData() {
		return this.dataLoss != null;
	}

	@Override
	public String toString() {
		return this.action + " " + this.objectType + " " + this.name
				+ (this.detail.isEmpty() ? "" : ": " + this.detail);
	}

	/**
	 * What a migration does to an object.
	 */
	public enum Action {

		/** Creates it. */
		CREATE,

		/** Changes it in place. */
		ALTER,

		/** Drops it and creates it again. */
		REPLACE,

		/** Drops it. */
		DROP,

		/**
		 * A difference the engine saw but cannot write; the migration does not cover it.
		 */
		UNSUPPORTED

	}

}
