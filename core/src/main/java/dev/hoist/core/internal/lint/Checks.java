package dev.hoist.core.internal.lint;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.hoist.core.internal.SettingName;
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
import dev.hoist.core.internal.lint.Linter.HeldLock;
import dev.hoist.core.internal.lint.Linter.LockTaken;
import dev.hoist.core.internal.lint.Linter.MigrationState;
import dev.hoist.core.internal.lint.Linter.Run;
import dev.hoist.core.lint.Finding;
import org.jspecify.annotations.Nullable;

/**
 * The rules, applied to one statement: each finding says what is locked or broken, and
 * gives the safe rewrite with the statement's own names.
 */
final class Checks {

	private static final Pattern CASCADE = Pattern.compile("(?i)\\s+cascade\\b");

	private static final String NO_TRANSACTION = "-- migrate:up transaction:false\n";

	private final Linter linter;

	private final Run run;

	private final List<Finding> out;

	private final String sql;

	private final MigrationState state;

	Checks(Linter linter, Run run, List<Finding> out) {
		this.linter = linter;
		this.run = run;
		this.out = out;
		this.sql = run.statement().sql();
		this.state = run.state();
	}

	void check() {
		Statement statement = this.run.parsed();
		if (statement instanceof Statement.CreateIndex index) {
			createIndex(index);
		}
		else if (statement instanceof Statement.Drop drop) {
			drop(drop);
		}
		else if (statement instanceof Statement.AlterTable alter) {
			alterTable(alter);
		}
		else if (statement instanceof Statement.CreateTable create) {
			for (ColumnDefinition column : create.columns()) {
				columnDesign(create.table(), column);
			}
			tablePrimaryKey(create);
		}
		else if (statement instanceof Statement.AddEnumValue add) {
			addEnumValue(add);
		}
		else if (statement instanceof Statement.Vacuum vacuum) {
			vacuum(vacuum);
		}
		else if (statement instanceof Statement.Cluster cluster) {
			ObjectName table = cluster.table();
			report(Rule.CLUSTER, table, LockLevel.ACCESS_EXCLUSIVE, true, "CLUSTER rewrites "
					+ ((table != null) ? table : "every clustered table")
					+ " in index order under an ACCESS EXCLUSIVE lock: reads and writes wait for the whole copy",
					"-- CLUSTER's order is not kept as rows change; to reorder or shrink online use pg_repack"
							+ " (--order-by) outside the migration.\n-- If the table is small or unused:\n"
							+ "-- hoist:allow hoist:cluster <why it is safe>\n" + this.sql + ";");
		}
		else if (statement instanceof Statement.Reindex reindex) {
			reindex(reindex);
		}
		else if (statement instanceof Statement.Lock lock) {
			lockTable(lock);
		}
		else if (statement instanceof Statement.Truncate truncate && truncate.cascade()) {
			ObjectName first = truncate.tables().isEmpty() ? null : truncate.tables().get(0);
			report(Rule.TRUNCATE_CASCADE, first, LockLevel.ACCESS_EXCLUSIVE, false,
					"CASCADE also empties every table with a foreign key to " + names(truncate.tables())
							+ ", and the tables that reference those, whichever exist when it runs",
					"-- name every table that is meant to be emptied:\nTRUNCATE " + names(truncate.tables())
							+ ", <each referencing table>;");
		}
		else if (statement instanceof Statement.RefreshMaterializedView refresh && !refresh.concurrently()
				&& !this.state.isCreated(refresh.view())) {
			report(Rule.REFRESH_MATERIALIZED_VIEW, refresh.view(), LockLevel.ACCESS_EXCLUSIVE, false,
					"REFRESH MATERIALIZED VIEW takes an ACCESS EXCLUSIVE lock on " + refresh.view()
							+ ": every read of it waits until the query behind it has run again",
					"-- needs a unique index on the view; CONCURRENTLY keeps it readable during the refresh\n"
							+ insert(refresh.insertAt(), " CONCURRENTLY") + ";");
		}
		else if (statement instanceof Statement.AlterDomainAddConstraint domain && !domain.notValid()
				&& !this.state.isCreated(domain.domain())) {
			// a domain created earlier in the same migration has no column of an existing
			// table to check yet
			report(Rule.ALTER_DOMAIN_ADD_CONSTRAINT, null, null, false, "ALTER DOMAIN " + domain.domain()
					+ " ADD CONSTRAINT checks every column of that domain in every table, locking each table while it scans",
					this.sql + " NOT VALID;\n-- then, in a later migration:\nALTER DOMAIN " + domain.domain()
							+ " VALIDATE CONSTRAINT <constraint>;");
		}
		else if (statement instanceof Statement.Dml dml) {
			backfill(dml);
		}
		enumValueUse();
		lockTimeout();
	}

	// indexes

