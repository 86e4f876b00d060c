package dev.hoist.sample;

import java.io.IOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginProvider;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * A development-time database: a real PostgreSQL started in-process from binaries on
 * Maven Central, handed to the application as {@link JdbcConnectionDetails}, the way a
 * Testcontainers {@code @ServiceConnection} would be. Backs off when the environment
 * already names a database ({@code DATABASE_URL}, {@code .env.local},
 * {@code spring.datasource.url}, ...).
 */
@TestConfiguration(proxyBeanMethods = false)
@Conditional(EmbeddedPostgresConfiguration.NoDatabaseConfigured.class)
public class EmbeddedPostgresConfiguration {

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres() throws IOException {
		return EmbeddedPostgres.builder().setServerConfig("max_connections", "50").start();
	}

	@Bean
	EmbeddedPostgresConnectionDetails embeddedPostgresConnectionDetails(EmbeddedPostgres postgres) {
		return new EmbeddedPostgresConnectionDetails(postgres.getJdbcUrl("postgres", "postgres"));
	}

	/**
	 * The embedded server's {@code postgres} database, as user {@code postgres}.
	 *
	 * @param jdbcUrl the JDBC URL
	 */
	record EmbeddedPostgresConnectionDetails(String jdbcUrl) implements JdbcConnectionDetails, OriginProvider {

		@Override
		public Origin getOrigin() {
			// a service connection says where it comes from, as Testcontainers' do
			return new Origin() {

				@Override
				public String toString() {
					return "embedded PostgreSQL of TestSampleApplication";
				}

			};
		}

		@Override
		public String getJdbcUrl() {
			return this.jdbcUrl;
		}

		@Override
		public String getUsername() {
			return "postgres";
		}

		@Override
		public String getPassword() {
			return "";
		}

	}

	/**
	 * Matches when nothing names a database: {@code DATABASE_URL} and the other variables
	 * arrive as {@code spring.datasource.url} through Hoist's environment post-processor.
	 */
	static class NoDatabaseConfigured implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !context.getEnvironment().containsProperty("spring.datasource.url");
		}

	}

}
