package dev.hoist.core.internal.lint;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A column in {@code CREATE TABLE} or {@code ADD COLUMN}, with its inline constraints.
 *
 * @param name the column name
 * @param type the type, {@code null} for a partition's {@code WITH OPTIONS} column
 * @param notNull whether it is declared {@code NOT NULL}
 * @param defaultExpression the {@code DEFAULT} expression's tokens, empty without one
 * @param primaryKey whether it is declared {@code PRIMARY KEY}
 * @param unique whether it is declared {@code UNIQUE}
 * @param references the table an inline {@code REFERENCES} points to
 * @param check whether it has an inline {@code CHECK}
 * @param generatedStored whether it is {@code GENERATED ALWAYS AS (...) STORED}
 * @param identity whether it is {@code GENERATED ... AS IDENTITY}
 */
record ColumnDefinition(String name, @Nullable TypeName type, boolean notNull, List<Token> defaultExpression,
		boolean primaryKey, boolean unique, @Nullable ObjectName references, boolean check, boolean generatedStored,
		boolean identity) {

	ColumnDefinition {
		defaultExpression = List.copyOf(defaultExpression);
	}

	boolean hasDefault() {
		return !this.defaultExpression.isEmpty();
	}

	/**
	 * Return whether the default is the null constant, which adds nothing to the rows.
	 * @return whether it is {@code DEFAULT NULL}
	 */
	boolean defaultIsNull() {
		return this.defaultExpression.size() == 1 && this.defaultExpression.get(0).is("null");
	}

}
