package dev.hoist.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.hoist.core.internal.report.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar hoist-cli.jar <command>}: Hoist's commands for operators and scripts.
 */
@Command(name = "hoist", mixinStandardHelpOptions = true, versionProvider = HoistCli.Version.class,
		description = "PostgreSQL schema migrations: the commands of the Hoist engine.",
		subcommands = { StatusCommand.class, HistoryCommand.class, MigrateCommand.class, DowngradeCommand.class,
				ValidateCommand.class, CheckCommand.class, BaselineCommand.class, RepairCommand.class,
				CleanCommand.class, NewCommand.class, DiffCommand.class },
		footerHeading = "%nDatabase settings, highest first:%n",
		footer = { "  1. flags: --url, --user, --password-file",
				"  2. environment: DATABASE_URL or JDBC_DATABASE_URL; else DB_HOST DB_PORT",
				"     DB_NAME DB_USER DB_PASSWORD, POSTGRES_DB POSTGRES_USER POSTGRES_PASSWORD,",
				"     PGHOST PGPORT PGDATABASE PGUSER PGPASSWORD PGSSLMODE",
				"  3. .env.local, then .env, in the working directory (same variables)",
				"Also HOIST_LOCATIONS, HOIST_SCHEMA, HOIST_CLEAN_ENABLED. The password is never printed." })
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
		apply(commandLine);
		return commandLine;
	}

	private static void apply(CommandLine commandLine) {
		commandLine.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE);
		commandLine.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n");
		commandLine.getCommandSpec().usageMessage().exitCodeList(exitCodeList());
		commandLine.getSubcommands().values().forEach(HoistCli::apply);
	}

	private static Map<String, String> exitCodeList() {
		Map<String, String> codes = new LinkedHashMap<>();
		for (String code : ExitCodes.DESCRIPTIONS) {
			int colon = code.indexOf(':');
			codes.put(code.substring(0, colon), code.substring(colon + 1));
		}
		return codes;
	}

	@Override
	public Integer call() {
		this.spec.commandLine().usage(this.spec.commandLine().getErr());
		return ExitCodes.USAGE;
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
