package dev.hoist.core.settings;

import dev.hoist.core.HoistException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a database URL, or the variables that make one, cannot be understood. The
 * message shows the URL with its password masked, says what is wrong and how to write it
 * instead. Nothing is retried: a bad URL does not heal by waiting.
 */
public class InvalidDatabaseUrlException extends HoistException {

	private final String maskedUrl;

	/**
	 * Create an exception.
	 * @param message what is wrong and what to do, password-free
	 * @param maskedUrl the offending URL or variable, password already masked
	 */
	public InvalidDatabaseUrlException(String message, String maskedUrl) {
		this(message, maskedUrl, null);
	}

	/**
	 * Create an exception with a cause.
	 * @param message what is wrong and what to do, password-free
	 * @param maskedUrl the offending URL or variable, password already masked
	 * @param cause the cause
	 */
	public InvalidDatabaseUrlException(String message, String maskedUrl, @Nullable Throwable cause) {
		super(message, cause);
		this.maskedUrl = maskedUrl;
	}

	/**
	 * Return the offending URL with its password replaced by {@code ****}.
	 * @return the masked URL
	 */
	public String getMaskedUrl() {
		return this.maskedUrl;
	}

}
