package dev.hoist.core.internal;

import dev.hoist.core.JavaMigration;
import dev.hoist.core.MigrationInfo;
import dev.hoist.core.MigrationVersion;
import org.jspecify.annotations.Nullable;

/**
 * A migration of this build: a parsed SQL file or a {@link JavaMigration}.
 *
 * @param version the version, {@code null} for a repeatable
 * @param description the description
 * @param type SQL, JAVA or REPEATABLE
 * @param script the file name or class name, as recorded in history
 * @param location where it was found, for messages
 * @param checksum the checksum, {@code null} for a Java migration without one
 * @param sql the SQL file, {@code null} for a Java migration
 * @param java the Java migration, {@code null} for a SQL file
 */
public record ResolvedMigration(@Nullable MigrationVersion version, String description, MigrationInfo.Type type,
		String script, String location, @Nullable String checksum, @Nullable SqlSource sql,
		@Nullable JavaMigration java) {

	/**
	 * Return the SQL file's sections, read on first use; {@code null} for a Java
	 * migration.
	 * @return the sections
	 * @throws MigrationFileException when the file cannot be read as a migration
	 */
	public SqlMigrationParser.@Nullable Parsed parsed() {
		return (this.sql != null) ? this.sql.parse() : null;
	}

	public boolean isRepeatable() {
		return this.type == MigrationInfo.Type.REPEATABLE;
	}

	public boolean isTransactional() {
		SqlMigrationParser.Parsed parsed = parsed();
		return parsed == null || parsed.up().transactional();
	}

	public boolean hasDown() {
		return irreversible() == null;
	}

	/**
	 * Return why this migration cannot be downgraded, reading its down section on first
	 * use.
	 * @return the reason and the remedy, or {@code null} when it can be downgraded
	 * @throws MigrationFileException when the file cannot be read as a migration
	 */
	public @Nullable Irreversible irreversible() {
		SqlMigrationParser.Parsed parsed = parsed();
		if (parsed == null) {
			return (this.java != null && this.java.hasDown()) ? null
					: new Irreversible("it does not override hasDown() and down(Connection)",
							"implement down(Connection) and return true from hasDown()");
		}
		// editing an applied file changes its checksum, which repair then records
		String repair = ", then run 'repair' to record the file's new checksum";
		MigrationSection down = parsed.down();
		if (down == null) {
			return new Irreversible("it has no '-- migrate:down' section",
					"add a '-- migrate:down' section that undoes it" + repair);
		}
		if (parsed.downProblem() != null) {
			return new Irreversible("its down section cannot run",
					"fix the down section" + repair + ". The problem: " + parsed.downProblem());
		}
		if (!down.hasStatements()) {
			return new Irreversible("its '-- migrate:down' section (line " + down.markerLine() + ") has no statements",
					"write the SQL that undoes it below '-- migrate:down'" + repair);
		}
		return null;
	}

	public String versionText() {
		return (this.version != null) ? this.version.toString() : "R";
	}

	/**
	 * Why a migration cannot be downgraded.
	 *
	 * @param reason what is missing, as a clause about the migration
	 * @param remedy what makes it reversible, as an instruction
	 */
	public record Irreversible(String reason, String remedy) {

	}

}
