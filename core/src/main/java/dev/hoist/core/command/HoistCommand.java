package dev.hoist.core.command;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import dev.hoist.core.Hoist;
import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.HoistConfiguration.SettingNames;
import dev.hoist.core.internal.Engine;
import dev.hoist.core.internal.GenerateCommand;
import dev.hoist.core.internal.LintCommand;
import dev.hoist.core.internal.lint.LintOptions;
import dev.hoist.core.lint.Finding.Severity;
import org.jspecify.annotations.Nullable;

/**
 * Hoist's commands as operators and scripts use them: their names, what each does, their
 * exit codes, and the report each prints as text for people or JSON for tools. The
 * command-line jar, the in-app command mode ({@code --hoist.command=status}) and the
 * Maven plugin all run commands through this one contract, so a command reads, prints and
 * exits the same way everywhere.
 *
 * <pre>{@code
 * HoistCommand command = HoistCommand.named("status");
 * HoistCommand.Report report = command.run(hoist, HoistCommand.Options.NONE);
 * System.out.print(report.render(json));
 * System.exit(report.exitCode());
 * }</pre>
 */
public enum HoistCommand {

	/**
	 * Show the revision, the head, and every migration with its state; with tenants, each
	 * tenant's revision and state, and a summary.
	 */
	STATUS("status",
			"Show the revision, the head, and every migration with its state; with tenants, each tenant's"
					+ " revision and state."),

	/**
	 * List applied migrations: when, by whom, how long, and whether each file changed.
	 */
	HISTORY("history", "List applied migrations: when, by whom, how long, and whether each file changed since."),

	/**
	 * Apply pending migrations under the migration lock; with tenants, to every tenant
	 * that is behind.
	 */
	MIGRATE("migrate",
			"Apply pending migrations (up to the target) under the migration lock; with tenants, to every"
					+ " tenant that is behind."),

	/** Revert the newest migrations by running their down sections. */
	DOWNGRADE("downgrade", "Revert the newest migrations by running their down sections."),

	/** Check this build's migrations against the database's history. */
	VALIDATE("validate", "Check this build's migrations against the database's history; change nothing."),

	/**
	 * The CI gate: 0 when current, 1 when migrations are pending, 2 when invalid; in an
	 * application with JPA entities, 0 when the entities and the migrations agree, 1 when
	 * they differ.
	 */
	CHECK("check", "A gate for CI and deploys: exit 0 when current, 1 when migrations are pending, 2 when invalid;"
			+ " in an application with JPA entities: 0 when they agree with the migrations, 1 when they differ."),

	/** Adopt a database that predates Hoist at a version. */
	BASELINE("baseline", "Adopt a database that predates Hoist: record a baseline at a version."),

	/** Realign changed checksums and remove the failed rows of migrations. */
	REPAIR("repair", "Record the checksums of changed files and remove the failed rows of migrations."),

	/** Drop every object in the schema: disabled unless enabled. */
	CLEAN("clean", "Drop every object in the schema, data included; refused unless enabled."),

	/**
	 * Compare the live schema with the schema its applied migrations produce: 0 equal, 1
	 * drifted, 2 could not compare.
	 */
	DRIFT("drift",
			"Compare the live schema with the one its applied migrations produce, built on a shadow"
					+ " database: exit 0 equal, 1 drifted, 2 could not compare. Reads the live database only."),

	/**
	 * Prove the build's down sections on a shadow database: 0 all restore the schema, 1
	 * one does not, 2 could not verify.
	 */
	VERIFY("verify",
			"Apply this build's migrations to a shadow database and check that each down section restores"
					+ " the schema exactly: exit 0 verified, 1 a down section does not, 2 could not verify."),

	/** Write a new migration file; needs no database. */
	NEW("new",
			"Write the next migration file, numbered like the files already there, with placeholder up and"
					+ " down sections to fill in; needs no database."),

	/**
	 * Check pending migrations against the safety rules: 0 clean, 1 findings at or above
	 * the chosen severity, 2 error.
	 */
	LINT("lint",
			"Check pending migrations against the safety rules: what each statement locks, on tables how big,"
					+ " and the safe rewrite. Every migration or given files: no database needed."),

	/**
	 * Try pending migrations on a shadow database and report what each statement locks
	 * and rewrites: 0 clean, 1 findings at or above the chosen severity, 2 error.
	 */
	PLAN("plan",
			"Try pending migrations on a shadow database with the live schema (rolled back) and report what each"
					+ " statement locks and rewrites, on tables how big."),

