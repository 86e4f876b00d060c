package dev.hoist.core.internal.lint;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a statement does, as far as the rules need to know.
 */
sealed interface Statement {

	/**
	 * {@code CREATE [UNIQUE] INDEX}.
	 *
	 * @param table the indexed table
	 * @param name the index name, or {@code null} when PostgreSQL chooses it
	 * @param unique whether it is unique
	 * @param concurrently whether it is built {@code CONCURRENTLY}
	 * @param only whether it is {@code ON ONLY} a partitioned table's parent
	 * @param columns the indexed columns' text
	 * @param keyColumns how many key columns or expressions it has
	 * @param insertAt the offset after the {@code INDEX} keyword, where
	 * {@code CONCURRENTLY} goes
	 */
	record CreateIndex(ObjectName table, @Nullable String name, boolean unique, boolean concurrently, boolean only,
			String columns, int keyColumns, int insertAt) implements Statement {

	}

	/**
	 * {@code DROP <kind> ...}.
	 *
	 * @param kind the object kind in lower case, such as {@code table} or
	 * {@code materialized view}
	 * @param names the dropped objects
	 * @param concurrently whether {@code CONCURRENTLY} is given
	 * @param cascade whether {@code CASCADE} is given
	 * @param insertAt the offset after the kind, where {@code CONCURRENTLY} goes
	 */
	record Drop(String kind, List<ObjectName> names, boolean concurrently, boolean cascade,
			int insertAt) implements Statement {

		public Drop {
			names = List.copyOf(names);
		}

	}

	/**
	 * {@code ALTER TABLE} and its relatives ({@code ALTER INDEX}, {@code ALTER VIEW},
	 * {@code ALTER MATERIALIZED VIEW}, {@code ALTER FOREIGN TABLE}).
	 *
	 * @param kind the object kind in lower case
	 * @param table the altered relation, {@code null} for
	 * {@code ALTER TABLE ALL IN TABLESPACE}
	 * @param actions the subcommands in order
	 */
	record AlterTable(String kind, @Nullable ObjectName table, List<AlterAction> actions) implements Statement {

		public AlterTable {
			actions = List.copyOf(actions);
		}

		LockLevel lock() {
			LockLevel lock = LockLevel.ACCESS_SHARE;
			for (AlterAction action : this.actions) {
				lock = LockLevel.max(lock, action.lock());
			}
			return lock;
		}

	}

	/**
	 * {@code CREATE TABLE}, including {@code PARTITION OF} and {@code AS}.
	 *
	 * @param table the new table
	 * @param columns the columns defined here
	 * @param constraints the table constraints defined here
	 * @param partitionOf the parent of a partition
	 * @param references the tables that foreign keys of the new table point to
	 */
	record CreateTable(ObjectName table, List<ColumnDefinition> columns, List<ConstraintDefinition> constraints,
			@Nullable ObjectName partitionOf, List<ObjectName> references) implements Statement {

		public CreateTable {
			columns = List.copyOf(columns);
			constraints = List.copyOf(constraints);
			references = List.copyOf(references);
		}

	}

	/**
	 * A statement that creates a relation no one uses yet:
	 * {@code CREATE MATERIALIZED VIEW}, {@code CREATE VIEW}, {@code CREATE SEQUENCE},
	 * {@code SELECT ... INTO}.
	 *
	 * @param relation the new relation
	 */
	record CreateRelation(ObjectName relation) implements Statement {

	}

	/**
	 * {@code ALTER TYPE ... ADD VALUE}.
	 *
	 * @param type the enum type
	 * @param label the new label
	 */
	record AddEnumValue(ObjectName type, String label) implements Statement {

	}

	/**
	 * {@code VACUUM}.
	 *
	 * @param full whether it is {@code VACUUM FULL}
	 * @param tables the tables, empty for the whole database
	 */
	record Vacuum(boolean full, List<ObjectName> tables) implements Statement {

		public Vacuum {
			tables = List.copyOf(tables);
		}

	}