	private void createIndex(Statement.CreateIndex index) {
		if (!index.unique() && index.keyColumns() > 3) {
			report(Rule.INDEX_OVER_THREE_COLUMNS, index.table(), null, false,
					"a non-unique index on " + index.keyColumns()
							+ " columns rarely beats one on the two or three that narrow the rows most, and costs"
							+ " space and every write",
					"-- index the columns that narrow the rows most, most selective first, such as:\n"
							+ "CREATE INDEX ... ON " + index.table() + " (<column>, <column>);");
		}
		if (index.concurrently()) {
			if (this.state.inTransaction()) {
				concurrentlyInTransaction("CREATE INDEX CONCURRENTLY", index.table());
			}
			return;
		}
		if (this.state.isCreated(index.table()) || index.only()) {
			return;
		}
		report(Rule.INDEX_NOT_CONCURRENT, index.table(), LockLevel.SHARE, false,
				"CREATE INDEX takes a SHARE lock on " + index.table()
						+ ": inserts, updates and deletes wait until the whole index is built",
				NO_TRANSACTION + insert(index.insertAt(), " CONCURRENTLY")
						+ ";\n-- in a migration of its own: a transaction:false section runs statement by statement");
	}

	private void concurrentlyInTransaction(String what, @Nullable ObjectName relation) {
		report(Rule.CONCURRENTLY_IN_TRANSACTION, relation, null, false,
				what + " cannot run inside a transaction block, and this section runs in one: PostgreSQL refuses it",
				NO_TRANSACTION + this.sql
						+ ";\n-- in a migration of its own: a transaction:false section runs statement by statement");
	}

	private void drop(Statement.Drop drop) {
		if (drop.kind().equals("index")) {
			if (drop.concurrently()) {
				if (this.state.inTransaction()) {
					concurrentlyInTransaction("DROP INDEX CONCURRENTLY", first(drop.names()));
				}
			}
			else if (!allCreated(drop.names())) {
				report(Rule.DROP_INDEX_NOT_CONCURRENT, first(drop.names()), LockLevel.ACCESS_EXCLUSIVE, false,
						"DROP INDEX takes an ACCESS EXCLUSIVE lock on the index's table: it waits behind every running"
								+ " query on it, and all reads and writes queue behind the drop",
						NO_TRANSACTION + CASCADE.matcher(insert(drop.insertAt(), " CONCURRENTLY")).replaceAll("")
								+ ";\n-- one index per statement, no CASCADE, in a migration of its own");
			}
		}
		if ((drop.kind().equals("table") || drop.kind().equals("foreign table")) && !allCreated(drop.names())) {
			report(Rule.DROP_TABLE, first(drop.names()), LockLevel.ACCESS_EXCLUSIVE, false,
					"replicas still running the previous build may query " + names(drop.names())
							+ " and fail until they are replaced; the data is gone for good",
					"-- release 1: remove every use of " + names(drop.names())
							+ " from the code and deploy it\n-- release 2, once no running build uses it:\n"
							+ "-- hoist:allow hoist:drop-table <which release stopped using it>\n" + this.sql + ";");
		}
		if (drop.kind().equals("database")) {
			report(Rule.DROP_DATABASE, null, null, false,
					"DROP DATABASE " + names(drop.names()) + " removes every table, row and object in it, for good",
					"-- a migration changes one database's schema; drop databases by hand, after a backup");
		}
		if (drop.cascade()) {
			report(Rule.DROP_CASCADE, first(drop.names()), null, false,
					"CASCADE also drops every object that depends on " + names(drop.names())
							+ " (views, foreign keys, defaults, other tables' columns) without naming them",
					"-- drop the dependent objects by name first, then:\n" + CASCADE.matcher(this.sql).replaceAll("")
							+ ";");
		}
	}

	private void reindex(Statement.Reindex reindex) {
		if (reindex.concurrently()) {
			if (this.state.inTransaction()) {
				concurrentlyInTransaction("REINDEX CONCURRENTLY", reindex.name());
			}
			return;
		}
		if (reindex.kind().equals("system") || this.state.isCreated(reindex.name())) {
			return;
		}
		report(Rule.REINDEX_NOT_CONCURRENT, reindex.name(),
				reindex.kind().equals("index") ? LockLevel.ACCESS_EXCLUSIVE : LockLevel.SHARE, false,
				"REINDEX " + reindex.kind().toUpperCase(Locale.ROOT)
						+ " blocks writes to the table, and reads that use the index, until every index is rebuilt",
				NO_TRANSACTION + insert(reindex.insertAt(), " CONCURRENTLY")
						+ ";\n-- in a migration of its own (PostgreSQL 12+)");
	}

	private void vacuum(Statement.Vacuum vacuum) {
		if (vacuum.full()) {
			ObjectName table = first(vacuum.tables());
			report(Rule.VACUUM_FULL, table, LockLevel.ACCESS_EXCLUSIVE, true,
					"VACUUM FULL rewrites " + ((table != null) ? names(vacuum.tables()) : "every table in the database")
							+ " under an ACCESS EXCLUSIVE lock: reads and writes wait for the whole copy",
					"VACUUM (ANALYZE)" + ((table != null) ? " " + names(vacuum.tables()) : "")
							+ ";\n-- plain VACUUM blocks no reads or writes; to give space back online use pg_repack"
							+ " or pg_squeeze outside the migration");
		}
	}

	private void lockTable(Statement.Lock lock) {
		if (!lock.mode().blocksWrites() || allCreated(lock.tables())) {
			return;
		}
		report(Rule.LOCK_TABLE, first(lock.tables()), lock.mode(), false,
				"LOCK " + names(lock.tables()) + " IN " + lock.mode().sql() + " MODE " + lock.mode().effect()
						+ " until the migration's transaction ends, and waits behind every running query first",
				"-- drop the explicit lock unless the migration needs it; if it does, bound the wait:\n"
						+ "SET LOCAL lock_timeout = '5s';\n" + this.sql + ";");
	}

