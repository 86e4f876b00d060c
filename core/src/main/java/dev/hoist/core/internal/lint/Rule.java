package dev.hoist.core.internal.lint;

import java.util.Locale;

import dev.hoist.core.lint.Finding;
import org.jspecify.annotations.Nullable;

/**
 * Every static rule: a stable id ({@code hoist:} and a kebab-case name that says what is
 * caught), a severity, and what it catches in one line. Ids are never renamed or reused:
 * suppressions and CI configurations name them.
 */
enum Rule {

	INDEX_NOT_CONCURRENT(Finding.Severity.ERROR, "CREATE INDEX without CONCURRENTLY on an existing table"),

	DROP_INDEX_NOT_CONCURRENT(Finding.Severity.WARNING, "DROP INDEX without CONCURRENTLY"),

	INDEX_OVER_THREE_COLUMNS(Finding.Severity.INFO, "a non-unique index on more than three columns"),

	CONCURRENTLY_IN_TRANSACTION(Finding.Severity.ERROR,
			"CREATE/DROP INDEX, REINDEX or DETACH PARTITION ... CONCURRENTLY in a transactional section"),

	ADD_FOREIGN_KEY(Finding.Severity.ERROR, "a foreign key added to an existing table without NOT VALID"),

	ADD_CHECK(Finding.Severity.ERROR, "a check constraint added to an existing table without NOT VALID"),

	ADD_UNIQUE(Finding.Severity.ERROR, "a unique constraint added to an existing table without USING INDEX"),

	ADD_PRIMARY_KEY(Finding.Severity.ERROR, "a primary key added to an existing table without USING INDEX"),

	ADD_EXCLUSION(Finding.Severity.ERROR, "an exclusion constraint added to an existing table"),

	VALIDATE_IN_SAME_TRANSACTION(Finding.Severity.WARNING,
			"VALIDATE CONSTRAINT in the same transaction that already locked the table"),

	SET_NOT_NULL(Finding.Severity.ERROR,
			"SET NOT NULL on an existing column without a validated CHECK (col IS NOT NULL)"),

	ADD_REQUIRED_COLUMN(Finding.Severity.ERROR, "a NOT NULL column without a default added to an existing table"),

	COLUMN_TYPE_REWRITE(Finding.Severity.ERROR, "a column type change that rewrites the table"),

	TIMESTAMPTZ_CONVERSION(Finding.Severity.WARNING,
			"timestamp to timestamptz (or back): no rewrite only when the session time zone is UTC"),

	ADD_COLUMN_VOLATILE_DEFAULT(Finding.Severity.ERROR,
			"a column added with a volatile default (or any default before PostgreSQL 11)"),

	ADD_GENERATED_STORED_COLUMN(Finding.Severity.ERROR,
			"a stored generated column added to, or changed on, an existing table"),

	ADD_AUTO_INCREMENT_COLUMN(Finding.Severity.ERROR, "a serial or identity column added to an existing table"),

	RENAME_COLUMN(Finding.Severity.ERROR, "a column renamed while the running build still uses the old name"),

	RENAME_TABLE(Finding.Severity.ERROR, "a table or view renamed or moved to another schema while still in use"),

	DROP_COLUMN(Finding.Severity.ERROR, "a column dropped while the running build may still use it"),

	DROP_TABLE(Finding.Severity.ERROR, "a table dropped while the running build may still use it"),

	DROP_DATABASE(Finding.Severity.ERROR, "DROP DATABASE"),

	ADD_ENUM_VALUE_IN_TRANSACTION(Finding.Severity.ERROR,
			"ALTER TYPE ... ADD VALUE in a transaction before PostgreSQL 12"),

	ENUM_VALUE_USED_IN_TRANSACTION(Finding.Severity.ERROR, "a new enum value used in the transaction that added it"),

	UNCOMMITTED_TRANSACTION(Finding.Severity.ERROR, "a BEGIN in a transaction:false section that is never committed"),

	VACUUM_FULL(Finding.Severity.ERROR, "VACUUM FULL"),

	CLUSTER(Finding.Severity.ERROR, "CLUSTER"),

	REINDEX_NOT_CONCURRENT(Finding.Severity.ERROR, "REINDEX without CONCURRENTLY"),

	LOCK_TABLE(Finding.Severity.WARNING, "an explicit LOCK TABLE in a mode that blocks writes"),

	MISSING_LOCK_TIMEOUT(Finding.Severity.WARNING,
			"lock-taking DDL with neither Hoist's DDL lock timeout nor SET lock_timeout"),

	TRUNCATE_CASCADE(Finding.Severity.ERROR, "TRUNCATE ... CASCADE"),

