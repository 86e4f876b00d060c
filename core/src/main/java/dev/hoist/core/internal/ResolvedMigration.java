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
		SqlMigrationParser.Parsed parsed = parsed();
		return (parsed != null) ? parsed.down() != null : this.java != null && this.java.hasDown();
	}

	public String versionText() {
		return (this.version != null) ? this.version.toString() : "R";
	}

}
