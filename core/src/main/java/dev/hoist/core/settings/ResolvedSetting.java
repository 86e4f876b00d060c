package dev.hoist.core.settings;

/**
 * One resolved database setting and where it came from. {@link #toString()} shows only
 * the source, never the value: the value may be a password.
 *
 * @param value the value, e.g. a JDBC URL
 * @param variable the variable or property it was read from, e.g. {@code DATABASE_URL},
 * {@code spring.datasource.url}, or several ({@code DB_HOST, POSTGRES_DB})
 * @param origin where that variable was defined, e.g. {@code environment},
 * {@code .env.local}, {@code application-prod.yml}
 */
public record ResolvedSetting(String value, String variable, String origin) {

	/**
	 * Return where the value came from, e.g. {@code DATABASE_URL from .env.local}.
	 * @return the source
	 */
	public String source() {
		return this.variable + " from " + this.origin;
	}

	@Override
	public String toString() {
		return source();
	}

}
