package dev.hoist.core.internal.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import dev.hoist.core.internal.lint.AlterAction.AddColumn;
import dev.hoist.core.internal.lint.AlterAction.AddConstraint;
import dev.hoist.core.internal.lint.AlterAction.AlterColumnType;
import dev.hoist.core.internal.lint.AlterAction.AttachPartition;
import dev.hoist.core.internal.lint.AlterAction.DetachPartition;
import dev.hoist.core.internal.lint.AlterAction.DisableTrigger;
import dev.hoist.core.internal.lint.AlterAction.DropColumn;
import dev.hoist.core.internal.lint.AlterAction.DropConstraint;
import dev.hoist.core.internal.lint.AlterAction.Move;
import dev.hoist.core.internal.lint.AlterAction.RenameColumn;
import dev.hoist.core.internal.lint.AlterAction.Rewrite;
import dev.hoist.core.internal.lint.AlterAction.SetExpression;
import dev.hoist.core.internal.lint.AlterAction.SetNotNull;
import dev.hoist.core.internal.lint.AlterAction.ValidateConstraint;
import dev.hoist.core.internal.lint.ConstraintDefinition.Kind;

/**
 * Reads what a statement does from its tokens: enough of PostgreSQL's grammar for
 * {@code CREATE INDEX}, {@code DROP}, every {@code ALTER TABLE} subcommand,
 * {@code CREATE TABLE}, {@code ALTER TYPE}, {@code VACUUM}, {@code CLUSTER},
 * {@code REINDEX}, {@code LOCK}, {@code TRUNCATE}, {@code SET}, and the statements that
 * take locks. What it does not recognise becomes {@link Statement.Other}: the rules stay
 * silent rather than guess.
 */
final class StatementParser {

	private static final Set<String> COLUMN_CONSTRAINT_WORDS = Set.of("constraint", "check", "unique", "primary",
			"references", "generated", "default", "collate", "deferrable", "initially", "compression", "storage");

	private static final Set<String> TABLE_CONSTRAINT_WORDS = Set.of("constraint", "check", "unique", "primary",
			"foreign", "exclude");

	private static final Set<String> DROP_KINDS = Set.of("table", "index", "view", "sequence", "type", "domain",
			"schema", "function", "procedure", "routine", "aggregate", "trigger", "rule", "policy", "extension",
			"collation", "conversion", "operator", "publication", "server", "statistics", "owned", "cast", "database",
			"tablespace", "role", "user", "group", "language", "transform", "subscription");

	private static final Pattern WHITESPACE = Pattern.compile("\\s+");

	private final String sql;

	private final List<Token> tokens;

	private int pos;

	private StatementParser(String sql, List<Token> tokens) {
		this.sql = sql;
		this.tokens = tokens;
	}

	/**
	 * Read a statement.
	 * @param sql the statement text the tokens come from
	 * @param tokens its tokens without comments
	 * @return what it does
	 */
	static Statement parse(String sql, List<Token> tokens) {
		StatementParser parser = new StatementParser(sql, tokens);
		try {
			return parser.statement();
		}
		catch (IndexOutOfBoundsException | IllegalStateException ex) {
			return new Statement.Other(parser.head());
		}
	}

	private Statement statement() {
		if (atWord("create")) {
			return create();
		}
		if (atWord("drop")) {
			return drop();
		}
		if (atWord("alter")) {
			return alter();
		}
		if (accept("vacuum")) {
			return vacuum();
		}
		if (accept("cluster")) {
			if (atPunct("(")) {
				skipParens();
			}
			acceptWord("verbose");
			return new Statement.Cluster(atEnd() ? null : name());
		}
		if (accept("reindex")) {
			return reindex();
		}
		if (accept("lock")) {
			return lock();
		}
		if (accept("truncate")) {
			return truncate();
		}
		if (atWord("set") || atWord("reset")) {
			return setting();
		}
		if (accept("refresh", "materialized", "view")) {
			boolean concurrently = acceptWord("concurrently");
			int insertAt = this.tokens.get(this.pos - 1).end();
			return new Statement.RefreshMaterializedView(name(), concurrently, insertAt);
		}
		if (atWord("update") || atWord("delete") || atWord("insert") || atWord("merge") || atWord("with")) {
			return dml();
		}
		if (atWord("select")) {
			return selectInto();
		}
		if ((atWord("begin") && !peekWord(1, "atomic")) || accept("start", "transaction")) {
			return new Statement.Transaction(true);
		}
		if (atWord("commit") || atWord("end") || atWord("abort")
				|| (atWord("rollback") && !peekWord(1, "to") && !peekWord(1, "prepared"))) {
			return new Statement.Transaction(false);
		}
		if (accept("comment", "on")) {
			return comment();
		}
		return new Statement.Other(head());
	}

