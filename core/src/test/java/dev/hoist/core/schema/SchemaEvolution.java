package dev.hoist.core.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * A seeded generator of realistic schema evolutions: from an empty database it grows a
 * schema step by step, each step a small change a developer would write (a table, a
 * column changing type under a view, an enum gaining a value, a partition, a policy),
 * over every object kind the schema diff supports.
 * <p>
 * Steps are tried against a real database, each inside a savepoint: the server, not this
 * class, decides what is valid. A step it refuses (a column still used by a view, a
 * function a default calls) is rolled back and forgotten, so the generator's own picture
 * of the schema only needs to be plausible, never exact. What it keeps is the list of
 * statements that succeeded, which replays the same schema anywhere.
 * <p>
 * The same seed on the same server major gives the same statements.
 */
final class SchemaEvolution {

	static final List<String> SCHEMAS = List.of("public", "audit");

	static final List<String> ROLES = List.of("hoist_proof_reader", "hoist_proof_writer");

	/** Run once per server: roles are cluster-wide, and policies name them. */
	static final String SETUP = """
			DO $$ BEGIN
			  CREATE ROLE hoist_proof_reader NOLOGIN;
			EXCEPTION WHEN duplicate_object THEN NULL; END $$;
			DO $$ BEGIN
			  CREATE ROLE hoist_proof_writer NOLOGIN;
			EXCEPTION WHEN duplicate_object THEN NULL; END $$;
			""";

	/** Empties a database down to the two schemas the generator uses. */
	static final String RESET = """
			DROP SCHEMA IF EXISTS public CASCADE;
			DROP SCHEMA IF EXISTS audit CASCADE;
			DROP SCHEMA IF EXISTS hoist_proof_history CASCADE;
			CREATE SCHEMA public;
			CREATE SCHEMA audit;
			""";

	private static final String[] NOUNS = { "account", "order", "invoice", "shop", "product", "customer", "payment",
			"shipment", "event", "session", "ticket", "review", "coupon", "refund", "device", "member", "plan",
			"subscription", "warehouse", "supplier" };

	private static final String[] EXTENSIONS = { "btree_gist", "pg_trgm", "citext", "hstore" };

	private final Random random;

	private final Model model = new Model();

	private final List<String> statements = new ArrayList<>();

	private int counter;

	SchemaEvolution(long seed) {
		this.random = new Random(seed);
	}

	/**
	 * Grow the schema by up to {@code steps} changes, trying each on the connection.
	 * @param connection a connection to the database that holds the schema so far, in
	 * autocommit
	 * @param steps how many changes to try
	 * @return the statements of the changes that succeeded, in order
	 * @throws SQLException if the connection fails outside a step
	 */
	List<String> evolve(Connection connection, int steps) throws SQLException {
		List<String> applied = new ArrayList<>();
		connection.setAutoCommit(false);
		try {
			int attempts = 0;
			int done = 0;
			while (done < steps && attempts < steps * 6) {
				attempts++;
				Step step = nextStep();
				if (step != null && tryStep(connection, step)) {
					applied.addAll(step.statements());
					done++;
				}
			}
		}
		finally {
			connection.setAutoCommit(true);
		}
		this.statements.addAll(applied);
		return applied;
	}

	/**
	 * Return every statement that succeeded so far: the DDL of the current schema.
	 * @return the statements
	 */
	List<String> statements() {
		return List.copyOf(this.statements);
	}

	private boolean tryStep(Connection connection, Step step) throws SQLException {
		Savepoint savepoint = connection.setSavepoint();
		try (Statement statement = connection.createStatement()) {
			for (String sql : step.statements()) {
				statement.execute(sql);
			}
			connection.releaseSavepoint(savepoint);
			connection.commit();
			step.onSuccess().run();
			return true;
		}
		catch (SQLException ex) {
			connection.rollback(savepoint);
			connection.commit();
			return false;
		}
	}

	private @Nullable Step nextStep() {
		List<Supplier<@Nullable Step>> choices = new ArrayList<>();
		// weights by repetition: tables and columns change most often in real histories
		add(choices, 6, this::createTable);
		add(choices, 6, this::addColumn);
		add(choices, 2, this::dropColumn);
		add(choices, 3, this::changeColumnType);
		add(choices, 2, this::changeColumnTypeUnderView);
		add(choices, 3, this::changeNullability);
		add(choices, 3, this::changeDefault);
		add(choices, 1, this::changeIdentity);
		add(choices, 4, this::addConstraint);
		add(choices, 2, this::dropOrValidateConstraint);
		add(choices, 4, this::createIndex);
		add(choices, 2, this::dropIndex);
		add(choices, 2, this::createEnum);
		add(choices, 3, this::addEnumValue);
		add(choices, 1, this::createComposite);
		add(choices, 1, this::alterComposite);
		add(choices, 2, this::createDomain);
		add(choices, 1, this::alterDomain);
		add(choices, 1, this::createRange);
		add(choices, 1, this::createCollation);
		add(choices, 2, this::createSequence);
		add(choices, 1, this::alterSequence);
		add(choices, 2, this::createPartitioned);
		add(choices, 2, this::changePartitions);
		add(choices, 1, this::createChildTable);
		add(choices, 1, this::changePersistence);
		add(choices, 3, this::createView);
		add(choices, 2, this::replaceView);
		add(choices, 1, this::dropView);
		add(choices, 2, this::createMaterializedView);
		add(choices, 3, this::createFunction);
		add(choices, 2, this::replaceFunction);
		add(choices, 1, this::alterFunction);
		add(choices, 1, this::createProcedure);
		add(choices, 1, this::createAggregate);
		add(choices, 3, this::createTrigger);
		add(choices, 1, this::changeTrigger);
		add(choices, 1, this::createRule);
		add(choices, 2, this::rowLevelSecurity);
		add(choices, 1, this::createStatistics);
		add(choices, 3, this::comment);
		add(choices, 1, this::extension);
		add(choices, 1, this::dropSomething);
		return choices.get(this.random.nextInt(choices.size())).get();
	}

	private static void add(List<Supplier<@Nullable Step>> choices, int weight, Supplier<@Nullable Step> choice) {
		for (int i = 0; i < weight; i++) {
			choices.add(choice);
		}
	}

