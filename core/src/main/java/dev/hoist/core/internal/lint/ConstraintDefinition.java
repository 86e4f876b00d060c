package dev.hoist.core.internal.lint;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A table constraint in {@code CREATE TABLE} or {@code ALTER TABLE ... ADD}.
 *
 * @param name the constraint name, {@code null} when PostgreSQL chooses it
 * @param kind what it is
 * @param columns the constrained columns, as far as they are plain names
 * @param usingIndex the index of {@code ... USING INDEX name}, or {@code null}
 * @param notValid whether it is added {@code NOT VALID}
 * @param notEnforced whether it is declared {@code NOT ENFORCED} (PostgreSQL 18)
 * @param references the referenced table of a foreign key
 * @param expression the {@code CHECK} expression's tokens
 * @param start the offset of the constraint's text in the statement
 * @param end the offset after it
 */
record ConstraintDefinition(@Nullable String name, Kind kind, List<String> columns, @Nullable String usingIndex,
		boolean notValid, boolean notEnforced, @Nullable ObjectName references, List<Token> expression, int start,
		int end) {

	ConstraintDefinition {
		columns = List.copyOf(columns);
		expression = List.copyOf(expression);
	}

	/**
	 * Return the column a {@code CHECK (column IS NOT NULL)} constrains.
	 * @return the column, or {@code null} when this is another kind of constraint
	 */
	@Nullable String notNullCheckColumn() {
		List<Token> e = this.expression;
		if (this.kind == Kind.CHECK && e.size() == 6 && e.get(0).isPunct("(") && e.get(1).isName() && e.get(2).is("is")
				&& e.get(3).is("not") && e.get(4).is("null") && e.get(5).isPunct(")")) {
			return e.get(1).value();
		}
		if (this.kind == Kind.NOT_NULL && this.columns.size() == 1) {
			return this.columns.get(0);
		}
		return null;
	}

	enum Kind {

		CHECK, UNIQUE, PRIMARY_KEY, FOREIGN_KEY, EXCLUDE, NOT_NULL

	}

}
