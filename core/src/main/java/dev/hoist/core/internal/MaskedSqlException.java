package dev.hoist.core.internal;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import dev.hoist.core.DatabaseSettings;
import org.jspecify.annotations.Nullable;

/**
 * A driver's exception with every password in its messages masked
 * ({@link DatabaseSettings#mask(String)}), for the cause Hoist attaches to its own
 * exceptions: a stack trace prints each cause's message, and a driver may repeat the URL
 * or the connection text it was given. Prints as the original type, keeps its SQLSTATE
 * and stack trace.
 */
public final class MaskedSqlException extends SQLException {

	private final String originalType;

	private MaskedSqlException(Throwable original, String message, @Nullable Throwable cause) {
		super(message, (original instanceof SQLException sql) ? sql.getSQLState() : null,
				(original instanceof SQLException sql) ? sql.getErrorCode() : 0, cause);
		this.originalType = original.getClass().getName();
		setStackTrace(original.getStackTrace());
	}

	/**
	 * Return the failure itself when no message in its chain holds a password, else a
	 * copy of the chain with each message masked.
	 * @param failure the failure
	 * @return the failure or its masked copy
	 */
	public static Throwable of(Throwable failure) {
		List<Throwable> chain = new ArrayList<>();
		Map<Throwable, Boolean> seen = new IdentityHashMap<>();
		boolean secret = false;
		for (Throwable cause = failure; cause != null && seen.put(cause, true) == null; cause = cause.getCause()) {
			chain.add(cause);
			String message = cause.getMessage();
			secret |= message != null && !DatabaseSettings.mask(message).equals(message);
		}
		if (!secret) {
			return failure;
		}
		Throwable copy = null;
		for (int i = chain.size() - 1; i >= 0; i--) {
			Throwable original = chain.get(i);
			String message = original.getMessage();
			copy = new MaskedSqlException(original, (message != null) ? DatabaseSettings.mask(message) : "", copy);
		}
		return copy;
	}

	@Override
	public String toString() {
		return this.originalType + ": " + getMessage();
	}

}