	// ---- types ----

	private Step createEnum() {
		String name = name(schema(), noun() + "_status");
		List<String> labels = new ArrayList<>(List.of("pending", "active", "closed"));
		if (chance(3)) {
			labels.add("archived");
		}
		return step(() -> this.model.enums.put(name, labels), "CREATE TYPE " + name + " AS ENUM ("
				+ String.join(", ", labels.stream().map(SchemaEvolution::literal).toList()) + ")");
	}

	private @Nullable Step addEnumValue() {
		String name = pick(this.model.enums.keySet());
		if (name == null) {
			return null;
		}
		List<String> labels = this.model.enums.get(name);
		String label = pick(new String[] { "paused", "failed", "refunded", "expired", "draft", "blocked" }) + "_"
				+ next();
		String position = chance(2) ? "" : (chance(2) ? " BEFORE " : " AFTER ") + literal(pick(labels));
		return step(() -> labels.add(label), "ALTER TYPE " + name + " ADD VALUE " + literal(label) + position);
	}

	private Step createComposite() {
		String name = name(schema(), pick(new String[] { "address", "money_amount", "geo_point", "contact" }));
		this.model.composites.add(name);
		return change("CREATE TYPE " + name + " AS (line1 text, amount numeric(12,2), code varchar(10))");
	}

	private @Nullable Step alterComposite() {
		String name = pick(this.model.composites);
		if (name == null) {
			return null;
		}
		return switch (this.random.nextInt(3)) {
			case 0 -> change("ALTER TYPE " + name + " ADD ATTRIBUTE note_" + next() + " text");
			case 1 -> change("ALTER TYPE " + name + " DROP ATTRIBUTE IF EXISTS code");
			default -> change("ALTER TYPE " + name + " ALTER ATTRIBUTE line1 TYPE varchar(200)");
		};
	}

	private Step createDomain() {
		String name = name(schema(), pick(new String[] { "positive_int", "email", "cents", "percent", "slug" }));
		String[] variants = { " AS integer CHECK (VALUE > 0)", " AS text CHECK (VALUE ~ '^[^@]+@[^@]+$')",
				" AS bigint NOT NULL DEFAULT 0 CONSTRAINT cents_non_negative CHECK (VALUE >= 0)",
				" AS numeric(5,2) CHECK (VALUE BETWEEN 0 AND 100)",
				" AS varchar(60) COLLATE \"C\" CHECK (VALUE ~ '^[a-z0-9-]+$')" };
		int variant = this.random.nextInt(variants.length);
		String type = new String[] { "integer", "text", "bigint", "numeric(5,2)", "varchar(60)" }[variant];
		return step(() -> this.model.domains.put(name, type), "CREATE DOMAIN " + name + variants[variant]);
	}

	private @Nullable Step alterDomain() {
		String name = pick(this.model.domains.keySet());
		if (name == null) {
			return null;
		}
		return switch (this.random.nextInt(4)) {
			case 0 -> change("ALTER DOMAIN " + name + " ADD CONSTRAINT " + unqualified(name) + "_not_blank_" + next()
					+ " CHECK (VALUE IS NOT NULL) NOT VALID");
			case 1 -> change("ALTER DOMAIN " + name + " DROP DEFAULT");
			case 2 -> change("ALTER DOMAIN " + name + " SET NOT NULL");
			default -> change("ALTER DOMAIN " + name + " DROP NOT NULL");
		};
	}

	private Step createRange() {
		String name = name(schema(), pick(new String[] { "price_range", "score_range", "window_range" }));
		String subtype = pick(new String[] { "numeric", "integer", "timestamptz" });
		return step(() -> this.model.ranges.add(name), "CREATE TYPE " + name + " AS RANGE (subtype = " + subtype + ")");
	}

	private Step createCollation() {
		String name = name(schema(), "ci");
		return step(() -> this.model.collations.add(name),
				chance(2)
						? "CREATE COLLATION " + name
								+ " (provider = icu, locale = 'und-u-ks-level2', deterministic = false)"
						: "CREATE COLLATION " + name + " FROM \"C\"");
	}

	// ---- sequences ----

	private Step createSequence() {
		String name = name(schema(), noun() + "_number_seq");
		StringBuilder sql = new StringBuilder("CREATE SEQUENCE " + name);
		if (chance(2)) {
			sql.append(" AS ").append(pick(new String[] { "integer", "bigint", "smallint" }));
		}
		if (chance(2)) {
			sql.append(" START ").append(1 + this.random.nextInt(1000));
		}
		if (chance(3)) {
			sql.append(" INCREMENT ").append(1 + this.random.nextInt(10));
		}
		if (chance(4)) {
			sql.append(" CACHE 20");
		}
		if (chance(5)) {
			sql.append(" MAXVALUE 30000 CYCLE");
		}
		return step(() -> this.model.sequences.add(name), sql.toString());
	}

	private @Nullable Step alterSequence() {
		String name = pick(this.model.sequences);
		if (name == null) {
			return null;
		}
		Table table = pickTable();
		return switch (this.random.nextInt(4)) {
			case 0 -> change("ALTER SEQUENCE " + name + " INCREMENT BY " + (2 + this.random.nextInt(5)));
			case 1 -> (table != null && !table.columns.isEmpty())
					? change("ALTER SEQUENCE " + name + " OWNED BY " + table.name + "." + pick(table.columns.keySet()))
					: null;
			case 2 -> change("ALTER SEQUENCE " + name + " OWNED BY NONE");
			default -> change("ALTER SEQUENCE " + name + " MINVALUE 0 RESTART WITH 5");
		};
	}

	// ---- tables ----

