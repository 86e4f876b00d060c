package dev.hoist.core.internal.lint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.hoist.core.internal.MigrationFileException;
import dev.hoist.core.internal.SqlMigrationParser;
import dev.hoist.core.internal.SqlStatement;
import dev.hoist.core.internal.lint.AlterAction.AddColumn;
import dev.hoist.core.internal.lint.AlterAction.AddConstraint;
import dev.hoist.core.internal.lint.AlterAction.AlterColumnType;
import dev.hoist.core.internal.lint.AlterAction.Move;
import dev.hoist.core.internal.lint.AlterAction.RenameColumn;
import dev.hoist.core.internal.lint.AlterAction.ValidateConstraint;
import dev.hoist.core.internal.lint.ConstraintDefinition.Kind;
import dev.hoist.core.lint.Finding;
import org.jspecify.annotations.Nullable;

/**
 * Runs the rules over migration files in order. What one file teaches (column types,
 * validated NOT NULL checks, function volatility) informs the files after it; what one
 * migration creates is new only within that migration.
 */
final class Linter {

	private static final Pattern ALLOW = Pattern.compile(
			"^\\s*hoist:allow\\b\\s*([^\\s,]*(?:\\s*,\\s*[^\\s,]+)*)\\s*(.*?)\\s*(\\*/)?\\s*$",
			Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

	private static final Pattern LINE = Pattern.compile("line (\\d+)");

	private static final Set<String> VOLATILE_FUNCTIONS = Set.of("random", "random_normal", "gen_random_uuid",
			"uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4", "uuidv4", "uuidv7", "clock_timestamp",
			"timeofday", "nextval", "setval", "currval", "lastval", "gen_random_bytes", "gen_salt", "crypt");

	/**
	 * Built-in functions and function-like keywords a default commonly calls that are
	 * immutable or stable: evaluated once for the whole table, so no rewrite.
	 */
	private static final Set<String> NON_VOLATILE_FUNCTIONS = Set.of("now", "transaction_timestamp",
			"statement_timestamp", "timezone", "current_setting", "current_date", "current_time", "current_timestamp",
			"localtime", "localtimestamp", "current_user", "current_schema", "session_user", "txid_current",
			"pg_current_xact_id", "cast", "coalesce", "nullif", "greatest", "least", "row", "array", "extract",
			"substring", "position", "overlay", "trim", "lower", "upper", "initcap", "length", "char_length",
			"octet_length", "concat", "concat_ws", "replace", "left", "right", "lpad", "rpad", "btrim", "ltrim",
			"rtrim", "md5", "sha256", "encode", "decode", "format", "to_char", "to_date", "to_timestamp", "to_number",
			"to_json", "to_jsonb", "json_build_object", "jsonb_build_object", "json_build_array", "jsonb_build_array",
			"json_object", "jsonb_object", "array_to_json", "row_to_json", "make_date", "make_time", "make_timestamp",
			"make_timestamptz", "make_interval", "date_trunc", "date_part", "date_bin", "age", "abs", "round", "floor",
			"ceil", "ceiling", "trunc", "mod", "power", "sqrt", "int4range", "int8range", "numrange", "tsrange",
			"tstzrange", "daterange", "point", "inet", "cidr", "uuid", "uuid_nil", "uuid_ns_url", "array_fill",
			"string_to_array", "array_length", "cardinality", "to_tsvector", "setweight", "numeric", "int4", "int8",
			"text", "varchar", "bool", "float8", "timestamptz", "date", "interval", "jsonb", "json", "regclass",
			"pg_backend_pid", "inet_client_addr", "version");

	private final LintOptions options;

	/** table name -> column name -> type, from every file seen so far. */
	private final Map<String, Map<String, TypeName>> columnTypes = new HashMap<>();

	/** table name -> columns with a validated CHECK (col IS NOT NULL). */
	private final Map<String, Set<String>> validatedNotNull = new HashMap<>();

	/** constraint name -> table and column of a NOT VALID CHECK (col IS NOT NULL). */
	private final Map<String, String[]> pendingNotNull = new HashMap<>();

	/** tables with a validated check constraint, which ATTACH PARTITION can use. */
	private final Set<String> checkedTables = new HashSet<>();

	/** function name -> whether it is volatile. */
	private final Map<String, Boolean> functions = new HashMap<>();

	private final List<Finding> findings = new ArrayList<>();

	Linter(LintOptions options) {
		this.options = options;
	}

	List<Finding> findings() {
		return this.findings;
	}

	LintOptions options() {
		return this.options;
	}

	@Nullable TypeName columnType(ObjectName table, String column) {
		Map<String, TypeName> types = this.columnTypes.get(table.name());
		return (types != null) ? types.get(column) : null;
	}

	boolean hasValidatedNotNull(ObjectName table, String column) {
		Set<String> columns = this.validatedNotNull.get(table.name());
		return columns != null && columns.contains(column);
	}

	boolean hasValidatedCheck(ObjectName table) {
		return this.checkedTables.contains(table.name());
	}

	boolean isKnownVolatile(String function) {
		Boolean declared = this.functions.get(function);
		return (declared != null) ? declared : VOLATILE_FUNCTIONS.contains(function);
	}

	/**
	 * Return whether a function may be volatile: as declared when a linted migration
	 * created it, otherwise volatile unless it is a known immutable or stable built-in
	 * (PostgreSQL's own default for a function is VOLATILE).
	 * @param function the function's name, without its schema
	 * @return whether it may be volatile
	 */
	boolean isVolatile(String function) {
		Boolean declared = this.functions.get(function);
		if (declared != null) {
			return declared;
		}
		return VOLATILE_FUNCTIONS.contains(function) || !NON_VOLATILE_FUNCTIONS.contains(function);
	}

	void lint(String script, String text) {
		SqlMigrationParser.Sections parsed;
		try {
			parsed = SqlMigrationParser.parseLeniently(script, text);
		}
		catch (MigrationFileException ex) {
			Matcher line = LINE.matcher(ex.getMessage());
			this.findings.add(new Finding(Rule.INVALID_MIGRATION.id(), Rule.INVALID_MIGRATION.severity(), script,
					line.find() ? Integer.parseInt(line.group(1)) : 1, "", null, null, false, ex.getMessage(),
					"Fix the file as the message says; Hoist refuses to run it as it is.", null));
			return;
		}
		List<Run> runs = new ArrayList<>();
		List<Finding> fileFindings = new ArrayList<>();
		section(script, parsed.up(), true, runs, fileFindings);
		if (parsed.down() != null) {
			section(script, parsed.down(), this.options.includeDown(), runs, fileFindings);
		}
		if (mayBeRefused(runs)) {
			strictParse(script, text, fileFindings);
		}
		applySuppressions(script, text, runs, fileFindings);
		this.findings.addAll(fileFindings);
	}

	private void section(String script, SqlMigrationParser.Section section, boolean check, List<Run> runs,
			List<Finding> out) {
		MigrationState state = new MigrationState(section.transactional());
		for (SqlStatement statement : section.statements()) {
			List<Token> all = SqlLexer.tokenize(statement.sql(), statement.line());
			List<Token> tokens = new ArrayList<>(all.size());
			for (Token token : all) {
				if (token.kind() != Token.Kind.COMMENT) {
					tokens.add(token);
				}
			}
			int endLine = statement.line();
			for (int i = 0; i < statement.sql().length(); i++) {
				if (statement.sql().charAt(i) == '\n') {
					endLine++;
				}
			}
			Run run = new Run(script, statement, tokens, StatementParser.parse(statement.sql(), tokens), state, endLine,
					check);
			runs.add(run);
			if (check) {
				new Checks(this, run, out).check();
			}
			learn(run);
		}
		if (check && state.explicit) {
			out.add(new Finding(Rule.UNCOMMITTED_TRANSACTION.id(), Rule.UNCOMMITTED_TRANSACTION.severity(), script,
					state.explicitLine, state.explicitStatement, null, null, false,
					"the section ends inside the transaction this BEGIN opens: what it did is rolled back, or left"
							+ " open on Hoist's connection",
					state.explicitStatement + ";\n-- the statements\nCOMMIT;", null));
		}
	}

	/**
	 * Return whether a statement may be one that Hoist's validation refuses and the rules
	 * do not cover, so that the file is worth parsing again strictly.
	 */
	private static boolean mayBeRefused(List<Run> runs) {
		for (Run run : runs) {
			if (run.statement().sql().startsWith("\\")) {
				return true;
			}
			Statement statement = run.parsed();
			if (run.state().transactional && (statement instanceof Statement.Transaction
					|| statement instanceof Statement.Vacuum
					|| (statement instanceof Statement.Drop drop
							&& (drop.kind().equals("database") || drop.kind().equals("tablespace")))
					|| (statement instanceof Statement.Other other
							&& (other.what().startsWith("create database") || other.what().startsWith("alter system")
									|| other.what().startsWith("create tablespace"))))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Report what Hoist's own validation refuses and no rule covers (transaction control
	 * in a transactional section, psql meta-commands, VACUUM in a transaction).
	 */
	private void strictParse(String script, String text, List<Finding> fileFindings) {
		String problem;
		try {
			// a down section's problem is kept apart rather than thrown
			problem = SqlMigrationParser.parse(script, text).downProblem();
		}
		catch (MigrationFileException ex) {
			problem = ex.getMessage();
		}
		if (problem != null) {
			Matcher matcher = LINE.matcher(problem);
			int line = matcher.find() ? Integer.parseInt(matcher.group(1)) : 1;
			for (Finding finding : fileFindings) {
				if (finding.line() == line && (finding.rule().equals(Rule.CONCURRENTLY_IN_TRANSACTION.id())
						|| finding.rule().equals(Rule.VACUUM_FULL.id()))) {
					return;
				}
			}
			fileFindings.add(new Finding(Rule.INVALID_MIGRATION.id(), Rule.INVALID_MIGRATION.severity(), script, line,
					"", null, null, false, problem,
					"Fix the file as the message says; Hoist refuses to run it as it is.", null));
		}
	}

	// what the statement teaches the statements after it

	private void learn(Run run) {
		Statement statement = run.parsed();
		MigrationState state = run.state();
		if (statement instanceof Statement.CreateTable create) {
			state.created.add(create.table());
			Map<String, TypeName> types = this.columnTypes.computeIfAbsent(create.table().name(),
					(name) -> new HashMap<>());
			types.clear();
			for (ColumnDefinition column : create.columns()) {
				if (column.type() != null) {
					types.put(column.name(), column.type());
				}
				if (column.notNull() || column.primaryKey()) {
					this.validatedNotNull.computeIfAbsent(create.table().name(), (name) -> new HashSet<>())
						.add(column.name());
				}
			}
			for (ConstraintDefinition constraint : create.constraints()) {
				learnConstraint(create.table(), constraint);
			}
		}
		else if (statement instanceof Statement.CreateRelation create) {
			state.created.add(create.relation());
		}
		else if (statement instanceof Statement.CreateDomain create) {
			// a domain shares its namespace with tables' row types: no name is both
			state.created.add(create.domain());
		}
		else if (statement instanceof Statement.CreateIndex index && index.name() != null) {
			state.created.add(new ObjectName(index.table().schema(), index.name()));
		}
		else if (statement instanceof Statement.Transaction transaction && !state.transactional) {
			if (transaction.begin()) {
				state.explicit = true;
				state.explicitLine = run.line();
				state.explicitStatement = run.statement().sql();
			}
			else {
				state.endExplicitTransaction();
			}
		}
		else if (statement instanceof Statement.CreateFunction function) {
			this.functions.put(function.name().name(), function.isVolatile());
		}
		else if (statement instanceof Statement.Setting setting) {
			if ((setting.name().equals("lock_timeout") || setting.name().equals("all"))
					&& (!setting.local() || state.inTransaction())) {
				String value = setting.value();
				state.lockTimeout = value != null && !value.strip().equals("0") && !value.strip().equals("0s");
				state.lockTimeoutLocal = setting.local() && !state.transactional;
			}
			if (setting.name().equals("timezone") && (!setting.local() || state.inTransaction())) {
				String value = setting.value();
				state.utc = value != null && (value.equalsIgnoreCase("utc") || value.equalsIgnoreCase("etc/utc")
						|| value.equalsIgnoreCase("z") || value.equals("0") || value.equalsIgnoreCase("gmt"));
			}
		}
		else if (statement instanceof Statement.AlterTable alter && alter.table() != null) {
			String table = alter.table().name();
			for (AlterAction action : alter.actions()) {
				if (action instanceof AddColumn add && add.column().type() != null) {
					this.columnTypes.computeIfAbsent(table, (name) -> new HashMap<>())
						.put(add.column().name(), add.column().type());
				}
				else if (action instanceof AlterColumnType change) {
					this.columnTypes.computeIfAbsent(table, (name) -> new HashMap<>())
						.put(change.column(), change.type());
				}
				else if (action instanceof AddConstraint add) {
					learnConstraint(alter.table(), add.constraint());
					if (add.constraint().notValid() && state.inTransaction()) {
						state.notValid.put(constraintKey(alter.table(), add.constraint().name()), run.line());
					}
				}
				else if (action instanceof ValidateConstraint validate) {
					String[] pending = this.pendingNotNull.remove(validate.name());
					if (pending != null) {
						this.validatedNotNull.computeIfAbsent(pending[0], (name) -> new HashSet<>()).add(pending[1]);
					}
					this.checkedTables.add(table);
				}
				else if (action instanceof RenameColumn rename) {
					Map<String, TypeName> types = this.columnTypes.get(table);
					if (types != null && types.containsKey(rename.from())) {
						types.put(rename.to(), types.remove(rename.from()));
					}
				}
				else if (action instanceof Move move && !move.setSchema()) {
					Map<String, TypeName> types = this.columnTypes.remove(table);
					if (types != null) {
						this.columnTypes.put(move.to(), types);
					}
					if (state.isCreated(alter.table())) {
						state.created.add(new ObjectName(alter.table().schema(), move.to()));
					}
				}
			}
		}
		else if (statement instanceof Statement.AddEnumValue add && state.inTransaction()) {
			state.enumValues.put(add.label(), run.line());
		}
		LockTaken lock = lockOf(statement);
		if (lock != null && state.inTransaction() && lock.level().blocksWrites() && !state.isCreated(lock.relation())) {
			state.locks.add(new HeldLock(lock.relation(), lock.level(), run.line()));
		}
	}

	private void learnConstraint(ObjectName table, ConstraintDefinition constraint) {
		String column = constraint.notNullCheckColumn();
		if (column != null) {
			if (constraint.notValid()) {
				if (constraint.name() != null) {
					this.pendingNotNull.put(constraint.name(), new String[] { table.name(), column });
				}
			}
			else {
				this.validatedNotNull.computeIfAbsent(table.name(), (name) -> new HashSet<>()).add(column);
			}
		}
		if (constraint.kind() == Kind.CHECK && !constraint.notValid()) {
			this.checkedTables.add(table.name());
		}
	}

	private static String constraintKey(ObjectName table, @Nullable String name) {
		return table.name() + "/" + name;
	}

	/**
	 * Return the strongest lock a statement takes on a relation that may exist already.
	 * @param statement the statement
	 * @return the lock, or {@code null} when it takes none worth knowing
	 */
	static @Nullable LockTaken lockOf(Statement statement) {
		if (statement instanceof Statement.CreateIndex index) {
			return new LockTaken(index.table(),
					index.concurrently() ? LockLevel.SHARE_UPDATE_EXCLUSIVE : LockLevel.SHARE);
		}
		if (statement instanceof Statement.Drop drop && !drop.names().isEmpty()) {
			return switch (drop.kind()) {
				case "table", "index", "view", "materialized view", "foreign table", "sequence" ->
					new LockTaken(drop.names().get(0),
							drop.concurrently() ? LockLevel.SHARE_UPDATE_EXCLUSIVE : LockLevel.ACCESS_EXCLUSIVE);
				default -> null;
			};
		}
		if (statement instanceof Statement.AlterTable alter && alter.table() != null) {
			return new LockTaken(alter.table(), alter.lock());
		}
		if (statement instanceof Statement.CreateTable create) {
			if (create.partitionOf() != null) {
				return new LockTaken(create.partitionOf(), LockLevel.ACCESS_EXCLUSIVE);
			}
			if (!create.references().isEmpty()) {
				return new LockTaken(create.references().get(0), LockLevel.SHARE_ROW_EXCLUSIVE);
			}
			return null;
		}
		if (statement instanceof Statement.Vacuum vacuum && !vacuum.tables().isEmpty()) {
			return new LockTaken(vacuum.tables().get(0),
					vacuum.full() ? LockLevel.ACCESS_EXCLUSIVE : LockLevel.SHARE_UPDATE_EXCLUSIVE);
		}
		if (statement instanceof Statement.Cluster cluster && cluster.table() != null) {
			return new LockTaken(cluster.table(), LockLevel.ACCESS_EXCLUSIVE);
		}
		if (statement instanceof Statement.Reindex reindex && reindex.name() != null
				&& (reindex.kind().equals("index") || reindex.kind().equals("table"))) {
			LockLevel level = reindex.concurrently() ? LockLevel.SHARE_UPDATE_EXCLUSIVE
					: reindex.kind().equals("index") ? LockLevel.ACCESS_EXCLUSIVE : LockLevel.SHARE;
			return new LockTaken(reindex.name(), level);
		}
		if (statement instanceof Statement.Lock lock && !lock.tables().isEmpty()) {
			return new LockTaken(lock.tables().get(0), lock.mode());
		}
		if (statement instanceof Statement.Truncate truncate && !truncate.tables().isEmpty()) {
			return new LockTaken(truncate.tables().get(0), LockLevel.ACCESS_EXCLUSIVE);
		}
		if (statement instanceof Statement.RefreshMaterializedView refresh) {
			return new LockTaken(refresh.view(),
					refresh.concurrently() ? LockLevel.EXCLUSIVE : LockLevel.ACCESS_EXCLUSIVE);
		}
		if (statement instanceof Statement.Locking locking) {
			return new LockTaken(locking.relation(), locking.lock());
		}
		if (statement instanceof Statement.Dml dml) {
			return new LockTaken(dml.table(), LockLevel.ROW_EXCLUSIVE);
		}
		return null;
	}

	// suppressions

	private void applySuppressions(String script, String text, List<Run> runs, List<Finding> fileFindings) {
		if (!text.contains("hoist:allow") && !text.toLowerCase(Locale.ROOT).contains("hoist:allow")) {
			return;
		}
		List<Token> comments = new ArrayList<>();
		for (Token token : SqlLexer.tokenize(text, 1)) {
			if (token.kind() == Token.Kind.COMMENT) {
				comments.add(token);
			}
		}
		for (Token comment : comments) {
			Matcher matcher = ALLOW.matcher(comment.value());
			if (!matcher.matches()) {
				continue;
			}
			String reason = matcher.group(2).strip();
			Run target = target(runs, comment.line());
			String[] ids = matcher.group(1).split(",");
			if (ids.length == 0) {
				ids = new String[] { "" };
			}
			for (String id : ids) {
				allow(script, comment, id.strip(), reason, target, fileFindings);
			}
		}
	}

	private void allow(String script, Token comment, String ruleId, String reason, @Nullable Run target,
			List<Finding> fileFindings) {
		String written = comment.text().strip();
		Rule rule = Rule.byId(ruleId);
		if (rule == null || !rule.suppressible()) {
			String near = nearest(ruleId);
			fileFindings.add(problem(Rule.ALLOW_UNKNOWN_RULE, script, comment.line(), written,
					ruleId.isEmpty() ? "-- hoist:allow names no rule; it suppresses nothing"
							: "'" + ruleId + "' is not a rule id; the comment suppresses nothing for it",
					(near != null) ? "-- hoist:allow " + near + " " + (reason.isEmpty() ? "<why it is safe>" : reason)
							: "-- hoist:allow <rule-id> <why it is safe>   (rule ids are listed in docs/lint.md)"));
			return;
		}
		if (reason.isEmpty()) {
			fileFindings.add(problem(Rule.ALLOW_WITHOUT_REASON, script, comment.line(), written,
					"a suppression must say why the statement is safe, for the review; this one suppresses nothing",
					"-- hoist:allow " + rule.id() + " <why it is safe here, e.g. the table is empty>"));
			return;
		}
		boolean used = false;
		if (target != null) {
			for (int i = 0; i < fileFindings.size(); i++) {
				Finding finding = fileFindings.get(i);
				if (finding.rule().equals(rule.id()) && finding.line() == target.line() && !finding.isSuppressed()
						&& finding.statement().equals(target.statement().sql())) {
					fileFindings.set(i, finding.suppressedBecause(reason));
					used = true;
				}
			}
		}
		if (!used && (target == null || target.checked())) {
			fileFindings.add(problem(Rule.ALLOW_UNUSED, script, comment.line(), written,
					"no " + rule.id() + " finding on "
							+ ((target != null) ? "the statement at line " + target.line() : "any statement")
							+ " to suppress; remove the comment, or move it onto the statement it is meant for",
					"Remove the comment."));
		}
	}

	private static @Nullable Run target(List<Run> runs, int line) {
		Run inside = null;
		for (Run run : runs) {
			if (run.line() <= line && line <= run.endLine()) {
				inside = run;
			}
		}
		if (inside != null) {
			return inside;
		}
		for (Run run : runs) {
			if (run.line() > line) {
				return run;
			}
		}
		return null;
	}

	private static @Nullable String nearest(String id) {
		String bare = id.startsWith("hoist:") ? id.substring(6) : id;
		Rule best = null;
		int bestDistance = Integer.MAX_VALUE;
		for (Rule rule : Rule.values()) {
			if (!rule.suppressible()) {
				continue;
			}
			int distance = distance(bare, rule.id().substring(6));
			if (distance < bestDistance) {
				best = rule;
				bestDistance = distance;
			}
		}
		return (best != null && bestDistance <= Math.max(3, bare.length() / 3)) ? best.id() : null;
	}

	private static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int cost = (a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1;
				current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

	private static Finding problem(Rule rule, String script, int line, String comment, String reason,
			String suggestion) {
		return new Finding(rule.id(), rule.severity(), script, line, comment, null, null, false, reason, suggestion,
				null);
	}

	/**
	 * One statement being checked, and where its findings go.
	 */
	record Run(String script, SqlStatement statement, List<Token> tokens, Statement parsed, MigrationState state,
			int endLine, boolean checked) {

		int line() {
			return this.statement.line();
		}

	}

	record LockTaken(ObjectName relation, LockLevel level) {

	}

	record HeldLock(ObjectName relation, LockLevel level, int line) {

	}

	/**
	 * What one section of one migration has done so far.
	 */
	static final class MigrationState {

		final boolean transactional;

		/** Whether an explicit BEGIN in a transaction:false section is open. */
		boolean explicit;

		int explicitLine;

		String explicitStatement = "";

		final List<ObjectName> created = new ArrayList<>();

		final List<HeldLock> locks = new ArrayList<>();

		final Map<String, Integer> notValid = new HashMap<>();

		final Map<String, Integer> enumValues = new HashMap<>();

		boolean lockTimeout;

		boolean lockTimeoutLocal;

		boolean lockTimeoutReported;

		boolean utc;

		MigrationState(boolean transactional) {
			this.transactional = transactional;
		}

		boolean inTransaction() {
			return this.transactional || this.explicit;
		}

		void endExplicitTransaction() {
			this.explicit = false;
			this.locks.clear();
			this.notValid.clear();
			this.enumValues.clear();
			if (this.lockTimeoutLocal) {
				this.lockTimeout = false;
			}
		}

		boolean isCreated(@Nullable ObjectName relation) {
			if (relation == null) {
				return false;
			}
			for (ObjectName created : this.created) {
				if (created.matches(relation)) {
					return true;
				}
			}
			return false;
		}

	}

}
