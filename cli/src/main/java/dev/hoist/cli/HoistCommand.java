package dev.hoist.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import dev.hoist.core.Hoist;
import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.HoistException;
import dev.hoist.core.ValidationException;
import dev.hoist.core.settings.InvalidDatabaseUrlException;
import dev.hoist.core.settings.InvalidDotenvException;
import org.jspecify.annotations.Nullable;
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
	 * Print a result: its JSON form with {@code --json}, else its text.
	 */
	void print(Map<String, @Nullable Object> json, String text) {
		if (this.output.json) {
			out().println(Json.write(json));
		}
		else {
			out().print(text.endsWith("\n") ? text : text + "\n");
		}
		out().flush();
	}

	private int fail(Exception ex) {
		int code = exitCode(ex);
		String message = (ex.getMessage() != null) ? ex.getMessage() : ex.toString();
		err().println("hoist " + this.spec.name() + ": " + message);
		err().flush();
		if (this.output.json) {
			Map<String, @Nullable Object> json = new LinkedHashMap<>();
			json.put("error", message);
			json.put("exitCode", code);
			if (ex instanceof ValidationException validation) {
				json.put("problems", validation.problems().stream().map(Views::problem).toList());
			}
			out().println(Json.write(json));
			out().flush();
		}
		return code;
	}

	static int exitCode(Throwable ex) {
		if (ex instanceof ValidationException) {
			return ExitCodes.INVALID;
		}
		if (ex instanceof CliSettings.SettingsException || ex instanceof InvalidDatabaseUrlException
				|| ex instanceof InvalidDotenvException) {
			return ExitCodes.NO_DATABASE;
		}
		if (ex instanceof IllegalArgumentException) {
			return ExitCodes.USAGE;
		}
		if (ex instanceof HoistException && ex.getCause() instanceof SQLException sql && sql.getSQLState() != null
				&& (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("28")
						|| sql.getSQLState().equals("3D000"))) {
			// connection exceptions, invalid authorization, no such database
			return ExitCodes.NO_DATABASE;
		}
		return ExitCodes.FAILED;
	}

	/**
	 * A command that works on a database.
	 */
	abstract static class OnDatabase extends HoistCommand {

		@Mixin
		ConnectionOptions connection = new ConnectionOptions();

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
			customizer.accept(configuration);
			return configuration.load();
		}

		private static String hostName() {
			String host = System.getenv("HOSTNAME");
			if (host == null || host.isBlank()) {
				try {
					host = java.net.InetAddress.getLocalHost().getHostName();
				}
				catch (java.net.UnknownHostException ex) {
					host = "unknown";
				}
			}
			return host;
		}

	}

}
