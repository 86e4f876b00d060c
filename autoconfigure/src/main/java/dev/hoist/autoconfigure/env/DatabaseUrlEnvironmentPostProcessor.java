package dev.hoist.autoconfigure.env;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.hoist.core.DatabaseSettings;
import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Decides which database the application uses, and with which credentials, from every
 * place that names them, by the rule the CLI shares ({@link DatabaseSettings#resolve}),
 * and logs once which database was chosen and why: <pre>
 * Hoist: PostgreSQL ecomdash@db.example.com:5432/ecomdash sslmode=require (DATABASE_URL from .env.local)
 * </pre> The places, highest first: command line and system properties; the OS
 * environment ({@code SPRING_DATASOURCE_*}, then {@code DATABASE_URL}, then component
 * variables {@code DB_*}, {@code POSTGRES_*}, libpq's {@code PG*}); each {@code .env}
 * file in turn, likewise; then {@code application-{profile}.yml} and
 * {@code application.yml}. The database comes whole from the highest place that names a
 * complete one; the credentials written with it go with it and never with another place's
 * database; {@code spring.datasource.username} and {@code password} apply to any
 * database. What Spring Boot would not bind by itself (a database named by
 * {@code DATABASE_URL} or component variables, a {@code postgres://} URL in
 * {@code SPRING_DATASOURCE_URL}, the credentials of such a URL) goes into one property
 * source ranked first, named {@code hoist.datasource}. Settings a person may have
 * expected to be used and that were not are named in a warning.
 * <p>
 * A URL that cannot be read stops the start with a message naming the variable, its
 * source and what is wrong (password masked), unless a higher place decided the database
 * already.
 */
public class DatabaseUrlEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Right after the {@code .env} files are loaded. */
	public static final int ORDER = DotenvEnvironmentPostProcessor.ORDER + 1;

	private static final String ENVIRONMENT = "environment";

	private final Log logger;

	/**
	 * Create a post-processor; Spring Boot calls this.
	 * @param logFactory the factory of logs that print once logging is initialised
	 */
	public DatabaseUrlEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(DatabaseUrlEnvironmentPostProcessor.class);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		MutablePropertySources sources = environment.getPropertySources();
		// what an earlier run added (a restart, a test's second context) goes first
		sources.stream()
			.filter(DatabaseVariablesPropertySource.class::isInstance)
			.map(PropertySource::getName)
			.toList()
			.forEach(sources::remove);
		List<DatabaseSettings.Source> places = new ArrayList<>();
		for (PropertySource<?> source : sources) {
			if (ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
				// a view of all sources, not a place of its own
				continue;
			}
			DatabaseSettings explicit = DatabaseSettingsReport.explicit(environment, source);
			Map<String, ?> variables = variables(source);
			if (!explicit.isEmpty() || !variables.isEmpty()) {
				places.add(new DatabaseSettings.Source(origin(source, explicit), explicit, variables));
			}
		}
		DatabaseSettings.Resolution resolution = DatabaseSettings.resolve(places);
		resolution.warnings().forEach((warning) -> this.logger.warn("Hoist: " + warning));
		DatabaseVariablesPropertySource published = DatabaseVariablesPropertySource.of(resolution.settings(),
				DatabaseSettingsReport.from(environment));
		if (published != null) {
			// first among the real sources, right after Spring Boot's view of them all
			PropertySource<?> attached = sources.stream()
				.filter(ConfigurationPropertySources::isAttachedConfigurationPropertySource)
				.findFirst()
				.orElse(null);
			if (attached != null) {
				sources.addAfter(attached.getName(), published);
			}
			else {
				sources.addFirst(published);
			}
		}
		logStartupLine(DatabaseSettingsReport.from(environment));
	}

	// environment variables only where they are environment variables: the OS
	// environment and the .env files, never application.yml
	@SuppressWarnings("unchecked")
	private static Map<String, ?> variables(PropertySource<?> source) {
		boolean variables = source.getName().equals(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)
				|| source instanceof DotenvPropertySource;
		return (variables && source.getSource() instanceof Map<?, ?> map) ? (Map<String, ?>) map : Map.of();
	}

	private static String origin(PropertySource<?> source, DatabaseSettings explicit) {
		if (source instanceof DotenvPropertySource dotenv) {
			return dotenv.getFile();
		}
		if (source.getName().equals(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
			return ENVIRONMENT;
		}
		for (DatabaseSettings.Setting setting : new DatabaseSettings.Setting[] { explicit.url(), explicit.username(),
				explicit.password() }) {
			if (setting != null) {
				return setting.origin();
			}
		}
		return source.getName();
	}

	private void logStartupLine(DatabaseSettings settings) {
		if (settings.url() == null) {
			this.logger.debug("Hoist: no spring.datasource.url, DATABASE_URL or DB_HOST in the environment or"
					+ " .env files (" + settings.sources() + ")");
			return;
		}
		if (settings.isPostgresUrl()) {
			this.logger.info("Hoist: PostgreSQL " + settings.describe() + " (" + settings.sources() + ")");
		}
		else {
			this.logger.info(
					"Hoist: database " + settings.describe() + " is not a PostgreSQL URL (" + settings.sources() + ")");
		}
	}

}
