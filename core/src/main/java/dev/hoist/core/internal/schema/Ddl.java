package dev.hoist.core.internal.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.hoist.core.internal.schema.SchemaObject.Column;
import dev.hoist.core.internal.schema.SchemaObject.Constraint;
import dev.hoist.core.internal.schema.SchemaObject.Sequence;
import org.jspecify.annotations.Nullable;

/**
 * The SQL text of creating, dropping and commenting each kind of object.
 */
final class Ddl {

	private Ddl() {
	}

	static String drop(SchemaObject object) {
		if (object instanceof SchemaObject.Schema schema) {
			return "DROP SCHEMA " + SqlText.ident(schema.name());
		}
		if (object instanceof SchemaObject.Extension extension) {
			return "DROP EXTENSION " + SqlText.ident(extension.name());
		}
		if (object instanceof SchemaObject.Collation collation) {
			return "DROP COLLATION " + SqlText.qualified(collation.schema(), collation.name());
		}
		if (object instanceof SchemaObject.EnumType type) {
			return "DROP TYPE " + SqlText.qualified(type.schema(), type.name());
		}
		if (object instanceof SchemaObject.CompositeType type) {
			return "DROP TYPE " + SqlText.qualified(type.schema(), type.name());
		}
		if (object instanceof SchemaObject.RangeType type) {
			return "DROP TYPE " + SqlText.qualified(type.schema(), type.name());
		}
		if (object instanceof SchemaObject.Domain domain) {
			return "DROP DOMAIN " + SqlText.qualified(domain.schema(), domain.name());
		}
		if (object instanceof Sequence sequence) {
			return "DROP SEQUENCE " + SqlText.qualified(sequence.schema(), sequence.name());
		}
		if (object instanceof SchemaObject.Table table) {
			return "DROP TABLE " + table.sqlName();
		}
		if (object instanceof Column column) {
			return "ALTER TABLE " + column.tableSql() + " DROP COLUMN " + SqlText.ident(column.name());
		}
		if (object instanceof Constraint constraint) {
			return (constraint.onDomain() ? "ALTER DOMAIN " : "ALTER TABLE ")
					+ SqlText.qualified(constraint.schema(), constraint.table()) + " DROP CONSTRAINT "
					+ SqlText.ident(constraint.name());
		}
		if (object instanceof SchemaObject.Index index) {
			return "DROP INDEX " + SqlText.qualified(index.schema(), index.name());
		}
		if (object instanceof SchemaObject.View view) {
			return "DROP VIEW " + SqlText.qualified(view.schema(), view.name());
		}
		if (object instanceof SchemaObject.MaterializedView view) {
			return "DROP MATERIALIZED VIEW " + SqlText.qualified(view.schema(), view.name());
		}
		if (object instanceof SchemaObject.Function function) {
			return "DROP " + functionKind(function) + " " + function.signature();
		}
		if (object instanceof SchemaObject.Trigger trigger) {
			return "DROP TRIGGER " + SqlText.ident(trigger.name()) + " ON "
					+ SqlText.qualified(trigger.schema(), trigger.table());
		}
		if (object instanceof SchemaObject.Rule rule) {
			return "DROP RULE " + SqlText.ident(rule.name()) + " ON " + SqlText.qualified(rule.schema(), rule.table());
		}
		if (object instanceof SchemaObject.Policy policy) {
			return "DROP POLICY " + SqlText.ident(policy.name()) + " ON "
					+ SqlText.qualified(policy.schema(), policy.table());
		}
		if (object instanceof SchemaObject.Statistics statistics) {
			return "DROP STATISTICS " + SqlText.qualified(statistics.schema(), statistics.name());
		}
		if (object instanceof SchemaObject.Other other) {
			return "-- cannot drop " + other.what() + " " + other.name();
		}
		throw new IllegalArgumentException(String.valueOf(object));
	}

	static String functionKind(SchemaObject.Function function) {
		return switch (function.kind()) {
			case "p" -> "PROCEDURE";
			case "a" -> "AGGREGATE";
			default -> "FUNCTION";
		};
	}

