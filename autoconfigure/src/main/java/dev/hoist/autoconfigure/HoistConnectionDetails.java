package dev.hoist.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where Hoist migrates: the JDBC URL and credentials of its own connections, outside the
 * application's pool. Auto-configured from {@code hoist.url} (with {@code hoist.user} and
 * {@code hoist.password}), else from the application's JDBC connection details, which
 * Spring Boot derives from {@code spring.datasource.*}, Testcontainers'
 * {@code @ServiceConnection} or Docker Compose; define a bean of your own to decide
 * yourself. Hoist's connections never return to the application's pool, so nothing a
 * migration sets on its session ({@code SET ROLE}, {@code search_path}, ...) reaches the
 * application.
 *
 * @since 0.1.0
 */
public interface HoistConnectionDetails extends ConnectionDetails {

	/**
	 * Return the JDBC URL, or a {@code postgres://} URL.
	 * @return the URL
	 */
	String getJdbcUrl();

	/**
	 * Return the user, or {@code null} for the URL's or the driver's default.
	 * @return the user
	 */
	@Nullable String getUsername();

	/**
	 * Return the password, or {@code null} for the URL's.
	 * @return the password
	 */
	@Nullable String getPassword();

	/**
	 * Say where these details came from, as the startup line and errors show it, such as
	 * {@code DATABASE_URL from .env.local}.
	 * @return the source
	 */
	default String getSource() {
		return "connection details " + getClass().getSimpleName();
	}

}