	// CREATE ...

	private Statement create() {
		expect("create");
		acceptWord("or");
		acceptWord("replace");
		if (acceptWord("unique")) {
			return createIndex(true);
		}
		if (atWord("index")) {
			return createIndex(false);
		}
		accept("global");
		accept("local");
		acceptWord("temporary");
		acceptWord("temp");
		acceptWord("unlogged");
		if (accept("table")) {
			return createTable();
		}
		if (accept("materialized", "view") || accept("view") || accept("recursive", "view") || accept("sequence")) {
			acceptIfNotExists();
			return new Statement.CreateRelation(name());
		}
		if (accept("function") || accept("procedure")) {
			return createFunction();
		}
		if (accept("domain")) {
			return new Statement.CreateDomain(name());
		}
		if (accept("trigger") || accept("constraint", "trigger")) {
			skipUntilWord("on");
			expect("on");
			return new Statement.Locking("create trigger", name(), LockLevel.SHARE_ROW_EXCLUSIVE);
		}
		if (accept("rule")) {
			skipUntilWord("to");
			expect("to");
			return new Statement.Locking("create rule", name(), LockLevel.ACCESS_EXCLUSIVE);
		}
		if (accept("policy")) {
			skipUntilWord("on");
			expect("on");
			return new Statement.Locking("create policy", name(), LockLevel.ACCESS_EXCLUSIVE);
		}
		return new Statement.Other(head());
	}

	private Statement createIndex(boolean unique) {
		expect("index");
		int insertAt = this.tokens.get(this.pos - 1).end();
		boolean concurrently = acceptWord("concurrently");
		acceptIfNotExists();
		String name = null;
		if (!atWord("on")) {
			name = identifier();
		}
		expect("on");
		boolean only = acceptWord("only");
		ObjectName table = name();
		String columns = "";
		if (acceptWord("using")) {
			identifier();
		}
		int keyColumns = 0;
		if (atPunct("(")) {
			int from = this.pos;
			int start = this.tokens.get(this.pos).start();
			skipParens();
			columns = this.sql.substring(start, this.tokens.get(this.pos - 1).end());
			keyColumns = topLevelItems(from, this.pos);
		}
		return new Statement.CreateIndex(table, name, unique, concurrently, only, columns, keyColumns, insertAt);
	}

	private Statement createTable() {
		acceptIfNotExists();
		ObjectName table = name();
		List<ColumnDefinition> columns = new ArrayList<>();
		List<ConstraintDefinition> constraints = new ArrayList<>();
		List<ObjectName> references = new ArrayList<>();
		ObjectName partitionOf = null;
		if (accept("partition", "of")) {
			partitionOf = name();
		}
		else if (accept("of")) {
			name();
		}
		if (atPunct("(")) {
			this.pos++;
			while (!atEnd() && !atPunct(")")) {
				if (atAnyWord(TABLE_CONSTRAINT_WORDS)) {
					ConstraintDefinition constraint = tableConstraint();
					constraints.add(constraint);
					if (constraint.references() != null) {
						references.add(constraint.references());
					}
				}
				else if (accept("like")) {
					name();
					while (!atEnd() && !atPunct(",") && !atPunct(")")) {
						this.pos++;
					}
				}
				else {
					ColumnDefinition column = column(partitionOf != null);
					columns.add(column);
					if (column.references() != null) {
						references.add(column.references());
					}
				}
				if (!acceptPunct(",")) {
					break;
				}
			}
		}
		return new Statement.CreateTable(table, columns, constraints, partitionOf, references);
	}

	private Statement createFunction() {
		ObjectName name = name();
		boolean isVolatile = true;
		while (!atEnd()) {
			Token token = this.tokens.get(this.pos++);
			if (token.is("immutable") || token.is("stable")) {
				isVolatile = false;
			}
			else if (token.is("volatile")) {
				isVolatile = true;
			}
		}
		return new Statement.CreateFunction(name, isVolatile);
	}

	// DROP ...

