package dev.hoist.autoconfigure.env;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.hoist.core.DatabaseSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.core.env.MapPropertySource;

/**
 * The {@code spring.datasource.*} properties Hoist decided that Spring Boot would not
 * bind by itself: a database named by {@code DATABASE_URL} or component variables, a
 * {@code postgres://} URL turned into a JDBC one, the credentials that go with them.
 * Ranked first, because the decision already weighed every place that ranks higher. Its
 * name never holds a value.
 */
final class DatabaseVariablesPropertySource extends MapPropertySource implements OriginLookup<String> {

	static final String NAME = "hoist.datasource";

	static final String URL = "spring.datasource.url";

	static final String USERNAME = "spring.datasource.username";

	static final String PASSWORD = "spring.datasource.password";

	private final Map<String, DatabaseSettings.Setting> settings;

	private DatabaseVariablesPropertySource(Map<String, DatabaseSettings.Setting> settings) {
		super(NAME, values(settings));
		this.settings = settings;
	}

	/**
	 * Return a source for each setting decided that Spring Boot would not bind to the
	 * same value by itself.
	 * @param decided the settings Hoist decided
	 * @param bound what Spring Boot would bind without this source
	 * @return the source, or {@code null} when Spring Boot binds every setting as decided
	 */
	static @Nullable DatabaseVariablesPropertySource of(DatabaseSettings decided, DatabaseSettings bound) {
		Map<String, DatabaseSettings.Setting> published = new LinkedHashMap<>();
		put(published, URL, decided.url(), bound.url());
		put(published, USERNAME, decided.username(), bound.username());
		put(published, PASSWORD, decided.password(), bound.password());
		return published.isEmpty() ? null : new DatabaseVariablesPropertySource(published);
	}

	private static void put(Map<String, DatabaseSettings.Setting> published, String property,
			DatabaseSettings.@Nullable Setting decided, DatabaseSettings.@Nullable Setting bound) {
		if (decided != null && (bound == null || !bound.value().equals(decided.value()))) {
			published.put(property, decided);
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