	private Step createTable() {
		String schema = schema();
		String name = name(schema, noun() + "s");
		Table table = new Table(name);
		List<String> parts = new ArrayList<>();
		String key = switch (this.random.nextInt(4)) {
			case 0 -> "id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY";
			case 1 -> "id bigint GENERATED BY DEFAULT AS IDENTITY (START WITH 100 INCREMENT BY 10) PRIMARY KEY";
			case 2 -> "id bigserial PRIMARY KEY";
			default -> "id uuid DEFAULT gen_random_uuid() NOT NULL CONSTRAINT " + unqualified(name) + "_pk PRIMARY KEY";
		};
		parts.add(key);
		table.columns.put("id", key.startsWith("id uuid") ? "uuid" : "bigint");
		table.hasKey = true;
		int columns = 1 + this.random.nextInt(5);
		for (int i = 0; i < columns; i++) {
			Column column = column(table);
			parts.add(column.definition());
			table.columns.put(column.name(), column.type());
		}
		Table referenced = pickTable();
		if (referenced != null && referenced.hasKey && chance(2)) {
			String column = unqualified(referenced.name).replaceAll("s$", "") + "_id";
			String type = referenced.columns.get("id");
			parts.add(column + " " + type + " REFERENCES " + referenced.name + fkOptions());
			table.columns.put(column, type);
		}
		if (chance(3)) {
			parts.add("created_at timestamptz NOT NULL DEFAULT now()");
			table.columns.put("created_at", "timestamptz");
		}
		boolean unlogged = chance(12);
		return step(() -> this.model.tables.put(name, table), "CREATE " + (unlogged ? "UNLOGGED " : "") + "TABLE "
				+ name + " (\n    " + String.join(",\n    ", parts) + "\n)");
	}

	private Column column(Table table) {
		String name = pick(new String[] { "name", "email", "amount", "status", "note", "quantity", "price", "code",
				"payload", "tags", "valid_during", "score", "address", "rank", "slug" }) + "_" + next();
		List<String> types = new ArrayList<>(List.of("text", "varchar(80)", "integer", "bigint", "numeric(10,2)",
				"boolean", "jsonb", "date", "timestamptz", "text[]", "smallint", "uuid", "bytea", "inet"));
		types.addAll(this.model.enums.keySet());
		types.addAll(this.model.domains.keySet());
		types.addAll(this.model.composites);
		types.addAll(this.model.ranges);
		String type = pick(types);
		StringBuilder definition = new StringBuilder(name + " " + type);
		if (isText(type) && !this.model.collations.isEmpty() && chance(5)) {
			definition.append(" COLLATE ").append(pick(this.model.collations));
		}
		if (this.model.enums.containsKey(type) && chance(2)) {
			definition.append(" DEFAULT ").append(literal(this.model.enums.get(type).get(0)));
		}
		else if (type.equals("integer") && chance(3)) {
			definition.append(" DEFAULT 0 CHECK (").append(name).append(" >= 0)");
		}
		else if (type.equals("jsonb") && chance(2)) {
			definition.append(" NOT NULL DEFAULT '{}'::jsonb");
		}
		else if (type.equals("numeric(10,2)") && chance(4) && table.columns.containsValue("integer")) {
			String other = table.columns.entrySet()
				.stream()
				.filter((entry) -> entry.getValue().equals("integer"))
				.findFirst()
				.orElseThrow()
				.getKey();
			definition.append(" GENERATED ALWAYS AS (").append(other).append(" * 1.5) STORED");
		}
		else if (type.equals("bigint") && "bigint".equals(table.columns.get("id")) && chance(3)) {
			definition.append(" GENERATED ALWAYS AS (id * 2) STORED");
		}
		else if (type.equals("bigint") && !this.model.sequences.isEmpty() && chance(3)) {
			definition.append(" DEFAULT nextval('").append(pick(this.model.sequences)).append("')");
		}
		else if (isText(type) && !this.model.functions.isEmpty() && chance(4)) {
			Function function = pick(this.model.functions);
			if (function != null && function.usableInDefault) {
				definition.append(" DEFAULT ").append(function.name).append("()");
			}
		}
		if (chance(4)) {
			definition.append(" NOT NULL");
		}
		return new Column(name, type, definition.toString());
	}

	private @Nullable Step addColumn() {
		Table table = pickTable();
		if (table == null) {
			return null;
		}
		Column column = column(table);
		return step(() -> table.columns.put(column.name(), column.type()),
				"ALTER TABLE " + table.name + " ADD COLUMN " + column.definition());
	}

	private @Nullable Step dropColumn() {
		Table table = pickTable();
		String column = (table != null) ? pickColumn(table) : null;
		if (column == null) {
			return null;
		}
		return step(() -> table.columns.remove(column), "ALTER TABLE " + table.name + " DROP COLUMN " + column);
	}

	private @Nullable Step changeColumnType() {
		Table table = pickTable();
		String column = (table != null) ? pickColumn(table) : null;
		if (column == null) {
			return null;
		}
		String type = table.columns.get(column);
		String target = retype(type);
		if (target == null) {
			return null;
		}
		return step(() -> table.columns.put(column, target), "ALTER TABLE " + table.name + " ALTER COLUMN " + column
				+ " TYPE " + target + (target.equals("text") ? "" : " USING " + column + "::" + target));
	}

	/**
	 * The migration every team writes sooner or later: a column under a view changes
	 * type, so the view is dropped, the column altered and the view created again.
	 */
	private @Nullable Step changeColumnTypeUnderView() {
		View view = pick(this.model.views.values().stream().filter((v) -> !v.materialized).toList());
		Table table = (view != null) ? this.model.tables.get(view.table) : null;
		if (table == null) {
			return null;
		}
		String column = pick(view.columns);
		String type = (column != null) ? table.columns.get(column) : null;
		String target = (type != null) ? retype(type) : null;
		if (target == null) {
			return null;
		}
		// every plain view on the table, views on views included, in creation order
		List<View> views = this.model.views.values()
			.stream()
			.filter((v) -> !v.materialized && v.table.equals(table.name))
			.toList();
		List<String> statements = new ArrayList<>();
		for (int i = views.size() - 1; i >= 0; i--) {
			statements.add("DROP VIEW " + views.get(i).name);
		}
		statements.add("ALTER TABLE " + table.name + " ALTER COLUMN " + column + " TYPE " + target + " USING " + column
				+ "::" + target);
		views.forEach((v) -> statements.add(v.createSql));
		return step(() -> table.columns.put(column, target), statements.toArray(String[]::new));
	}

