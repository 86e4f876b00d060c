package dev.hoist.core.internal.schema;

/**
 * The kinds of object a {@link SchemaModel} holds, in the order a migration creates them
 * when nothing else decides.
 */
public enum ObjectKind {

	/** A schema. */
	SCHEMA("schema"),

	/** An extension installed into one of the compared schemas. */
	EXTENSION("extension"),

	/** A collation. */
	COLLATION("collation"),

	/** An enum, composite or range type. */
	TYPE("type"),

	/** A domain. */
	DOMAIN("domain"),

	/** A sequence that is not an identity column's. */
	SEQUENCE("sequence"),

	/** A table, partitioned or not. */
	TABLE("table"),

	/** A column of a table. */
	COLUMN("column"),

	/** A column's default or generation expression, as a node of the dependency graph. */
	DEFAULT("default"),

	/** Whether a column is {@code NOT NULL}, as a node of the dependency graph. */
	NOT_NULL("not-null"),

	/** A table or domain constraint. */
	CONSTRAINT("constraint"),

	/** An index that backs no constraint. */
	INDEX("index"),

	/** A view. */
	VIEW("view"),

	/** A materialized view. */
	MATERIALIZED_VIEW("materialized view"),

	/**
	 * A function, procedure or aggregate: after the tables and views, which its body may
	 * use without a recorded dependency.
	 */
	FUNCTION("function"),

	/** A trigger. */
	TRIGGER("trigger"),

	/** A rule other than a view's own. */
	RULE("rule"),

	/** A row-level security policy. */
	POLICY("policy"),

	/** An extended statistics object. */
	STATISTICS("statistics"),

	/** An object of a kind the engine cannot write, kept so that a difference is seen. */
	OTHER("object");

	private final String label;

	ObjectKind(String label) {
		this.label = label;
	}

	/**
	 * Return the kind as people name it, such as {@code materialized view}.
	 * @return the label
	 */
	public String label() {
		return this.label;
	}

}
