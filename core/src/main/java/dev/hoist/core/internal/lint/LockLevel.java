package dev.hoist.core.internal.lint;

/**
 * PostgreSQL's table-level lock modes, weakest first.
 */
enum LockLevel {

	ACCESS_SHARE("ACCESS SHARE"),

	ROW_SHARE("ROW SHARE"),

	ROW_EXCLUSIVE("ROW EXCLUSIVE"),

	SHARE_UPDATE_EXCLUSIVE("SHARE UPDATE EXCLUSIVE"),

	SHARE("SHARE"),

	SHARE_ROW_EXCLUSIVE("SHARE ROW EXCLUSIVE"),

	EXCLUSIVE("EXCLUSIVE"),

	ACCESS_EXCLUSIVE("ACCESS EXCLUSIVE");

	private final String sql;

	LockLevel(String sql) {
		this.sql = sql;
	}

	/**
	 * Return the mode as PostgreSQL's documentation and {@code LOCK} spell it.
	 * @return the mode, such as {@code ACCESS EXCLUSIVE}
	 */
	String sql() {
		return this.sql;
	}

	/**
	 * Return whether the mode makes inserts, updates and deletes wait.
	 * @return whether writes are blocked
	 */
	boolean blocksWrites() {
		return compareTo(SHARE) >= 0;
	}

	/**
	 * Return whether the mode makes plain reads wait.
	 * @return whether reads are blocked
	 */
	boolean blocksReads() {
		return this == ACCESS_EXCLUSIVE;
	}

	/**
	 * Say in a few words what the mode blocks.
	 * @return the effect, such as "blocks reads and writes"
	 */
	String effect() {
		if (blocksReads()) {
			return "blocks reads and writes";
		}
		if (blocksWrites()) {
			return "blocks writes";
		}
		return "blocks other schema changes";
	}

	static LockLevel max(LockLevel a, LockLevel b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

	static LockLevel parse(String words) {
		for (LockLevel level : values()) {
			if (level.sql.equalsIgnoreCase(words)) {
				return level;
			}
		}
		return ACCESS_EXCLUSIVE;
	}

}
