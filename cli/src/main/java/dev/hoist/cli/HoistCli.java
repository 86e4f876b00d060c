package dev.hoist.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.hoist.core.DatabaseSettings;
import dev.hoist.core.command.HoistCommand.ExitCode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code java -jar hoist-cli.jar <command>}: Hoist's commands for operators and scripts.
 */
@Command(name = "hoist", mixinStandardHelpOptions = true, versionProvider = HoistCli.Version.class,
		description = "PostgreSQL schema migrations: the commands of the Hoist engine.",
		footerHeading = "%nDatabase settings, highest first:%n",
		footer = { "  1. flags: --url, --user, --password-file",
				"  2. environment: DATABASE_URL or JDBC_DATABASE_URL; else DB_HOST DB_PORT",
				"     DB_NAME DB_USER DB_PASSWORD, POSTGRES_DB POSTGRES_USER POSTGRES_PASSWORD,",
				"     PGHOST PGPORT PGDATABASE PGUSER PGPASSWORD PGSSLMODE",
				"  3. .env.local, then .env, in the working directory (same variables)",
				"  The database comes whole from the highest place that names a complete one (a URL, or a",
				"  host and a database); a user and password go only with the database they came with,",
				"  unless given by --user, --password-file or SPRING_DATASOURCE_USERNAME/_PASSWORD.",
				"Also HOIST_LOCATIONS, HOIST_SCHEMA, and HOIST_* for every other flag but --clean-enabled.",
				"Tenants: HOIST_TENANTS_SCHEMAS, HOIST_TENANTS_DATABASES or HOIST_TENANTS_QUERY, and",
				"HOIST_TENANTS_PARALLELISM, _CANARY, _ON_FAILURE, _SHARD for --parallel, --canary, ...",
				"The password is never printed." })
public final class HoistCli implements Callable<Integer> {

	@Spec
	@SuppressWarnings("NullAway.Init")
	CommandSpec spec;

	/**
	 * Run one command and exit with its code.
	 * @param args the command line
	 */
	public static void main(String[] args) {
		System.exit(commandLine().execute(args));
	}

	static CommandLine commandLine() {
		CommandLine commandLine = new CommandLine(new HoistCli());
		// every command of the contract, under its own name and with its own description
		for (CliCommand command : List.of(new StatusCommand(), new HistoryCommand(), new MigrateCommand(),
				new DowngradeCommand(), new ValidateCommand(), new CheckCommand(), new BaselineCommand(),
				new RepairCommand(), new CleanCommand(), new DriftCommand(), new VerifyCommand(), new NewCommand(),
				new LintCommand(), new PlanCommand())) {
			CommandLine sub = new CommandLine(command);
			sub.setCaseInsensitiveEnumValuesAllowed(true);
			sub.getCommandSpec().usageMessage().description(command.command().description());
			commandLine.addSubcommand(command.command().commandName(), sub);
		}
		apply(commandLine);
		// diff compares two databases: it is no command of one Hoist, and keeps the exit
		// codes its issue gives it (0 equal, 1 different, 2 error)
		CommandLine diff = new CommandLine(new DiffCommand());
		diff.getCommandSpec().exitCodeOnInvalidInput(ExitCode.USAGE.code());
		commandLine.addSubcommand("diff", diff);
		commandLine.setParameterExceptionHandler(HoistCli::handleParseException);
		return commandLine;
	}

	/**
	 * Say what was wrong with the command line without repeating what may be a secret:
	 * the value after a mistyped option ({@code --pasword hunter2}, {@code --ur
	 * postgres://u:pw@h/db}) is not echoed, and everything else is masked.
	 */
	private static int handleParseException(ParameterException ex, String[] args) {
		CommandLine commandLine = ex.getCommandLine();
		PrintWriter err = commandLine.getErr();
		if (ex instanceof UnmatchedArgumentException unmatched) {
			err.println(unmatched(unmatched.getUnmatched()));
			if (!UnmatchedArgumentException.printSuggestions(ex, err)) {
				commandLine.usage(err);
			}
		}
		else {
			err.println(DatabaseSettings.mask(String.valueOf(ex.getMessage())));
			commandLine.usage(err);
		}
		err.flush();
		return commandLine.getCommandSpec().exitCodeOnInvalidInput();
	}

	static String unmatched(List<String> arguments) {
		List<String> options = new ArrayList<>();
		int hidden = 0;
		boolean afterOption = false;
		for (String argument : arguments) {
			if (argument.startsWith("-")) {
				int equals = argument.indexOf('=');
				options.add("'" + ((equals >= 0) ? argument.substring(0, equals) : argument) + "'");
				hidden += (equals >= 0) ? 1 : 0;
				afterOption = equals < 0;
			}
			else if (afterOption || !argument.matches("[A-Za-z][A-Za-z0-9_-]*")) {
				hidden++;
				afterOption = false;
			}
			else {
				options.add("'" + argument + "'");
			}
		}
		String text = (options.isEmpty() ? "Unknown arguments"
				: ((options.size() == 1) ? "Unknown option or command: " : "Unknown options or commands: ")
						+ String.join(", ", options));
		if (hidden > 0) {
			text += ((options.isEmpty()) ? ": " : ", and ") + hidden + ((hidden == 1) ? " value" : " values")
					+ " not repeated here, as it may be a password";
		}
		return text;
	}

	private static void apply(CommandLine commandLine) {
		commandLine.getCommandSpec().exitCodeOnInvalidInput(ExitCode.USAGE.code());
		commandLine.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n");
		commandLine.getCommandSpec().usageMessage().exitCodeList(ExitCode.descriptions());
		commandLine.getSubcommands().values().forEach(HoistCli::apply);
	}

	@Override
	public Integer call() {
		this.spec.commandLine().usage(this.spec.commandLine().getErr());
		return ExitCode.USAGE.code();
	}

	/** The version from the jar's manifest. */
	static final class Version implements CommandLine.IVersionProvider {

		@Override
		public String[] getVersion() {
			String version = HoistCli.class.getPackage().getImplementationVersion();
			return new String[] { "Hoist CLI " + ((version != null) ? version : "(development build)") };
		}

	}

}
