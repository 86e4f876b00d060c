package dev.hoist.core.internal;

import org.jspecify.annotations.Nullable;

/**
 * A SQL migration file's normalized text, split into sections only when needed: a start
 * at the head checksums every file but splits none, since an unchanged applied file was
 * valid when it ran.
 */
public final class SqlSource {

	private final String script;

	private final String location;

	private final String text;

	private final boolean repeatable;

	private volatile SqlMigrationParser.@Nullable Parsed parsed;

	SqlSource(String script, String location, String text, boolean repeatable) {
		this.script = script;
		this.location = location;
		this.text = text;
		this.repeatable = repeatable;
	}

	/**
	 * Return the file's normalized text, for the safety rules.
	 * @return the text
	 */
	String text() {
		return this.text;
	}

	/**
	 * Return the file's location, such as {@code classpath:db/migration/V1__a.sql}.
	 * @return the location
	 */
	String location() {
		return this.location;
	}

	/**
	 * Return the file's sections, reading them on first use.
	 * @return the sections
	 * @throws MigrationFileException naming the file's location, line and reason
	 */
	public SqlMigrationParser.Parsed parse() {
		SqlMigrationParser.Parsed result = this.parsed;
		if (result == null) {
			try {
				result = SqlMigrationParser.parse(this.script, this.text);
				if (this.repeatable && result.down() != null) {
					throw new MigrationFileException(this.script, this.script + " line " + result.down().markerLine()
							+ ": a repeatable migration has no down section; it is re-applied whenever it changes");
				}
			}
			catch (MigrationFileException ex) {
				String message = ex.getMessage().startsWith(this.script)
						? this.location + ex.getMessage().substring(this.script.length()) : ex.getMessage();
				throw new MigrationFileException(this.location, message);
			}
			this.parsed = result;
		}
		return result;
	}

}
