package dev.hoist.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.hoist.core.HoistConfiguration;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * How a command waits and validates: for the database, for another instance's migration
 * lock, for table locks, what it accepts of history, and what the safety check before
 * {@code migrate} refuses. Each flag beats its environment variable, which has the same
 * name in the application ({@code HOIST_WAIT_TIMEOUT}, {@code HOIST_CONNECT_TIMEOUT},
 * {@code HOIST_LOCK_LOST_HOLDER_TIMEOUT}, {@code HOIST_LOCK_MODE},
 * {@code HOIST_LOCK_WAIT_TIMEOUT}, {@code HOIST_DDL_LOCK_TIMEOUT},
 * {@code HOIST_DDL_LOCK_RETRIES}, {@code HOIST_OUT_OF_ORDER}, {@code HOIST_AHEAD},
 * {@code HOIST_SAFETY_MODE}, {@code HOIST_SAFETY_MAX_LOCKED_ROWS}).
 */
final class LockOptions {

	private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

	@Option(names = "--wait-timeout", paramLabel = "<duration>",
			description = "Wait up to this long for the database to answer, retrying with backoff (default:"
					+ " HOIST_WAIT_TIMEOUT, else 0: one attempt). For init containers and Jobs: 60s.")
	@Nullable String waitTimeout;

	@Option(names = "--connect-timeout", paramLabel = "<duration>",
			description = "The longest one connection attempt may take, also against a server that accepts"
					+ " connections and never answers (default: HOIST_CONNECT_TIMEOUT, else 10s).")
	@Nullable String connectTimeout;

	@Option(names = "--lost-holder-timeout", paramLabel = "<duration>",
			description = "How soon PostgreSQL ends this command's session, and frees the migration lock, if this"
					+ " process is killed or its machine vanishes; 0 keeps the server's settings (default:"
					+ " HOIST_LOCK_LOST_HOLDER_TIMEOUT, else 30s).")
	@Nullable String lostHolderTimeout;

	@Option(names = "--lock-mode", paramLabel = "<mode>",
			description = "session (default) or transaction, for PgBouncer in transaction pooling mode"
					+ " (default: HOIST_LOCK_MODE).")
	@Nullable String lockMode;

	@Option(names = "--lock-wait-timeout", paramLabel = "<duration>",
			description = "How long to wait for another instance's migration lock (default:"
					+ " HOIST_LOCK_WAIT_TIMEOUT, else 10m).")
	@Nullable String lockWaitTimeout;

	@Option(names = "--ddl-lock-timeout", paramLabel = "<duration>",
			description = "PostgreSQL lock_timeout for migration statements; a migration whose statement times out"
					+ " is rolled back and retried with backoff (default: HOIST_DDL_LOCK_TIMEOUT, else none).")
	@Nullable String ddlLockTimeout;

	@Option(names = "--ddl-lock-retries", paramLabel = "<n>",
			description = "How many times to retry after a DDL lock timeout (default: HOIST_DDL_LOCK_RETRIES,"
					+ " else 10).")
	@Nullable String ddlLockRetries;

	@Option(names = "--out-of-order", arity = "0..1", fallbackValue = "true", paramLabel = "<true|false>",
			description = "Apply pending migrations older than the revision instead of refusing them (default:"
					+ " HOIST_OUT_OF_ORDER, else false).")
	@Nullable String outOfOrder;

	@Option(names = "--safety-mode", paramLabel = "<warn|fail|off>",
			description = "What migrate does with the safety findings of the migrations it is about to apply: warn"
					+ " logs them, fail refuses a long lock on a table above --max-locked-rows, off skips the check"
					+ " (default: HOIST_SAFETY_MODE, else warn).")
	@Nullable String safetyMode;

	@Option(names = "--max-locked-rows", paramLabel = "<rows>",
			description = "The most rows a migration may rewrite, or block writes to while it scans, under"
					+ " --safety-mode fail (default: HOIST_SAFETY_MAX_LOCKED_ROWS, else "
					+ HoistConfiguration.DEFAULT_MAX_LOCKED_ROWS + ").")
	@Nullable String maxLockedRows;

	@Option(names = "--ahead", paramLabel = "<warn|fail>",
			description = "What to do when the database is ahead of these migrations (default: HOIST_AHEAD, else"
					+ " warn).")
	@Nullable String ahead;

