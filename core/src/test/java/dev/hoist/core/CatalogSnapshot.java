package dev.hoist.core;

import java.util.List;

import dev.hoist.testsupport.CatalogFingerprint;
import dev.hoist.testsupport.TestDatabase;

/**
 * What the {@code public} schema contains, as the sorted lines of test-support's
 * {@link CatalogFingerprint}, so that two snapshots compare with {@code isEqualTo} and a
 * difference reads as a diff. The history table is left out, and so is the line for the
 * schema itself, which is always there: an empty snapshot is an empty schema.
 */
final class CatalogSnapshot {

	private static final String SCHEMA = "public";

	private static final String HISTORY = "hoist_schema_history";

	private final List<String> lines;

	private CatalogSnapshot(List<String> lines) {
		this.lines = List.copyOf(lines);
	}

	static CatalogSnapshot of(TestDatabase database) {
		CatalogFingerprint fingerprint = CatalogFingerprint.of(database.dataSource(), List.of(SCHEMA),
				List.of(HISTORY, HISTORY + "_pkey"));
		return new CatalogSnapshot(
				fingerprint.lines().stream().filter((line) -> !line.equals("schema " + SCHEMA)).toList());
	}

	List<String> lines() {
		return this.lines;
	}

	boolean isEmpty() {
		return this.lines.isEmpty();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof CatalogSnapshot snapshot && this.lines.equals(snapshot.lines);
	}

	@Override
	public int hashCode() {
		return this.lines.hashCode();
	}

	@Override
	public String toString() {
		return String.join("\n", this.lines);
	}

}