	// ALTER TABLE

	private void alterTable(Statement.AlterTable alter) {
		ObjectName table = alter.table();
		if (table == null) {
			for (AlterAction action : alter.actions()) {
				if (action instanceof Rewrite) {
					report(Rule.SET_TABLESPACE, null, LockLevel.ACCESS_EXCLUSIVE, true,
							"SET TABLESPACE copies every table of the tablespace under ACCESS EXCLUSIVE locks:"
									+ " reads and writes wait for each copy",
							"-- move tables online with pg_repack --tablespace outside the migration");
				}
			}
			return;
		}
		boolean created = this.state.isCreated(table);
		LockLevel lock = alter.lock();
		for (AlterAction action : alter.actions()) {
			if (action instanceof AddColumn add) {
				columnDesign(table, add.column());
				if (!created) {
					addColumn(table, add);
				}
			}
			else if (action instanceof AlterColumnType change) {
				typeDesign(table, change.column(), change.type(), false);
				if (!created) {
					changeType(table, change, lock);
				}
			}
			else if (created) {
				continue;
			}
			else if (action instanceof AddConstraint add) {
				addConstraint(table, add.constraint(), lock);
			}
			else if (action instanceof SetNotNull set) {
				setNotNull(table, set.column(), lock);
			}
			else if (action instanceof ValidateConstraint validate) {
				validate(table, validate);
			}
			else if (action instanceof DropColumn drop) {
				report(Rule.DROP_COLUMN, table, lock, false,
						"replicas still running the previous build may read or write " + table + "." + drop.column()
								+ " and fail until they are replaced; the data is gone for good",
						"-- release 1: stop reading and writing " + drop.column()
								+ " (an ORM: mark it ignored) and deploy\n-- release 2, once no running build uses it:\n"
								+ "-- hoist:allow hoist:drop-column <which release stopped using it>\n" + this.sql
								+ ";");
				if (drop.cascade()) {
					report(Rule.DROP_CASCADE, table, lock, false,
							"CASCADE also drops every view, index and constraint that uses " + table + "."
									+ drop.column() + " without naming them",
							"-- drop the dependent objects by name first, then:\nALTER TABLE " + table + " DROP COLUMN "
									+ ObjectName.quote(drop.column()) + ";");
				}
			}
			else if (action instanceof DropConstraint drop && drop.cascade()) {
				report(Rule.DROP_CASCADE, table, lock, false,
						"CASCADE also drops every object that depends on constraint " + drop.name()
								+ " (foreign keys of other tables) without naming them",
						"-- drop the dependent foreign keys by name first, then:\nALTER TABLE " + table
								+ " DROP CONSTRAINT " + ObjectName.quote(drop.name()) + ";");
			}
			else if (action instanceof RenameColumn rename) {
				report(Rule.RENAME_COLUMN, table, lock, false,
						"replicas still running the previous build query " + table + "." + rename.from()
								+ " by its old name and fail until they are replaced",
						"-- expand and contract over releases:\nALTER TABLE " + table + " ADD COLUMN "
								+ ObjectName.quote(rename.to()) + " <type>;\n"
								+ "-- write both columns, backfill in batches, move reads to the new one,\n"
								+ "-- then drop the old column in a later release");
			}
			else if (action instanceof Move move) {
				String target = move.setSchema() ? ObjectName.quote(move.to()) + "." + ObjectName.quote(table.name())
						: ((table.schema() != null) ? ObjectName.quote(table.schema()) + "." : "")
								+ ObjectName.quote(move.to());
				report(Rule.RENAME_TABLE, table, lock, false,
						"replicas still running the previous build query " + table
								+ " by its old name and fail until they are replaced",
						this.sql + ";\n-- keep the old name working until no running build uses it:\nCREATE VIEW "
								+ table + " AS SELECT * FROM " + target
								+ ";\n-- (a simple view stays updatable) and drop the view in a later release");
			}
			else if (action instanceof Rewrite rewrite) {
				if (rewrite.tablespace()) {
					report(Rule.SET_TABLESPACE, table, LockLevel.ACCESS_EXCLUSIVE, true, "SET TABLESPACE copies "
							+ table
							+ "'s files under an ACCESS EXCLUSIVE lock: reads and writes wait for the whole copy",
							"-- move it online with pg_repack --tablespace outside the migration, or, when it is small:\n"
									+ "-- hoist:allow hoist:set-tablespace <why it is safe>\n" + this.sql + ";");
				}
				else {
					report(Rule.TABLE_REWRITE, table, LockLevel.ACCESS_EXCLUSIVE, true,
							rewrite.what().toUpperCase(Locale.ROOT) + " rewrites " + table
									+ " under an ACCESS EXCLUSIVE lock: reads and writes wait for the whole copy",
							"-- there is no online form; create a new table and move the rows in batches, or, when it is small:\n"
									+ "-- hoist:allow hoist:table-rewrite <why it is safe>\n" + this.sql + ";");
				}
			}
			else if (action instanceof SetExpression) {
				report(Rule.ADD_GENERATED_STORED_COLUMN, table, LockLevel.ACCESS_EXCLUSIVE, true,
						"SET EXPRESSION recomputes a stored generated column for every row: " + table
								+ " is rewritten under an ACCESS EXCLUSIVE lock",
						"-- add a new plain column, fill it in batches and keep it current with a trigger,"
								+ " then swap the columns in a later release");
			}
			else if (action instanceof AttachPartition attach) {
				if (!this.state.isCreated(attach.partition()) && !this.linter.hasValidatedCheck(attach.partition())) {
					report(Rule.ATTACH_PARTITION_SCAN, attach.partition(), LockLevel.ACCESS_EXCLUSIVE, false,
							"ATTACH PARTITION scans every row of " + attach.partition()
									+ " under an ACCESS EXCLUSIVE lock to prove the partition bound",
							"ALTER TABLE " + attach.partition() + " ADD CONSTRAINT "
									+ ObjectName.quote(attach.partition().name() + "_bound")
									+ " CHECK (<the partition bound>) NOT VALID;\n" + "ALTER TABLE "
									+ attach.partition() + " VALIDATE CONSTRAINT "
									+ ObjectName.quote(attach.partition().name() + "_bound") + ";\n"
									+ "-- then, in a later migration: the scan is skipped\n" + this.sql
									+ ";\nALTER TABLE " + attach.partition() + " DROP CONSTRAINT "
									+ ObjectName.quote(attach.partition().name() + "_bound") + ";");
				}
			}
			else if (action instanceof DetachPartition detach) {
				if (detach.concurrently()) {
					if (this.state.inTransaction()) {
						concurrentlyInTransaction("DETACH PARTITION ... CONCURRENTLY", table);
					}
				}
				else if (this.linter.options().serverMajor() >= 14) {
					report(Rule.DETACH_PARTITION_NOT_CONCURRENT, table, LockLevel.ACCESS_EXCLUSIVE, false,
							"DETACH PARTITION takes an ACCESS EXCLUSIVE lock on " + table
									+ ": reads and writes on every partition wait",
							NO_TRANSACTION + "ALTER TABLE " + table + " DETACH PARTITION " + detach.partition()
									+ " CONCURRENTLY;\n-- in a migration of its own (PostgreSQL 14+)");
				}
			}
			else if (action instanceof DisableTrigger disable) {
				boolean all = disable.which().equals("all");
				report(Rule.DISABLE_TRIGGER, table, LockLevel.SHARE_ROW_EXCLUSIVE, false, all
						? "DISABLE TRIGGER ALL also disables the internal triggers that enforce foreign keys: rows written"
								+ " meanwhile, by anyone, are never checked"
						: "while the trigger is disabled every write to " + table
								+ ", by anyone, skips it; the data it maintains goes stale",
						"-- skip triggers for this migration's own writes only:\n"
								+ "SET LOCAL session_replication_role = replica;\n-- <the writes>\n"
								+ "RESET session_replication_role;");
			}
		}
	}

