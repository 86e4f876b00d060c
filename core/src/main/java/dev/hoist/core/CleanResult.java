package dev.hoist.core;

import java.util.List;

/**
 * What {@code clean} dropped.
 *
 * @param schema the schema that was emptied; the schema itself, its owner, grants and
 * default privileges remain
 * @param dropped each object dropped, such as {@code table public.orders}; objects that
 * went with them (indexes, constraints, owned sequences, dependent views) are not listed
 */
public record CleanResult(String schema, List<String> dropped) {

	/**
	 * Create a result.
	 * @param schema the schema
	 * @param dropped the dropped objects
	 */
	public CleanResult {
		dropped = List.copyOf(dropped);
	}

}
