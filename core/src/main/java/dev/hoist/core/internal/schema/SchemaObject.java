package dev.hoist.core.internal.schema;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One object of a schema as PostgreSQL's own deparsers print it. Records compare by
 * value, so two objects read from two databases are equal exactly when their definitions
 * are. Names are stored unquoted; fields holding SQL text ({@code definition},
 * {@code type}, {@code defaultValue}, ...) are schema-qualified, as they were read with
 * {@code search_path = pg_catalog}.
 */
public sealed interface SchemaObject {

	/**
	 * Return the object's identity.
	 * @return the key
	 */
	ObjectKey key();

	/**
	 * Return the object's comment.
	 * @return the comment, or {@code null}
	 */
	@Nullable String comment();

	/**
	 * A schema.
	 *
	 * @param name the name
	 * @param comment the comment
	 */
	record Schema(String name, @Nullable String comment) implements SchemaObject {

		@Override
		public ObjectKey key() {
			return ObjectKey.of(ObjectKind.SCHEMA, this.name, this.name);
		}

	}

	/**
	 * An extension whose objects live in one of the compared schemas.
	 *
	 * @param name the name
	 * @param schema the schema it was created in
	 * @param version the installed version
	 * @param comment the comment
	 */
	record Extension(String name, String schema, String version, @Nullable String comment) implements SchemaObject {

		@Override
		public ObjectKey key() {
			return ObjectKey.of(ObjectKind.EXTENSION, "", this.name);
		}

	}

	/**
	 * A collation.
	 *
	 * @param schema the schema
	 * @param name the name
	 * @param provider {@code libc}, {@code icu} or {@code builtin}
	 * @param locale the ICU or builtin locale
	 * @param lcCollate {@code LC_COLLATE} of a libc collation
	 * @param lcCtype {@code LC_CTYPE} of a libc collation
	 * @param deterministic whether it is deterministic
	 * @param rules ICU tailoring rules
	 * @param anyEncoding whether it serves any encoding ({@code collencoding} -1), as a
	 * copy of {@code "C"} or {@code "POSIX"} does, rather than the database's only
	 * @param comment the comment
	 */
	record Collation(String schema, String name, String provider, @Nullable String locale, @Nullable String lcCollate,
			@Nullable String lcCtype, boolean deterministic, @Nullable String rules, boolean anyEncoding,
			@Nullable String comment) implements SchemaObject {

		@Override
		public ObjectKey key() {
			return ObjectKey.of(ObjectKind.COLLATION, this.schema, this.name);
		}

	}

	/**
	 * An enum type.
	 *
	 * @param schema the schema
	 * @param name the name
	 * @param labels the labels in sort order
	 * @param comment the comment
	 */
	record EnumType(String schema, String name, List<String> labels, @Nullable String comment) implements SchemaObject {

		@Override
		public ObjectKey key() {
			return ObjectKey.of(ObjectKind.TYPE, this.schema, this.name);
		}

	}

	/**
	 * A composite type.
	 *
	 * @param schema the schema
	 * @param name the name
	 * @param attributes the attributes in order
	 * @param comment the comment
	 */
	record CompositeType(String schema, String name, List<Attribute> attributes,
			@Nullable String comment) implements SchemaObject {

		@Override
		public ObjectKey key() {
			return ObjectKey.of(ObjectKind.TYPE, this.schema, this.name);
		}

	}

	/**
	 * An attribute of a composite type.
	 *
	 * @param name the name
	 * @param type the type, as {@code format_type} prints it
	 * @param collation the collation when not the type's default, as SQL
	 */
	record Attribute(String name, String type, @Nullable String collation) {

	}

	/**
	 * A range type.
	 *
	 * @param schema the schema
	 * @param name the name
	 * @param subtype the subtype
	 * @param subtypeOpclass the operator class when not the default, qualified
	 * @param collation the collation when set, qualified
	 * @param canonical the canonical function, qualified, or {@code null}
	 * @param subtypeDiff the difference function, qualified, or {@code null}
	 * @param multirange the multirange type's name
	 * @param comment the comment
	 */
	record RangeType(String schema, String name, String subtype, @Nullable String subtypeOpclass,
			@Nullable String collation, @Nullable String canonical, @Nullable String subtypeDiff,
			@Nullable String multirange, @Nullable String comment) implements SchemaObject {

		@Override
		public ObjectKey key() {
			return ObjectKey.of(ObjectKind.TYPE, this.schema, this.name);
		}

	}