	private Statement drop() {
		expect("drop");
		StringBuilder kind = new StringBuilder();
		while (!atEnd() && this.tokens.get(this.pos).kind() == Token.Kind.WORD
				&& !DROP_KINDS.contains(this.tokens.get(this.pos).value()) && kind.length() < 40) {
			kind.append(this.tokens.get(this.pos++).value()).append(' ');
		}
		if (atEnd()) {
			return new Statement.Other(head());
		}
		kind.append(this.tokens.get(this.pos++).value());
		String what = kind.toString();
		int insertAt = this.tokens.get(this.pos - 1).end();
		boolean concurrently = acceptWord("concurrently");
		acceptIfExists();
		List<ObjectName> names = new ArrayList<>();
		if (what.equals("trigger") || what.equals("rule") || what.equals("policy")) {
			identifier();
			expect("on");
			ObjectName table = name();
			if (acceptWord("cascade")) {
				return new Statement.Drop(what, List.of(table), false, true, insertAt);
			}
			return new Statement.Locking("drop " + what, table, LockLevel.ACCESS_EXCLUSIVE);
		}
		boolean cascade = false;
		while (!atEnd()) {
			if (atName() && !atWord("cascade") && !atWord("restrict")) {
				names.add(name());
				if (atPunct("(")) {
					skipParens();
				}
			}
			else if (acceptWord("cascade")) {
				cascade = true;
			}
			else {
				this.pos++;
			}
		}
		return new Statement.Drop(what, names, concurrently, cascade, insertAt);
	}

	// ALTER ...

	private Statement alter() {
		expect("alter");
		if (accept("type")) {
			ObjectName type = name();
			if (accept("add", "value")) {
				acceptIfNotExists();
				return new Statement.AddEnumValue(type, this.tokens.get(this.pos).value());
			}
			return new Statement.Other("alter type");
		}
		if (accept("domain")) {
			ObjectName domain = name();
			if (accept("add")) {
				return new Statement.AlterDomainAddConstraint(domain, rest().contains("not valid"));
			}
			return new Statement.Other("alter domain");
		}
		String kind;
		if (accept("table")) {
			kind = "table";
		}
		else if (accept("index")) {
			kind = "index";
		}
		else if (accept("materialized", "view")) {
			kind = "materialized view";
		}
		else if (accept("view")) {
			kind = "view";
		}
		else if (accept("foreign", "table")) {
			kind = "foreign table";
		}
		else {
			return new Statement.Other(head());
		}
		if (accept("all", "in", "tablespace")) {
			identifier();
			while (!atEnd() && !atWord("set")) {
				this.pos++;
			}
			int start = startOfCurrent();
			return new Statement.AlterTable(kind, null,
					List.of(new Rewrite("set tablespace", true, start, this.sql.length())));
		}
		acceptIfExists();
		acceptWord("only");
		ObjectName table = name();
		acceptPunct("*");
		List<AlterAction> actions = new ArrayList<>();
		while (!atEnd()) {
			actions.add(action(kind));
			if (!acceptPunct(",")) {
				break;
			}
		}
		return new Statement.AlterTable(kind, table, actions);
	}

