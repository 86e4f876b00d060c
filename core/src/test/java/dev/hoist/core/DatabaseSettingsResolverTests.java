package dev.hoist.core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.hoist.core.DatabaseSettings.Source;
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
	void letsAnExplicitSpringUrlWinWithoutTheCredentialsOfAnotherUrl() {
		DatabaseSettings settings = resolve(Map.of("SPRING_DATASOURCE_URL", "jdbc:postgresql://explicit/db",
				"DATABASE_URL", "postgres://u:p@other/db"));
		assertThat(settings.url().source()).isEqualTo("SPRING_DATASOURCE_URL from .env.local");
		assertThat(settings.username()).isNull();
		assertThat(settings.password()).isNull();
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

	@Test
	void partialComponentsInTheShellNeverBeatACompleteUrlOfALowerRank() {
		// PGHOST, PGUSER, PGPASSWORD left in a shell for psql; the service's own database
		// in .env.local
		DatabaseSettings.Resolution resolution = resolve(
				Source.of("environment", Map.of("PGHOST", "127.0.0.1", "PGUSER", "postgres", "PGPASSWORD", "pg-pw")),
				Source.of(".env.local", Map.of("DATABASE_URL", "postgres://shop:s3cret@db.example.com/shop")));

		assertThat(resolution.settings().describe()).isEqualTo("shop@db.example.com:5432/shop");
		assertThat(resolution.settings().password().value()).isEqualTo("s3cret");
		assertThat(resolution.settings().sources()).isEqualTo("DATABASE_URL from .env.local");
		assertThat(resolution.warnings()).containsExactly("PGHOST, PGUSER, PGPASSWORD from environment name a host"
				+ " but no database and were not used: DATABASE_URL from .env.local names a complete database, which"
				+ " wins, and a database is never put together from several places. To use the other one, name it"
				+ " completely in one place (a host and a database name, such as PGHOST and PGDATABASE, or a"
				+ " DATABASE_URL); otherwise unset those variables");
	}

	@Test
	void aCompleteDatabaseOfAHigherRankWinsWithItsOwnCredentials() {
		DatabaseSettings.Resolution resolution = resolve(
				Source.of("environment",
						Map.of("PGHOST", "pg.internal", "PGDATABASE", "orders", "PGUSER", "app", "PGPASSWORD", "pw")),
				Source.of(".env.local", Map.of("DATABASE_URL", "postgres://shop:s3cret@db.example.com/shop")));

		assertThat(resolution.settings().describe()).isEqualTo("app@pg.internal:5432/orders");
		assertThat(resolution.settings().password().value()).isEqualTo("pw");
		assertThat(resolution.warnings()).isEmpty();
	}

	@Test
	void aPasswordOfAnotherPlaceIsNeverSentToTheDatabaseOfTheCommandLine() {
		DatabaseSettings.Resolution resolution = resolve(
				new Source("the command line",
						new DatabaseSettings(
								new DatabaseSettings.Setting("postgres://other@host/db", "--url", "the command line"),
								null, null),
						Map.of()),
				Source.of(".env.local", Map.of("DATABASE_URL", "postgres://u:s3cret@db.example.com/shop")));

		assertThat(resolution.settings().url().value()).isEqualTo("jdbc:postgresql://host:5432/db");
		assertThat(resolution.settings().username().value()).isEqualTo("other");
		assertThat(resolution.settings().password()).isNull();
		assertThat(resolution.settings().sources()).isEqualTo("--url from the command line");
	}

	@Test
	void anExplicitUserOfAnotherPlaceGetsNoPasswordWrittenForAnotherUser() {
		DatabaseSettings.Resolution resolution = resolve(
				Source.of("environment", Map.of("SPRING_DATASOURCE_USERNAME", "readonly")),
				Source.of(".env.local", Map.of("DATABASE_URL", "postgres://app:s3cret@db/app")));

		assertThat(resolution.settings().describe()).isEqualTo("readonly@db:5432/app");
		assertThat(resolution.settings().password()).isNull();
		assertThat(resolution.settings().sources())
			.isEqualTo("url: DATABASE_URL from .env.local; username: SPRING_DATASOURCE_USERNAME from environment");
		assertThat(resolution.warnings()).containsExactly("The password of DATABASE_URL from .env.local was written"
				+ " for user 'app' and is not sent for user 'readonly' (SPRING_DATASOURCE_USERNAME from environment),"
				+ " so no password is set. Set the password of that user with SPRING_DATASOURCE_PASSWORD"
				+ " (spring.datasource.password; --password-file in the CLI)");
		assertThat(resolution.warnings()).noneMatch((warning) -> warning.contains("s3cret"));
	}

	@Test
	void anExplicitUserThatIsTheDatabasesOwnKeepsItsPassword() {
		DatabaseSettings settings = resolve(Source.of("environment", Map.of("SPRING_DATASOURCE_USERNAME", "app")),
				Source.of(".env.local", Map.of("DATABASE_URL", "postgres://app:s3cret@db/app")))
			.settings();

		assertThat(settings.password().value()).isEqualTo("s3cret");
	}

	@Test
	void anExplicitPasswordGoesWithAnyDatabase() {
		DatabaseSettings settings = resolve(new Source("the command line",
				new DatabaseSettings(null, null,
						new DatabaseSettings.Setting("from-file", "--password-file", "the command line")),
				Map.of()), Source.of("environment", Map.of("DATABASE_URL", "postgres://app@db/app")))
			.settings();

		assertThat(settings.username().value()).isEqualTo("app");
		assertThat(settings.password().value()).isEqualTo("from-file");
	}

	@Test
	void credentialsOfAPlaceWithoutADatabaseAreNotUsedAndTheWarningSaysHowToNameThem() {
		DatabaseSettings.Resolution resolution = resolve(
				Source.of("environment", Map.of("PGUSER", "postgres", "PGPASSWORD", "pg-pw")),
				Source.of(".env.local", Map.of("DATABASE_URL", "postgres://db.example.com/shop")));

		assertThat(resolution.settings().username()).isNull();
		assertThat(resolution.settings().password()).isNull();
		assertThat(resolution.warnings()).containsExactly("PGUSER, PGPASSWORD from environment were not used: they"
				+ " name no database, and credentials go only with the database named in the same place"
				+ " (DATABASE_URL from .env.local). To use them for it, set SPRING_DATASOURCE_USERNAME and"
				+ " SPRING_DATASOURCE_PASSWORD (spring.datasource.password; --password-file in the CLI), or put them"
				+ " into that URL");
	}

	@Test
	void aSecretKeptApartInDotenvLocalIsUsedWhenNamedExplicitly() {
		Source committed = Source.of(".env", Map.of("DB_HOST", "db", "DB_NAME", "shop", "DB_USER", "shop"));

		assertThat(resolve(Source.of(".env.local", Map.of("DB_PASSWORD", "s3cret")), committed).settings().password())
			.isNull();
		assertThat(
				resolve(Source.of(".env.local", Map.of("SPRING_DATASOURCE_PASSWORD", "s3cret")), committed).settings()
					.password()
					.source())
			.isEqualTo("SPRING_DATASOURCE_PASSWORD from .env.local");
	}

	@Test
	void twoPartialDatabasesAreNeverCombined() {
		DatabaseSettings.Resolution resolution = resolve(Source.of("environment", Map.of("DB_HOST", "prod")),
				Source.of(".env", Map.of("DB_NAME", "shop", "DB_USER", "shop", "DB_PASSWORD", "pw")));

		assertThat(resolution.settings().url().value()).isEqualTo("jdbc:postgresql://prod:5432/postgres");
		assertThat(resolution.settings().password()).isNull();
		assertThat(resolution.warnings()).singleElement()
			.asString()
			.startsWith("DB_NAME, DB_USER, DB_PASSWORD from .env name a database but no host and were not used:"
					+ " DB_HOST from environment ranks higher, and a database is never put together from several"
					+ " places.");
	}

	@Test
	void anExplicitUrlInAnyFormIsTheDatabaseAndItsCredentialsGoWithIt() {
		DatabaseSettings settings = resolve(Source.of("environment",
				Map.of("SPRING_DATASOURCE_URL", "postgres://app:s3cret@db/app?sslmode=require")))
			.settings();

		assertThat(settings.url().value()).isEqualTo("jdbc:postgresql://db:5432/app?sslmode=require");
		assertThat(settings.username().value()).isEqualTo("app");
		assertThat(settings.password().source()).isEqualTo("SPRING_DATASOURCE_URL from environment");
	}

	@Test
	void anExplicitJdbcUrlThatHoistCannotReadGoesToTheDriverUntouchedUnlessItHoldsAPassword() {
		assertThat(resolve(Map.of("SPRING_DATASOURCE_URL", "jdbc:postgresql://host/")).url().value())
			.isEqualTo("jdbc:postgresql://host/");
		assertThat(resolve(Map.of("SPRING_DATASOURCE_URL", "jdbc:h2:mem:test")).url().value())
			.isEqualTo("jdbc:h2:mem:test");
		assertThatExceptionOfType(DatabaseSettings.InvalidSettingException.class)
			.isThrownBy(() -> resolve(Map.of("SPRING_DATASOURCE_URL", "jdbc:postgresql://h/db;password=SECRET")))
			.withMessageStartingWith("SPRING_DATASOURCE_URL from .env.local: Invalid database URL"
					+ " 'jdbc:postgresql://h/db;password=****'")
			.withMessageNotContaining("SECRET");
		assertThatExceptionOfType(DatabaseSettings.InvalidSettingException.class)
			.isThrownBy(() -> resolve(Map.of("SPRING_DATASOURCE_URL", "postgres:usr:SECRET@h/db")))
			.withMessage("SPRING_DATASOURCE_URL from .env.local: Invalid database URL 'postgres:usr:****@h/db':"
					+ " '//' must follow the scheme. Write it as postgres://user:password@host:5432/database");
	}

	@Test
	void anInvalidUrlBelowTheChosenDatabaseIsNeverReadButAboveItIsAnError() {
		Source invalid = Source.of(".env", Map.of("DATABASE_URL", "postgres://u:s3cret@host:abc/db"));

		assertThat(resolve(Source.of("environment", Map.of("DATABASE_URL", "postgres://db/app")), invalid).settings()
			.url()
			.value()).isEqualTo("jdbc:postgresql://db:5432/app");
		assertThatExceptionOfType(DatabaseSettings.InvalidSettingException.class)
			.isThrownBy(() -> resolve(Source.of("environment", Map.of("PGHOST", "db")), invalid))
			.withMessageStartingWith("DATABASE_URL from .env: ");
	}

	private static DatabaseSettings.Resolution resolve(Source... sources) {
		return DatabaseSettings.resolve(List.of(sources));
	}

	private static DatabaseSettings resolve(Map<String, String> variables) {
		return DatabaseSettingsResolver.resolve(variables, ".env.local");
	}

}
