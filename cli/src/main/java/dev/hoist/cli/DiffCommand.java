package dev.hoist.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import javax.sql.DataSource;

import dev.hoist.core.DatabaseSettings;
import dev.hoist.core.command.HoistCommand.ExitCode;
import dev.hoist.core.command.HoistCommand.Report;
import dev.hoist.core.schema.SchemaDiff;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "diff",
		description = {
				"Compare the schema of two databases and write the migration that turns the --from database's"
						+ " schema into the --to database's, with a down section that turns it back.",
				"Without --out, prints the summary on stderr and the migration on stdout." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:The schemas are equal", "1:They differ; the migration was printed or written",
				"2:Error: a database cannot be reached or read, a schema does not exist, the servers' major versions"
						+ " differ, or a difference cannot be written (see --allow-unsupported)" })
final class DiffCommand implements Callable<Integer> {

	@Spec
	@SuppressWarnings("NullAway.Init")
	CommandSpec spec;

	@Mixin
	OutputOptions output = new OutputOptions();

	@Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
	boolean help;

	static final int EQUAL = 0;

	static final int DIFFERENT = 1;

	static final int ERROR = 2;

	@Option(names = "--from", required = true, paramLabel = "<url>",
			description = "The database as it is: postgres://user:password@host:5432/db or jdbc:postgresql://...")
	String from = "";

	@Option(names = "--to", required = true, paramLabel = "<url>", description = "The database as it should be.")
	String to = "";

	@Option(names = "--from-password-file", paramLabel = "<file>",
			description = "Read the --from database's password from this file (default: from the URL)."
					+ " There is no password flag: command lines end up in shell history and ps.")
	@Nullable Path fromPasswordFile;

	@Option(names = "--to-password-file", paramLabel = "<file>",
			description = "Read the --to database's password from this file (default: from the URL).")
	@Nullable Path toPasswordFile;

	@Option(names = "--schema", paramLabel = "<schema>",
			description = "A schema to compare; repeat for several (default: the --from connection's current schema).")
	List<String> schemas = new ArrayList<>();

	@Option(names = "--out", paramLabel = "<dir>",
			description = "Write the migration file(s) into this directory, ready for"
					+ " 'hoist migrate --locations filesystem:<dir>'.")
	@Nullable Path out;

	@Option(names = "--version", paramLabel = "<version>",
			description = "Version of the file written with --out (default: the UTC time, yyyyMMddHHmmss).")
	@Nullable String version;

	@Option(names = "--description", paramLabel = "<words>", defaultValue = "schema diff",
			description = "Description in the file name (default: ${DEFAULT-VALUE}).")
	String description = "schema diff";

	@Option(names = "--offline",
			description = "Plain forms for a database no service uses: CREATE INDEX without CONCURRENTLY, constraints"
					+ " validated at once, all in one transaction.")
	boolean offline;

	@Option(names = "--allow-unsupported",
			description = "Write the migration although some differences cannot be expressed (they are listed in the"
					+ " summary and the file's header).")
	boolean allowUnsupported;

	@Option(names = "--history-table", paramLabel = "<table>", defaultValue = "hoist_schema_history",
			description = "Hoist's history table, left out of the comparison (default: ${DEFAULT-VALUE}).")
	String historyTable = "hoist_schema_history";

	@Override
	public Integer call() {
		if (this.output.quiet) {
			System.setProperty("hoist.log.level", "WARN");
		}
		try {
			SchemaDiff.Result result = SchemaDiff
				.between(dataSource(this.from, "--from", this.fromPasswordFile),
						dataSource(this.to, "--to", this.toPasswordFile))
				.schemas(this.schemas.toArray(String[]::new))
				.online(!this.offline)
				.allowUnsupported(this.allowUnsupported)
				.historyTable(this.historyTable)
				.compute();
			if (result.isEmpty()) {
				err().println("The schemas are equal.");
				err().flush();
				printJson(result, List.of());
				return EQUAL;
			}
			err().print(result.summary());
			err().flush();
			List<Path> files = List.of();
			if (this.out != null) {
				String fileVersion = (this.version != null) ? this.version
						: DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT)
							.format(LocalDateTime.now(ZoneOffset.UTC));
				files = result.writeTo(this.out, fileVersion, this.description);
			}
			if (this.output.json) {
				printJson(result, files);
			}
			else if (this.out != null) {
				files.forEach(out()::println);
			}
			else {
				out().println("-- migrate:up");
				out().print(result.upSql());
				out().println("-- migrate:down");
				out().print(result.downSql());
			}
			out().flush();
			return DIFFERENT;
		}
		catch (RuntimeException ex) {
			String message = DatabaseSettings.mask(String.valueOf(ex.getMessage()));
			err().println("hoist diff: " + message);
			err().flush();
			if (this.output.json) {
				Map<String, @Nullable Object> json = new LinkedHashMap<>();
				json.put("error", message);
				json.put("exitCode", ERROR);
				out().print(new Report(json, "", ExitCode.INVALID).render(true));
				out().flush();
			}
			return ERROR;
		}
	}

	private void printJson(SchemaDiff.Result result, List<Path> files) {
		if (!this.output.json) {
			return;
		}
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("equal", result.isEmpty());
		List<Map<String, @Nullable Object>> changes = new ArrayList<>();
		for (SchemaDiff.Change change : result.changes()) {
			Map<String, @Nullable Object> item = new LinkedHashMap<>();
			item.put("action", change.action().name().toLowerCase(Locale.ROOT));
			item.put("objectType", change.objectType());
			item.put("name", change.name());
			item.put("detail", change.detail());
			item.put("dataLoss", change.dataLoss());
			changes.add(item);
		}
		json.put("changes", changes);
		json.put("files", files.stream().map(Path::toString).toList());
		if (!result.isEmpty() && files.isEmpty()) {
			json.put("up", result.upSql());
			json.put("down", result.downSql());
		}
		out().print(new Report(json, "", ExitCode.OK).render(true));
		out().flush();
	}

	private PrintWriter out() {
		return this.spec.commandLine().getOut();
	}

	private PrintWriter err() {
		return this.spec.commandLine().getErr();
	}

	private static DataSource dataSource(String url, String option, @Nullable Path passwordFile) {
		DatabaseSettings settings = DatabaseSettings.fromUrl(url, option, "the command line");
		if (passwordFile != null) {
			settings = new DatabaseSettings(settings.url(), settings.username(),
					new DatabaseSettings.Setting(CliSettings.readPassword(passwordFile, option + "-password-file"),
							option + "-password-file", "the command line"));
		}
		return settings.dataSource();
	}

}
