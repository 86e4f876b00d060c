package dev.hoist.core.internal.lint;

import java.util.List;

/**
 * One subcommand of {@code ALTER TABLE}.
 */
sealed interface AlterAction {

	/**
	 * Return the lock the subcommand takes on the altered table.
	 * @return the lock
	 */
	LockLevel lock();

	/**
	 * Return the offset of the subcommand's text in the statement.
	 * @return the offset
	 */
	int start();

	/**
	 * Return the offset after the subcommand's text.
	 * @return the offset
	 */
	int end();

	record AddColumn(ColumnDefinition column, boolean ifNotExists, int start, int end) implements AlterAction {

		@Override
		public LockLevel lock() {
			return LockLevel.ACCESS_EXCLUSIVE;
		}

	}

	record DropColumn(String column, boolean cascade, int start, int end) implements AlterAction {

		@Override
		public LockLevel lock() {
			return LockLevel.ACCESS_EXCLUSIVE;
		}

	}

	record AlterColumnType(String column, TypeName type, boolean using, int start, int end) implements AlterAction {

		@Override
		public LockLevel lock() {
			return LockLevel.ACCESS_EXCLUSIVE;
		}

	}

	record SetNotNull(String column, int start, int end) implements AlterAction {

		@Override
		public LockLevel lock() {
			return LockLevel.ACCESS_EXCLUSIVE;
		}

	}

	record SetExpression(String column, int start, int end) implements AlterAction {

		@Override
		public LockLevel lock() {
			return LockLevel.ACCESS_EXCLUSIVE;
		}

	}

	record AddConstraint(ConstraintDefinition constraint, int start, int end) implements AlterAction {

		@Override
		public LockLevel lock() {
			return (this.constraint.kind() == ConstraintDefinition.Kind.FOREIGN_KEY) ? LockLevel.SHARE_ROW_EXCLUSIVE
					: LockLevel.ACCESS_EXCLUSIVE;
		}

	}

	record ValidateConstraint(String name, int start, int end) implements AlterAction {

		@Override
		public LockLevel lock() {
			return LockLevel.SHARE_UPDATE_EXCLUSIVE;
		}

	}

	record DropConstraint(String name, boolean cascade, int start, int end) implements AlterAction {

		@Override
		public LockLevel lock() {
			return LockLevel.ACCESS_EXCLUSIVE;
		}

	}

	record RenameColumn(String from, String to, int start, int end) implements AlterAction {

		@Override
		public LockLevel lock() {
			return LockLevel.ACCESS_EXCLUSIVE;
		}

	}

	/**
	 * {@code RENAME TO} or {@code SET SCHEMA}: the relation is no longer where running
	 * code looks for it.
	 *
	 * @param to the new name, or the new schema for {@code SET SCHEMA}
	 * @param setSchema whether this is {@code SET SCHEMA}
	 */
	record Move(String to, boolean setSchema, int start, int end) implements AlterAction {

		@Override
		public LockLevel lock() {
			return LockLevel.ACCESS_EXCLUSIVE;
		}

	}

	/**
	 * A subcommand that copies the whole table into new files: {@code SET TABLESPACE},
	 * {@code SET LOGGED}, {@code SET UNLOGGED}, {@code SET ACCESS METHOD}.
	 *
	 * @param what the subcommand's words
	 * @param tablespace whether it is {@code SET TABLESPACE}
	 */
	record Rewrite(String what, boolean tablespace, int start, int end) implements AlterAction {

		@Override
		public LockLevel lock() {
			return LockLevel.ACCESS_EXCLUSIVE;
		}

	}

	record AttachPartition(ObjectName partition, int start, int end) implements AlterAction {

		@Override
		public LockLevel lock() {
			return LockLevel.SHARE_UPDATE_EXCLUSIVE;
		}

	}

	record DetachPartition(ObjectName partition, boolean concurrently, int start, int end) implements AlterAction {

		@Override
		public LockLevel lock() {
			return this.concurrently ? LockLevel.SHARE_UPDATE_EXCLUSIVE : LockLevel.ACCESS_EXCLUSIVE;
		}

	}

	/**
	 * {@code DISABLE TRIGGER}.
	 *
	 * @param which {@code all}, {@code user}, or the trigger's name
	 */
	record DisableTrigger(String which, int start, int end) implements AlterAction {

		@Override
		public LockLevel lock() {
			return LockLevel.SHARE_ROW_EXCLUSIVE;
		}

	}

	/**
	 * Any other subcommand, with the lock PostgreSQL documents for it.
	 *
	 * @param words the subcommand's leading words
	 * @param lock the lock
	 * @param tokens the subcommand's tokens
	 */
	record Other(String words, LockLevel lock, List<Token> tokens, int start, int end) implements AlterAction {

		public Other {
			tokens = List.copyOf(tokens);
		}

	}

}