	/**
	 * {@code CLUSTER}.
	 *
	 * @param table the table, {@code null} for every previously clustered table
	 */
	record Cluster(@Nullable ObjectName table) implements Statement {

	}

	/**
	 * {@code REINDEX}.
	 *
	 * @param kind {@code index}, {@code table}, {@code schema}, {@code database} or
	 * {@code system}
	 * @param name the object
	 * @param concurrently whether it is {@code CONCURRENTLY}
	 * @param insertAt where {@code CONCURRENTLY} goes
	 */
	record Reindex(String kind, @Nullable ObjectName name, boolean concurrently, int insertAt) implements Statement {

	}

	/**
	 * {@code LOCK [TABLE]}.
	 *
	 * @param tables the tables
	 * @param mode the requested mode
	 */
	record Lock(List<ObjectName> tables, LockLevel mode) implements Statement {

		public Lock {
			tables = List.copyOf(tables);
		}

	}

	/**
	 * {@code TRUNCATE}.
	 *
	 * @param tables the tables
	 * @param cascade whether {@code CASCADE} is given
	 */
	record Truncate(List<ObjectName> tables, boolean cascade) implements Statement {

		public Truncate {
			tables = List.copyOf(tables);
		}

	}

	/**
	 * {@code SET}, {@code SET LOCAL}, {@code RESET} of a setting.
	 *
	 * @param name the setting in lower case
	 * @param value the value as written, {@code null} for {@code RESET} and
	 * {@code DEFAULT}
	 * @param local whether it is {@code SET LOCAL}
	 */
	record Setting(String name, @Nullable String value, boolean local) implements Statement {

	}

	/**
	 * {@code CREATE [OR REPLACE] FUNCTION}.
	 *
	 * @param name the function
	 * @param isVolatile whether it is volatile (the default when not declared)
	 */
	record CreateFunction(ObjectName name, boolean isVolatile) implements Statement {

	}

	/**
	 * {@code REFRESH MATERIALIZED VIEW}.
	 *
	 * @param view the view
	 * @param concurrently whether it is {@code CONCURRENTLY}
	 * @param insertAt where {@code CONCURRENTLY} goes
	 */
	record RefreshMaterializedView(ObjectName view, boolean concurrently, int insertAt) implements Statement {

	}

	/**
	 * {@code CREATE DOMAIN}: a domain no column uses yet.
	 *
	 * @param domain the new domain
	 */
	record CreateDomain(ObjectName domain) implements Statement {

	}

	/**
	 * {@code ALTER DOMAIN ... ADD CONSTRAINT}.
	 *
	 * @param domain the domain
	 * @param notValid whether it is added {@code NOT VALID}
	 */
	record AlterDomainAddConstraint(ObjectName domain, boolean notValid) implements Statement {

	}

	/**
	 * {@code UPDATE}, {@code DELETE}, {@code INSERT}, {@code MERGE}.
	 *
	 * @param verb the verb in lower case
	 * @param table the target table
	 * @param whole whether it can touch every row: no {@code WHERE}, or
	 * {@code INSERT ... SELECT}
	 */
	record Dml(String verb, ObjectName table, boolean whole) implements Statement {

	}

	/**
	 * A statement that takes a lock on a relation and is not judged otherwise: triggers,
	 * rules, policies, comments, grants.
	 *
	 * @param what its leading words
	 * @param relation the relation
	 * @param lock the lock
	 */
	record Locking(String what, ObjectName relation, LockLevel lock) implements Statement {

	}

	/**
	 * {@code BEGIN}, {@code START TRANSACTION}, {@code COMMIT}, {@code END},
	 * {@code ROLLBACK}, {@code ABORT}.
	 *
	 * @param begin whether it starts a transaction
	 */
	record Transaction(boolean begin) implements Statement {

	}

	/**
	 * Anything else.
	 *
	 * @param what its leading words
	 */
	record Other(String what) implements Statement {

	}

}