	private void addColumn(ObjectName table, AddColumn add) {
		ColumnDefinition column = add.column();
		TypeName type = column.type();
		String typeText = (type != null) ? type.text() : "<type>";
		String name = ObjectName.quote(column.name());
		int major = this.linter.options().serverMajor();
		if (column.identity() || (type != null && type.isSerial())) {
			String bigint = (type != null && type.is("int4") || type != null && type.is("serial")) ? "bigint"
					: (type != null && !type.isSerial()) ? type.text() : "bigint";
			report(Rule.ADD_AUTO_INCREMENT_COLUMN, table, LockLevel.ACCESS_EXCLUSIVE, true,
					"adding " + column.name() + " fills every existing row from a sequence: " + table
							+ " is rewritten under an ACCESS EXCLUSIVE lock"
							+ (column.primaryKey() ? ", and its primary key index is built under the same lock" : ""),
					"ALTER TABLE " + table + " ADD COLUMN " + name + " " + bigint + ";\nCREATE SEQUENCE "
							+ ObjectName.quote(table.name() + "_" + column.name() + "_seq") + " OWNED BY " + table + "."
							+ name + ";\nALTER TABLE " + table + " ALTER COLUMN " + name + " SET DEFAULT nextval('"
							+ table.name() + "_" + column.name() + "_seq');\n"
							+ "-- backfill existing rows in batches, then CREATE UNIQUE INDEX CONCURRENTLY and"
							+ " ADD PRIMARY KEY USING INDEX");
		}
		else if (column.generatedStored()) {
			report(Rule.ADD_GENERATED_STORED_COLUMN, table, LockLevel.ACCESS_EXCLUSIVE, true,
					"a STORED generated column is computed for every existing row: " + table
							+ " is rewritten under an ACCESS EXCLUSIVE lock",
					((major >= 18)
							? "-- PostgreSQL 18+: a VIRTUAL generated column is computed on read, with no rewrite\n"
							: "") + "ALTER TABLE " + table + " ADD COLUMN " + name + " " + typeText
							+ ";\n-- keep it current with a trigger, and fill existing rows in batches");
		}
		else if (column.hasDefault() && !column.defaultIsNull()) {
			String volatileFunction = volatileFunction(column.defaultExpression());
			if (major < 11 || volatileFunction != null) {
				String expression = text(column.defaultExpression());
				String why = "";
				if (volatileFunction != null) {
					why = this.linter.isKnownVolatile(volatileFunction) ? "is volatile (" + volatileFunction + "())"
							: "calls " + volatileFunction
									+ "(), which PostgreSQL treats as volatile unless it is declared IMMUTABLE or STABLE";
				}
				report(Rule.ADD_COLUMN_VOLATILE_DEFAULT, table, LockLevel.ACCESS_EXCLUSIVE, true,
						((volatileFunction != null)
								? "DEFAULT " + expression + " " + why + ": adding " + column.name()
										+ " computes it for every row,"
								: "before PostgreSQL 11 any DEFAULT on a new column") + " rewriting " + table
								+ " under an ACCESS EXCLUSIVE lock",
						"ALTER TABLE " + table + " ADD COLUMN " + name + " " + typeText + ";\nALTER TABLE " + table
								+ " ALTER COLUMN " + name + " SET DEFAULT " + expression
								+ ";\n-- then fill existing rows in batches from a transaction:false migration:\n-- UPDATE "
								+ table + " SET " + name + " = " + expression + " WHERE " + name
								+ " IS NULL AND <key range>;");
			}
		}
		if (column.notNull() && (!column.hasDefault() || column.defaultIsNull()) && !column.identity()
				&& !column.generatedStored() && (type == null || !type.isSerial())) {
			report(Rule.ADD_REQUIRED_COLUMN, table, LockLevel.ACCESS_EXCLUSIVE, false,
					"adding " + column.name() + " NOT NULL without a default fails as soon as " + table
							+ " has a row: existing rows would hold NULL",
					"ALTER TABLE " + table + " ADD COLUMN " + name + " " + typeText
							+ " NOT NULL DEFAULT <value>;\n-- a constant default rewrites nothing from PostgreSQL 11");
		}
		if (column.primaryKey() && !column.identity() && (type == null || !type.isSerial())) {
			report(Rule.ADD_PRIMARY_KEY, table, LockLevel.ACCESS_EXCLUSIVE, false,
					"the primary key's index is built under an ACCESS EXCLUSIVE lock on " + table
							+ ": reads and writes wait for the whole build",
					uniqueIndexRewrite(table, table.name() + "_pkey", name, "PRIMARY KEY"));
		}
		else if (column.unique()) {
			report(Rule.ADD_UNIQUE, table, LockLevel.ACCESS_EXCLUSIVE, false,
					"the unique index is built under an ACCESS EXCLUSIVE lock on " + table
							+ ": reads and writes wait for the whole build",
					uniqueIndexRewrite(table, table.name() + "_" + column.name() + "_key", name, "UNIQUE"));
		}
		if (column.references() != null) {
			String constraint = ObjectName.quote(table.name() + "_" + column.name() + "_fkey");
			report(Rule.ADD_FOREIGN_KEY, table, LockLevel.SHARE_ROW_EXCLUSIVE, false,
					"an inline REFERENCES is validated at once: SHARE ROW EXCLUSIVE locks on " + table + " and "
							+ column.references() + " block their writes while " + table + " is scanned",
					"ALTER TABLE " + table + " ADD COLUMN " + name + " " + typeText + ";\nALTER TABLE " + table
							+ " ADD CONSTRAINT " + constraint + " FOREIGN KEY (" + name + ") REFERENCES "
							+ column.references() + " NOT VALID;\n-- then, in a later migration:\nALTER TABLE " + table
							+ " VALIDATE CONSTRAINT " + constraint + ";");
		}
		if (column.check()) {
			report(Rule.ADD_CHECK, table, LockLevel.ACCESS_EXCLUSIVE, false,
					"an inline CHECK is checked against every row of " + table
							+ " under an ACCESS EXCLUSIVE lock: reads and writes wait for the scan",
					"ALTER TABLE " + table + " ADD COLUMN " + name + " " + typeText + ";\nALTER TABLE " + table
							+ " ADD CONSTRAINT " + ObjectName.quote(table.name() + "_" + column.name() + "_check")
							+ " CHECK (<condition>) NOT VALID;\n-- then, in a later migration:\nALTER TABLE " + table
							+ " VALIDATE CONSTRAINT " + ObjectName.quote(table.name() + "_" + column.name() + "_check")
							+ ";");
		}
	}