	/**
	 * Write the migration that makes this build's migrations give the schema the
	 * application's JPA entities want; needs the application (its entities) and a shadow
	 * database.
	 */
	GENERATE("generate", "Write the next migration from the difference between the application's JPA entities and"
			+ " the schema its migrations give on a shadow database; in the application only.");

	private final String commandName;

	private final String description;

	HoistCommand(String commandName, String description) {
		this.commandName = commandName;
		this.description = description;
	}

	/**
	 * Return the name people type, such as {@code status}.
	 * @return the name
	 */
	public String commandName() {
		return this.commandName;
	}

	/**
	 * Return what the command does, in one sentence.
	 * @return the description
	 */
	public String description() {
		return this.description;
	}

	/**
	 * Return whether the command connects to the database.
	 * @return whether it needs a database
	 */
	public boolean needsDatabase() {
		return this != NEW;
	}

	/**
	 * Return the command with a name, ignoring case and surrounding blanks.
	 * @param name the name, such as {@code status}
	 * @return the command
	 * @throws IllegalArgumentException naming every command when there is none by that
	 * name
	 */
	public static HoistCommand named(String name) {
		String wanted = Objects.requireNonNull(name, "name").strip().toLowerCase(Locale.ROOT);
		for (HoistCommand command : values()) {
			if (command.commandName.equals(wanted)) {
				return command;
			}
		}
		throw new IllegalArgumentException("Unknown command '" + name + "': use " + names());
	}

	/**
	 * Return every command's name, comma-separated, for help texts and errors.
	 * @return the names
	 */
	public static String names() {
		return Arrays.stream(values()).map(HoistCommand::commandName).collect(Collectors.joining(", "));
	}

	/**
	 * Run this command and report what it did. A failure becomes a report too, with the
	 * exit code it stands for; nothing is thrown for what the command itself refuses.
	 * @param hoist the Hoist to run it with; may be {@code null} for {@link #NEW}
	 * @param options what the command needs besides the configuration
	 * @return the report
	 */
	public Report run(@Nullable Hoist hoist, Options options) {
		try {
			return execute(hoist, options);
		}
		catch (RuntimeException ex) {
			return failed(ex);
		}
	}

	/**
	 * Report a failure of this command, with the exit code it stands for here.
	 * {@code lint}, {@code plan}, {@code drift} and {@code verify} exit 2 on every error,
	 * since 1 means what they found.
	 * @param failure what went wrong
	 * @return the report
	 */
	public Report failed(Throwable failure) {
		return failed(Report.failure(failure));
	}

	/**
	 * Give a failure report the exit code it stands for with this command.
	 * @param failure the report of a failure
	 * @return the report, with 2 for {@code lint}, {@code plan}, {@code drift} and
	 * {@code verify}
	 */
	public Report failed(Report failure) {
		return (this == LINT || this == PLAN || this == DRIFT || this == VERIFY)
				? failure.withExitCode(ExitCode.INVALID) : failure;
	}

	private Report execute(@Nullable Hoist hoist, Options options) {
		if (this == NEW) {
			Path directory = required(options.directory(), "the directory to write into");
			String description = required(options.description(), "a description of the migration");
			return Reports.newMigration(Hoist.newMigration(directory, description));
		}
		if (this == LINT && !options.files().isEmpty()) {
			int major = (options.postgresMajor() != null) ? options.postgresMajor()
					: LintOptions.OLDEST_SUPPORTED_MAJOR;
			// no configuration: the client says how its reader names settings
			return SafetyReports.lint(LintCommand.files(options.files(), major, options.settingNames()),
					options.failOn());
		}
		Hoist engine = Objects.requireNonNull(hoist, "hoist");
		if (engine.configuration().hasTenants()) {
			// every other command works on one schema and says so
			switch (this) {
				case MIGRATE:
					return Reports.tenantsMigrate(engine.migrateTenants());
				case STATUS:
					return Reports.tenantsStatus(engine.tenantStatus());
				case VALIDATE:
					return Reports.tenantsValidate(engine.tenantStatus());
				case CHECK:
					return Reports.tenantsCheck(engine.tenantStatus());
				default:
			}
		}
		return switch (this) {
			case STATUS -> Reports.status(engine.status());
			case HISTORY -> Reports.history(engine.history());
			case MIGRATE -> Reports.migrate(engine.migrate());
			case DOWNGRADE ->
				Reports.downgrade((options.steps() != null) ? engine.downgrade(options.steps()) : engine.downgradeTo(
						required(options.target(), "how many steps to revert, or the version to go" + " back to")));
			case VALIDATE -> Reports.validate(engine.status());
			case CHECK -> (engine.configuration().getEntitySchema() != null)
					? Reports.entityCheck(new GenerateCommand(new Engine(engine.configuration()), "check").check())
					: Reports.check(engine.status());
			case GENERATE -> Reports.generate(new GenerateCommand(new Engine(engine.configuration()), "generate").run(
					required(options.directory(), "the directory to write into"),
					required(options.description(), "a description of the migration")));
			case BASELINE -> Reports.baseline(
					engine.baseline(required(options.version(), "the version to baseline at"), options.description()));
			case REPAIR -> Reports.repair(engine.repair());
			case CLEAN -> Reports.clean(engine.clean());
			case DRIFT -> Reports.drift(engine.drift());
			case VERIFY -> Reports.verify(engine.verify());
			case LINT ->
				SafetyReports.lint(options.allMigrations() ? engine.lintAll() : engine.lint(), options.failOn());
			case PLAN -> SafetyReports.plan(engine.plan(), options.failOn());
			case NEW -> throw new IllegalStateException("handled above");
		};
	}