	/**
	 * A domain; its constraints are {@link Constraint}s whose table is the domain.
	 *
	 * @param schema the schema
	 * @param name the name
	 * @param baseType the base type
	 * @param collation the collation when not the base type's, qualified
	 * @param defaultValue the default expression
	 * @param notNull whether it is {@code NOT NULL}
	 * @param comment the comment
	 */
	record Domain(String schema, String name, String baseType, @Nullable String collation,
			@Nullable String defaultValue, boolean notNull, @Nullable String comment) implements SchemaObject {

		@Override
		public ObjectKey key() {
			return ObjectKey.of(ObjectKind.DOMAIN, this.schema, this.name);
		}

	}

	/**
	 * A sequence, or the options of an identity column's sequence.
	 *
	 * @param schema the schema
	 * @param name the name
	 * @param dataType the data type
	 * @param start the start value
	 * @param increment the increment
	 * @param min the minimum value
	 * @param max the maximum value
	 * @param cache the cache size
	 * @param cycle whether it cycles
	 * @param ownedBy the column that owns it, as {@code schema.table.column} SQL, or
	 * {@code null}
	 * @param unlogged whether it is unlogged
	 * @param comment the comment
	 */
	record Sequence(String schema, String name, String dataType, long start, long increment, long min, long max,
			long cache, boolean cycle, @Nullable String ownedBy, boolean unlogged,
			@Nullable String comment) implements SchemaObject {

		@Override
		public ObjectKey key() {
			return ObjectKey.of(ObjectKind.SEQUENCE, this.schema, this.name);
		}

	}

	/**
	 * A table. Its columns, constraints, indexes, triggers, rules and policies are
	 * objects of their own.
	 *
	 * @param schema the schema
	 * @param name the name
	 * @param unlogged whether it is unlogged
	 * @param partitionKey {@code pg_get_partkeydef} for a partitioned table
	 * @param partitionOf the parent, qualified, for a partition
	 * @param partitionBound the bound, such as {@code FOR VALUES IN (1)}, of a partition
	 * @param inherits the parents, qualified, of a table that inherits (not a partition)
	 * @param options the storage parameters, sorted, such as {@code fillfactor=70}
	 * @param rowSecurity whether row-level security is enabled
	 * @param forceRowSecurity whether it is forced on the owner too
	 * @param replicaIdentity {@code d}efault, {@code n}othing, {@code f}ull or
	 * {@code i}ndex
	 * @param accessMethod the table access method when not {@code heap}
	 * @param comment the comment
	 */
	record Table(String schema, String name, boolean unlogged, @Nullable String partitionKey,
			@Nullable String partitionOf, @Nullable String partitionBound, List<String> inherits, List<String> options,
			boolean rowSecurity, boolean forceRowSecurity, String replicaIdentity, @Nullable String accessMethod,
			@Nullable String comment) implements SchemaObject {

		@Override
		public ObjectKey key() {
			return ObjectKey.of(ObjectKind.TABLE, this.schema, this.name);
		}

		/**
		 * Return the table's name as SQL.
		 * @return the qualified name
		 */
		public String sqlName() {
			return SqlText.qualified(this.schema, this.name);
		}

	}

	/**
	 * A column of a table.
	 *
	 * @param schema the table's schema
	 * @param table the table's name
	 * @param name the column name
	 * @param type the type, as {@code format_type} prints it
	 * @param typeCategory {@code pg_type.typcategory} of the type
	 * @param collation the collation when not the type's default, as SQL
	 * @param notNull whether it is {@code NOT NULL}
	 * @param defaultValue the default, or the generation expression of a generated column
	 * @param identity {@code a} (always), {@code d} (by default) or empty
	 * @param identitySequence the identity's sequence
	 * @param generated {@code s} (stored), {@code v} (virtual) or empty
	 * @param local whether the column is declared by the table itself rather than only
	 * inherited
	 * @param storage the storage when not the type's default
	 * @param compression the compression method, when set
	 * @param statistics the statistics target, {@code -1} for the default
	 * @param options the attribute options, sorted
	 * @param comment the comment
	 */
	record Column(String schema, String table, String name, String type, String typeCategory,
			@Nullable String collation, boolean notNull, @Nullable String defaultValue, String identity,
			@Nullable Sequence identitySequence, String generated, boolean local, @Nullable String storage,
			@Nullable String compression, int statistics, List<String> options,
			@Nullable String comment) implements SchemaObject {

		@Override
		public ObjectKey key() {
			return ObjectKey.member(ObjectKind.COLUMN, this.schema, this.table, this.name);
		}

		/**
		 * Return the table's name as SQL.
		 * @return the qualified name
		 */
		public String tableSql() {
			return SqlText.qualified(this.schema, this.table);
		}

		Column withNotNull(boolean value) {
			return new Column(this.schema, this.table, this.name, this.type, this.typeCategory, this.collation, value,
					this.defaultValue, this.identity, this.identitySequence, this.generated, this.local, this.storage,
					this.compression, this.statistics, this.options, this.comment);
		}

		Column inheritedBy(String childTable) {
			return new Column(this.schema, childTable, this.name, this.type, this.typeCategory, this.collation,
					this.notNull, (this.generated.isEmpty() && this.identity.isEmpty()) ? this.defaultValue : null, "",
					null, "", false, this.storage, this.compression, this.statistics, this.options, null);
		}

	}

