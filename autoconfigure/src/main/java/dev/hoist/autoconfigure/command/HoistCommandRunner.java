package dev.hoist.autoconfigure.command;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Objects;

import dev.hoist.autoconfigure.HoistProperties;
import dev.hoist.core.Hoist;
import dev.hoist.core.command.HoistCommand;
import dev.hoist.core.command.HoistCommand.Report;
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
		this(hoist, properties, environment, context, exit, CommandOutput.report(), System.err);
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
		String name = Objects.requireNonNull(this.properties.getCommand());
		Report report;
		HoistCommand command = null;
		try {
			command = command(name);
			if (command == HoistCommand.CLEAN && this.environment.matchesProfiles("prod")) {
				throw new IllegalStateException("hoist clean is refused while the 'prod' profile is active:"
						+ " it drops every object in the schema");
			}
			report = command.run(this.hoist, options());
		}
		catch (RuntimeException ex) {
			report = (command != null) ? command.failed(ex) : Report.failure(ex);
		}
		String label = (command != null) ? command.commandName() : name.strip();
		if (report.isFailure()) {
			logger.debug("Hoist command '{}' failed: {}", label, report.text());
			this.err.println("hoist " + label + ": " + report.text());
			this.err.flush();
		}
		if (!report.isFailure() || this.properties.isJson()) {
			this.out.print(report.render(this.properties.isJson()));
			this.out.flush();
		}
		int code = report.exitCode().code();
		SpringApplication.exit(this.context, () -> code);
		this.exit.exit(code);
		// only a process that goes on after its command (a test) gets here
		CommandOutput.restore();
	}

	private static HoistCommand command(String name) {
		try {
			return HoistCommand.named(name);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					"Unknown hoist.command '" + name.strip() + "': use one of " + HoistCommand.names(), ex);
		}
	}

	private HoistCommand.Options options() {
		HoistProperties.Generate generate = this.properties.getGenerate();
		boolean generating = HoistCommand.GENERATE.commandName()
			.equalsIgnoreCase(Objects.requireNonNull(this.properties.getCommand()).strip());
		return new HoistCommand.Options(this.properties.getSteps(), this.properties.getTarget(),
				this.properties.getBaselineVersion(),
				generating ? generate.getDescription() : this.properties.getBaselineDescription(),
				generating ? Path.of(generate.getDirectory()) : null);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