	DROP_CASCADE(Finding.Severity.ERROR, "DROP ... CASCADE"),

	DETACH_PARTITION_NOT_CONCURRENT(Finding.Severity.WARNING, "DETACH PARTITION without CONCURRENTLY"),

	ATTACH_PARTITION_SCAN(Finding.Severity.WARNING, "ATTACH PARTITION without a validated CHECK matching the bound"),

	SET_TABLESPACE(Finding.Severity.ERROR, "SET TABLESPACE on an existing table or index"),

	TABLE_REWRITE(Finding.Severity.ERROR, "SET LOGGED, SET UNLOGGED or SET ACCESS METHOD on an existing table"),

	DISABLE_TRIGGER(Finding.Severity.WARNING, "DISABLE TRIGGER ALL, USER or by name"),

	REFRESH_MATERIALIZED_VIEW(Finding.Severity.WARNING, "REFRESH MATERIALIZED VIEW without CONCURRENTLY"),

	ALTER_DOMAIN_ADD_CONSTRAINT(Finding.Severity.WARNING, "ALTER DOMAIN ... ADD CONSTRAINT without NOT VALID"),

	BACKFILL_UNDER_LOCK(Finding.Severity.WARNING,
			"UPDATE, DELETE or INSERT ... SELECT after DDL in the same transaction"),

	PREFER_JSONB(Finding.Severity.INFO, "a json column (jsonb has equality, indexes, and is faster)"),

	PREFER_TEXT_OVER_CHAR(Finding.Severity.INFO, "a char(n) column"),

	PREFER_TIMESTAMPTZ(Finding.Severity.INFO, "a timestamp without time zone column"),

	INTEGER_PRIMARY_KEY(Finding.Severity.INFO, "an integer (32-bit or smaller) primary key"),

	ALLOW_WITHOUT_REASON(Finding.Severity.ERROR, "a -- hoist:allow comment without a reason"),

	ALLOW_UNKNOWN_RULE(Finding.Severity.ERROR, "a -- hoist:allow comment naming no known rule"),

	ALLOW_UNUSED(Finding.Severity.WARNING, "a -- hoist:allow comment that suppresses nothing"),

	INVALID_MIGRATION(Finding.Severity.ERROR, "a migration file Hoist cannot read");

	private final Finding.Severity severity;

	private final String summary;

	private final String id;

	Rule(Finding.Severity severity, String summary) {
		this.severity = severity;
		this.summary = summary;
		this.id = "hoist:" + name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	String id() {
		return this.id;
	}

	Finding.Severity severity() {
		return this.severity;
	}

	String summary() {
		return this.summary;
	}

	/**
	 * Return whether the statement holds a lock that blocks writes (or reads) for as long
	 * as a scan, an index build or a rewrite of the relation takes: the findings whose
	 * harm grows with the relation's size.
	 * @return whether the lock lasts as long as the relation is big
	 */
	boolean scansUnderLock() {
		return switch (this) {
			case INDEX_NOT_CONCURRENT, ADD_FOREIGN_KEY, ADD_CHECK, ADD_UNIQUE, ADD_PRIMARY_KEY, ADD_EXCLUSION,
					VALIDATE_IN_SAME_TRANSACTION, SET_NOT_NULL, COLUMN_TYPE_REWRITE, TIMESTAMPTZ_CONVERSION,
					ADD_COLUMN_VOLATILE_DEFAULT, ADD_GENERATED_STORED_COLUMN, ADD_AUTO_INCREMENT_COLUMN, VACUUM_FULL,
					CLUSTER, REINDEX_NOT_CONCURRENT, ATTACH_PARTITION_SCAN, SET_TABLESPACE, TABLE_REWRITE,
					REFRESH_MATERIALIZED_VIEW ->
				true;
			default -> false;
		};
	}

	/**
	 * Return whether a {@code -- hoist:allow} comment may name this rule.
	 * @return whether it can be suppressed
	 */
	boolean suppressible() {
		return this != ALLOW_WITHOUT_REASON && this != ALLOW_UNKNOWN_RULE && this != ALLOW_UNUSED
				&& this != INVALID_MIGRATION;
	}

	/**
	 * Find a rule by id, with or without the {@code hoist:} prefix.
	 * @param id the id
	 * @return the rule, or {@code null}
	 */
	static @Nullable Rule byId(String id) {
		String lower = id.toLowerCase(Locale.ROOT);
		String full = lower.startsWith("hoist:") ? lower : "hoist:" + lower;
		for (Rule rule : values()) {
			if (rule.id.equals(full)) {
				return rule;
			}
		}
		return null;
	}

}