	private @Nullable String volatileFunction(List<Token> expression) {
		for (int i = 0; i + 1 < expression.size(); i++) {
			Token token = expression.get(i);
			if (token.isName() && expression.get(i + 1).isPunct("(") && (i == 0 || !expression.get(i - 1).isPunct("::"))
					&& this.linter.isVolatile(token.value())) {
				return token.value();
			}
		}
		return null;
	}

	private void changeType(ObjectName table, AlterColumnType change, LockLevel lock) {
		TypeName from = this.linter.columnType(table, change.column());
		TypeChange.Verdict verdict = TypeChange.judge(from, change.type(), change.using());
		if (verdict == TypeChange.Verdict.TIME_ZONE && this.linter.options().serverMajor() < 12) {
			verdict = TypeChange.Verdict.REWRITE;
		}
		String column = ObjectName.quote(change.column());
		if (verdict == TypeChange.Verdict.TIME_ZONE && !this.state.utc) {
			report(Rule.TIMESTAMPTZ_CONVERSION, table, LockLevel.ACCESS_EXCLUSIVE, false,
					"changing " + change.column() + ((from != null) ? " from " + from : "") + " to " + change.type()
							+ " keeps " + table
							+ " only when the session time zone is UTC; otherwise the whole table is rewritten under"
							+ " an ACCESS EXCLUSIVE lock",
					"SET LOCAL timezone = 'UTC';\n" + this.sql + ";");
		}
		else if (verdict == TypeChange.Verdict.REWRITE) {
			String what = (from != null) ? "from " + from + " to " + change.type() : "to " + change.type();
			if (from == null && change.type().is("numeric") && !change.using()) {
				what += " (unless it already is numeric with the same scale and no larger precision)";
			}
			report(Rule.COLUMN_TYPE_REWRITE, table, lock, true,
					"changing " + change.column() + " " + what + " rewrites " + table
							+ " and rebuilds its indexes under an ACCESS EXCLUSIVE lock: reads and writes wait for the"
							+ " whole rewrite",
					"-- expand and contract over releases:\nALTER TABLE " + table + " ADD COLUMN "
							+ ObjectName.quote(change.column() + "_new") + " " + change.type()
							+ ";\n-- keep it in step with a trigger, backfill in batches, move reads to it,\n"
							+ "-- then drop " + column + " in a later release");
		}
	}

