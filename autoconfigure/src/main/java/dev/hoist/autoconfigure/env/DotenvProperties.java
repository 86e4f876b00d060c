package dev.hoist.autoconfigure.env;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where Hoist looks for {@code .env} files. Read from the environment before the
 * application context exists, so set these on the command line, as system properties,
 * environment variables or in {@code application*.yml}; not in a {@code .env} file.
 */
@ConfigurationProperties("hoist.dotenv")
public class DotenvProperties {

	/**
	 * Whether to load .env.{profile}.local, .env.local, .env.{profile} and .env as
	 * environment variables ranked below the real environment.
	 */
	private boolean enabled = true;

	/**
	 * Directory holding the .env files. Defaults to the working directory.
	 */
	private @Nullable String directory;

	/**
	 * Whether to load .env.local also when the application starts under a test framework
	 * (JUnit, TestNG, Cucumber, Spring Boot's test support). By default tests skip it, so
	 * that they never run against a developer's own database; under the 'test' profile it
	 * is always skipped.
	 */
	private boolean localInTests;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getDirectory() {
		return this.directory;
	}

	public void setDirectory(@Nullable String directory) {
		this.directory = directory;
	}

	public boolean isLocalInTests() {
		return this.localInTests;
	}

	public void setLocalInTests(boolean localInTests) {
		this.localInTests = localInTests;
	}

}