	/**
	 * Return the statements that create an object that has no members of its own to
	 * create (tables are written by {@link #createTable}).
	 */
	static List<String> create(SchemaObject object) {
		List<String> statements = new ArrayList<>();
		if (object instanceof SchemaObject.Schema schema) {
			statements.add("CREATE SCHEMA " + SqlText.ident(schema.name()));
		}
		else if (object instanceof SchemaObject.Extension extension) {
			statements.add("CREATE EXTENSION " + SqlText.ident(extension.name()) + " WITH SCHEMA "
					+ SqlText.ident(extension.schema()) + " VERSION " + SqlText.literal(extension.version()));
		}
		else if (object instanceof SchemaObject.Collation collation && copiesBuiltInLibc(collation)) {
			// CREATE COLLATION (provider = libc, ...) records the database's encoding;
			// only a
			// copy of "C" or "POSIX" keeps their "any encoding" (-1), as pg_collation
			// shows
			statements.add("CREATE COLLATION " + SqlText.qualified(collation.schema(), collation.name())
					+ " FROM pg_catalog." + SqlText.ident(Objects.requireNonNull(collation.lcCollate())));
		}
		else if (object instanceof SchemaObject.Collation collation) {
			List<String> options = new ArrayList<>();
			options.add("provider = " + collation.provider());
			if (collation.locale() != null) {
				options.add("locale = " + SqlText.literal(collation.locale()));
			}
			if (collation.lcCollate() != null) {
				options.add("lc_collate = " + SqlText.literal(collation.lcCollate()));
			}
			if (collation.lcCtype() != null) {
				options.add("lc_ctype = " + SqlText.literal(collation.lcCtype()));
			}
			if (!collation.deterministic()) {
				options.add("deterministic = false");
			}
			if (collation.rules() != null) {
				options.add("rules = " + SqlText.literal(collation.rules()));
			}
			statements.add("CREATE COLLATION " + SqlText.qualified(collation.schema(), collation.name()) + " ("
					+ String.join(", ", options) + ")");
		}
		else if (object instanceof SchemaObject.EnumType type) {
			statements.add("CREATE TYPE " + SqlText.qualified(type.schema(), type.name()) + " AS ENUM ("
					+ String.join(", ", type.labels().stream().map(SqlText::literal).toList()) + ")");
		}
		else if (object instanceof SchemaObject.CompositeType type) {
			List<String> attributes = new ArrayList<>();
			for (SchemaObject.Attribute attribute : type.attributes()) {
				attributes.add(SqlText.ident(attribute.name()) + " " + attribute.type()
						+ ((attribute.collation() != null) ? " COLLATE " + attribute.collation() : ""));
			}
			statements.add("CREATE TYPE " + SqlText.qualified(type.schema(), type.name()) + " AS ("
					+ String.join(", ", attributes) + ")");

		}
		else if (object instanceof SchemaObject.RangeType type) {
			List<String> options = new ArrayList<>();
			options.add("SUBTYPE = " + type.subtype());
			addOption(options, "SUBTYPE_OPCLASS", type.subtypeOpclass());
			addOption(options, "COLLATION", type.collation());
			addOption(options, "CANONICAL", type.canonical());
			addOption(options, "SUBTYPE_DIFF", type.subtypeDiff());
			if (type.multirange() != null) {
				options.add("MULTIRANGE_TYPE_NAME = " + SqlText.qualified(type.schema(), type.multirange()));
			}
			statements.add("CREATE TYPE " + SqlText.qualified(type.schema(), type.name()) + " AS RANGE ("
					+ String.join(", ", options) + ")");

		}
		else if (object instanceof SchemaObject.Domain domain) {
			statements.add("CREATE DOMAIN " + SqlText.qualified(domain.schema(), domain.name()) + " AS "
					+ domain.baseType() + ((domain.collation() != null) ? " COLLATE " + domain.collation() : "")
					+ ((domain.defaultValue() != null) ? " DEFAULT " + domain.defaultValue() : "")
					+ (domain.notNull() ? " NOT NULL" : ""));
		}
		else if (object instanceof Sequence sequence) {
			statements.add("CREATE " + (sequence.unlogged() ? "UNLOGGED " : "") + "SEQUENCE "
					+ SqlText.qualified(sequence.schema(), sequence.name()) + " " + sequenceOptions(sequence));
		}
		else if (object instanceof SchemaObject.Index index) {
			statements.addAll(createIndex(index, false));
		}
		else if (object instanceof SchemaObject.View view) {
			statements.add("CREATE VIEW " + SqlText.qualified(view.schema(), view.name())
					+ (view.options().isEmpty() ? "" : " WITH (" + String.join(", ", view.options()) + ")") + " AS\n"
					+ view.definition());
			statements.addAll(viewColumnComments(view.schema(), view.name(), null, view.columns()));

		}
		else if (object instanceof SchemaObject.MaterializedView view) {
			statements.add("CREATE MATERIALIZED VIEW " + SqlText.qualified(view.schema(), view.name())
					+ (view.options().isEmpty() ? "" : " WITH (" + String.join(", ", view.options()) + ")") + " AS\n"
					+ view.definition() + (view.populated() ? "\nWITH DATA" : "\nWITH NO DATA"));
			statements.addAll(viewColumnComments(view.schema(), view.name(), null, view.columns()));

		}
		else if (object instanceof SchemaObject.Function function) {
			statements.add(function.definition().strip());
		}
		else if (object instanceof SchemaObject.Trigger trigger) {
			statements.add(trigger.definition());
			String enable = enableState("TRIGGER", trigger.name(), "O", trigger.enabled());
			if (enable != null) {
				statements.add("ALTER TABLE " + SqlText.qualified(trigger.schema(), trigger.table()) + " " + enable);
			}

		}
		else if (object instanceof SchemaObject.Rule rule) {
			statements.add(rule.definition());
			String enable = enableState("RULE", rule.name(), "O", rule.enabled());
			if (enable != null) {
				statements.add("ALTER TABLE " + SqlText.qualified(rule.schema(), rule.table()) + " " + enable);
			}

		}
		else if (object instanceof SchemaObject.Policy policy) {
			statements.add(createPolicy(policy));
		}
		else if (object instanceof SchemaObject.Statistics statistics) {
			statements.add(statistics.definition());
			if (statistics.target() != -1) {
				statements.add("ALTER STATISTICS " + SqlText.qualified(statistics.schema(), statistics.name())
						+ " SET STATISTICS " + statistics.target());
			}

		}
		else if (object instanceof Constraint constraint) {
			statements.add(addConstraint(constraint, false));
		}
		else if (object instanceof Column column) {
			statements.add("ALTER TABLE " + column.tableSql() + " ADD COLUMN " + columnDefinition(column, true));
		}
		else if (object instanceof SchemaObject.Table table) {
			throw new IllegalArgumentException("tables are created with their columns");
		}
		else if (object instanceof SchemaObject.Other other) {
			statements.add("-- cannot create " + other.what() + " " + other.name());
		}
		String comment = comment(object, null);
		if (comment != null) {
			statements.add(comment);
		}
		return statements;
	}

