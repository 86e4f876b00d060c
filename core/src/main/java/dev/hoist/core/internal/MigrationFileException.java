package dev.hoist.core.internal;

import dev.hoist.core.HoistException;

/**
 * A migration file that cannot be used as written.
 */
public final class MigrationFileException extends HoistException {

	private final String script;

	public MigrationFileException(String script, String message) {
		super(message);
		this.script = script;
	}

	public String script() {
		return this.script;
	}

}
