package dev.hoist.autoconfigure.command;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;

import dev.hoist.autoconfigure.HoistProperties;
import dev.hoist.core.DowngradeResult;
import dev.hoist.core.Hoist;
import dev.hoist.core.internal.report.ExitCodes;
import dev.hoist.core.internal.report.Report;
import dev.hoist.core.internal.report.Reports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Runs the {@code hoist.command} with the application's own {@link Hoist}, prints the
 * result as the CLI does, closes the context and exits with the command's code. Runs
 * before every other runner, which therefore never run in command mode.
 *
 * @since 0.1.0
 */
public class HoistCommandRunner implements ApplicationRunner, Ordered {

	private static final Logger logger = LoggerFactory.getLogger(HoistCommandRunner.class);

	private final Hoist hoist;

	private final HoistProperties properties;

	private final Environment environment;

	private final ConfigurableApplicationContext context;

	private final HoistCommandExit exit;

	private final PrintStream out;

	private final PrintStream err;

	public HoistCommandRunner(Hoist hoist, HoistProperties properties, Environment environment,
			ConfigurableApplicationContext context, HoistCommandExit exit) {
		this(hoist, properties, environment, context, exit, System.out, System.err);
	}

	HoistCommandRunner(Hoist hoist, HoistProperties properties, Environment environment,
			ConfigurableApplicationContext context, HoistCommandExit exit, PrintStream out, PrintStream err) {
		this.hoist = hoist;
		this.properties = properties;
		this.environment = environment;
		this.context = context;
		this.exit = exit;
		this.out = out;
		this.err = err;
	}

	@Override
	public void run(ApplicationArguments args) {
		String command = Objects.requireNonNull(this.properties.getCommand()).trim().toLowerCase(Locale.ROOT);
		Report report;
		try {
			report = execute(command);
		}
		catch (RuntimeException ex) {
			report = Reports.failure(ex);
			logger.debug("Hoist command '{}' failed", command, ex);
			this.err.println("hoist " + command + ": " + report.text());
			this.err.flush();
		}
		if (report.exitCode() == ExitCodes.OK || !report.json().containsKey("error") || this.properties.isJson()) {
			this.out.print(report.render(this.properties.isJson()));
			this.out.flush();
		}
		int code = report.exitCode();
		SpringApplication.exit(this.context, () -> code);
		this.exit.exit(code);
	}

	private Report execute(String command) {
		return switch (command) {
			case "status" -> Reports.status(this.hoist.status());
			case "history" -> Reports.history(this.hoist.history());
			case "migrate" -> Reports.migrate(this.hoist.migrate());
			case "validate" -> Reports.validate(this.hoist.status());
			case "check" -> Reports.check(this.hoist.check());
			case "repair" -> Reports.repair(this.hoist.repair());
			case "downgrade" -> Reports.downgrade(downgrade());
			case "baseline" -> Reports.baseline(this.hoist.baseline(required(this.properties.getBaselineVersion(),
					"hoist.baseline-version", "the version to baseline at"), this.properties.getBaselineDescription()));
			case "clean" -> {
				if (this.environment.matchesProfiles("prod")) {
					throw new IllegalStateException("hoist clean is refused while the 'prod' profile is active:"
							+ " it drops every object in the schema");
				}
				yield Reports.clean(this.hoist.clean());
			}
			default -> throw new IllegalArgumentException("Unknown hoist.command '" + command
					+ "': use status, history, migrate, downgrade, validate, check, baseline, repair or clean");
		};
	}

	private DowngradeResult downgrade() {
		Integer steps = this.properties.getSteps();
		if (steps != null) {
			return this.hoist.downgrade(steps);
		}
		return this.hoist.downgradeTo(required(this.properties.getTarget(), "hoist.steps or hoist.target",
				"how many migrations to revert, or the version to go back to"));
	}

	private static String required(String value, String property, String what) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("Set " + property + ": " + what);
		}
		return value;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