	private AlterAction action(String kind) {
		int start = startOfCurrent();
		if (accept("add")) {
			if (atAnyWord(TABLE_CONSTRAINT_WORDS)) {
				ConstraintDefinition constraint = tableConstraint();
				return new AddConstraint(constraint, start, endOfPrevious());
			}
			acceptWord("column");
			boolean ifNotExists = acceptIfNotExists();
			ColumnDefinition column = column(false);
			return new AddColumn(column, ifNotExists, start, endOfPrevious());
		}
		if (accept("drop")) {
			if (accept("constraint")) {
				acceptIfExists();
				String name = identifier();
				boolean cascade = acceptWord("cascade");
				acceptWord("restrict");
				return new DropConstraint(name, cascade, start, endOfPrevious());
			}
			if (atWord("column") || (atName() && !atAnyWord(Set.of("not", "default", "expression", "identity")))) {
				acceptWord("column");
				acceptIfExists();
				String column = identifier();
				boolean cascade = acceptWord("cascade");
				acceptWord("restrict");
				return new DropColumn(column, cascade, start, endOfPrevious());
			}
			return other(start, LockLevel.ACCESS_EXCLUSIVE);
		}
		if (accept("alter")) {
			if (accept("constraint")) {
				return other(start, LockLevel.ACCESS_EXCLUSIVE);
			}
			acceptWord("column");
			String column = identifier();
			if (accept("type") || accept("set", "data", "type")) {
				TypeName type = type();
				boolean using = false;
				while (!atEnd() && !atPunct(",")) {
					if (atPunct("(")) {
						skipParens();
						continue;
					}
					using |= atWord("using");
					this.pos++;
				}
				return new AlterColumnType(column, type, using, start, endOfPrevious());
			}
			if (accept("set", "not", "null")) {
				return new SetNotNull(column, start, endOfPrevious());
			}
			if (accept("set", "expression")) {
				skipAction();
				return new SetExpression(column, start, endOfPrevious());
			}
			if (atWord("set") && peekWord(1, "statistics")) {
				return other(start, LockLevel.SHARE_UPDATE_EXCLUSIVE);
			}
			if ((atWord("set") || atWord("reset")) && peekPunct(1, "(")) {
				return other(start, LockLevel.SHARE_UPDATE_EXCLUSIVE);
			}
			return other(start, LockLevel.ACCESS_EXCLUSIVE);
		}
		if (accept("validate", "constraint")) {
			return new ValidateConstraint(identifier(), start, endOfPrevious());
		}
		if (accept("rename")) {
			if (accept("constraint")) {
				skipAction();
				return other(start, LockLevel.ACCESS_EXCLUSIVE);
			}
			if (accept("to")) {
				String to = identifier();
				LockLevel lock = kind.equals("index") ? LockLevel.SHARE_UPDATE_EXCLUSIVE : LockLevel.ACCESS_EXCLUSIVE;
				return kind.equals("index") ? other(start, lock) : new Move(to, false, start, endOfPrevious());
			}
			acceptWord("column");
			String from = identifier();
			expect("to");
			return new RenameColumn(from, identifier(), start, endOfPrevious());
		}
		if (accept("set", "schema")) {
			return new Move(identifier(), true, start, endOfPrevious());
		}
		if (accept("set", "tablespace")) {
			skipAction();
			return new Rewrite("set tablespace", true, start, endOfPrevious());
		}
		if (accept("set", "logged") || accept("set", "unlogged") || accept("set", "access", "method")) {
			String what = this.sql.substring(start, endOfPrevious()).toLowerCase(Locale.ROOT);
			skipAction();
			return new Rewrite(WHITESPACE.matcher(what).replaceAll(" "), false, start, endOfPrevious());
		}
		if (accept("attach", "partition")) {
			ObjectName partition = name();
			skipAction();
			return new AttachPartition(partition, start, endOfPrevious());
		}
		if (accept("detach", "partition")) {
			ObjectName partition = name();
			boolean concurrently = acceptWord("concurrently");
			acceptWord("finalize");
			return new DetachPartition(partition, concurrently, start, endOfPrevious());
		}
		if (accept("disable", "trigger")) {
			String which = identifier();
			return new DisableTrigger(which, start, endOfPrevious());
		}
		if (atWord("enable") || atWord("disable") || atWord("no") || atWord("force")) {
			boolean trigger = peekWord(1, "trigger") || peekWord(2, "trigger");
			return other(start, trigger ? LockLevel.SHARE_ROW_EXCLUSIVE : LockLevel.ACCESS_EXCLUSIVE);
		}
		if (atWord("cluster") || (atWord("set") && peekWord(1, "without") && peekWord(2, "cluster"))
				|| ((atWord("set") || atWord("reset")) && peekPunct(1, "("))) {
			return other(start, LockLevel.SHARE_UPDATE_EXCLUSIVE);
		}
		if (atWord("owner")) {
			return other(start, LockLevel.ACCESS_EXCLUSIVE);
		}
		return other(start, LockLevel.ACCESS_EXCLUSIVE);
	}

	private AlterAction other(int start, LockLevel lock) {
		int from = this.pos;
		skipAction();
		List<Token> actionTokens = this.tokens.subList(Math.min(from, this.pos), this.pos);
		int end = endOfPrevious();
		String words = this.sql.substring(start, Math.max(start, end)).toLowerCase(Locale.ROOT);
		return new AlterAction.Other(WHITESPACE.matcher(words).replaceAll(" "), lock, actionTokens, start, end);
	}

	private void skipAction() {
		while (!atEnd() && !atPunct(",")) {
			if (atPunct("(")) {
				skipParens();
			}
			else {
				this.pos++;
			}
		}
	}

	// columns, constraints, types

	private ColumnDefinition column(boolean partition) {
		String name = identifier();
		TypeName type = null;
		if (!partition || !atWord("with")) {
			if (!atAnyWord(COLUMN_CONSTRAINT_WORDS) && !atWord("not") && !atWord("null") && !atPunct(",")
					&& !atPunct(")") && !atEnd()) {
				type = type();
			}
		}
		else {
			accept("with", "options");
		}
		boolean notNull = false;
		List<Token> defaultExpression = new ArrayList<>();
		boolean primaryKey = false;
		boolean unique = false;
		ObjectName references = null;
		boolean check = false;
		boolean stored = false;
		boolean identity = false;
		while (!atEnd() && !atPunct(",") && !atPunct(")")) {
			if (accept("constraint")) {
				identifier();
			}
			else if (accept("not", "null")) {
				notNull = true;
			}
			else if (accept("null")) {
				// nullable, the default
			}
			else if (accept("default")) {
				defaultExpression = expression();
			}
			else if (accept("primary", "key")) {
				primaryKey = true;
				indexParameters();
			}
			else if (accept("unique")) {
				unique = true;
				accept("nulls", "not", "distinct");
				accept("nulls", "distinct");
				indexParameters();
			}
			else if (accept("references")) {
				references = name();
				if (atPunct("(")) {
					skipParens();
				}
				referentialActions();
			}
			else if (accept("check")) {
				check = true;
				skipParens();
				accept("no", "inherit");
			}
			else if (accept("generated")) {
				if (accept("always", "as", "identity") || accept("by", "default", "as", "identity")) {
					identity = true;
					if (atPunct("(")) {
						skipParens();
					}
				}
				else {
					accept("always");
					expect("as");
					skipParens();
					// before PostgreSQL 18 STORED is required; from 18 the default is
					// VIRTUAL
					acceptWord("virtual");
					stored = acceptWord("stored");
				}
			}
			else if (accept("collate")) {
				name();
			}
			else if (atPunct("(")) {
				skipParens();
			}
			else {
				this.pos++;
			}
		}
		return new ColumnDefinition(name, type, notNull, defaultExpression, primaryKey, unique, references, check,
				stored, identity);
	}

