package dev.hoist.core;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DatabaseSettingsResolverTests {

	@Test
	void takesUrlUserAndPasswordFromDatabaseUrl() {
		DatabaseSettings settings = resolve(
				Map.of("DATABASE_URL", "postgres://ecomdash:s3cret@db.example.com/ecomdash?sslmode=require"));
		assertThat(settings.url()).isEqualTo(new DatabaseSettings.Setting(
				"jdbc:postgresql://db.example.com:5432/ecomdash?sslmode=require", "DATABASE_URL", ".env.local"));
		assertThat(settings.username())
			.isEqualTo(new DatabaseSettings.Setting("ecomdash", "DATABASE_URL", ".env.local"));
		assertThat(settings.password()).isEqualTo(new DatabaseSettings.Setting("s3cret", "DATABASE_URL", ".env.local"));
		assertThat(settings.sources()).isEqualTo("DATABASE_URL from .env.local");
	}

	@Test
	void prefersDatabaseUrlToJdbcDatabaseUrl() {
		assertThat(resolve(Map.of("JDBC_DATABASE_URL", "jdbc:postgresql://jdbc/db?user=u&password=p")).url()).isEqualTo(
				new DatabaseSettings.Setting("jdbc:postgresql://jdbc:5432/db", "JDBC_DATABASE_URL", ".env.local"));
		assertThat(
				resolve(Map.of("DATABASE_URL", "postgres://plain/db", "JDBC_DATABASE_URL", "jdbc:postgresql://jdbc/db"))
					.url()
					.variable())
			.isEqualTo("DATABASE_URL");
	}

	@Test
	void letsAnExplicitSpringUrlWinButKeepsTheCredentialsOfDatabaseUrl() {
		DatabaseSettings settings = resolve(Map.of("SPRING_DATASOURCE_URL", "jdbc:postgresql://explicit/db",
				"DATABASE_URL", "postgres://u:p@other/db"));
		assertThat(settings.url().source()).isEqualTo("SPRING_DATASOURCE_URL from .env.local");
		assertThat(settings.username().source()).isEqualTo("DATABASE_URL from .env.local");
	}

	@Test
	void ignoresAnInvalidDatabaseUrlThatAnExplicitUrlOverrides() {
		DatabaseSettings settings = resolve(
				Map.of("SPRING_DATASOURCE_URL", "jdbc:h2:mem:test", "DATABASE_URL", "redis://cache:6379"));
		assertThat(settings.url().value()).isEqualTo("jdbc:h2:mem:test");
	}

	@Test
	void buildsTheComposeCaseFromPostgresVariablesAndDbHost() {
		DatabaseSettings settings = resolve(
				Map.of("POSTGRES_DB", "shop", "POSTGRES_USER", "shop", "POSTGRES_PASSWORD", "s3cret", "DB_HOST", "db"));
		assertThat(settings.url()).isEqualTo(
				new DatabaseSettings.Setting("jdbc:postgresql://db:5432/shop", "DB_HOST, POSTGRES_DB", ".env.local"));
		assertThat(settings.username()).isEqualTo(new DatabaseSettings.Setting("shop", "POSTGRES_USER", ".env.local"));
		assertThat(settings.password())
			.isEqualTo(new DatabaseSettings.Setting("s3cret", "POSTGRES_PASSWORD", ".env.local"));
		assertThat(settings.sources())
			.isEqualTo("DB_HOST, POSTGRES_DB, POSTGRES_USER, POSTGRES_PASSWORD from .env.local");
		assertThat(settings.describe()).isEqualTo("shop@db:5432/shop");
	}

	@Test
	void prefersDbVariablesToPostgresVariablesToLibpqVariables() {
		Map<String, String> variables = new HashMap<>();
		variables.put("PGHOST", "pg-host");
		variables.put("PGPORT", "6000");
		variables.put("PGDATABASE", "pg_db");
		variables.put("PGUSER", "pg_user");
		variables.put("PGPASSWORD", "pg_pw");
		assertThat(resolve(variables).url().value()).isEqualTo("jdbc:postgresql://pg-host:6000/pg_db");
		variables.put("POSTGRES_DB", "postgres_db");
		variables.put("POSTGRES_USER", "postgres_user");
		variables.put("POSTGRES_PASSWORD", "postgres_pw");
		DatabaseSettings settings = resolve(variables);
		assertThat(settings.url().value()).isEqualTo("jdbc:postgresql://pg-host:6000/postgres_db");
		assertThat(settings.username().value()).isEqualTo("postgres_user");
		assertThat(settings.password().value()).isEqualTo("postgres_pw");
		variables.put("DB_HOST", "db-host");
		variables.put("DB_PORT", "7000");
		variables.put("DB_NAME", "db_name");
		variables.put("DB_USER", "db_user");
		variables.put("DB_PASSWORD", "db_pw");
		settings = resolve(variables);
		assertThat(settings.url()).isEqualTo(new DatabaseSettings.Setting("jdbc:postgresql://db-host:7000/db_name",
				"DB_HOST, DB_PORT, DB_NAME", ".env.local"));
		assertThat(settings.username().variable()).isEqualTo("DB_USER");
		assertThat(settings.password().variable()).isEqualTo("DB_PASSWORD");
	}

	@Test
	void takesTheSslModeOfLibpq() {
		assertThat(resolve(Map.of("PGHOST", "db", "PGDATABASE", "app", "PGSSLMODE", "require")).url())
			.isEqualTo(new DatabaseSettings.Setting("jdbc:postgresql://db:5432/app?sslmode=require",
					"PGHOST, PGDATABASE, PGSSLMODE", ".env.local"));
	}

	@Test
	void defaultsHostPortAndDatabaseLikeLibpq() {
		assertThat(resolve(Map.of("DB_PORT", "6543", "DB_USER", "app")).url().value())
			.isEqualTo("jdbc:postgresql://localhost:6543/app");
		assertThat(resolve(Map.of("DB_HOST", "db")).url().value()).isEqualTo("jdbc:postgresql://db:5432/postgres");
	}

	@Test
	void readsASocketDirectoryAsHost() {
		assertThat(resolve(Map.of("PGHOST", "/cloudsql/p:r:i", "PGDATABASE", "app")).url().value())
			.endsWith("socketFactoryArg=/cloudsql/p:r:i/.s.PGSQL.5432");
	}

	@Test
	void buildsNoUrlFromCredentialsAlone() {
		DatabaseSettings settings = resolve(Map.of("DB_USER", "app", "DB_PASSWORD", "s3cret"));
		assertThat(settings.url()).isNull();
		assertThat(settings.username().value()).isEqualTo("app");
		assertThat(settings.password().value()).isEqualTo("s3cret");
	}

	@Test
	void fillsInCredentialsThatTheUrlLeavesOut() {
		DatabaseSettings settings = resolve(
				Map.of("DATABASE_URL", "postgres://db/app", "DB_USER", "app", "PGPASSWORD", "s3cret"));
		assertThat(settings.url().variable()).isEqualTo("DATABASE_URL");
		assertThat(settings.username().variable()).isEqualTo("DB_USER");
		assertThat(settings.password().variable()).isEqualTo("PGPASSWORD");
	}

	@Test
	void treatsEmptyValuesAsUnset() {
		DatabaseSettings settings = resolve(Map.of("DATABASE_URL", "", "DB_HOST", " ", "PGUSER", ""));
		assertThat(settings.isEmpty()).isTrue();
		assertThat(resolve(Map.of("PATH", "/usr/bin"))).isEqualTo(DatabaseSettings.NONE);
	}

	@Test
	void namesTheVariableAndOriginOfAnInvalidUrlWithoutThePassword() {
		assertThatExceptionOfType(DatabaseSettings.InvalidSettingException.class)
			.isThrownBy(() -> resolve(Map.of("DATABASE_URL", "postgres://u:s3cret@host:abc/db")))
			.withMessage("DATABASE_URL from .env.local: Invalid database URL 'postgres://u:****@host:abc/db':"
					+ " the port 'abc' is not a number from 1 to 65535");
	}

	@Test
	void namesTheComponentVariablesOfAnInvalidPort() {
		assertThatExceptionOfType(DatabaseSettings.InvalidSettingException.class)
			.isThrownBy(() -> resolve(Map.of("DB_HOST", "db", "DB_PORT", "five")))
			.withMessageStartingWith("DB_HOST, DB_PORT from .env.local: ")
			.withMessageContaining("the port 'five'");
	}

	private static DatabaseSettings resolve(Map<String, String> variables) {
		return DatabaseSettingsResolver.resolve(variables, ".env.local");
	}

}