	private void addConstraint(ObjectName table, ConstraintDefinition constraint, LockLevel lock) {
		String text = this.sql.substring(constraint.start(), constraint.end());
		String name = (constraint.name() != null) ? ObjectName.quote(constraint.name()) : null;
		String named = (name != null) ? text
				: "CONSTRAINT " + ObjectName.quote(defaultName(table, constraint)) + " " + text;
		String chosen = (name != null) ? name : ObjectName.quote(defaultName(table, constraint));
		if (constraint.notValid() || constraint.notEnforced()) {
			return;
		}
		switch (constraint.kind()) {
			case FOREIGN_KEY -> report(Rule.ADD_FOREIGN_KEY, table, LockLevel.SHARE_ROW_EXCLUSIVE, false,
					"adding a validated foreign key takes SHARE ROW EXCLUSIVE locks on " + table + " and "
							+ constraint.references() + ": writes to both wait while " + table + " is scanned",
					"ALTER TABLE " + table + " ADD " + named + " NOT VALID;\n-- then, in a later migration:\n"
							+ "ALTER TABLE " + table + " VALIDATE CONSTRAINT " + chosen + ";");
			case CHECK -> report(Rule.ADD_CHECK, table, LockLevel.ACCESS_EXCLUSIVE, false,
					"adding a validated CHECK scans every row of " + table
							+ " under an ACCESS EXCLUSIVE lock: reads and writes wait for the scan",
					"ALTER TABLE " + table + " ADD " + named + " NOT VALID;\n-- then, in a later migration:\n"
							+ "ALTER TABLE " + table + " VALIDATE CONSTRAINT " + chosen + ";");
			case NOT_NULL -> setNotNull(table, constraint.columns().get(0), lock);
			case UNIQUE, PRIMARY_KEY -> {
				if (constraint.usingIndex() != null) {
					return;
				}
				boolean primary = constraint.kind() == Kind.PRIMARY_KEY;
				report(primary ? Rule.ADD_PRIMARY_KEY : Rule.ADD_UNIQUE, table, LockLevel.ACCESS_EXCLUSIVE, false,
						(primary ? "ADD PRIMARY KEY" : "ADD UNIQUE")
								+ " builds its index under an ACCESS EXCLUSIVE lock on " + table
								+ ": reads and writes wait for the whole build"
								+ (primary ? ", and sets its columns NOT NULL with a full scan" : ""),
						uniqueIndexRewrite(table, unquote(chosen), columnList(constraint),
								primary ? "PRIMARY KEY" : "UNIQUE"));
			}
			case EXCLUDE -> report(Rule.ADD_EXCLUSION, table, LockLevel.ACCESS_EXCLUSIVE, false,
					"an exclusion constraint builds its index and checks every row under an ACCESS EXCLUSIVE lock on "
							+ table + "; it has no NOT VALID or USING INDEX form",
					"-- declare it when the table is created (CREATE TABLE ... EXCLUDE ...), or, on a small table"
							+ " or in a maintenance window:\n-- hoist:allow hoist:add-exclusion <why it is safe>\n"
							+ this.sql + ";");
		}
	}

	private static String unquote(String quoted) {
		return (quoted.startsWith("\"") && quoted.endsWith("\""))
				? quoted.substring(1, quoted.length() - 1).replace("\"\"", "\"") : quoted;
	}

	private static String columnList(ConstraintDefinition constraint) {
		StringBuilder list = new StringBuilder();
		for (String column : constraint.columns()) {
			list.append(list.isEmpty() ? "" : ", ").append(ObjectName.quote(column));
		}
		return list.toString();
	}

	private static String defaultName(ObjectName table, ConstraintDefinition constraint) {
		String column = constraint.columns().isEmpty() ? "" : "_" + constraint.columns().get(0);
		return switch (constraint.kind()) {
			case FOREIGN_KEY -> table.name() + column + "_fkey";
			case CHECK -> table.name() + "_check";
			case PRIMARY_KEY -> table.name() + "_pkey";
			case UNIQUE -> table.name() + column + "_key";
			case EXCLUDE -> table.name() + column + "_excl";
			case NOT_NULL -> table.name() + column + "_not_null";
		};
	}

