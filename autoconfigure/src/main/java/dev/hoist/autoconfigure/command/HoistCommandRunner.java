package dev.hoist.autoconfigure.command;

import java.io.PrintStream;
import java.util.List;
import java.util.Objects;

import dev.hoist.autoconfigure.HoistProperties;
import dev.hoist.autoconfigure.env.DatabaseSettingsReport;
import dev.hoist.core.Hoist;
import dev.hoist.core.command.HoistCommand;
import dev.hoist.core.command.HoistCommand.Report;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Runs the {@code hoist.command} with the application's own {@link Hoist}, prints the
 * result as the CLI does, closes the context and exits with the command's code. Runs
 * before every other runner, which therefore never run in command mode.
 *
 * @since 0.1.0
 */
public class HoistCommandRunner implements ApplicationRunner, Ordered {

	private static final Logger logger = LoggerFactory.getLogger(HoistCommandRunner.class);

	private static final String CLEAN_ENABLED = "hoist.clean-enabled";

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
			if (command == HoistCommand.CLEAN) {
				refuseCleanUnlessDeliberate();
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

	// clean drops every object in the schema: it runs only when the person at the
	// command line asked for it, on what a development profile says is a development
	// database; the engine then refuses a schema that holds real data
	private void refuseCleanUnlessDeliberate() {
		String enabledBy = cleanEnabledBy();
		if (!this.properties.isCleanEnabled() || enabledBy == null) {
			String where = this.properties.isCleanEnabled()
					? "; " + DatabaseSettingsReport.source(this.environment, CLEAN_ENABLED) + " does not count, since"
							+ " a file or the environment must never be what destroys a schema"
					: "";
			throw new IllegalStateException("hoist clean is refused: it drops every object in the schema, and runs"
					+ " only when enabled for this run on the command line (--hoist.clean-enabled=true) or as a system"
					+ " property (-Dhoist.clean-enabled=true)" + where + ". Nothing was changed");
		}
		List<String> allowed = this.properties.getCleanProfiles();
		List<String> active = List.of(this.environment.getActiveProfiles());
		List<String> others = active.stream().filter((profile) -> !allowed.contains(profile)).toList();
		if (active.isEmpty() || !others.isEmpty()) {
			String why = active.isEmpty() ? "no profile is active"
					: "the " + ((others.size() == 1) ? "profile " : "profiles ") + String.join(", ", others)
							+ ((others.size() == 1) ? " is" : " are") + " active";
			throw new IllegalStateException("hoist clean is refused: " + why + ", and clean runs only under"
					+ " development profiles (" + String.join(", ", allowed) + "; hoist.clean-profiles), with no other"
					+ " profile active. Activate one, such as --spring.profiles.active=" + allowed.get(0)
					+ ", if this really is a development database. Nothing was changed");
		}
	}

	// the command line or a system property, where a person typed it for this run
	private @Nullable String cleanEnabledBy() {
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
			if (source.getConfigurationProperty(ConfigurationPropertyName.of(CLEAN_ENABLED)) != null) {
				Object underlying = source.getUnderlyingSource();
				boolean typed = underlying instanceof CommandLinePropertySource<?>
						|| (underlying instanceof PropertySource<?> propertySource && propertySource.getName()
							.equals(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME));
				return typed ? String.valueOf(underlying) : null;
			}
		}
		return null;
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
		return new HoistCommand.Options(this.properties.getSteps(), this.properties.getTarget(),
				this.properties.getBaselineVersion(), this.properties.getBaselineDescription(), null);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
