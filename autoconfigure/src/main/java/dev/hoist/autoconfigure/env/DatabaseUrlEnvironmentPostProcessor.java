package dev.hoist.autoconfigure.env;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.hoist.core.DatabaseSettings;
import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

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
 * Maps {@code DATABASE_URL}, {@code JDBC_DATABASE_URL} and the component variables
 * ({@code DB_*}, {@code POSTGRES_*}, libpq's {@code PG*}; see
 * {@link DatabaseSettings#fromVariables} for their order) to
 * {@code spring.datasource.url}, {@code username} and {@code password}, and logs once
 * which database was chosen and why: <pre>
 * Hoist: PostgreSQL ecomdash@db.example.com:5432/ecomdash sslmode=require (DATABASE_URL from .env.local)
 * </pre> The variables of each source (the OS environment, then each {@code .env} file)
 * become a property source placed right below it. So, highest first: command line and
 * system properties; the environment's {@code SPRING_DATASOURCE_*}, then its
 * {@code DATABASE_URL}, then its component variables; the same for each {@code .env} file
 * in turn; then {@code application-{profile}.yml} and {@code application.yml}. A setting
 * named in a higher source always wins; each setting is resolved on its own.
 * <p>
 * A {@code DATABASE_URL} that cannot be read stops the start with a message naming the
 * variable, its source and what is wrong (password masked), unless a higher source sets
 * {@code spring.datasource.url} anyway.
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
		for (PropertySource<?> source : variableSources(sources)) {
			DatabaseSettings settings = resolve(sources, source);
			DatabaseVariablesPropertySource derived = DatabaseVariablesPropertySource.of(origin(source), settings);
			if (derived != null) {
				sources.addAfter(source.getName(), derived);
			}
		}
		logStartupLine(DatabaseSettingsReport.from(environment));
	}

	private List<PropertySource<?>> variableSources(MutablePropertySources sources) {
		List<PropertySource<?>> variableSources = new ArrayList<>();
		for (PropertySource<?> source : sources) {
			if (source.getName().equals(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)
					|| source instanceof DotenvPropertySource) {
				variableSources.add(source);
			}
		}
		return variableSources;
	}

	private DatabaseSettings resolve(MutablePropertySources sources, PropertySource<?> source) {
		String origin = origin(source);
		try {
			return DatabaseSettings.fromVariables(variables(source), origin);
		}
		catch (DatabaseSettings.InvalidSettingException ex) {
			String explicit = explicitUrlAtOrAbove(sources, source);
			if (explicit == null) {
				throw ex;
			}
			this.logger.debug("Hoist: ignoring the database variables of " + origin + " because " + explicit
					+ " sets spring.datasource.url: " + ex.getMessage());
			return DatabaseSettings.NONE;
		}
	}

	private static @Nullable String explicitUrlAtOrAbove(MutablePropertySources sources, PropertySource<?> limit) {
		for (PropertySource<?> source : sources) {
			if (ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
				// a view of all sources, lower ones included
				continue;
			}
			if (source.containsProperty(DatabaseVariablesPropertySource.URL)) {
				return source.getName();
			}
			if (source == limit) {
				break;
			}
		}
		return null;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, ?> variables(PropertySource<?> source) {
		return (source.getSource() instanceof Map<?, ?> map) ? (Map<String, ?>) map : Map.of();
	}

	private static String origin(PropertySource<?> source) {
		return (source instanceof DotenvPropertySource dotenv) ? dotenv.getFile() : ENVIRONMENT;
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