	private static <T> T required(@Nullable T value, String what) {
		if (value == null || (value instanceof String text && text.isBlank())) {
			throw new IllegalArgumentException("Missing " + what);
		}
		return value;
	}

	/**
	 * What a command needs besides the configuration. Each client fills it from its own
	 * spelling: command-line flags, {@code hoist.*} properties, plugin parameters.
	 *
	 * @param steps {@code downgrade}: how many migrations to revert
	 * @param target {@code downgrade}: the version to go back to, when no steps are given
	 * @param version {@code baseline}: the version to baseline at
	 * @param description {@code baseline}: what the baseline stands for; {@code new},
	 * {@code generate}: what the migration does
	 * @param directory {@code new}, {@code generate}: where to write the file
	 * @param failOn {@code lint} and {@code plan}: the least severe finding that exits
	 * with 1
	 * @param allMigrations {@code lint}: check every migration of the build, without a
	 * database, rather than the pending ones
	 * @param files {@code lint}: check these files and directories, without a database or
	 * a configuration, rather than the build's migrations
	 * @param postgresMajor {@code lint} without a database: the PostgreSQL major version
	 * the migrations will run on; {@code null} for the oldest Hoist supports
	 * @param settingNames {@code lint} without a database: how its advice names Hoist's
	 * settings for the client that runs it (with a database, the configuration's
	 * {@link HoistConfiguration#getSettingNames()} is used)
	 */
	public record Options(@Nullable Integer steps, @Nullable String target, @Nullable String version,
			@Nullable String description, @Nullable Path directory, Severity failOn, boolean allMigrations,
			List<Path> files, @Nullable Integer postgresMajor, SettingNames settingNames) {

		/** No options. */
		public static final Options NONE = new Options(null, null, null, null, null);

		/**
		 * Create options.
		 * @param steps the steps
		 * @param target the target
		 * @param version the version
		 * @param description the description
		 * @param directory the directory
		 * @param failOn the least severe finding that fails
		 * @param allMigrations whether to lint every migration
		 * @param files the files to lint
		 * @param postgresMajor the major version to assume
		 * @param settingNames how lint without a database names settings
		 */
		public Options {
			Objects.requireNonNull(failOn, "failOn");
			Objects.requireNonNull(settingNames, "settingNames");
			files = List.copyOf(files);
		}

		/**
		 * Create the options of the commands that change the schema.
		 * @param steps {@code downgrade}: how many migrations to revert
		 * @param target {@code downgrade}: the version to go back to
		 * @param version {@code baseline}: the version to baseline at
		 * @param description {@code baseline}, {@code new}: the description
		 * @param directory {@code new}: where to write the file
		 */
		public Options(@Nullable Integer steps, @Nullable String target, @Nullable String version,
				@Nullable String description, @Nullable Path directory) {
			this(steps, target, version, description, directory, Severity.ERROR, false, List.of(), null,
					SettingNames.API);
		}

		/**
		 * Return these options with the least severe finding that fails {@code lint} and
		 * {@code plan} (default {@link Severity#ERROR}).
		 * @param severity the severity
		 * @return the options
		 */
		public Options withFailOn(Severity severity) {
			return new Options(this.steps, this.target, this.version, this.description, this.directory, severity,
					this.allMigrations, this.files, this.postgresMajor, this.settingNames);
		}

		/**
		 * Return these options with what {@code lint} checks: every migration of the
		 * build, or the files given, instead of the pending migrations.
		 * @param all whether to check every migration of the build
		 * @param files files and directories to check instead, or an empty list
		 * @param postgresMajor the PostgreSQL major to assume without a database, or
		 * {@code null} for the oldest Hoist supports
		 * @return the options
		 */
		public Options withLintScope(boolean all, List<Path> files, @Nullable Integer postgresMajor) {
			return new Options(this.steps, this.target, this.version, this.description, this.directory, this.failOn,
					all, files, postgresMajor, this.settingNames);
		}

		/**
		 * Return these options with how {@code lint} without a database names Hoist's
		 * settings in its advice (default {@link SettingNames#API}, the builder methods):
		 * a client without a configuration says how its reader sets them, such as
		 * {@link SettingNames#COMMAND_LINE} for flags and environment variables.
		 * @param names the spelling
		 * @return the options
		 */
		public Options withSettingNames(SettingNames names) {
			return new Options(this.steps, this.target, this.version, this.description, this.directory, this.failOn,
					this.allMigrations, this.files, this.postgresMajor, names);
		}

	}