	private List<Token> expression() {
		List<Token> expression = new ArrayList<>();
		while (!atEnd() && !atPunct(",") && !atPunct(")")) {
			if (!expression.isEmpty() && (atAnyWord(COLUMN_CONSTRAINT_WORDS)
					|| (atWord("not") && (peekWord(1, "null") || peekWord(1, "deferrable")))
					|| (atWord("null") && !previousIs("is") && !previousIs("not")))) {
				break;
			}
			if (atPunct("(")) {
				int from = this.pos;
				skipParens();
				expression.addAll(this.tokens.subList(from, this.pos));
			}
			else {
				expression.add(this.tokens.get(this.pos++));
			}
		}
		return expression;
	}

	private ConstraintDefinition tableConstraint() {
		int start = startOfCurrent();
		String name = null;
		if (accept("constraint")) {
			name = identifier();
		}
		Kind kind;
		List<String> columns = new ArrayList<>();
		List<Token> expression = List.of();
		ObjectName references = null;
		String usingIndex = null;
		if (accept("check")) {
			kind = Kind.CHECK;
			int from = this.pos;
			skipParens();
			expression = this.tokens.subList(from, this.pos);
		}
		else if (accept("not", "null")) {
			kind = Kind.NOT_NULL;
			columns.add(identifier());
		}
		else if (accept("unique") || accept("primary", "key")) {
			kind = previousIs("key") ? Kind.PRIMARY_KEY : Kind.UNIQUE;
			accept("nulls", "not", "distinct");
			accept("nulls", "distinct");
			if (accept("using", "index")) {
				usingIndex = identifier();
			}
			else {
				columns.addAll(columnList());
				indexParameters();
			}
		}
		else if (accept("foreign", "key")) {
			kind = Kind.FOREIGN_KEY;
			columns.addAll(columnList());
			expect("references");
			references = name();
			if (atPunct("(")) {
				skipParens();
			}
			referentialActions();
		}
		else {
			expect("exclude");
			kind = Kind.EXCLUDE;
			if (acceptWord("using")) {
				identifier();
			}
			skipParens();
			indexParameters();
			if (accept("where")) {
				skipParens();
			}
		}
		boolean notValid = false;
		boolean notEnforced = false;
		while (!atEnd() && !atPunct(",") && !atPunct(")")) {
			if (accept("not", "valid")) {
				notValid = true;
			}
			else if (accept("not", "enforced")) {
				notEnforced = true;
			}
			else {
				this.pos++;
			}
		}
		return new ConstraintDefinition(name, kind, columns, usingIndex, notValid, notEnforced, references, expression,
				start, endOfPrevious());
	}

	private List<String> columnList() {
		List<String> columns = new ArrayList<>();
		if (!atPunct("(")) {
			return columns;
		}
		int depth = 0;
		boolean first = true;
		do {
			Token token = this.tokens.get(this.pos++);
			if (token.isPunct("(")) {
				depth++;
				first = depth == 1;
				continue;
			}
			if (token.isPunct(")")) {
				depth--;
				continue;
			}
			if (depth == 1 && token.isPunct(",")) {
				first = true;
				continue;
			}
			if (depth == 1 && first && token.isName()) {
				columns.add(token.value());
			}
			first = false;
		}
		while (depth > 0 && !atEnd());
		return columns;
	}

	private void indexParameters() {
		while (true) {
			if (accept("include")) {
				skipParens();
			}
			else if (accept("with") && atPunct("(")) {
				skipParens();
			}
			else if (accept("using", "index", "tablespace")) {
				identifier();
			}
			else {
				return;
			}
		}
	}

