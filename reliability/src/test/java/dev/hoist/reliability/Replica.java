package dev.hoist.reliability;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import dev.hoist.core.Hoist;
import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.command.HoistCommand;

/**
 * What a service does at startup, in a JVM of its own: wait for the database as the
 * starter does (the engine's wait timeout), then migrate through the command contract,
 * printing the result as JSON on stdout and exiting with its exit code.
 * <p>
 * Arguments, each {@code --name=value}: {@code url} (JDBC, required), {@code user},
 * {@code locations} (comma-separated), {@code lock-mode} ({@code session} or
 * {@code transaction}), {@code ddl-lock-timeout-ms}, {@code ddl-lock-retries},
 * {@code wait-timeout-s}, {@code name} (for {@code application_name}).
 */
public final class Replica {

	private Replica() {
	}

	public static void main(String[] args) {
		System.exit(run(options(args)));
	}

	static int run(Map<String, String> options) {
		HoistCommand.Report report;
		try {
			String url = required(options, "url");
			String user = options.getOrDefault("user", "postgres");
			Duration waitTimeout = Duration.ofSeconds(Long.parseLong(options.getOrDefault("wait-timeout-s", "60")));
			// messages name settings as a service's reader sees them
			HoistConfiguration configuration = Hoist.configure()
				.settingNames(HoistConfiguration.SettingNames.SPRING_BOOT)
				.url(url, user, null)
				.databaseSource("--url")
				.waitTimeout(waitTimeout)
				.locations(required(options, "locations").split(","))
				.lockMode(HoistConfiguration.LockMode
					.valueOf(options.getOrDefault("lock-mode", "session").toUpperCase(Locale.ROOT)))
				.applicationName("hoist-replica@" + options.getOrDefault("name", "replica"));
			if (options.containsKey("ddl-lock-timeout-ms")) {
				configuration.ddlLockTimeout(Duration.ofMillis(Long.parseLong(options.get("ddl-lock-timeout-ms"))));
			}
			if (options.containsKey("ddl-lock-retries")) {
				configuration.ddlLockRetries(Integer.parseInt(options.get("ddl-lock-retries")));
			}
			report = HoistCommand.MIGRATE.run(configuration.load(), HoistCommand.Options.NONE);
		}
		catch (RuntimeException ex) {
			report = HoistCommand.Report.failure(ex);
		}
		if (report.isFailure()) {
			System.err.println("replica: " + report.text());
		}
		System.out.println(report.render(true));
		System.out.flush();
		return report.exitCode().code();
	}

	private static String required(Map<String, String> options, String name) {
		String value = options.get(name);
		if (value == null) {
			throw new IllegalArgumentException("--" + name + "= is required");
		}
		return value;
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> options = new HashMap<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			if (!arg.startsWith("--") || equals < 0) {
				throw new IllegalArgumentException("Expected --name=value, not " + arg);
			}
			options.put(arg.substring(2, equals), arg.substring(equals + 1));
		}
		return options;
	}

}
