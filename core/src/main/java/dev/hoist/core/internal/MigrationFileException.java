package dev.hoist.core.internal;

/**
 * A migration file that cannot be used as written.
 */
public final class MigrationFileException extends RuntimeException {

	private final String script;

	public MigrationFileException(String script, String message) {
		super(message);
		this.script = script;
	}

	public String script() {
		return this.script;
	}

}
