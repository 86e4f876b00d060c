package dev.hoist.autoconfigure;

import java.util.List;

import dev.hoist.core.HoistException;

/**
 * Flyway or Liquibase would migrate the application's database too: two tools, two
 * histories, and no telling which one runs first.
 *
 * @since 0.1.0
 */
public class MigrationToolConflictException extends HoistException {

	private final List<String> tools;

	/**
	 * Create an exception.
	 * @param tools the other tools found, such as {@code Flyway (bean 'flyway')}
	 */
	public MigrationToolConflictException(List<String> tools) {
		super("Hoist and " + String.join(" and ", tools)
				+ " would both migrate this application's database at startup, each with its own history.");
		this.tools = List.copyOf(tools);
	}

	/**
	 * Return the other tools found.
	 * @return the tools
	 */
	public List<String> tools() {
		return this.tools;
	}

}