	private void referentialActions() {
		while (!atEnd()) {
			if (accept("match")) {
				identifier();
			}
			else if (accept("on", "delete") || accept("on", "update")) {
				if (!accept("no", "action") && !accept("set", "null") && !accept("set", "default")) {
					identifier();
				}
				if (atPunct("(")) {
					skipParens();
				}
			}
			else {
				return;
			}
		}
	}

	private TypeName type() {
		int start = startOfCurrent();
		String schema = null;
		String name;
		int first = this.pos;
		boolean quoted = false;
		if (accept("double", "precision") || accept("character", "varying") || accept("char", "varying")
				|| accept("bit", "varying") || accept("national", "character", "varying")
				|| accept("national", "char", "varying") || accept("nchar", "varying")
				|| accept("national", "character") || accept("national", "char")) {
			StringBuilder words = new StringBuilder();
			for (int i = first; i < this.pos; i++) {
				words.append((i > first) ? " " : "").append(this.tokens.get(i).value());
			}
			name = words.toString();
		}
		else {
			quoted = this.tokens.get(this.pos).kind() == Token.Kind.QUOTED;
			name = identifier();
			if (acceptPunct(".")) {
				schema = name;
				name = identifier();
				if (schema.equals("pg_catalog")) {
					schema = null;
				}
			}
		}
		List<String> modifiers = new ArrayList<>();
		if (atPunct("(")) {
			int depth = 0;
			StringBuilder current = new StringBuilder();
			do {
				Token token = this.tokens.get(this.pos++);
				if (token.isPunct("(")) {
					depth++;
					if (depth == 1) {
						continue;
					}
				}
				if (token.isPunct(")")) {
					depth--;
					if (depth == 0) {
						break;
					}
				}
				if (depth == 1 && token.isPunct(",")) {
					modifiers.add(current.toString());
					current.setLength(0);
					continue;
				}
				current.append(token.text());
			}
			while (!atEnd());
			modifiers.add(current.toString());
		}
		if ((name.equals("timestamp") || name.equals("time")) && schema == null) {
			if (accept("with", "time", "zone")) {
				name = name + " with time zone";
			}
			else if (accept("without", "time", "zone")) {
				name = name + " without time zone";
			}
		}
		if (name.equals("interval") && schema == null) {
			while (atAnyWord(Set.of("year", "month", "day", "hour", "minute", "second", "to"))) {
				this.pos++;
			}
			if (atPunct("(")) {
				skipParens();
			}
		}
		if (name.equals("float") && schema == null) {
			name = (!modifiers.isEmpty() && parseInt(modifiers.get(0)) <= 24) ? "float4" : "float8";
			modifiers.clear();
		}
		int arrays = 0;
		while (true) {
			if (atPunct("[")) {
				while (!atEnd() && !acceptPunct("]")) {
					this.pos++;
				}
				arrays++;
			}
			else if (accept("array")) {
				arrays++;
				if (atPunct("[")) {
					while (!atEnd() && !acceptPunct("]")) {
						this.pos++;
					}
				}
			}
			else {
				break;
			}
		}
		return new TypeName(quoted ? name : TypeName.canonical(name), schema, modifiers, arrays,
				this.sql.substring(start, endOfPrevious()));
	}

	private static int parseInt(String text) {
		try {
			return Integer.parseInt(text.strip());
		}
		catch (NumberFormatException ex) {
			return Integer.MAX_VALUE;
		}
	}

	// other statements

	private Statement vacuum() {
		boolean full = false;
		if (atPunct("(")) {
			full = optionEnabled("full");
		}
		else {
			while (atAnyWord(Set.of("full", "freeze", "verbose", "analyze", "analyse"))) {
				full |= atWord("full");
				this.pos++;
			}
		}
		return new Statement.Vacuum(full, tableList());
	}

	/**
	 * Skip a parenthesised option list such as {@code (FULL, VERBOSE false)} and return
	 * whether it turns an option on.
	 */
	private boolean optionEnabled(String option) {
		int from = this.pos;
		skipParens();
		boolean enabled = false;
		for (int i = from; i < this.pos; i++) {
			if (this.tokens.get(i).is(option)) {
				Token next = this.tokens.get(i + 1);
				enabled = !(next.is("false") || next.is("off")
						|| (next.kind() == Token.Kind.NUMBER && next.value().equals("0")));
			}
		}
		return enabled;
	}

	private Statement reindex() {
		boolean concurrently = false;
		if (atPunct("(")) {
			concurrently = optionEnabled("concurrently");
		}
		String kind = identifier();
		int insertAt = this.tokens.get(this.pos - 1).end();
		concurrently |= acceptWord("concurrently");
		ObjectName name = atEnd() ? null : name();
		return new Statement.Reindex(kind, name, concurrently, insertAt);
	}

