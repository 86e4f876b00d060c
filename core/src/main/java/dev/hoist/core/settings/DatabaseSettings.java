package dev.hoist.core.settings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The database a service will use and where each of its settings came from: the report
 * behind the startup line
 * {@code Hoist: PostgreSQL ecomdash@db.example.com:5432/ecomdash sslmode=require (DATABASE_URL from .env.local)}.
 * {@link #toString()}, {@link #describe()} and {@link #sources()} never contain the
 * password.
 *
 * @param url the JDBC URL, or {@code null} when nothing names one
 * @param username the user, or {@code null}
 * @param password the password, or {@code null}
 */
public record DatabaseSettings(@Nullable ResolvedSetting url, @Nullable ResolvedSetting username,
		@Nullable ResolvedSetting password) {

	/** No settings at all. */
	public static final DatabaseSettings NONE = new DatabaseSettings(null, null, null);

	/**
	 * Return whether no setting was found.
	 * @return whether all three are missing
	 */
	public boolean isEmpty() {
		return this.url == null && this.username == null && this.password == null;
	}

	/**
	 * Return these settings, each missing one taken from {@code lower}: how a higher rank
	 * (the environment) combines with a lower one (a {@code .env} file).
	 * @param lower the settings of lower precedence
	 * @return the combined settings
	 */
	public DatabaseSettings orElse(DatabaseSettings lower) {
		return new DatabaseSettings((this.url != null) ? this.url : lower.url,
				(this.username != null) ? this.username : lower.username,
				(this.password != null) ? this.password : lower.password);
	}

	/**
	 * Return the URL parsed, with the user named apart from it when the URL names none.
	 * @return the parsed URL, or {@code null} without a URL or for one that is not a
	 * PostgreSQL URL
	 */
	public @Nullable DatabaseUrl databaseUrl() {
		if (this.url == null) {
			return null;
		}
		try {
			DatabaseUrl parsed = DatabaseUrl.parse(this.url.value());
			return (parsed.user() == null && this.username != null) ? parsed.withUser(this.username.value()) : parsed;
		}
		catch (InvalidDatabaseUrlException ex) {
			return null;
		}
	}

	/**
	 * Describe the database without the password, e.g.
	 * {@code ecomdash@db.example.com:5432/ecomdash sslmode=require}; a URL that does not
	 * parse is shown masked.
	 * @return the description
	 */
	public String describe() {
		if (this.url == null) {
			return "no database URL";
		}
		DatabaseUrl parsed = databaseUrl();
		return (parsed != null) ? parsed.describe() : DatabaseUrl.mask(this.url.value());
	}

	/**
	 * Say where the settings came from, e.g. {@code DATABASE_URL from .env.local} or
	 * {@code DB_HOST, POSTGRES_DB, POSTGRES_USER, POSTGRES_PASSWORD from .env}; when they
	 * came from different places, per setting, e.g.
	 * {@code url: SPRING_DATASOURCE_URL from environment; username, password: DATABASE_URL from .env.local}.
	 * @return the sources, or {@code nothing configured}
	 */
	public String sources() {
		Map<String, Group> groups = new LinkedHashMap<>();
		add(groups, "url", this.url);
		add(groups, "username", this.username);
		add(groups, "password", this.password);
		if (groups.isEmpty()) {
			return "nothing configured";
		}
		if (groups.size() == 1) {
			return groups.values().iterator().next().source();
		}
		List<String> parts = new ArrayList<>();
		groups.values().forEach((group) -> parts.add(String.join(", ", group.settings) + ": " + group.source()));
		return String.join("; ", parts);
	}

	private static void add(Map<String, Group> groups, String name, @Nullable ResolvedSetting setting) {
		if (setting != null) {
			Group group = groups.computeIfAbsent(setting.origin(), Group::new);
			group.settings.add(name);
			for (String variable : setting.variable().split(",\\s*")) {
				if (!group.variables.contains(variable)) {
					group.variables.add(variable);
				}
			}
		}
	}

	@Override
	public String toString() {
		return "DatabaseSettings[" + describe() + " (" + sources() + ")]";
	}

	private static final class Group {

		private final String origin;

		private final List<String> settings = new ArrayList<>();

		private final List<String> variables = new ArrayList<>();

		Group(String origin) {
			this.origin = origin;
		}

		String source() {
			return String.join(", ", this.variables) + " from " + this.origin;
		}

	}

}
