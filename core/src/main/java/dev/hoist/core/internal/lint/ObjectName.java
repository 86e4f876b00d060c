package dev.hoist.core.internal.lint;

import org.jspecify.annotations.Nullable;

/**
 * A possibly schema-qualified name: unquoted parts folded to lower case, quoted parts as
 * written.
 *
 * @param schema the schema, {@code null} when not qualified
 * @param name the object's name
 */
record ObjectName(@Nullable String schema, String name) {

	/**
	 * Return whether both names can denote the same object: the same name, and the same
	 * schema when both are qualified.
	 * @param other the other name
	 * @return whether they match
	 */
	boolean matches(ObjectName other) {
		return this.name.equals(other.name)
				&& (this.schema == null || other.schema == null || this.schema.equals(other.schema));
	}

	@Override
	public String toString() {
		return (this.schema != null) ? quote(this.schema) + "." + quote(this.name) : quote(this.name);
	}

	static String quote(String part) {
		return part.matches("[a-z_][a-z0-9_$]*") ? part : "\"" + part.replace("\"", "\"\"") + "\"";
	}

}
