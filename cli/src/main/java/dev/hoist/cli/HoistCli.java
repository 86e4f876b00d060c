package dev.hoist.cli;

import java.util.List;
import java.util.concurrent.Callable;

import dev.hoist.core.command.HoistCommand.ExitCode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

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
				"Also HOIST_LOCATIONS, HOIST_SCHEMA, HOIST_CLEAN_ENABLED, and HOIST_* for every other flag.",
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
				new RepairCommand(), new CleanCommand(), new NewCommand(), new LintCommand(), new PlanCommand())) {
			CommandLine sub = new CommandLine(command);
			sub.setCaseInsensitiveEnumValuesAllowed(true);
			sub.getCommandSpec().usageMessage().description(command.command().description());
			commandLine.addSubcommand(command.command().commandName(), sub);
		}
		apply(commandLine);
		// diff compares two databases: it is no command of one Hoist, and keeps the exit
		// codes
		// its issue gives it (0 equal, 1 different, 2 error)
		CommandLine diff = new CommandLine(new DiffCommand());
		diff.getCommandSpec().exitCodeOnInvalidInput(ExitCode.USAGE.code());
		commandLine.addSubcommand("diff", diff);
		return commandLine;
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
