package dev.hoist.core;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Hoist could not connect to the database: either waiting did not help before the
 * timeout, or the failure is one that waiting cannot heal (authentication, a missing
 * database, a bad URL or driver). The message names the host, port, database, user and
 * the source of the setting, never the password; the cause is the last failure.
 */
public class DatabaseUnavailableException extends HoistException {

	private final Reason reason;

	private final DatabaseAddress address;

	private final int attempts;

	private final Duration waited;

	/**
	 * Create an exception.
	 * @param message the full message
	 * @param reason why connecting failed
	 * @param address where Hoist tried to connect
	 * @param attempts how many connection attempts were made
	 * @param waited how long Hoist tried
	 * @param cause the last failure
	 */
	public DatabaseUnavailableException(String message, Reason reason, DatabaseAddress address, int attempts,
			Duration waited, @Nullable Throwable cause) {
		super(message, cause);
		this.reason = reason;
		this.address = address;
		this.attempts = attempts;
		this.waited = waited;
	}

	/**
	 * Return why connecting failed.
	 * @return the reason
	 */
	public Reason reason() {
		return this.reason;
	}

	/**
	 * Return where Hoist tried to connect.
	 * @return the address
	 */
	public DatabaseAddress address() {
		return this.address;
	}

	/**
	 * Return how many connection attempts were made.
	 * @return the attempts
	 */
	public int attempts() {
		return this.attempts;
	}

	/**
	 * Return how long Hoist tried.
	 * @return the duration
	 */
	public Duration waited() {
		return this.waited;
	}

	/**
	 * Why Hoist could not connect.
	 */
	public enum Reason {

		/** Every attempt failed with something that can heal, until the timeout. */
		TIMEOUT,

		/** The server refused the credentials (SQLSTATE 28P01 or 28000). */
		AUTHENTICATION,

		/**
		 * The server asks for a password and none was given (the driver's SQLSTATE
		 * 08004).
		 */
		MISSING_PASSWORD,

		/** The server has no such database (SQLSTATE 3D000). */
		NO_SUCH_DATABASE,

		/**
		 * Client and server disagree on TLS: the server accepts only encrypted
		 * connections from here, or the URL demands TLS the server does not offer.
		 */
		TLS,

		/** The user may not connect to the database (SQLSTATE 42501). */
		PERMISSION_DENIED,

		/** The URL cannot be read, or no JDBC driver accepts it. */
		INVALID_URL,

		/** The thread was interrupted while waiting. */
		INTERRUPTED,

		/** A failure that waiting cannot heal and that fits no other reason. */
		OTHER

	}

}