	private Statement lock() {
		acceptWord("table");
		List<ObjectName> tables = new ArrayList<>();
		LockLevel mode = LockLevel.ACCESS_EXCLUSIVE;
		while (!atEnd()) {
			if (accept("in")) {
				StringBuilder words = new StringBuilder();
				while (!atEnd() && !atWord("mode")) {
					words.append(words.isEmpty() ? "" : " ").append(this.tokens.get(this.pos++).value());
				}
				mode = LockLevel.parse(words.toString());
				break;
			}
			if (acceptWord("only") || acceptPunct(",") || acceptPunct("*")) {
				continue;
			}
			tables.add(name());
		}
		return new Statement.Lock(tables, mode);
	}

	private Statement truncate() {
		acceptWord("table");
		List<ObjectName> tables = new ArrayList<>();
		boolean cascade = false;
		while (!atEnd()) {
			if (acceptWord("only") || acceptPunct(",") || acceptPunct("*") || acceptWord("restrict")
					|| accept("restart", "identity") || accept("continue", "identity")) {
				continue;
			}
			if (acceptWord("cascade")) {
				cascade = true;
				continue;
			}
			tables.add(name());
		}
		return new Statement.Truncate(tables, cascade);
	}

	private Statement setting() {
		if (accept("reset")) {
			return new Statement.Setting(atEnd() ? "all" : identifier(), null, false);
		}
		expect("set");
		boolean local = acceptWord("local");
		acceptWord("session");
		if (accept("time", "zone")) {
			return new Statement.Setting("timezone", atEnd() ? null : this.tokens.get(this.pos).value(), local);
		}
		if (atWord("constraints") || atWord("transaction") || atWord("role")) {
			return new Statement.Other(head());
		}
		String name = identifier();
		while (acceptPunct(".")) {
			name = name + "." + identifier();
		}
		if (!acceptWord("to") && !acceptPunct("=")) {
			return new Statement.Other(head());
		}
		if (atWord("default")) {
			return new Statement.Setting(name, null, local);
		}
		StringBuilder value = new StringBuilder();
		while (!atEnd()) {
			value.append(this.tokens.get(this.pos++).value());
		}
		return new Statement.Setting(name, value.toString(), local);
	}

	private Statement dml() {
		if (atWord("with")) {
			// a data-modifying CTE: judge the main statement
			while (!atEnd() && !atAnyWord(Set.of("update", "delete", "insert", "merge", "select"))) {
				if (atPunct("(")) {
					skipParens();
				}
				else {
					this.pos++;
				}
			}
			if (atEnd() || atWord("select")) {
				return new Statement.Other("with");
			}
		}
		String verb = this.tokens.get(this.pos++).value();
		accept("into");
		accept("from");
		acceptWord("only");
		ObjectName table = name();
		boolean whole;
		if (verb.equals("insert")) {
			whole = false;
			while (!atEnd()) {
				if (atPunct("(")) {
					skipParens();
					continue;
				}
				if (atWord("select")) {
					whole = true;
				}
				if (atWord("values") || atWord("default")) {
					break;
				}
				this.pos++;
			}
		}
		else {
			whole = !restAtDepthZeroContains("where");
		}
		return new Statement.Dml(verb, table, whole);
	}

	private Statement selectInto() {
		while (!atEnd()) {
			if (atPunct("(")) {
				skipParens();
				continue;
			}
			if (accept("into")) {
				acceptWord("temporary");
				acceptWord("temp");
				acceptWord("unlogged");
				acceptWord("table");
				return new Statement.CreateRelation(name());
			}
			if (atWord("from")) {
				break;
			}
			this.pos++;
		}
		return new Statement.Other("select");
	}

	private Statement comment() {
		boolean column = acceptWord("column");
		if (column || accept("table") || accept("materialized", "view") || accept("view")) {
			ObjectName name = name();
			ObjectName relation = (column && name.schema() != null) ? new ObjectName(null, name.schema()) : name;
			return new Statement.Locking("comment on", relation, LockLevel.SHARE_UPDATE_EXCLUSIVE);
		}
		return new Statement.Other("comment on");
	}

	private List<ObjectName> tableList() {
		List<ObjectName> tables = new ArrayList<>();
		while (!atEnd()) {
			if (acceptPunct(",")) {
				continue;
			}
			if (atPunct("(")) {
				skipParens();
				continue;
			}
			tables.add(name());
		}
		return tables;
	}

	// cursor

	private boolean atEnd() {
		return this.pos >= this.tokens.size();
	}

	private boolean atWord(String word) {
		return !atEnd() && this.tokens.get(this.pos).is(word);
	}

