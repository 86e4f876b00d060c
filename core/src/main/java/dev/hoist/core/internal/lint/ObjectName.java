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
		return isPlain(part) ? part : "\"" + part.replace("\"", "\"\"") + "\"";
	}

	private static boolean isPlain(String part) {
		if (part.isEmpty() || !(part.charAt(0) == '_' || (part.charAt(0) >= 'a' && part.charAt(0) <= 'z'))) {
			return false;
		}
		for (int i = 1; i < part.length(); i++) {
			char c = part.charAt(i);
			if (!(c == '_' || c == '$' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
				return false;
			}
		}
		return true;
	}

}