	private String uniqueIndexRewrite(ObjectName table, String index, String columns, String kind) {
		String quoted = ObjectName.quote(index);
		return NO_TRANSACTION + "CREATE UNIQUE INDEX CONCURRENTLY " + quoted + " ON " + table + " (" + columns
				+ ");\n-- then, in the next migration"
				+ (kind.equals("PRIMARY KEY") ? " (the columns must be NOT NULL already: see hoist:set-not-null)" : "")
				+ ":\nALTER TABLE " + table + " ADD CONSTRAINT " + quoted + " " + kind + " USING INDEX " + quoted + ";";
	}

	private void setNotNull(ObjectName table, String column, LockLevel lock) {
		int major = this.linter.options().serverMajor();
		if (major >= 12 && this.linter.hasValidatedNotNull(table, column)) {
			return;
		}
		String check = ObjectName.quote(table.name() + "_" + column + "_not_null");
		String quoted = ObjectName.quote(column);
		String rewrite = "ALTER TABLE " + table + " ADD CONSTRAINT " + check + " CHECK (" + quoted
				+ " IS NOT NULL) NOT VALID;\n-- then, in a later migration:\nALTER TABLE " + table
				+ " VALIDATE CONSTRAINT " + check + ";\n";
		rewrite += (major >= 12)
				? "ALTER TABLE " + table + " ALTER COLUMN " + quoted
						+ " SET NOT NULL;  -- uses the validated check, no scan\nALTER TABLE " + table
						+ " DROP CONSTRAINT " + check + ";"
				: "-- before PostgreSQL 12 keep the check constraint instead of SET NOT NULL";
		report(Rule.SET_NOT_NULL, table, LockLevel.ACCESS_EXCLUSIVE, false, "SET NOT NULL scans every row of " + table
				+ " under an ACCESS EXCLUSIVE lock: reads and writes wait for the scan", rewrite);
	}

	private void validate(ObjectName table, ValidateConstraint validate) {
		if (!this.state.inTransaction()) {
			return;
		}
		for (HeldLock held : this.state.locks) {
			if (held.relation().matches(table) && held.level().blocksWrites()) {
				report(Rule.VALIDATE_IN_SAME_TRANSACTION, table, held.level(), false,
						"VALIDATE CONSTRAINT scans " + table + " while this transaction still holds the "
								+ held.level().sql() + " lock taken at line " + held.line() + ", so the scan "
								+ held.level().effect(),
						"-- in a migration of its own, after the one that adds the constraint:\nALTER TABLE " + table
								+ " VALIDATE CONSTRAINT " + ObjectName.quote(validate.name()) + ";");
				return;
			}
		}
	}

	// other statements

	private void addEnumValue(Statement.AddEnumValue add) {
		if (this.state.inTransaction() && this.linter.options().serverMajor() < 12) {
			report(Rule.ADD_ENUM_VALUE_IN_TRANSACTION, null, null, false,
					"before PostgreSQL 12, ALTER TYPE ... ADD VALUE cannot run inside a transaction block, and this"
							+ " section runs in one",
					NO_TRANSACTION + this.sql + ";\n-- in a migration of its own");
		}
	}

	private void enumValueUse() {
		if (!this.state.inTransaction() || this.state.enumValues.isEmpty()
				|| this.run.parsed() instanceof Statement.AddEnumValue) {
			return;
		}
		for (Token token : this.run.tokens()) {
			Integer line = (token.kind() == Token.Kind.STRING) ? this.state.enumValues.get(token.value()) : null;
			if (line != null) {
				report(Rule.ENUM_VALUE_USED_IN_TRANSACTION, null, null, false, "'" + token.value()
						+ "' was added to its enum at line " + line
						+ " in this transaction; PostgreSQL refuses to use a new enum value before that commits",
						"-- move this statement to a later migration, or add the value in a transaction:false"
								+ " migration before this one");
				return;
			}
		}
	}

	private void backfill(Statement.Dml dml) {
		if (!this.state.inTransaction() || this.state.isCreated(dml.table())
				|| dml.verb().equals("insert") && !dml.whole()) {
			return;
		}
		for (HeldLock held : this.state.locks) {
			if (held.relation().matches(dml.table()) || dml.whole()) {
				report(Rule.BACKFILL_UNDER_LOCK, dml.table(), LockLevel.ROW_EXCLUSIVE, false,
						"this " + dml.verb().toUpperCase(Locale.ROOT) + " runs while the transaction still holds the "
								+ held.level().sql() + " lock on " + held.relation() + " taken at line " + held.line()
								+ ": it " + held.level().effect() + " until the whole statement commits",
						"-- move the data change to a transaction:false migration of its own, in batches:\n"
								+ NO_TRANSACTION + "-- " + firstLine(this.sql) + " ... WHERE <key range>;");
				return;
			}
		}
	}