	void apply(HoistConfiguration configuration, CliSettings settings) {
		String wait = value(this.waitTimeout, settings, "HOIST_WAIT_TIMEOUT");
		if (wait != null) {
			configuration.waitTimeout(duration(wait, "--wait-timeout"));
		}
		String connect = value(this.connectTimeout, settings, "HOIST_CONNECT_TIMEOUT");
		if (connect != null) {
			Duration timeout = duration(connect, "--connect-timeout");
			if (timeout.isZero()) {
				throw new IllegalArgumentException("--connect-timeout must be more than 0: write 500ms, 10s or 1m");
			}
			configuration.connectTimeout(timeout);
		}
		String lostHolder = value(this.lostHolderTimeout, settings, "HOIST_LOCK_LOST_HOLDER_TIMEOUT");
		if (lostHolder != null) {
			Duration timeout = duration(lostHolder, "--lost-holder-timeout");
			if (!timeout.isZero() && timeout.compareTo(Duration.ofSeconds(5)) < 0) {
				throw new IllegalArgumentException("--lost-holder-timeout must be 0 (the server's settings) or at"
						+ " least 5s, not " + lostHolder);
			}
			configuration.lostHolderTimeout(timeout);
		}
		String mode = value(this.lockMode, settings, "HOIST_LOCK_MODE");
		if (mode != null) {
			configuration.lockMode(choice(HoistConfiguration.LockMode.class, mode, "--lock-mode, HOIST_LOCK_MODE"));
		}
		String lockWait = value(this.lockWaitTimeout, settings, "HOIST_LOCK_WAIT_TIMEOUT");
		if (lockWait != null) {
			configuration.lockWaitTimeout(duration(lockWait, "--lock-wait-timeout"));
		}
		String ddl = value(this.ddlLockTimeout, settings, "HOIST_DDL_LOCK_TIMEOUT");
		if (ddl != null) {
			configuration.ddlLockTimeout(duration(ddl, "--ddl-lock-timeout"));
		}
		String retries = value(this.ddlLockRetries, settings, "HOIST_DDL_LOCK_RETRIES");
		if (retries != null) {
			configuration.ddlLockRetries(number(retries, "--ddl-lock-retries"));
		}
		String order = value(this.outOfOrder, settings, "HOIST_OUT_OF_ORDER");
		if (order != null) {
			configuration.outOfOrder(Boolean.parseBoolean(order.strip()));
		}
		String safety = value(this.safetyMode, settings, "HOIST_SAFETY_MODE");
		if (safety != null) {
			configuration
				.safetyMode(choice(HoistConfiguration.SafetyMode.class, safety, "--safety-mode, HOIST_SAFETY_MODE"));
		}
		String rows = value(this.maxLockedRows, settings, "HOIST_SAFETY_MAX_LOCKED_ROWS");
		if (rows != null) {
			configuration.maxLockedRows(longNumber(rows, "--max-locked-rows"));
		}
		String policy = value(this.ahead, settings, "HOIST_AHEAD");
		if (policy != null) {
			configuration.aheadPolicy(choice(HoistConfiguration.AheadPolicy.class, policy, "--ahead, HOIST_AHEAD"));
		}
	}

	/**
	 * Return a flag's value, else its environment variable's (from the shell or a .env
	 * file), blank counting as unset.
	 */
	static @Nullable String value(@Nullable String flag, CliSettings settings, String variable) {
		String value = (flag != null) ? flag : settings.variable(variable);
		return (value != null && !value.isBlank()) ? value : null;
	}

	/**
	 * Read one of an enum's constants in any case, naming the choices when it is none.
	 */
	static <E extends Enum<E>> E choice(Class<E> type, String value, String where) {
		try {
			return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			StringBuilder choices = new StringBuilder();
			for (E constant : type.getEnumConstants()) {
				choices.append((choices.length() > 0) ? " or " : "").append(constant.name().toLowerCase(Locale.ROOT));
			}
			throw new IllegalArgumentException("Unknown value '" + value + "' for " + where + ": use " + choices);
		}
	}

	private static int number(String text, String option) {
		try {
			return Integer.parseInt(text.strip());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Cannot read '" + text + "' as a number for " + option);
		}
	}

	private static long longNumber(String text, String option) {
		try {
			return Long.parseLong(text.strip().replace("_", ""));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Cannot read '" + text + "' as a number for " + option);
		}
	}

	/**
	 * Read {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, or whole seconds.
	 */
	static Duration duration(String text, String option) {
		Matcher matcher = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
		if (!matcher.matches()) {
			throw new IllegalArgumentException(
					"Cannot read '" + text + "' as a duration for " + option + ": write 500ms, 30s, 5m or 1h");
		}
		long amount = Long.parseLong(matcher.group(1));
		String unit = (matcher.group(2) != null) ? matcher.group(2) : "s";
		return switch (unit) {
			case "ms" -> Duration.ofMillis(amount);
			case "m" -> Duration.ofMinutes(amount);
			case "h" -> Duration.ofHours(amount);
			default -> Duration.ofSeconds(amount);
		};
	}

}