	private boolean atAnyWord(Set<String> words) {
		return !atEnd() && this.tokens.get(this.pos).kind() == Token.Kind.WORD
				&& words.contains(this.tokens.get(this.pos).value());
	}

	private boolean atName() {
		return !atEnd() && this.tokens.get(this.pos).isName();
	}

	private boolean atPunct(String punct) {
		return !atEnd() && this.tokens.get(this.pos).isPunct(punct);
	}

	private boolean peekWord(int offset, String word) {
		int i = this.pos + offset;
		return i < this.tokens.size() && this.tokens.get(i).is(word);
	}

	private boolean peekPunct(int offset, String punct) {
		int i = this.pos + offset;
		return i < this.tokens.size() && this.tokens.get(i).isPunct(punct);
	}

	private boolean previousIs(String word) {
		return this.pos > 0 && this.tokens.get(this.pos - 1).is(word);
	}

	private boolean acceptWord(String word) {
		if (atWord(word)) {
			this.pos++;
			return true;
		}
		return false;
	}

	private boolean acceptPunct(String punct) {
		if (atPunct(punct)) {
			this.pos++;
			return true;
		}
		return false;
	}

	/**
	 * Accept a sequence of words, all or none.
	 */
	private boolean accept(String... words) {
		for (int i = 0; i < words.length; i++) {
			if (!peekWord(i, words[i])) {
				return false;
			}
		}
		this.pos += words.length;
		return true;
	}

	private void expect(String word) {
		if (!acceptWord(word)) {
			throw new IllegalStateException("expected " + word);
		}
	}

	private boolean acceptIfNotExists() {
		return accept("if", "not", "exists");
	}

	private boolean acceptIfExists() {
		return accept("if", "exists");
	}

	private String identifier() {
		Token token = this.tokens.get(this.pos);
		if (!token.isName() && token.kind() != Token.Kind.STRING) {
			throw new IllegalStateException("expected a name");
		}
		this.pos++;
		return token.value();
	}

	private ObjectName name() {
		String first = identifier();
		if (acceptPunct(".")) {
			String second = identifier();
			if (acceptPunct(".")) {
				return new ObjectName(second, identifier());
			}
			return new ObjectName(first, second);
		}
		return new ObjectName(null, first);
	}

	private void skipParens() {
		if (!atPunct("(")) {
			throw new IllegalStateException("expected (");
		}
		int depth = 0;
		do {
			Token token = this.tokens.get(this.pos++);
			if (token.isPunct("(") || token.isPunct("[")) {
				depth++;
			}
			else if (token.isPunct(")") || token.isPunct("]")) {
				depth--;
			}
		}
		while (depth > 0 && !atEnd());
	}

	/**
	 * Count the comma-separated items inside the parentheses that open at {@code from}.
	 */
	private int topLevelItems(int from, int to) {
		int depth = 0;
		int items = (to - from > 2) ? 1 : 0;
		for (int i = from; i < to; i++) {
			Token token = this.tokens.get(i);
			if (token.isPunct("(") || token.isPunct("[")) {
				depth++;
			}
			else if (token.isPunct(")") || token.isPunct("]")) {
				depth--;
			}
			else if (depth == 1 && token.isPunct(",")) {
				items++;
			}
		}
		return items;
	}

	private void skipUntilWord(String word) {
		while (!atEnd() && !atWord(word)) {
			this.pos++;
		}
	}

	private String rest() {
		StringBuilder rest = new StringBuilder();
		for (int i = this.pos; i < this.tokens.size(); i++) {
			rest.append((this.tokens.get(i).kind() == Token.Kind.WORD) ? this.tokens.get(i).value() : "\0").append(' ');
		}
		return rest.toString();
	}

	private boolean restAtDepthZeroContains(String word) {
		int depth = 0;
		for (int i = this.pos; i < this.tokens.size(); i++) {
			Token token = this.tokens.get(i);
			if (token.isPunct("(")) {
				depth++;
			}
			else if (token.isPunct(")")) {
				depth--;
			}
			else if (depth == 0 && token.is(word)) {
				return true;
			}
		}
		return false;
	}

	private int startOfCurrent() {
		return atEnd() ? this.sql.length() : this.tokens.get(this.pos).start();
	}

	private int endOfPrevious() {
		return (this.pos > 0) ? this.tokens.get(this.pos - 1).end() : 0;
	}

	private String head() {
		StringBuilder head = new StringBuilder();
		for (int i = 0; i < Math.min(3, this.tokens.size()); i++) {
			Token token = this.tokens.get(i);
			if (token.kind() != Token.Kind.WORD) {
				break;
			}
			head.append((i > 0) ? " " : "").append(token.value());
		}
		return head.toString();
	}

}