	/**
	 * The process exit codes, the same for every command and every client.
	 */
	public enum ExitCode {

		/**
		 * The command did what was asked; for {@code check}: valid and nothing pending.
		 */
		OK(0, "Done; for check: valid and nothing pending; for lint and plan: no finding at or above --fail-on;"
				+ " for drift: no drift; for verify: every down section restores the schema"),

		/**
		 * The command failed or was refused; for {@code check}: migrations are pending;
		 * for {@code lint} and {@code plan}: findings at or above the chosen severity;
		 * for {@code drift}: the live schema drifted; for {@code verify}: a down section
		 * does not restore the schema.
		 */
		FAILED(1,
				"Failed or refused; for check: migrations pending; for lint and plan: findings at or above"
						+ " --fail-on; for drift: drifted; for verify: a down section does not restore the schema"),

		/**
		 * Validation found problems; for {@code lint}, {@code plan}, {@code drift} and
		 * {@code verify}: any error.
		 */
		INVALID(2, "Invalid: validation found problems; for lint, plan, drift and verify: any error"),

		/** No database configured, or it cannot be reached or logged into. */
		NO_DATABASE(3, "No database configured, or it cannot be reached or logged into"),

		/** The command line itself is wrong: unknown command or option, bad value. */
		USAGE(64, "Usage error: unknown command or option, or a bad value");

		private final int code;

		private final String description;

		ExitCode(int code, String description) {
			this.code = code;
			this.description = description;
		}

		/**
		 * Return the process exit code.
		 * @return the code
		 */
		public int code() {
			return this.code;
		}

		/**
		 * Return what the code means, for help texts.
		 * @return the description
		 */
		public String description() {
			return this.description;
		}

		/**
		 * Return the exit code a failure stands for.
		 * @param failure the failure
		 * @return the exit code
		 */
		public static ExitCode of(Throwable failure) {
			return Reports.exitCode(failure);
		}

		/**
		 * Return every code with its meaning, in order, for help texts.
		 * @return the codes and descriptions
		 */
		public static Map<String, String> descriptions() {
			Map<String, String> codes = new LinkedHashMap<>();
			for (ExitCode code : values()) {
				codes.put(String.valueOf(code.code), code.description);
			}
			return codes;
		}

	}

	/**
	 * What a command did, ready to print: text for people, JSON for tools, and the exit
	 * code it stands for. Neither form ever contains a password.
	 *
	 * @param json the JSON form, as maps, lists, strings, numbers and booleans
	 * @param text the text form
	 * @param exitCode the exit code
	 */
	public record Report(Map<String, @Nullable Object> json, String text, ExitCode exitCode) {

		/**
		 * Report a failure: its message and, for JSON, its exit code and any validation
		 * problems.
		 * @param failure what went wrong
		 * @return the report
		 */
		public static Report failure(Throwable failure) {
			return Reports.failure(failure);
		}

		/**
		 * Return this report with another exit code.
		 * @param code the exit code
		 * @return the report
		 */
		public Report withExitCode(ExitCode code) {
			Map<String, @Nullable Object> json = new LinkedHashMap<>(this.json);
			if (json.containsKey("exitCode")) {
				json.put("exitCode", code.code());
			}
			return new Report(json, this.text, code);
		}

		/**
		 * Return whether this report stands for a failure rather than a result.
		 * @return whether the command failed
		 */
		public boolean isFailure() {
			return this.json.containsKey("error");
		}

		/**
		 * Return the form asked for, ending with a newline.
		 * @param asJson whether JSON is wanted
		 * @return the JSON or the text
		 */
		public String render(boolean asJson) {
			String out = asJson ? Json.write(this.json) : this.text;
			return out.endsWith("\n") ? out : out + "\n";
		}

	}

}