	/**
	 * A constraint of a table, or of a domain.
	 *
	 * @param schema the schema
	 * @param table the table or domain name
	 * @param name the constraint name
	 * @param type {@code p}rimary key, {@code u}nique, {@code f}oreign key,
	 * {@code c}heck, e{@code x}clusion, or constraint {@code t}rigger
	 * @param definition {@code pg_get_constraintdef} without a trailing {@code NOT VALID}
	 * @param valid whether it is validated
	 * @param onDomain whether it belongs to a domain
	 * @param indexDefinition the backing index's definition, for a primary key, unique or
	 * exclusion constraint
	 * @param columns the constrained columns of the table, in order
	 * @param comment the comment
	 */
	record Constraint(String schema, String table, String name, String type, String definition, boolean valid,
			boolean onDomain, @Nullable String indexDefinition, List<String> columns,
			@Nullable String comment) implements SchemaObject {

		@Override
		public ObjectKey key() {
			return ObjectKey.member(ObjectKind.CONSTRAINT, this.schema, this.table, this.name);
		}

	}

	/**
	 * An index that backs no constraint.
	 *
	 * @param schema the schema
	 * @param name the name
	 * @param table the table or materialized view it indexes
	 * @param onMaterializedView whether it indexes a materialized view
	 * @param definition {@code pg_get_indexdef}
	 * @param valid whether it is valid (a failed {@code CREATE INDEX CONCURRENTLY} leaves
	 * it invalid)
	 * @param clustered whether the table is clustered on it
	 * @param replicaIdentity whether it is the table's replica identity
	 * @param comment the comment
	 */
	record Index(String schema, String name, String table, boolean onMaterializedView, String definition, boolean valid,
			boolean clustered, boolean replicaIdentity, @Nullable String comment) implements SchemaObject {

		@Override
		public ObjectKey key() {
			return ObjectKey.of(ObjectKind.INDEX, this.schema, this.name);
		}

	}

	/**
	 * A view.
	 *
	 * @param schema the schema
	 * @param name the name
	 * @param definition {@code pg_get_viewdef}, without the trailing semicolon
	 * @param options the options, sorted, such as {@code security_invoker=true}
	 * @param columns the output columns in order
	 * @param comment the comment
	 */
	record View(String schema, String name, String definition, List<String> options, List<ViewColumn> columns,
			@Nullable String comment) implements SchemaObject {

		@Override
		public ObjectKey key() {
			return ObjectKey.of(ObjectKind.VIEW, this.schema, this.name);
		}

	}

	/**
	 * A materialized view; its indexes are {@link Index}es.
	 *
	 * @param schema the schema
	 * @param name the name
	 * @param definition {@code pg_get_viewdef}, without the trailing semicolon
	 * @param options the storage parameters, sorted
	 * @param populated whether it holds data
	 * @param columns the output columns in order
	 * @param comment the comment
	 */
	record MaterializedView(String schema, String name, String definition, List<String> options, boolean populated,
			List<ViewColumn> columns, @Nullable String comment) implements SchemaObject {

		@Override
		public ObjectKey key() {
			return ObjectKey.of(ObjectKind.MATERIALIZED_VIEW, this.schema, this.name);
		}

	}

	/**
	 * An output column of a view or materialized view.
	 *
	 * @param name the name
	 * @param type the type
	 * @param comment the column's comment
	 */
	record ViewColumn(String name, String type, @Nullable String comment) {

	}