	// a libc collation for any encoding: only a copy of "C" or "POSIX" is one
	private static boolean copiesBuiltInLibc(SchemaObject.Collation collation) {
		String lcCollate = collation.lcCollate();
		return collation.anyEncoding() && "libc".equals(collation.provider()) && lcCollate != null
				&& lcCollate.equals(collation.lcCtype()) && (lcCollate.equals("C") || lcCollate.equals("POSIX"));
	}

	static List<String> createIndex(SchemaObject.Index index, boolean concurrently) {
		List<String> statements = new ArrayList<>();
		// a partitioned table's index is printed ON ONLY; created that way it would cover
		// no partition
		String definition = index.definition().replaceFirst(" ON ONLY ", " ON ");
		if (concurrently) {
			definition = definition.replaceFirst("^CREATE (UNIQUE )?INDEX ", "CREATE $1INDEX CONCURRENTLY ");
		}
		statements.add(definition);
		String table = SqlText.qualified(index.schema(), index.table());
		if (index.clustered()) {
			statements.add("ALTER TABLE " + table + " CLUSTER ON " + SqlText.ident(index.name()));
		}
		if (index.replicaIdentity()) {
			statements.add("ALTER TABLE " + table + " REPLICA IDENTITY USING INDEX " + SqlText.ident(index.name()));
		}
		return statements;
	}

	static String addConstraint(Constraint constraint, boolean notValid) {
		return (constraint.onDomain() ? "ALTER DOMAIN " : "ALTER TABLE ")
				+ SqlText.qualified(constraint.schema(), constraint.table()) + " ADD CONSTRAINT "
				+ SqlText.ident(constraint.name()) + " " + constraint.definition()
				+ ((notValid || !constraint.valid()) ? " NOT VALID" : "");
	}

	static String createPolicy(SchemaObject.Policy policy) {
		return "CREATE POLICY " + SqlText.ident(policy.name()) + " ON "
				+ SqlText.qualified(policy.schema(), policy.table()) + " AS "
				+ (policy.permissive() ? "PERMISSIVE" : "RESTRICTIVE") + " FOR " + policy.command() + " TO "
				+ String.join(", ", policy.roles())
				+ ((policy.using() != null) ? " USING (" + policy.using() + ")" : "")
				+ ((policy.withCheck() != null) ? " WITH CHECK (" + policy.withCheck() + ")" : "");
	}

