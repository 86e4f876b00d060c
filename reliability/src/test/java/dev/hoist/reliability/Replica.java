package dev.hoist.reliability;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import dev.hoist.core.DatabaseAddress;
import dev.hoist.core.DatabaseWaiter;
import dev.hoist.core.Hoist;
import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.LockMode;
import dev.hoist.core.internal.report.Report;
import dev.hoist.core.internal.report.Reports;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * What a service does at startup, in a JVM of its own: wait for the database as the
 * starter does ({@link DatabaseWaiter}), then migrate with the engine, printing the
 * result as JSON on stdout and exiting with the CLI's exit codes. It exists because the
 * CLI has none of the settings some scenarios need: it does not wait for the database and
 * has no lock mode and no DDL lock timeout.
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
		try {
			String url = required(options, "url");
			String user = options.getOrDefault("user", "postgres");
			PGSimpleDataSource dataSource = new PGSimpleDataSource();
			dataSource.setUrl(url);
			dataSource.setUser(user);
			Duration waitTimeout = Duration.ofSeconds(Long.parseLong(options.getOrDefault("wait-timeout-s", "60")));
			new DatabaseWaiter().withTimeout(waitTimeout)
				.await(dataSource, DatabaseAddress.fromJdbcUrl(url, user, "--url"));
			HoistConfiguration configuration = Hoist.configure()
				.dataSource(dataSource)
				.locations(required(options, "locations").split(","))
				.lockMode(LockMode.valueOf(options.getOrDefault("lock-mode", "session").toUpperCase(Locale.ROOT)))
				.applicationName("hoist-replica@" + options.getOrDefault("name", "replica"));
			if (options.containsKey("ddl-lock-timeout-ms")) {
				configuration.ddlLockTimeout(Duration.ofMillis(Long.parseLong(options.get("ddl-lock-timeout-ms"))));
			}
			if (options.containsKey("ddl-lock-retries")) {
				configuration.ddlLockRetries(Integer.parseInt(options.get("ddl-lock-retries")));
			}
			return print(Reports.migrate(configuration.load().migrate()));
		}
		catch (Exception ex) {
			Report failure = Reports.failure(ex);
			System.err.println("replica: " + failure.text());
			return print(failure);
		}
	}

	private static int print(Report report) {
		System.out.println(report.render(true));
		System.out.flush();
		return report.exitCode();
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
