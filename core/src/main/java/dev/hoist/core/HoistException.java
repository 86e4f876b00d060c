package dev.hoist.core;

import org.jspecify.annotations.Nullable;

/**
 * Base of Hoist's exceptions. Messages say what happened, where, and what to do; they
 * never contain a password.
 */
public class HoistException extends RuntimeException {

	/**
	 * Create an exception.
	 * @param message the message
	 */
	public HoistException(String message) {
		super(message);
	}

	/**
	 * Create an exception with a cause.
	 * @param message the message
	 * @param cause the cause
	 */
	public HoistException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
