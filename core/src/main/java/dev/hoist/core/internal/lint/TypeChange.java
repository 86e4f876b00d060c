package dev.hoist.core.internal.lint;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Whether {@code ALTER COLUMN ... TYPE} rewrites the table, by the rules PostgreSQL
 * applies: binary-coercible changes ({@code varchar} to {@code text}, {@code cidr} to
 * {@code inet}) and type-modifier widenings that the server proves are no-ops
 * ({@code varchar(n)} to a larger or no limit, {@code numeric(p,s)} to a larger precision
 * at the same scale, a larger precision of {@code timestamp}, {@code time},
 * {@code interval}, {@code bit varying}) keep the table's files; every other change
 * rewrites the table and its indexes under ACCESS EXCLUSIVE.
 */
final class TypeChange {

	/**
	 * Types that a column of unknown type most likely reaches by a widening that keeps
	 * the table: {@code varchar} to {@code text}, a longer {@code varchar}, and so on.
	 */
	private static final Set<String> WIDENING_TARGETS = Set.of("text", "varchar", "varbit", "time", "timetz",
			"interval", "inet", "citext");

	private TypeChange() {
	}

	/**
	 * Judge a type change.
	 * @param from the column's current type, {@code null} when not known
	 * @param to the new type
	 * @param using whether a {@code USING} expression is given
	 * @return the verdict
	 */
	static Verdict judge(@Nullable TypeName from, TypeName to, boolean using) {
		if (using) {
			return Verdict.REWRITE;
		}
		if (from == null) {
			if (to.schema() != null || to.isArray()) {
				return Verdict.REWRITE;
			}
			if (WIDENING_TARGETS.contains(to.name()) || (to.name().equals("numeric") && to.modifiers().isEmpty())) {
				return Verdict.UNKNOWN;
			}
			// the usual reason to change to timestamptz is a timestamp column, and back
			return (to.name().equals("timestamptz") || to.name().equals("timestamp")) ? Verdict.TIME_ZONE
					: Verdict.REWRITE;
		}
		if (from.isArray() || to.isArray() || from.schema() != null || to.schema() != null) {
			return sameType(from, to) ? Verdict.NONE : Verdict.REWRITE;
		}
		String f = from.name();
		String t = to.name();
		if ((f.equals("timestamp") && t.equals("timestamptz")) || (f.equals("timestamptz") && t.equals("timestamp"))) {
			return Verdict.TIME_ZONE;
		}
		if (f.equals(t)) {
			return switch (t) {
				case "varchar", "varbit" -> widens(from, to, 0) ? Verdict.NONE : Verdict.REWRITE;
				case "numeric" -> numericWidens(from, to) ? Verdict.NONE : Verdict.REWRITE;
				case "timestamp", "timestamptz", "time", "timetz", "interval" ->
					widens(from, to, 0) ? Verdict.NONE : Verdict.REWRITE;
				default -> sameType(from, to) ? Verdict.NONE : Verdict.REWRITE;
			};
		}
		if (t.equals("text") && (f.equals("varchar") || f.equals("citext"))) {
			return Verdict.NONE;
		}
		if (f.equals("text") && ((t.equals("varchar") && to.modifiers().isEmpty()) || t.equals("citext"))) {
			return Verdict.NONE;
		}
		if (f.equals("cidr") && t.equals("inet")) {
			return Verdict.NONE;
		}
		return Verdict.REWRITE;
	}

	private static boolean sameType(TypeName from, TypeName to) {
		return from.name().equals(to.name()) && from.modifiers().equals(to.modifiers())
				&& from.arrayDimensions() == to.arrayDimensions()
				&& String.valueOf(from.schema()).equals(String.valueOf(to.schema()));
	}

	/**
	 * A modifier at an index widens when the target has none, or one at least as large.
	 */
	private static boolean widens(TypeName from, TypeName to, int index) {
		if (to.modifiers().isEmpty()) {
			return true;
		}
		int f = from.modifiers().isEmpty() ? Integer.MAX_VALUE : from.modifier(index);
		int t = to.modifier(index);
		return f >= 0 && t >= 0 && t >= f;
	}

	private static boolean numericWidens(TypeName from, TypeName to) {
		if (to.modifiers().isEmpty()) {
			return true;
		}
		if (from.modifiers().isEmpty()) {
			return false;
		}
		int fromScale = (from.modifiers().size() > 1) ? from.modifier(1) : 0;
		int toScale = (to.modifiers().size() > 1) ? to.modifier(1) : 0;
		return fromScale == toScale && to.modifier(0) >= from.modifier(0) && from.modifier(0) >= 0;
	}

	enum Verdict {

		/** The table's files are kept; the lock is brief. */
		NONE,

		/** The table and its indexes are rewritten. */
		REWRITE,

		/** No rewrite only when the session time zone is UTC (PostgreSQL 12+). */
		TIME_ZONE,

		/** The current type is not known and the target could be a widening. */
		UNKNOWN

	}

}