	private static @Nullable String retype(String type) {
		return switch (type) {
			case "integer" -> "bigint";
			case "smallint" -> "integer";
			case "varchar(80)" -> "varchar(200)";
			case "varchar(200)" -> "text";
			case "numeric(10,2)" -> "numeric(14,4)";
			case "timestamptz" -> "timestamp";
			case "date" -> "timestamptz";
			case "text" -> "varchar(500)";
			default -> null;
		};
	}

	private @Nullable Step changeNullability() {
		Table table = pickTable();
		String column = (table != null) ? pickColumn(table) : null;
		if (column == null) {
			return null;
		}
		return change(
				"ALTER TABLE " + table.name + " ALTER COLUMN " + column + (chance(2) ? " SET" : " DROP") + " NOT NULL");
	}

	private @Nullable Step changeDefault() {
		Table table = pickTable();
		String column = (table != null) ? pickColumn(table) : null;
		if (column == null) {
			return null;
		}
		String type = table.columns.get(column);
		String expression = switch (type) {
			case "integer", "bigint", "smallint" -> String.valueOf(this.random.nextInt(100));
			case "text", "varchar(80)" -> "'n/a'";
			case "timestamptz", "date", "timestamp" -> "now()";
			case "boolean" -> "false";
			case "jsonb" -> "'[]'::jsonb";
			default -> null;
		};
		if (expression == null || chance(3)) {
			return change("ALTER TABLE " + table.name + " ALTER COLUMN " + column + " DROP DEFAULT");
		}
		return change("ALTER TABLE " + table.name + " ALTER COLUMN " + column + " SET DEFAULT " + expression);
	}

	private @Nullable Step changeIdentity() {
		Table table = pickTable();
		if (table == null) {
			return null;
		}
		return switch (this.random.nextInt(3)) {
			case 0 -> change("ALTER TABLE " + table.name + " ALTER COLUMN id SET GENERATED BY DEFAULT");
			case 1 -> change("ALTER TABLE " + table.name + " ALTER COLUMN id SET INCREMENT BY 5");
			default -> {
				String column = "seq_no_" + next();
				yield step(() -> table.columns.put(column, "integer"),
						"ALTER TABLE " + table.name + " ADD COLUMN " + column + " integer NOT NULL",
						"ALTER TABLE " + table.name + " ALTER COLUMN " + column
								+ " ADD GENERATED ALWAYS AS IDENTITY (START WITH 7)");
			}
		};
	}

	private @Nullable Step addConstraint() {
		Table table = pickTable();
		String column = (table != null) ? pickColumn(table) : null;
		if (column == null) {
			return null;
		}
		String name = unqualified(table.name) + "_" + column + "_" + next();
		String type = table.columns.get(column);
		String definition = switch (this.random.nextInt(6)) {
			case 0 -> "CHECK (" + column + " IS NOT NULL)" + (chance(2) ? " NOT VALID" : "");
			case 1 -> "UNIQUE " + (chance(3) ? "NULLS NOT DISTINCT " : "") + "(" + column + ")"
					+ (chance(3) ? " DEFERRABLE INITIALLY DEFERRED" : "");
			case 2 -> null;
			case 3 -> (type.equals("integer") || type.equals("bigint"))
					? "CHECK (" + column + " > -1000)" + (chance(2) ? " NO INHERIT" : "") : checkWithFunction(column);
			case 4 -> (this.model.ranges.contains(type)) ? "EXCLUDE USING gist (" + column + " WITH &&)"
					: "EXCLUDE USING gist (" + column + " WITH =)"
							+ (chance(2) ? " WHERE (" + column + " IS NOT NULL)" : "");
			default -> "UNIQUE (" + column + ") INCLUDE (id)";
		};
		if (definition == null) {
			return foreignKey(table);
		}
		if (definition.startsWith("EXCLUDE") && !this.model.extensions.contains("btree_gist")) {
			return step(() -> this.model.extensions.add("btree_gist"),
					"CREATE EXTENSION IF NOT EXISTS btree_gist SCHEMA public",
					"ALTER TABLE " + table.name + " ADD CONSTRAINT " + name + " " + definition);
		}
		return step(() -> this.model.constraints.put(name, table.name),
				"ALTER TABLE " + table.name + " ADD CONSTRAINT " + name + " " + definition);
	}

	/**
	 * A reference to another table: a new column of the key's type and its foreign key.
	 */
	private @Nullable Step foreignKey(Table table) {
		Table referenced = pickTable();
		if (referenced == null || !referenced.hasKey || referenced == table) {
			return null;
		}
		String column = unqualified(referenced.name).replaceAll("_\\d+$", "") + "_id_" + next();
		String type = referenced.columns.get("id");
		String name = unqualified(table.name) + "_" + column + "_fkey";
		return step(() -> {
			table.columns.put(column, type);
			this.model.constraints.put(name, table.name);
		}, "ALTER TABLE " + table.name + " ADD COLUMN " + column + " " + type,
				"ALTER TABLE " + table.name + " ADD CONSTRAINT " + name + " FOREIGN KEY (" + column + ") REFERENCES "
						+ referenced.name + " (id)" + fkOptions() + (chance(3) ? " NOT VALID" : ""));
	}

