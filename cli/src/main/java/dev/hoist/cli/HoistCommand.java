package dev.hoist.cli;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import dev.hoist.core.DatabaseAddress;
import dev.hoist.core.DatabaseWaiter;
import dev.hoist.core.Hoist;
import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.internal.report.ExitCodes;
import dev.hoist.core.internal.report.Json;
import dev.hoist.core.internal.report.Report;
import dev.hoist.core.internal.report.Reports;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A command that reports as text or JSON and turns failures into an exit code and a
 * message without a stack trace.
 */
abstract class HoistCommand implements Callable<Integer> {

	@Spec
	@SuppressWarnings("NullAway.Init")
	CommandSpec spec;

	@Mixin
	OutputOptions output = new OutputOptions();

	@Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
	boolean help;

	@Override
	public final Integer call() {
		if (this.output.quiet) {
			// read by logback.xml when the first logger is created, which is after this
			System.setProperty("hoist.log.level", "WARN");
		}
		try {
			return run();
		}
		catch (Exception ex) {
			return fail(ex);
		}
	}

	abstract int run() throws Exception;

	CliSettings settings() {
		return CliSettings.of(System.getenv(), Path.of(System.getProperty("user.dir")));
	}

	PrintWriter out() {
		return this.spec.commandLine().getOut();
	}

	PrintWriter err() {
		return this.spec.commandLine().getErr();
	}

	/**
	 * Print a result, its JSON form with {@code --json}, else its text.
	 * @param report the result
	 * @return the result's exit code
	 */
	int print(Report report) {
		out().print(report.render(this.output.json));
		out().flush();
		return report.exitCode();
	}

	private int fail(Exception ex) {
		Report report = Reports.failure(ex);
		int code = exitCode(ex);
		err().println("hoist " + this.spec.name() + ": " + report.text());
		err().flush();
		if (this.output.json) {
			report.json().put("exitCode", code);
			out().println(Json.write(report.json()));
			out().flush();
		}
		return code;
	}

	static int exitCode(Throwable ex) {
		return (ex instanceof CliSettings.SettingsException) ? ExitCodes.NO_DATABASE : Reports.exitCode(ex);
	}

	/**
	 * A command that works on a database.
	 */
	abstract static class OnDatabase extends HoistCommand {

		@Mixin
		ConnectionOptions connection = new ConnectionOptions();

		@Mixin
		LockOptions lock = new LockOptions();

		Hoist hoist() {
			return hoist((configuration) -> {
			});
		}

		Hoist hoist(Consumer<HoistConfiguration> customizer) {
			CliSettings.Resolved settings = settings().resolve(this.connection.flags());
			if (!this.output.quiet) {
				err().println("Hoist: " + settings.describe());
				err().flush();
			}
			HoistConfiguration configuration = Hoist.configure()
				.url(settings.jdbcUrl(), settings.user(), settings.password())
				.locations(settings.locations().toArray(String[]::new))
				.schema(settings.schema())
				.cleanEnabled(settings.cleanEnabled())
				.applicationName("hoist-cli@" + hostName());
			this.lock.apply(configuration, settings());
			customizer.accept(configuration);
			Hoist hoist = configuration.load();
			Duration wait = this.lock.waitTimeout(settings());
			if (!wait.isZero()) {
				new DatabaseWaiter().withTimeout(wait)
					.await(Objects.requireNonNull(configuration.getDataSource()),
							DatabaseAddress.fromJdbcUrl(settings.jdbcUrl(), settings.user(), settings.source()));
			}
			return hoist;
		}

		private static String hostName() {
			String host = System.getenv("HOSTNAME");
			if (host == null || host.isBlank()) {
				try {
					host = InetAddress.getLocalHost().getHostName();
				}
				catch (UnknownHostException ex) {
					host = "unknown";
				}
			}
			return host;
		}

	}

}
