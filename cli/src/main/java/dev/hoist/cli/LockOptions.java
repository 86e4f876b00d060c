package dev.hoist.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.LockMode;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * How a command waits: for the database, for another instance's migration lock, and for
 * table locks. Each flag beats its environment variable, as the application's properties
 * do ({@code HOIST_LOCK_MODE}, {@code HOIST_LOCK_WAIT_TIMEOUT},
 * {@code HOIST_LOCK_TIMEOUT}, {@code HOIST_WAIT_TIMEOUT}).
 */
final class LockOptions {

	private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

	@Option(names = "--wait-timeout", paramLabel = "<duration>",
			description = "Wait up to this long for the database to answer, retrying with backoff (default:"
					+ " HOIST_WAIT_TIMEOUT, else 0: one attempt). For init containers and Jobs: 60s.")
	@Nullable String waitTimeout;

	@Option(names = "--lock-mode", paramLabel = "<mode>",
			description = "session (default) or transaction, for PgBouncer in transaction pooling mode"
					+ " (default: HOIST_LOCK_MODE).")
	@Nullable String lockMode;

	@Option(names = "--lock-wait-timeout", paramLabel = "<duration>",
			description = "How long to wait for another instance's migration lock (default:"
					+ " HOIST_LOCK_WAIT_TIMEOUT, else 10m).")
	@Nullable String lockWaitTimeout;

	@Option(names = "--lock-timeout", paramLabel = "<duration>",
			description = "PostgreSQL lock_timeout for migration statements; a statement that times out is"
					+ " retried with backoff (default: HOIST_LOCK_TIMEOUT, else none).")
	@Nullable String lockTimeout;

	void apply(HoistConfiguration configuration, CliSettings settings) {
		String mode = value(this.lockMode, settings, "HOIST_LOCK_MODE");
		if (mode != null) {
			try {
				configuration.lockMode(LockMode.valueOf(mode.trim().toUpperCase(Locale.ROOT)));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(
						"Unknown lock mode '" + mode + "': use session or transaction (--lock-mode, HOIST_LOCK_MODE)");
			}
		}
		String wait = value(this.lockWaitTimeout, settings, "HOIST_LOCK_WAIT_TIMEOUT");
		if (wait != null) {
			configuration.lockTimeout(duration(wait, "--lock-wait-timeout"));
		}
		String ddl = value(this.lockTimeout, settings, "HOIST_LOCK_TIMEOUT");
		if (ddl != null) {
			configuration.ddlLockTimeout(duration(ddl, "--lock-timeout"));
		}
	}

	Duration waitTimeout(CliSettings settings) {
		String wait = value(this.waitTimeout, settings, "HOIST_WAIT_TIMEOUT");
		return (wait != null) ? duration(wait, "--wait-timeout") : Duration.ZERO;
	}

	private static @Nullable String value(@Nullable String flag, CliSettings settings, String variable) {
		String value = (flag != null) ? flag : settings.variable(variable);
		return (value != null && !value.isBlank()) ? value : null;
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
