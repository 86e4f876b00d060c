package dev.hoist.autoconfigure.env;

import java.util.Locale;

import dev.hoist.core.DatabaseSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.SystemEnvironmentOrigin;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Which database the application will use and where each of its settings came from, as
 * Spring Boot will bind {@code spring.datasource.url}, {@code username} and
 * {@code password}. For the startup line, the waiter's log lines, the health details and
 * the migrations endpoint: <pre>{@code
 * DatabaseSettings settings = DatabaseSettingsReport.from(environment);
 * settings.describe();            // ecomdash@db.example.com:5432/ecomdash sslmode=require
 * settings.sources();             // DATABASE_URL from .env.local
 * settings.url().source();        // per setting, e.g. "SPRING_DATASOURCE_URL from environment"
 * }</pre> Sources read like:
 * <ul>
 * <li>{@code DATABASE_URL from .env.local}, {@code DB_HOST, POSTGRES_DB from environment}
 * (mapped by {@link DatabaseUrlEnvironmentPostProcessor});</li>
 * <li>{@code SPRING_DATASOURCE_URL from environment},
 * {@code SPRING_DATASOURCE_URL from .env};</li>
 * <li>{@code spring.datasource.url from application-prod.yml};</li>
 * <li>{@code spring.datasource.url from command line},
 * {@code spring.datasource.url from system properties}.</li>
 * </ul>
 * Note that a {@code JdbcConnectionDetails} bean (Testcontainers, Docker Compose)
 * replaces these settings when present; this report reads the environment only. No
 * password appears in the {@code toString()} of what it returns.
 */
public final class DatabaseSettingsReport {

	private static final ConfigurationPropertyName URL = ConfigurationPropertyName
		.of(DatabaseVariablesPropertySource.URL);

	private static final ConfigurationPropertyName USERNAME = ConfigurationPropertyName
		.of(DatabaseVariablesPropertySource.USERNAME);

	private static final ConfigurationPropertyName PASSWORD = ConfigurationPropertyName
		.of(DatabaseVariablesPropertySource.PASSWORD);

	private DatabaseSettingsReport() {
	}

	/**
	 * Report the database settings of an environment and their sources.
	 * @param environment the application's environment
	 * @return the settings; {@link DatabaseSettings#url()} is {@code null} when nothing
	 * names a URL
	 */
	public static DatabaseSettings from(Environment environment) {
		return new DatabaseSettings(find(environment, URL), find(environment, USERNAME), find(environment, PASSWORD));
	}

	/**
	 * Say where any property's value came from, as people name it: {@code .env.local},
	 * {@code environment}, {@code application-prod.yml}, {@code command line}.
	 * @param environment the application's environment
	 * @param name the property, such as {@code hoist.url}
	 * @return the source, such as {@code HOIST_URL from environment}, or the name with
	 * {@code (not set)}
	 */
	public static String source(Environment environment, String name) {
		DatabaseSettings.Setting setting = find(environment, ConfigurationPropertyName.of(name));
		return (setting != null) ? setting.source() : name + " (not set)";
	}

	/**
	 * Return the {@code spring.datasource.url}, {@code username} and {@code password}
	 * that one property source sets itself, in any spelling
	 * ({@code SPRING_DATASOURCE_URL} in the environment or a {@code .env} file), each
	 * with its source.
	 * @param environment the application's environment, for placeholders
	 * @param source one of its property sources
	 * @return the settings, {@link DatabaseSettings#isEmpty() empty} when it sets none
	 */
	static DatabaseSettings explicit(Environment environment, PropertySource<?> source) {
		ConfigurationPropertySource properties = ConfigurationPropertySource.from(source);
		if (properties == null) {
			return DatabaseSettings.NONE;
		}
		return new DatabaseSettings(find(environment, properties, URL), find(environment, properties, USERNAME),
				find(environment, properties, PASSWORD));
	}

	private static DatabaseSettings.@Nullable Setting find(Environment environment, ConfigurationPropertyName name) {
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			DatabaseSettings.Setting setting = find(environment, source, name);
			if (setting != null) {
				return setting;
			}
		}
		return null;
	}

	private static DatabaseSettings.@Nullable Setting find(Environment environment, ConfigurationPropertySource source,
			ConfigurationPropertyName name) {
		ConfigurationProperty property = source.getConfigurationProperty(name);
		if (property != null && property.getValue() != null && !String.valueOf(property.getValue()).isBlank()) {
			return describe(environment, name, property, source.getUnderlyingSource());
		}
		return null;
	}

	private static DatabaseSettings.Setting describe(Environment environment, ConfigurationPropertyName name,
			ConfigurationProperty property, @Nullable Object underlying) {
		String value = environment.resolvePlaceholders(String.valueOf(property.getValue()));
		String propertyName = name.toString();
		if (underlying instanceof DatabaseVariablesPropertySource derived) {
			DatabaseSettings.Setting setting = derived.getSetting(propertyName);
			if (setting != null) {
				return setting;
			}
		}
		if (underlying instanceof DotenvPropertySource dotenv) {
			String variable = dotenv.getVariable(propertyName);
			return new DatabaseSettings.Setting(value, (variable != null) ? variable : propertyName, dotenv.getFile());
		}
		Origin origin = unwrap(property.getOrigin());
		if (origin instanceof SystemEnvironmentOrigin environmentOrigin) {
			return new DatabaseSettings.Setting(value, environmentOrigin.getProperty(), "environment");
		}
		if (underlying instanceof SystemEnvironmentPropertySource) {
			return new DatabaseSettings.Setting(value,
					propertyName.toUpperCase(Locale.ROOT).replace('.', '_').replace("-", ""), "environment");
		}
		TextResourceOrigin file = textResourceOrigin(origin);
		if (file != null && file.getResource() != null && file.getResource().getFilename() != null) {
			return new DatabaseSettings.Setting(value, propertyName, file.getResource().getFilename());
		}
		return new DatabaseSettings.Setting(value, propertyName, originName(underlying));
	}

	private static @Nullable Origin unwrap(@Nullable Origin origin) {
		Origin unwrapped = origin;
		while (unwrapped instanceof PropertySourceOrigin propertySourceOrigin
				&& propertySourceOrigin.getOrigin() != null) {
			unwrapped = propertySourceOrigin.getOrigin();
		}
		return unwrapped;
	}

	private static @Nullable TextResourceOrigin textResourceOrigin(@Nullable Origin origin) {
		for (Origin candidate = origin; candidate != null; candidate = candidate.getParent()) {
			if (candidate instanceof TextResourceOrigin textResourceOrigin) {
				return textResourceOrigin;
			}
		}
		return null;
	}

	// people's names for sources, never an internal one such as
	// 'hoist.dotenv [.env.local]-systemEnvironment'
	private static String originName(@Nullable Object underlying) {
		if (underlying instanceof CommandLinePropertySource<?>) {
			return "command line";
		}
		if (underlying instanceof DotenvPropertySource dotenv) {
			return dotenv.getFile();
		}
		if (underlying instanceof PropertySource<?> source) {
			return switch (source.getName()) {
				case StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME -> "system properties";
				case StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME -> "environment";
				case "defaultProperties" -> "default properties";
				case "Inlined Test Properties" -> "test properties";
				case "Dynamic Test Properties" -> "@DynamicPropertySource";
				default -> "property source '" + source.getName() + "'";
			};
		}
		return "unknown source";
	}

}