	private void lockTimeout() {
		if (this.linter.options().ddlLockTimeout() || this.state.lockTimeout || this.state.lockTimeoutReported) {
			return;
		}
		LockTaken lock = Linter.lockOf(this.run.parsed());
		if (lock == null || !lock.level().blocksWrites() || this.state.isCreated(lock.relation())) {
			return;
		}
		this.state.lockTimeoutReported = true;
		String set = this.state.inTransaction() ? "SET LOCAL lock_timeout = '5s';" : "SET lock_timeout = '5s';";
		report(Rule.MISSING_LOCK_TIMEOUT, lock.relation(), lock.level(), false,
				"the " + lock.level().sql() + " lock on " + lock.relation()
						+ " waits behind every running query on it, and meanwhile every new query on it queues"
						+ " behind this one; nothing bounds the wait",
				set + "  -- first statement of the migration\n"
						+ "-- or set Hoist's DDL lock timeout, which also retries: "
						+ SettingName.DDL_LOCK_TIMEOUT.spelled(this.linter.options().settingNames()));
	}

	// design advice

	private void columnDesign(ObjectName table, ColumnDefinition column) {
		if (column.type() != null) {
			typeDesign(table, column.name(), column.type(), column.primaryKey());
		}
	}

	private void tablePrimaryKey(Statement.CreateTable create) {
		for (ConstraintDefinition constraint : create.constraints()) {
			if (constraint.kind() == Kind.PRIMARY_KEY && constraint.columns().size() == 1) {
				for (ColumnDefinition column : create.columns()) {
					if (column.name().equals(constraint.columns().get(0)) && column.type() != null
							&& isSmallInteger(column.type())) {
						integerKey(create.table(), column.name(), column.type());
					}
				}
			}
		}
	}

	private void typeDesign(ObjectName table, String column, TypeName type, boolean primaryKey) {
		String quoted = ObjectName.quote(column);
		if (type.is("json")) {
			report(Rule.PREFER_JSONB, table, null, false,
					column + " is json: it keeps the text as written, has no equality operator (DISTINCT, UNION and"
							+ " GROUP BY fail), no GIN index, and is parsed on every access",
					"-- use jsonb instead:\n" + quoted + " jsonb");
		}
		else if (type.is("bpchar")) {
			report(Rule.PREFER_TEXT_OVER_CHAR, table, null, false,
					column + " is " + type + ": it pads with spaces, compares ignoring them, is no faster than text,"
							+ " and changing its length later rewrites the table",
					"-- use text, with a CHECK on the length if one matters:\n" + quoted + " text CHECK (char_length("
							+ quoted + ") <= " + ((type.modifier(0) > 0) ? type.modifier(0) : 1) + ")");
		}
		else if (type.is("timestamp")) {
			report(Rule.PREFER_TIMESTAMPTZ, table, null, false,
					column + " is timestamp without time zone: it stores wall-clock time with no zone, so values"
							+ " change meaning when a server or session time zone differs",
					"-- use timestamptz (an instant; shown in the session's zone):\n" + quoted + " timestamptz");
		}
		if (primaryKey && isSmallInteger(type)) {
			integerKey(table, column, type);
		}
	}

	private void integerKey(ObjectName table, String column, TypeName type) {
		String wider = type.isSerial() ? "bigserial" : "bigint";
		report(Rule.INTEGER_PRIMARY_KEY, table, null, false,
				column + " is a " + type + " primary key: it runs out after 2,147,483,647 inserts (32,767 for"
						+ " smallint), and widening it later rewrites the table and every table that references it",
				"-- use a 64-bit key:\n" + ObjectName.quote(column) + " "
						+ (type.isSerial() ? wider : "bigint GENERATED ALWAYS AS IDENTITY") + " PRIMARY KEY");
	}

	private static boolean isSmallInteger(TypeName type) {
		return type.is("int4") || type.is("int2") || type.is("serial") || type.is("smallserial");
	}

	// helpers

	private void report(Rule rule, @Nullable ObjectName relation, @Nullable LockLevel lock, boolean rewrites,
			String reason, String suggestion) {
		boolean existing = relation != null && !this.state.isCreated(relation);
		this.out.add(new Finding(rule.id(), rule.severity(), this.run.script(), this.run.line(), this.sql,
				(relation != null) ? relation.toString() : null, (existing && lock != null) ? lock.sql() : null,
				rewrites, reason, suggestion, null));
	}

	private String insert(int at, String text) {
		return this.sql.substring(0, at) + text + this.sql.substring(at);
	}

	private boolean allCreated(List<ObjectName> names) {
		for (ObjectName name : names) {
			if (!this.state.isCreated(name)) {
				return false;
			}
		}
		return !names.isEmpty();
	}

	private static @Nullable ObjectName first(List<ObjectName> names) {
		return names.isEmpty() ? null : names.get(0);
	}

	private static String names(List<ObjectName> names) {
		StringBuilder text = new StringBuilder();
		for (ObjectName name : names) {
			text.append(text.isEmpty() ? "" : ", ").append(name);
		}
		return text.toString();
	}

	private String text(List<Token> tokens) {
		if (tokens.isEmpty()) {
			return "";
		}
		return this.sql.substring(tokens.get(0).start(), tokens.get(tokens.size() - 1).end());
	}

	private static String firstLine(String sql) {
		int newline = sql.indexOf('\n');
		return (newline < 0) ? sql : sql.substring(0, newline);
	}

}