	static @Nullable String enableState(String what, String name, String from, String to) {
		if (from.equals(to)) {
			return null;
		}
		String verb = switch (to) {
			case "D" -> "DISABLE ";
			case "R" -> "ENABLE REPLICA ";
			case "A" -> "ENABLE ALWAYS ";
			default -> "ENABLE ";
		};
		return verb + what + " " + SqlText.ident(name);
	}

	static String sequenceOptions(Sequence sequence) {
		return "AS " + sequence.dataType() + " START WITH " + sequence.start() + " INCREMENT BY " + sequence.increment()
				+ " MINVALUE " + sequence.min() + " MAXVALUE " + sequence.max() + " CACHE " + sequence.cache()
				+ (sequence.cycle() ? " CYCLE" : " NO CYCLE");
	}

	/**
	 * Return a column's definition for {@code CREATE TABLE} or {@code ADD COLUMN}.
	 */
	static String columnDefinition(Column column, boolean withNotNull) {
		StringBuilder sql = new StringBuilder(SqlText.ident(column.name())).append(' ').append(column.type());
		if (column.collation() != null) {
			sql.append(" COLLATE ").append(column.collation());
		}
		if (!column.generated().isEmpty()) {
			sql.append(" GENERATED ALWAYS AS (")
				.append(column.defaultValue())
				.append(")")
				.append("v".equals(column.generated()) ? " VIRTUAL" : " STORED");
		}
		else if (!column.identity().isEmpty()) {
			sql.append(identity(column));
		}
		else if (column.defaultValue() != null) {
			sql.append(" DEFAULT ").append(column.defaultValue());
		}
		if (withNotNull && column.notNull()) {
			sql.append(" NOT NULL");
		}
		return sql.toString();
	}

	static String identity(Column column) {
		Sequence sequence = Objects.requireNonNull(column.identitySequence());
		return " GENERATED " + ("a".equals(column.identity()) ? "ALWAYS" : "BY DEFAULT")
				+ " AS IDENTITY (SEQUENCE NAME " + SqlText.qualified(sequence.schema(), sequence.name())
				+ sequenceOptions(sequence).substring(sequenceOptions(sequence).indexOf(" START WITH ")) + ")";
	}

	/**
	 * Return the statements that bring a column's attributes that {@code CREATE TABLE}
	 * cannot set (storage, compression, statistics, options) from one state to another.
	 */
	static List<String> columnStorage(Column from, Column to) {
		List<String> statements = new ArrayList<>();
		String prefix = "ALTER TABLE " + to.tableSql() + " ALTER COLUMN " + SqlText.ident(to.name()) + " ";
		if (!Objects.equals(from.storage(), to.storage())) {
			statements.add(prefix + "SET STORAGE " + storage(to.storage()));
		}
		if (!Objects.equals(from.compression(), to.compression())) {
			statements.add(prefix + "SET COMPRESSION " + ((to.compression() == null) ? "DEFAULT"
					: "p".equals(to.compression()) ? "pglz" : "l".equals(to.compression()) ? "lz4" : to.compression()));
		}
		if (from.statistics() != to.statistics()) {
			statements.add(prefix + "SET STATISTICS " + to.statistics());
		}
		if (!from.options().equals(to.options())) {
			List<String> reset = new ArrayList<>();
			for (String option : from.options()) {
				String name = option.substring(0, option.indexOf('='));
				if (to.options().stream().noneMatch((o) -> o.startsWith(name + "="))) {
					reset.add(name);
				}
			}
			if (!reset.isEmpty()) {
				statements.add(prefix + "RESET (" + String.join(", ", reset) + ")");
			}
			if (!to.options().isEmpty()) {
				statements.add(prefix + "SET (" + String.join(", ", to.options()) + ")");
			}
		}
		return statements;
	}

	private static String storage(@Nullable String code) {
		if (code == null) {
			return "DEFAULT";
		}
		return switch (code) {
			case "p" -> "PLAIN";
			case "e" -> "EXTERNAL";
			case "m" -> "MAIN";
			default -> "EXTENDED";
		};
	}