	private String fkOptions() {
		StringBuilder options = new StringBuilder();
		if (chance(2)) {
			options.append(" ON DELETE ").append(pick(new String[] { "CASCADE", "SET NULL", "RESTRICT", "NO ACTION" }));
		}
		if (chance(4)) {
			options.append(" ON UPDATE CASCADE");
		}
		if (chance(4)) {
			options.append(chance(2) ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE INITIALLY IMMEDIATE");
		}
		return options.toString();
	}

	private @Nullable String checkWithFunction(String column) {
		Function function = pick(this.model.functions);
		if (function == null || function.checkTemplate == null) {
			return "CHECK (" + column + " IS DISTINCT FROM NULL)";
		}
		return "CHECK (" + function.checkTemplate.formatted(column) + ")";
	}

	private @Nullable Step dropOrValidateConstraint() {
		String name = pick(this.model.constraints.keySet());
		if (name == null) {
			return null;
		}
		String table = this.model.constraints.get(name);
		if (chance(2)) {
			return change("ALTER TABLE " + table + " VALIDATE CONSTRAINT " + name);
		}
		return step(() -> this.model.constraints.remove(name), "ALTER TABLE " + table + " DROP CONSTRAINT " + name);
	}

	private @Nullable Step createIndex() {
		Table table = pickTable();
		String column = (table != null) ? pickColumn(table) : null;
		if (column == null) {
			return null;
		}
		String type = table.columns.get(column);
		String name = unqualified(table.name) + "_" + column + "_idx" + next();
		String body = switch (this.random.nextInt(8)) {
			case 0 -> "(" + column + " DESC NULLS LAST)";
			case 1 -> "(" + column + ") WHERE " + column + " IS NOT NULL";
			case 2 -> isText(type) ? "(lower(" + column + "::text))" : "((" + column + " IS NULL))";
			case 3 -> "(" + column + ") INCLUDE (id)";
			case 4 -> type.equals("jsonb") ? "USING gin (" + column + " jsonb_path_ops)"
					: type.equals("text[]") ? "USING gin (" + column + ")" : "USING hash (" + column + ")";
			case 5 -> isText(type) ? "(" + column + " text_pattern_ops)" : "USING brin (" + column + ")";
			case 6 -> (isText(type) && this.model.extensions.contains("pg_trgm"))
					? "USING gin (" + column + " public.gin_trgm_ops)" : "(" + column + ", id)";
			default -> "(id, " + column + ")";
		};
		boolean unique = !body.startsWith("USING") && chance(4);
		return step(() -> this.model.indexes.put(name, table.name), "CREATE " + (unique ? "UNIQUE " : "") + "INDEX "
				+ unqualified(name) + " ON " + table.name + " " + body);
	}

	private @Nullable Step dropIndex() {
		String name = pick(this.model.indexes.keySet());
		if (name == null) {
			return null;
		}
		String schema = schemaOf(this.model.indexes.get(name));
		return step(() -> this.model.indexes.remove(name), "DROP INDEX " + schema + "." + unqualified(name));
	}

	private Step createPartitioned() {
		String name = name(schema(), noun() + "_events");
		Table table = new Table(name);
		table.columns.put("id", "bigint");
		table.columns.put("happened_on", "date");
		table.columns.put("region", "text");
		table.columns.put("payload", "jsonb");
		table.partitioned = true;
		List<String> statements = new ArrayList<>();
		boolean byList = chance(3);
		statements.add("CREATE TABLE " + name + " (\n    id bigint NOT NULL,\n    happened_on date NOT NULL,\n"
				+ "    region text NOT NULL,\n    payload jsonb,\n    PRIMARY KEY (id, "
				+ (byList ? "region" : "happened_on") + ")\n) PARTITION BY "
				+ (byList ? "LIST (region)" : "RANGE (happened_on)"));
		int partitions = 1 + this.random.nextInt(3);
		for (int i = 0; i < partitions; i++) {
			statements.add(partition(table, byList));
		}
		if (chance(2)) {
			statements.add("CREATE INDEX " + unqualified(name) + "_payload_idx ON " + name + " USING gin (payload)");
		}
		if (chance(3)) {
			statements.add("CREATE TABLE " + name + "_default PARTITION OF " + name + " DEFAULT");
		}
		table.byList = byList;
		return step(() -> this.model.tables.put(name, table), statements.toArray(String[]::new));
	}

	private String partition(Table table, boolean byList) {
		int index = table.partitions++;
		String partition = table.name + "_p" + index;
		table.partitionNames.add(partition);
		int year = 2020 + index;
		String bound = byList ? "FOR VALUES IN ('region_" + index + "')"
				: "FOR VALUES FROM ('" + year + "-01-01') TO ('" + (year + 1) + "-01-01')";
		table.bounds.put(partition, bound);
		return "CREATE TABLE " + partition + " PARTITION OF " + table.name + " " + bound;
	}

	private @Nullable Step changePartitions() {
		Table table = pick(this.model.tables.values().stream().filter((t) -> t.partitioned).toList());
		if (table == null) {
			return null;
		}
		if (chance(2) || table.partitionNames.isEmpty()) {
			return change(partition(table, table.byList));
		}
		if (!table.detached.isEmpty() && chance(2)) {
			// a detached partition comes back: ATTACH PARTITION of an existing table
			String detached = pick(table.detached);
			return step(() -> {
				table.detached.remove(detached);
				table.partitionNames.add(detached);
			}, "ALTER TABLE " + table.name + " ATTACH PARTITION " + detached + " " + table.bounds.get(detached));
		}
		String partition = pick(table.partitionNames);
		if (chance(2)) {
			return step(() -> table.partitionNames.remove(partition), "DROP TABLE " + partition);
		}
		return step(() -> {
			table.partitionNames.remove(partition);
			table.detached.add(partition);
		}, "ALTER TABLE " + table.name + " DETACH PARTITION " + partition);
	}

	private @Nullable Step createChildTable() {
		Table parent = pick(this.model.tables.values().stream().filter((t) -> !t.partitioned).toList());
		if (parent == null) {
			return null;
		}
		String name = name(schemaOf(parent.name), "archived_" + unqualified(parent.name));
		return step(() -> {
			Table child = new Table(name);
			child.columns.putAll(parent.columns);
			child.columns.put("archived_at", "timestamptz");
			this.model.tables.put(name, child);
		}, "CREATE TABLE " + name + " (archived_at timestamptz NOT NULL DEFAULT now()) INHERITS (" + parent.name + ")");
	}

	private @Nullable Step changePersistence() {
		Table table = pickTable();
		if (table == null || table.partitioned) {
			return null;
		}
		return change("ALTER TABLE " + table.name + (chance(2) ? " SET UNLOGGED" : " SET LOGGED"));
	}

	// ---- views ----

	private @Nullable Step createView() {
		Table table = pickTable();
		if (table == null || table.columns.isEmpty()) {
			return null;
		}
		String name = name(schema(), "v_" + unqualified(table.name));
		List<String> columns = new ArrayList<>(
				new LinkedHashSet<>(List.of(pickColumn(table, "id"), pickColumn(table, "id"))));
		View base = pick(this.model.views.values().stream().filter((v) -> !v.materialized).toList());
		View view;
		if (base != null && chance(3)) {
			// a view on a view: dropping or changing the inner one must handle the outer
			view = new View(name, base.table, List.of(base.columns.get(0)), false, "CREATE VIEW " + name + " AS SELECT "
					+ base.columns.get(0) + ", count(*) AS n FROM " + base.name + " GROUP BY " + base.columns.get(0));
		}
		else {
			String options = chance(4) ? " WITH (security_barrier = true)"
					: chance(4) ? " WITH (security_invoker = true)" : "";
			String where = chance(3) ? " WHERE " + columns.get(0) + " IS NOT NULL" : "";
			view = new View(name, table.name, columns, false, "CREATE VIEW " + name + options + " AS SELECT "
					+ String.join(", ", columns) + " FROM " + table.name + where);
		}
		return step(() -> this.model.views.put(name, view), view.createSql);
	}

	private @Nullable Step replaceView() {
		View view = pick(this.model.views.values().stream().filter((v) -> !v.materialized).toList());
		Table table = (view != null) ? this.model.tables.get(view.table) : null;
		if (table == null || !view.createSql.contains(" FROM " + table.name)) {
			return null;
		}
		String extra = pickColumn(table, "id");
		if (view.columns.contains(extra)) {
			return null;
		}
		List<String> columns = new ArrayList<>(view.columns);
		columns.add(extra);
		View replaced = new View(view.name, view.table, columns, false,
				view.createSql.replaceFirst("^CREATE VIEW", "CREATE OR REPLACE VIEW")
					.replace(" AS SELECT " + String.join(", ", view.columns) + " FROM",
							" AS SELECT " + String.join(", ", columns) + " FROM"));
		return step(() -> this.model.views.put(view.name, replaced.asCreate()), replaced.createSql);
	}

	private @Nullable Step dropView() {
		View view = pick(new ArrayList<>(this.model.views.values()));
		if (view == null) {
			return null;
		}
		return step(() -> this.model.views.remove(view.name),
				"DROP " + (view.materialized ? "MATERIALIZED VIEW " : "VIEW ") + view.name);
	}

	private @Nullable Step createMaterializedView() {
		Table table = pickTable();
		if (table == null) {
			return null;
		}
		String name = name(schema(), "mv_" + unqualified(table.name) + "_stats");
		String column = pickColumn(table, "id");
		View view = new View(name, table.name, List.of(column), true,
				"CREATE MATERIALIZED VIEW " + name + " AS SELECT " + column + ", count(*) AS total FROM " + table.name
						+ " GROUP BY " + column + (chance(3) ? " WITH NO DATA" : ""));
		return step(() -> this.model.views.put(name, view), view.createSql,
				"CREATE UNIQUE INDEX " + unqualified(name) + "_key ON " + name + " (" + column + ")");
	}

	// ---- routines ----

	private Step createFunction() {
		String schema = schema();
		return switch (this.random.nextInt(5)) {
			case 0 -> {
				String name = name(schema, "normalize_code");
				Function function = new Function(name, "(text)", false, name + "(%s::text) IS NOT NULL");
				yield step(() -> this.model.functions.add(function), "CREATE FUNCTION " + name
						+ "(value text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT upper(trim(value)) $$");
			}
			case 1 -> {
				String name = name(schema, "new_reference");
				Function function = new Function(name, "()", true, null);
				yield step(() -> this.model.functions.add(function), "CREATE FUNCTION " + name
						+ "() RETURNS text LANGUAGE plpgsql VOLATILE AS $$\nBEGIN\n    RETURN 'ref-' || md5(random()::text);\nEND;\n$$");
			}
			case 2 -> {
				String name = name(schema, "orders_between");
				Function function = new Function(name, "(date, date)", false, null);
				yield step(() -> this.model.functions.add(function),
						"CREATE FUNCTION " + name
								+ "(since date, until date DEFAULT current_date, OUT days integer, OUT label text)"
								+ " LANGUAGE sql STABLE AS $$ SELECT (until - since), 'days' $$");
			}
			case 3 -> {
				String name = name(schema, "secure_lookup");
				Function function = new Function(name, "(bigint)", false, null);
				yield step(() -> this.model.functions.add(function), "CREATE FUNCTION " + name
						+ "(key bigint) RETURNS TABLE (k bigint, found boolean) LANGUAGE plpgsql STABLE SECURITY DEFINER"
						+ " SET search_path = pg_catalog, pg_temp COST 50 ROWS 10 AS $$\nBEGIN\n    RETURN QUERY SELECT key, key > 0;\nEND;\n$$");
			}
			default -> {
				String name = name(schema, "is_positive");
				Function function = new Function(name, "(numeric)", false, name + "(%s::text::numeric)");
				yield step(() -> this.model.functions.add(function), "CREATE FUNCTION " + name
						+ "(numeric) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1 > 0'");
			}
		};
	}

	private @Nullable Step replaceFunction() {
		Function function = pick(this.model.functions);
		if (function == null || !function.signature.equals("(text)")) {
			return (function != null && function.signature.equals("()")) ? change("CREATE OR REPLACE FUNCTION "
					+ function.name
					+ "() RETURNS text LANGUAGE plpgsql VOLATILE AS $$\nBEGIN\n    RETURN 'ref2-' || gen_random_uuid();\nEND;\n$$")
					: null;
		}
		return change("CREATE OR REPLACE FUNCTION " + function.name
				+ "(value text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT lower(trim(value)) $$");
	}

	private @Nullable Step alterFunction() {
		Function function = pick(this.model.functions);
		if (function == null) {
			return null;
		}
		String change = pick(new String[] { "SET work_mem = '8MB'", "RESET ALL", "COST 200", "LEAKPROOF",
				"SECURITY INVOKER", "PARALLEL RESTRICTED" });
		return change("ALTER FUNCTION " + function.name + function.signature + " " + change);
	}

	private @Nullable Step createProcedure() {
		Table table = pickTable();
		if (table == null) {
			return null;
		}
		String name = name(schema(), "purge_" + unqualified(table.name));
		return change(
				"CREATE PROCEDURE " + name + "(keep integer DEFAULT 30) LANGUAGE plpgsql AS $$\nBEGIN\n    DELETE FROM "
						+ table.name + " WHERE false;\n    COMMIT;\nEND;\n$$");
	}

	private Step createAggregate() {
		String schema = schema();
		String name = name(schema, "sum_positive");
		String function = schema + ".sum_positive_step_" + next();
		return change("CREATE FUNCTION " + function
				+ "(state numeric, value numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS 'SELECT state + greatest(value, 0)'",
				"CREATE AGGREGATE " + name + "(numeric) (sfunc = " + function + ", stype = numeric, initcond = '0'"
						+ (chance(2) ? ", combinefunc = " + function + ", parallel = safe" : "") + ")");
	}

	private @Nullable Step createTrigger() {
		Table table = pickTable();
		if (table == null) {
			return null;
		}
		String schema = schemaOf(table.name);
		String function = name(schema, "on_" + unqualified(table.name) + "_change");
		String trigger = unqualified(table.name) + "_audit_" + next();
		List<String> statements = new ArrayList<>();
		statements.add("CREATE FUNCTION " + function
				+ "() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n    IF TG_OP = 'DELETE' THEN\n        RETURN OLD;\n"
				+ "    END IF;\n    RETURN NEW;\nEND;\n$$");
		String column = pickColumn(table);
		String create = switch (this.random.nextInt(5)) {
			case 0 -> "CREATE TRIGGER " + trigger + " BEFORE INSERT OR UPDATE ON " + table.name
					+ " FOR EACH ROW EXECUTE FUNCTION " + function + "()";
			case 1 -> "CREATE TRIGGER " + trigger + " AFTER UPDATE" + ((column != null) ? " OF " + column : "") + " ON "
					+ table.name + " FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION " + function
					+ "()";
			case 2 -> "CREATE TRIGGER " + trigger + " AFTER INSERT ON " + table.name
					+ " REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION " + function + "()";
			case 3 -> "CREATE CONSTRAINT TRIGGER " + trigger + " AFTER INSERT OR DELETE ON " + table.name
					+ " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION " + function + "()";
			default -> "CREATE TRIGGER " + trigger + " BEFORE TRUNCATE ON " + table.name
					+ " FOR EACH STATEMENT EXECUTE FUNCTION " + function + "()";
		};
		statements.add(create);
		return step(() -> this.model.triggers.put(trigger, table.name), statements.toArray(String[]::new));
	}

	private @Nullable Step changeTrigger() {
		String trigger = pick(this.model.triggers.keySet());
		if (trigger == null) {
			return null;
		}
		String table = this.model.triggers.get(trigger);
		return switch (this.random.nextInt(3)) {
			case 0 -> change("ALTER TABLE " + table + " DISABLE TRIGGER " + trigger);
			case 1 -> change("ALTER TABLE " + table + " ENABLE REPLICA TRIGGER " + trigger);
			default -> step(() -> this.model.triggers.remove(trigger), "DROP TRIGGER " + trigger + " ON " + table);
		};
	}

	private @Nullable Step createRule() {
		Table table = pickTable();
		if (table == null || table.partitioned) {
			return null;
		}
		String rule = unqualified(table.name) + "_rule_" + next();
		return change(chance(2)
				? "CREATE RULE " + rule + " AS ON DELETE TO " + table.name + " WHERE old.id < 0 DO INSTEAD NOTHING"
				: "CREATE RULE " + rule + " AS ON UPDATE TO " + table.name + " DO ALSO NOTIFY "
						+ unqualified(table.name) + "_changed");
	}

	private @Nullable Step rowLevelSecurity() {
		Table table = pickTable();
		if (table == null) {
			return null;
		}
		return switch (this.random.nextInt(4)) {
			case 0 -> change("ALTER TABLE " + table.name + " ENABLE ROW LEVEL SECURITY");
			case 1 -> change("ALTER TABLE " + table.name + " FORCE ROW LEVEL SECURITY");
			case 2 -> {
				String policy = unqualified(table.name) + "_policy_" + next();
				yield step(() -> this.model.policies.put(policy, table.name),
						"CREATE POLICY " + policy + " ON " + table.name + (chance(3) ? " AS RESTRICTIVE" : "") + " FOR "
								+ pick(new String[] { "ALL", "SELECT", "INSERT", "UPDATE", "DELETE" }) + " TO "
								+ pick(new String[] { "PUBLIC", ROLES.get(0), ROLES.get(0) + ", " + ROLES.get(1) })
								+ " USING (id IS NOT NULL)");
			}
			default -> {
				String policy = pick(this.model.policies.keySet());
				yield (policy != null) ? change(
						"ALTER POLICY " + policy + " ON " + this.model.policies.get(policy) + " TO " + ROLES.get(1))
						: null;
			}
		};
	}

	private @Nullable Step createStatistics() {
		Table table = pickTable();
		if (table == null || table.columns.size() < 2) {
			return null;
		}
		List<String> columns = new ArrayList<>(table.columns.keySet());
		String name = schemaOf(table.name) + "." + unqualified(table.name) + "_stats_" + next();
		return change("CREATE STATISTICS " + name + (chance(2) ? " (dependencies, ndistinct)" : "") + " ON "
				+ columns.get(0) + ", " + columns.get(columns.size() - 1) + " FROM " + table.name);
	}

	private @Nullable Step comment() {
		Table table = pickTable();
		String text = literal(pick(new String[] { "Owned by the payments team", "One row per order line",
				"Kept for audits; see the runbook", "Do not write directly", "Deprecated" }) + " " + next());
		int kind = this.random.nextInt(7);
		if (kind == 0 && table != null) {
			return change("COMMENT ON TABLE " + table.name + " IS " + text);
		}
		if (kind == 1 && table != null && pickColumn(table) != null) {
			return change(
					"COMMENT ON COLUMN " + table.name + "." + pickColumn(table) + " IS " + (chance(4) ? "NULL" : text));
		}
		if (kind == 2 && !this.model.enums.isEmpty()) {
			return change("COMMENT ON TYPE " + pick(this.model.enums.keySet()) + " IS " + text);
		}
		if (kind == 3 && !this.model.functions.isEmpty()) {
			Function function = pick(this.model.functions);
			return change("COMMENT ON FUNCTION " + function.name + function.signature + " IS " + text);
		}
		if (kind == 4 && !this.model.views.isEmpty()) {
			View view = pick(new ArrayList<>(this.model.views.values()));
			return change(
					"COMMENT ON " + (view.materialized ? "MATERIALIZED VIEW " : "VIEW ") + view.name + " IS " + text);
		}
		if (kind == 5 && !this.model.indexes.isEmpty()) {
			String index = pick(this.model.indexes.keySet());
			return change("COMMENT ON INDEX " + schemaOf(this.model.indexes.get(index)) + "." + unqualified(index)
					+ " IS " + text);
		}
		if (kind == 6 && !this.model.constraints.isEmpty()) {
			String constraint = pick(this.model.constraints.keySet());
			return change("COMMENT ON CONSTRAINT " + constraint + " ON " + this.model.constraints.get(constraint)
					+ " IS " + text);
		}
		if (!this.model.triggers.isEmpty()) {
			String trigger = pick(this.model.triggers.keySet());
			return change("COMMENT ON TRIGGER " + trigger + " ON " + this.model.triggers.get(trigger) + " IS " + text);
		}
		return change("COMMENT ON SCHEMA " + schema() + " IS " + text);
	}

	private Step extension() {
		String extension = pick(EXTENSIONS);
		if (this.model.extensions.contains(extension)) {
			return step(() -> this.model.extensions.remove(extension), "DROP EXTENSION " + extension);
		}
		return step(() -> this.model.extensions.add(extension),
				"CREATE EXTENSION IF NOT EXISTS " + extension + " SCHEMA public");
	}

	private @Nullable Step dropSomething() {
		int kind = this.random.nextInt(5);
		Table table = pickTable();
		String enumType = pick(this.model.enums.keySet());
		Function function = pick(this.model.functions);
		String sequence = pick(this.model.sequences);
		String domain = pick(this.model.domains.keySet());
		if (kind == 0 && table != null) {
			return step(() -> this.model.tables.remove(table.name), "DROP TABLE " + table.name);
		}
		if (kind == 1 && enumType != null) {
			return step(() -> this.model.enums.remove(enumType), "DROP TYPE " + enumType);
		}
		if (kind == 2 && function != null) {
			return step(() -> this.model.functions.remove(function),
					"DROP FUNCTION " + function.name + function.signature);
		}
		if (kind == 3 && sequence != null) {
			return step(() -> this.model.sequences.remove(sequence), "DROP SEQUENCE " + sequence);
		}
		if (kind == 4 && domain != null) {
			return step(() -> this.model.domains.remove(domain), "DROP DOMAIN " + domain);
		}
		return null;
	}

	// ---- helpers ----

	private Step change(String... statements) {
		return step(() -> {
		}, statements);
	}

	private Step step(Runnable onSuccess, String... statements) {
		return new Step(List.of(statements), onSuccess);
	}

	private String schema() {
		return chance(4) ? SCHEMAS.get(1) : SCHEMAS.get(0);
	}

	private String name(String schema, String base) {
		return schema + "." + base + "_" + next();
	}

	private int next() {
		return ++this.counter;
	}

	private String noun() {
		return pick(NOUNS);
	}

	private boolean chance(int oneIn) {
		return this.random.nextInt(oneIn) == 0;
	}

	private <T> T pick(T[] values) {
		return values[this.random.nextInt(values.length)];
	}

	private <T> @Nullable T pick(Iterable<T> values) {
		List<T> list = new ArrayList<>();
		values.forEach(list::add);
		return list.isEmpty() ? null : list.get(this.random.nextInt(list.size()));
	}

	private @Nullable Table pickTable() {
		return pick(this.model.tables.values());
	}

	private @Nullable String pickColumn(Table table) {
		return pick(table.columns.keySet().stream().filter((column) -> !column.equals("id")).toList());
	}

	private String pickColumn(Table table, String fallback) {
		String column = pickColumn(table);
		return (column != null) ? column : fallback;
	}

	private static boolean isText(String type) {
		return type.equals("text") || type.startsWith("varchar");
	}

	private static String unqualified(String name) {
		return name.substring(name.indexOf('.') + 1);
	}

	private static String schemaOf(String name) {
		return name.substring(0, name.indexOf('.'));
	}

	private static String literal(String text) {
		return "'" + text.replace("'", "''") + "'";
	}

	/** What the generator believes exists; plausible, not exact (the server decides). */
	private static final class Model {

		final Map<String, Table> tables = new LinkedHashMap<>();

		final Map<String, List<String>> enums = new LinkedHashMap<>();

		final Map<String, String> domains = new LinkedHashMap<>();

		final List<String> composites = new ArrayList<>();

		final List<String> ranges = new ArrayList<>();

		final List<String> collations = new ArrayList<>();

		final List<String> sequences = new ArrayList<>();

		final Map<String, View> views = new LinkedHashMap<>();

		final List<Function> functions = new ArrayList<>();

		final Map<String, String> constraints = new LinkedHashMap<>();

		final Map<String, String> indexes = new LinkedHashMap<>();

		final Map<String, String> triggers = new LinkedHashMap<>();

		final Map<String, String> policies = new LinkedHashMap<>();

		final Set<String> extensions = new LinkedHashSet<>();

	}

	private static final class Table {

		final String name;

		final Map<String, String> columns = new LinkedHashMap<>();

		final List<String> partitionNames = new ArrayList<>();

		final List<String> detached = new ArrayList<>();

		final Map<String, String> bounds = new HashMap<>();

		boolean hasKey;

		boolean partitioned;

		boolean byList;

		int partitions;

		Table(String name) {
			this.name = name;
		}

	}

	private record Column(String name, String type, String definition) {
	}

	private record View(String name, String table, List<String> columns, boolean materialized, String createSql) {

		View asCreate() {
			return new View(this.name, this.table, this.columns, this.materialized,
					this.createSql.replaceFirst("^CREATE OR REPLACE VIEW", "CREATE VIEW"));
		}

	}

	private record Function(String name, String signature, boolean usableInDefault, @Nullable String checkTemplate) {
	}

	private record Step(List<String> statements, Runnable onSuccess) {
	}

}
