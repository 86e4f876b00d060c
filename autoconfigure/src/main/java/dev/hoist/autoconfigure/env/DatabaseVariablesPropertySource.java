package dev.hoist.autoconfigure.env;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.hoist.core.DatabaseSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.core.env.MapPropertySource;

/**
 * The {@code spring.datasource.*} properties that {@code DATABASE_URL} or component
 * variables of one source (the environment, one {@code .env} file) stand for. Placed
 * right below that source, so an explicit {@code SPRING_DATASOURCE_URL} of the same
 * source wins and any lower source loses. Its name says which source it derives from,
 * never a value.
 */
final class DatabaseVariablesPropertySource extends MapPropertySource implements OriginLookup<String> {

	static final String URL = "spring.datasource.url";

	static final String USERNAME = "spring.datasource.username";

	static final String PASSWORD = "spring.datasource.password";

	private final Map<String, DatabaseSettings.Setting> settings;

	private DatabaseVariablesPropertySource(String origin, Map<String, DatabaseSettings.Setting> settings) {
		super("hoist.datasource [" + origin + "]", values(settings));
		this.settings = settings;
	}

	/**
	 * Return a source for what the settings derive, leaving out explicit
	 * {@code SPRING_DATASOURCE_*} variables, which their own source already provides.
	 * @param origin the origin of the variables
	 * @param settings the resolved settings
	 * @return the source, or {@code null} when nothing is derived
	 */
	static @Nullable DatabaseVariablesPropertySource of(String origin, DatabaseSettings settings) {
		Map<String, DatabaseSettings.Setting> derived = new LinkedHashMap<>();
		put(derived, URL, settings.url());
		put(derived, USERNAME, settings.username());
		put(derived, PASSWORD, settings.password());
		return derived.isEmpty() ? null : new DatabaseVariablesPropertySource(origin, derived);
	}

	private static void put(Map<String, DatabaseSettings.Setting> derived, String property,
			DatabaseSettings.@Nullable Setting setting) {
		if (setting != null && !setting.variable().startsWith("SPRING_DATASOURCE_")) {
			derived.put(property, setting);
		}
	}

	private static Map<String, Object> values(Map<String, DatabaseSettings.Setting> settings) {
		Map<String, Object> values = new LinkedHashMap<>();
		settings.forEach((property, setting) -> values.put(property, setting.value()));
		return values;
	}

	/**
	 * Return the setting behind a property, with the variable and origin it came from.
	 * @param property a {@code spring.datasource.*} property
	 * @return the setting, or {@code null}
	 */
	DatabaseSettings.@Nullable Setting getSetting(String property) {
		return this.settings.get(property);
	}

	@Override
	public String toString() {
		// Spring's would list every value at debug level, the password included
		return getClass().getSimpleName() + " {name='" + getName() + "', properties=" + this.settings.keySet() + "}";
	}

	@Override
	public @Nullable Origin getOrigin(String property) {
		DatabaseSettings.Setting setting = this.settings.get(property);
		return (setting != null) ? new DerivedOrigin(setting) : null;
	}

	/**
	 * Says in {@code /actuator/env} where a derived value came from.
	 */
	private record DerivedOrigin(DatabaseSettings.Setting setting) implements Origin {

		@Override
		public String toString() {
			return this.setting.source();
		}

	}

}