	static List<String> viewColumnComments(String schema, String name, @Nullable List<SchemaObject.ViewColumn> from,
			List<SchemaObject.ViewColumn> to) {
		List<String> statements = new ArrayList<>();
		for (SchemaObject.ViewColumn column : to) {
			String before = null;
			if (from != null) {
				for (SchemaObject.ViewColumn old : from) {
					if (old.name().equals(column.name())) {
						before = old.comment();
					}
				}
			}
			if (!Objects.equals(before, column.comment())) {
				statements.add("COMMENT ON COLUMN " + SqlText.qualified(schema, name) + "."
						+ SqlText.ident(column.name()) + " IS " + SqlText.literal(column.comment()));
			}
		}
		return statements;
	}

	/**
	 * Return the {@code COMMENT ON} statement that takes an object's comment from one
	 * value to the object's own.
	 * @param object the object with the comment it should have
	 * @param before the comment it has, or {@code null}
	 * @return the statement, or {@code null} when nothing changes
	 */
	static @Nullable String comment(SchemaObject object, @Nullable String before) {
		if (Objects.equals(before, object.comment())) {
			return null;
		}
		String target = null;
		if (object instanceof SchemaObject.Schema schema) {
			target = "SCHEMA " + SqlText.ident(schema.name());
		}
		else if (object instanceof SchemaObject.Extension extension) {
			target = "EXTENSION " + SqlText.ident(extension.name());
		}
		else if (object instanceof SchemaObject.Collation collation) {
			target = "COLLATION " + SqlText.qualified(collation.schema(), collation.name());
		}
		else if (object instanceof SchemaObject.EnumType type) {
			target = "TYPE " + SqlText.qualified(type.schema(), type.name());
		}
		else if (object instanceof SchemaObject.CompositeType type) {
			target = "TYPE " + SqlText.qualified(type.schema(), type.name());
		}
		else if (object instanceof SchemaObject.RangeType type) {
			target = "TYPE " + SqlText.qualified(type.schema(), type.name());
		}
		else if (object instanceof SchemaObject.Domain domain) {
			target = "DOMAIN " + SqlText.qualified(domain.schema(), domain.name());
		}
		else if (object instanceof Sequence sequence) {
			target = "SEQUENCE " + SqlText.qualified(sequence.schema(), sequence.name());
		}
		else if (object instanceof SchemaObject.Table table) {
			target = "TABLE " + table.sqlName();
		}
		else if (object instanceof Column column) {
			target = "COLUMN " + column.tableSql() + "." + SqlText.ident(column.name());
		}
		else if (object instanceof Constraint constraint) {
			target = "CONSTRAINT " + SqlText.ident(constraint.name()) + " ON "
					+ (constraint.onDomain() ? "DOMAIN " : "")
					+ SqlText.qualified(constraint.schema(), constraint.table());
		}
		else if (object instanceof SchemaObject.Index index) {
			target = "INDEX " + SqlText.qualified(index.schema(), index.name());
		}
		else if (object instanceof SchemaObject.View view) {
			target = "VIEW " + SqlText.qualified(view.schema(), view.name());
		}
		else if (object instanceof SchemaObject.MaterializedView view) {
			target = "MATERIALIZED VIEW " + SqlText.qualified(view.schema(), view.name());
		}
		else if (object instanceof SchemaObject.Function function) {
			target = functionKind(function) + " " + function.signature();
		}
		else if (object instanceof SchemaObject.Trigger trigger) {
			target = "TRIGGER " + SqlText.ident(trigger.name()) + " ON "
					+ SqlText.qualified(trigger.schema(), trigger.table());
		}
		else if (object instanceof SchemaObject.Rule rule) {
			target = "RULE " + SqlText.ident(rule.name()) + " ON " + SqlText.qualified(rule.schema(), rule.table());
		}
		else if (object instanceof SchemaObject.Policy policy) {
			target = "POLICY " + SqlText.ident(policy.name()) + " ON "
					+ SqlText.qualified(policy.schema(), policy.table());
		}
		else if (object instanceof SchemaObject.Statistics statistics) {
			target = "STATISTICS " + SqlText.qualified(statistics.schema(), statistics.name());
		}
		else if (object instanceof SchemaObject.Other other) {
			target = null;
		}
		return (target != null) ? "COMMENT ON " + target + " IS " + SqlText.literal(object.comment()) : null;
	}

	private static void addOption(List<String> options, String name, @Nullable String value) {
		if (value != null) {
			options.add(name + " = " + value);
		}
	}

}
