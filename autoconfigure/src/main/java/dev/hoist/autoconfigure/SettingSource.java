package dev.hoist.autoconfigure;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * Says where a setting came from, such as
 * {@code spring.datasource.url from class path resource [application.yml] - 3:10}, for
 * log lines and errors that must tell people which file or variable to fix.
 */
final class SettingSource {

	private SettingSource() {
	}

	static String describe(Environment environment, String name) {
		ConfigurationPropertyName propertyName = ConfigurationPropertyName.of(name);
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			ConfigurationProperty property = source.getConfigurationProperty(propertyName);
			if (property != null) {
				Origin origin = property.getOrigin();
				if (origin instanceof PropertySourceOrigin propertySourceOrigin) {
					return name + " from " + describe(propertySourceOrigin.getPropertySource());
				}
				return name + " from " + ((origin != null) ? origin : describe(source.getUnderlyingSource()));
			}
		}
		return name + " (not set)";
	}

	private static String describe(Object source) {
		return (source instanceof PropertySource<?> propertySource)
				? "property source '" + propertySource.getName() + "'" : String.valueOf(source);
	}

}
