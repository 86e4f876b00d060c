package dev.hoist.cli;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.hoist.core.Hoist;
import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.HoistConfiguration.SettingNames;
import dev.hoist.core.command.HoistCommand;
import dev.hoist.core.command.HoistCommand.ExitCode;
import dev.hoist.core.command.HoistCommand.Report;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * One of Hoist's commands on the command line: it runs through the command contract
 * ({@link HoistCommand}), prints the report as text or JSON, and exits with the report's
 * code; failures print a message without a stack trace.
 */
abstract class CliCommand implements Callable<Integer> {

	@Spec
	@SuppressWarnings("NullAway.Init")
	CommandSpec spec;

	@Mixin
	OutputOptions output = new OutputOptions();

	@Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
	boolean help;

	/**
	 * Return the command this class runs.
	 * @return the command
	 */
	abstract HoistCommand command();

	/**
	 * Return what the command needs besides the configuration, from this command's flags.
	 * @return the options
	 */
	HoistCommand.Options options() {
		return HoistCommand.Options.NONE;
	}

	/**
	 * Return the Hoist to run the command with, or {@code null} for a command without a
	 * database.
	 * @return the Hoist
	 */
	@Nullable Hoist hoist() {
		return null;
	}

	@Override
	public final Integer call() {
		if (this.output.quiet) {
			// read by CliLogging when the first logger is created, which is after this
			System.setProperty("hoist.log.level", "WARN");
		}
		// a shutdown interrupts the command, which reports before the JVM ends
		try (ShutdownInterrupt shutdown = ShutdownInterrupt.ofCurrentThread()) {
			Report report;
			try {
				report = command().run(hoist(), options());
			}
			catch (CliSettings.SettingsException ex) {
				report = command().failed(noDatabase(ex));
			}
			catch (RuntimeException ex) {
				report = command().failed(ex);
			}
			return print(report);
		}
	}

	CliSettings settings() {
		return CliSettings.of(System.getenv(), workingDirectory());
	}

	static Path workingDirectory() {
		return Path.of(System.getProperty("user.dir"));
	}

	PrintWriter out() {
		return this.spec.commandLine().getOut();
	}

	PrintWriter err() {
		return this.spec.commandLine().getErr();
	}

	private int print(Report report) {
		if (report.isFailure()) {
			err().println("hoist " + this.spec.name() + ": " + report.text());
			err().flush();
		}
		if (!report.isFailure() || this.output.json) {
			out().print(report.render(this.output.json));
			out().flush();
		}
		return report.exitCode().code();
	}

	private static Report noDatabase(CliSettings.SettingsException ex) {
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("error", ex.getMessage());
		json.put("exitCode", ExitCode.NO_DATABASE.code());
		return new Report(json, String.valueOf(ex.getMessage()), ExitCode.NO_DATABASE);
	}

	/**
	 * A command that works on a database.
	 */
	abstract static class OnDatabase extends CliCommand {

		@Mixin
		ConnectionOptions connection = new ConnectionOptions();

		@Mixin
		LockOptions lock = new LockOptions();

		@Mixin
		TenantOptions tenants = new TenantOptions();

		@Override
		Hoist hoist() {
			CliSettings settings = settings();
			CliSettings.Resolved resolved = settings.resolve(this.connection.flags());
			if (!this.output.quiet) {
				err().println("Hoist: " + resolved.describe());
			}
			// settings a person may have expected to be used: shown even when quiet
			resolved.warnings().forEach((warning) -> err().println("Hoist: warning: " + warning));
			err().flush();
			HoistConfiguration configuration = Hoist.configure()
				.settingNames(SettingNames.COMMAND_LINE)
				.url(resolved.jdbcUrl(), resolved.user(), resolved.password())
				.databaseSource(resolved.source())
				.locations(resolved.locations().toArray(String[]::new))
				.schema(resolved.schema())
				.applicationName("hoist-cli@" + hostName());
			this.lock.apply(configuration, settings);
			this.tenants.apply(configuration, settings);
			ShadowOptions shadow = shadow();
			if (shadow != null) {
				shadow.apply(configuration, settings);
			}
			customize(configuration, settings);
			return configuration.load();
		}

		/**
		 * Return the shadow database flags of a command that builds schemas on one.
		 * @return the flags, or {@code null} for a command without a shadow database
		 */
		@Nullable ShadowOptions shadow() {
			return null;
		}

		/**
		 * Apply this command's own flags to the configuration.
		 * @param configuration the configuration
		 * @param settings the environment and {@code .env} files, for variables
		 */
		void customize(HoistConfiguration configuration, CliSettings settings) {
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
