package dev.hoist.core.internal.schema;

/**
 * Identifies an object across two databases by name, never by OID.
 *
 * @param kind the kind
 * @param schema the schema, empty for an extension
 * @param name the object's name; a function's includes its argument types, such as
 * {@code total(integer, text)}; a member's is its table's or domain's
 * @param member the column, constraint, trigger, rule or policy name for members of a
 * table or domain, else empty
 */
public record ObjectKey(ObjectKind kind, String schema, String name, String member) implements Comparable<ObjectKey> {

	/**
	 * Return the key of an object that belongs to no table.
	 * @param kind the kind
	 * @param schema the schema
	 * @param name the name
	 * @return the key
	 */
	public static ObjectKey of(ObjectKind kind, String schema, String name) {
		return new ObjectKey(kind, schema, name, "");
	}

	/**
	 * Return the key of a member of a table or domain.
	 * @param kind the kind
	 * @param schema the schema of the table
	 * @param table the table or domain name
	 * @param member the member's name
	 * @return the key
	 */
	public static ObjectKey member(ObjectKind kind, String schema, String table, String member) {
		return new ObjectKey(kind, schema, table, member);
	}

	/**
	 * Return whether the object belongs to a table or domain.
	 * @return whether it has a member name
	 */
	public boolean isMember() {
		return !this.member.isEmpty();
	}

	/**
	 * Return the key of the table a member belongs to.
	 * @return the table's key
	 */
	public ObjectKey table() {
		return of(ObjectKind.TABLE, this.schema, this.name);
	}

	/**
	 * Return the key of the column a default or not-null node belongs to.
	 * @return the column's key
	 */
	public ObjectKey column() {
		return member(ObjectKind.COLUMN, this.schema, this.name, this.member);
	}

	/**
	 * Return the object's name as people read it, such as
	 * {@code column public.orders.total} or
	 * {@code constraint orders_pkey on public.orders}.
	 * @return the description
	 */
	public String describe() {
		return switch (this.kind) {
			case SCHEMA, EXTENSION -> this.kind.label() + " " + this.name;
			case COLUMN -> "column " + this.schema + "." + this.name + "." + this.member;
			case DEFAULT -> "default of " + this.schema + "." + this.name + "." + this.member;
			case NOT_NULL -> "NOT NULL of " + this.schema + "." + this.name + "." + this.member;
			case CONSTRAINT, TRIGGER, RULE, POLICY ->
				this.kind.label() + " " + this.member + " on " + this.schema + "." + this.name;
			default -> this.kind.label() + " " + this.schema + "." + this.name;
		};
	}

	@Override
	public int compareTo(ObjectKey other) {
		int result = this.kind.compareTo(other.kind);
		if (result == 0) {
			result = this.schema.compareTo(other.schema);
		}
		if (result == 0) {
			result = this.name.compareTo(other.name);
		}
		return (result != 0) ? result : this.member.compareTo(other.member);
	}

	@Override
	public String toString() {
		return describe();
	}

}