	/**
	 * A function, procedure or aggregate.
	 *
	 * @param schema the schema
	 * @param name the name
	 * @param identityArguments {@code pg_get_function_identity_arguments}
	 * @param kind {@code f}unction, {@code p}rocedure, {@code w}indow function or
	 * {@code a}ggregate
	 * @param definition {@code pg_get_functiondef}, or the {@code CREATE AGGREGATE}
	 * statement of an aggregate
	 * @param result {@code pg_get_function_result}
	 * @param argumentNames the names of the input arguments, empty strings for unnamed
	 * ones
	 * @param defaults how many arguments have defaults
	 * @param comment the comment
	 */
	record Function(String schema, String name, String identityArguments, String kind, String definition,
			@Nullable String result, List<String> argumentNames, int defaults,
			@Nullable String comment) implements SchemaObject {

		@Override
		public ObjectKey key() {
			return ObjectKey.of(ObjectKind.FUNCTION, this.schema, this.name + "(" + this.identityArguments + ")");
		}

		/**
		 * Return the function's signature as SQL.
		 * @return such as {@code public.total(integer)}
		 */
		public String signature() {
			return SqlText.qualified(this.schema, this.name) + "(" + this.identityArguments + ")";
		}

	}

	/**
	 * A trigger.
	 *
	 * @param schema the schema
	 * @param table the table
	 * @param name the name
	 * @param definition {@code pg_get_triggerdef}
	 * @param enabled {@code O} (origin and local), {@code D}isabled, {@code R}eplica or
	 * {@code A}lways
	 * @param constraintTrigger whether it is a constraint trigger
	 * @param comment the comment
	 */
	record Trigger(String schema, String table, String name, String definition, String enabled,
			boolean constraintTrigger, @Nullable String comment) implements SchemaObject {

		@Override
		public ObjectKey key() {
			return ObjectKey.member(ObjectKind.TRIGGER, this.schema, this.table, this.name);
		}

	}

	/**
	 * A rule that is not a view's {@code _RETURN} rule.
	 *
	 * @param schema the schema
	 * @param table the table or view
	 * @param name the name
	 * @param definition {@code pg_get_ruledef}, without the trailing semicolon
	 * @param enabled as for triggers
	 * @param comment the comment
	 */
	record Rule(String schema, String table, String name, String definition, String enabled,
			@Nullable String comment) implements SchemaObject {

		@Override
		public ObjectKey key() {
			return ObjectKey.member(ObjectKind.RULE, this.schema, this.table, this.name);
		}

	}

	/**
	 * A row-level security policy.
	 *
	 * @param schema the schema
	 * @param table the table
	 * @param name the name
	 * @param permissive whether it is permissive rather than restrictive
	 * @param command {@code ALL}, {@code SELECT}, {@code INSERT}, {@code UPDATE} or
	 * {@code DELETE}
	 * @param roles the roles, sorted, as SQL ({@code PUBLIC} for everyone)
	 * @param using the {@code USING} expression
	 * @param withCheck the {@code WITH CHECK} expression
	 * @param comment the comment
	 */
	record Policy(String schema, String table, String name, boolean permissive, String command, List<String> roles,
			@Nullable String using, @Nullable String withCheck, @Nullable String comment) implements SchemaObject {

		@Override
		public ObjectKey key() {
			return ObjectKey.member(ObjectKind.POLICY, this.schema, this.table, this.name);
		}

	}

	/**
	 * An extended statistics object.
	 *
	 * @param schema the schema
	 * @param name the name
	 * @param definition {@code pg_get_statisticsobjdef}
	 * @param target the statistics target, {@code -1} for the default
	 * @param comment the comment
	 */
	record Statistics(String schema, String name, String definition, int target,
			@Nullable String comment) implements SchemaObject {

		@Override
		public ObjectKey key() {
			return ObjectKey.of(ObjectKind.STATISTICS, this.schema, this.name);
		}

	}

	/**
	 * An object of a kind the engine cannot write (an operator, a collation, a text
	 * search configuration, a foreign table, ...), kept so that a difference is reported
	 * rather than missed.
	 *
	 * @param schema the schema
	 * @param what the kind, such as {@code operator}
	 * @param name the name
	 * @param fingerprint what the object is, in enough detail to see it change
	 */
	record Other(String schema, String what, String name, String fingerprint) implements SchemaObject {

		@Override
		public ObjectKey key() {
			return ObjectKey.of(ObjectKind.OTHER, this.schema, this.what + " " + this.name);
		}

		@Override
		public @Nullable String comment() {
			return null;
		}

	}

}
