package dev.hoist.autoconfigure;

import dev.hoist.core.HoistException;

/**
 * The application is set up in a way Hoist cannot work with, found before anything was
 * migrated; carries what to change, for the "Action" of the startup failure report.
 */
final class InvalidSetupException extends HoistException {

	private final String action;

	InvalidSetupException(String description, String action) {
		super(description);
		this.action = action;
	}

	String action() {
		return this.action;
	}

}
