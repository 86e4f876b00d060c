package dev.hoist.core.internal.schema;

import org.jspecify.annotations.Nullable;

/**
 * One difference between two models, as the summary reports it.
 *
 * @param action what happens to the object
 * @param key the object
 * @param detail what differs, such as {@code type integer -> bigint}
 * @param dataLoss what data it loses, or {@code null}
 */
public record Change(Action action, ObjectKey key, String detail, @Nullable String dataLoss) {

	/**
	 * What happens to an object.
	 */
	public enum Action {

		/** Created. */
		CREATE,

		/** Changed in place. */
		ALTER,

		/** Dropped and created again. */
		REPLACE,

		/** Dropped. */
		DROP,

		/** A difference the engine cannot write. */
		UNSUPPORTED

	}

}
