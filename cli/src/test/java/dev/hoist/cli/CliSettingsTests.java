package dev.hoist.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.hoist.core.DatabaseSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Where the CLI finds its database: flags, then the environment, then {@code .env.local}
 * and {@code .env}, through the application's own resolver.
 */
class CliSettingsTests {

	private static final CliSettings.Flags NO_FLAGS = new CliSettings.Flags(null, null, null, List.of(), null);

	@TempDir
	Path directory;

	@Test
	void theEnvironmentBeatsDotenvLocalWhichBeatsDotenv() throws IOException {
		Files.writeString(this.directory.resolve(".env"), "DATABASE_URL=postgres://a@from-env-file/db\n");
		Files.writeString(this.directory.resolve(".env.local"), "DATABASE_URL=postgres://b@from-env-local/db\n");

		CliSettings.Resolved fromFile = CliSettings.of(Map.of(), this.directory).resolve(NO_FLAGS);
		assertThat(fromFile.jdbcUrl()).isEqualTo("jdbc:postgresql://from-env-local:5432/db");
		assertThat(fromFile.describe()).isEqualTo("PostgreSQL b@from-env-local:5432/db (DATABASE_URL from .env.local)");

		assertThat(CliSettings.of(Map.of("DATABASE_URL", "postgres://c@real/db"), this.directory)
			.resolve(NO_FLAGS)
			.jdbcUrl()).isEqualTo("jdbc:postgresql://real:5432/db");
	}

	@Test
	void componentVariablesBuildTheUrlWithUserPasswordAndSslMode() {
		CliSettings.Resolved resolved = CliSettings.of(Map.of("PGHOST", "pg.internal", "PGPORT", "6432", "PGDATABASE",
				"orders", "PGUSER", "app", "PGPASSWORD", "secret", "PGSSLMODE", "verify-full"), this.directory)
			.resolve(NO_FLAGS);

		assertThat(resolved.jdbcUrl()).startsWith("jdbc:postgresql://pg.internal:6432/orders").contains("verify-full");
		assertThat(resolved.user()).isEqualTo("app");
		assertThat(resolved.password()).isEqualTo("secret");
		assertThat(resolved.describe()).startsWith("PostgreSQL app@pg.internal:6432/orders sslmode=verify-full (")
			.endsWith(" from environment)")
			.doesNotContain("secret");
	}

	@Test
	void flagsBeatEverythingAndThePasswordComesFromAFileWithoutItsNewline() throws IOException {
		Path passwordFile = this.directory.resolve("password");
		Files.writeString(passwordFile, "from-file\n");

		CliSettings.Resolved resolved = CliSettings
			.of(Map.of("DATABASE_URL", "postgres://env:envpass@env-host/db"), this.directory)
			.resolve(new CliSettings.Flags("postgres://flag@flag-host/db", "operator", passwordFile,
					List.of("db/migration", "classpath:db/more"), "billing"));

		assertThat(resolved.jdbcUrl()).isEqualTo("jdbc:postgresql://flag-host:5432/db");
		assertThat(resolved.user()).isEqualTo("operator");
		assertThat(resolved.password()).isEqualTo("from-file");
		assertThat(resolved.locations()).containsExactly("filesystem:db/migration", "classpath:db/more");
		assertThat(resolved.schema()).isEqualTo("billing");
		assertThat(resolved.describe()).contains("--url").contains("--user").contains("--password-file");
	}

	@Test
	void aUrlFlagNeverTakesCredentialsWrittenForNoDatabaseOrAnother() throws IOException {
		Files.writeString(this.directory.resolve(".env.local"), "DATABASE_URL=postgres://u:from-file@elsewhere/db\n");
		CliSettings.Resolved resolved = CliSettings
			.of(Map.of("PGUSER", "app", "PGPASSWORD", "from-env"), this.directory)
			.resolve(new CliSettings.Flags("postgres://other@localhost/shop", null, null, List.of(), null));

		assertThat(resolved.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/shop");
		assertThat(resolved.user()).isEqualTo("other");
		assertThat(resolved.password()).isNull();
		assertThat(resolved.describe()).isEqualTo("PostgreSQL other@localhost:5432/shop (--url from the command line)");
	}

	@Test
	void partialPgVariablesInTheShellDoNotBeatACompleteDatabaseUrlInDotenvLocal() throws IOException {
		Files.writeString(this.directory.resolve(".env.local"), "DATABASE_URL=postgres://shop:s3cret@db/shop\n");

		CliSettings.Resolved resolved = CliSettings
			.of(Map.of("PGHOST", "127.0.0.1", "PGUSER", "postgres", "PGPASSWORD", "pg"), this.directory)
			.resolve(NO_FLAGS);

		assertThat(resolved.describe()).isEqualTo("PostgreSQL shop@db:5432/shop (DATABASE_URL from .env.local)");
		assertThat(resolved.password()).isEqualTo("s3cret");
		assertThat(resolved.warnings()).singleElement()
			.asString()
			.startsWith("PGHOST, PGUSER, PGPASSWORD from environment name a host but no database and were not used");
	}

	@Test
	void explicitCredentialsApplyToTheDatabaseOfAnotherPlace() throws IOException {
		Files.writeString(this.directory.resolve(".env.local"), "SPRING_DATASOURCE_PASSWORD=kept-apart\n");
		Files.writeString(this.directory.resolve(".env"), "DB_HOST=db\nDB_NAME=shop\nDB_USER=shop\n");

		CliSettings.Resolved resolved = CliSettings.of(Map.of(), this.directory).resolve(NO_FLAGS);

		assertThat(resolved.user()).isEqualTo("shop");
		assertThat(resolved.password()).isEqualTo("kept-apart");
		assertThat(resolved.source()).isEqualTo(
				"url, username: DB_HOST, DB_NAME, DB_USER from .env; password: SPRING_DATASOURCE_PASSWORD from .env.local");
	}

	@Test
	void neitherDescribeNorToStringShowThePassword() {
		CliSettings.Resolved resolved = CliSettings
			.of(Map.of("DATABASE_URL", "postgres://app:hunter2@db/shop"), this.directory)
			.resolve(NO_FLAGS);

		assertThat(resolved.password()).isEqualTo("hunter2");
		assertThat(resolved.describe()).isEqualTo("PostgreSQL app@db:5432/shop (DATABASE_URL from environment)");
		assertThat(resolved.toString()).doesNotContain("hunter2");
	}

	@Test
	void anUnreadableUrlIsRefusedNamingItsSource() {
		assertThatExceptionOfType(DatabaseSettings.InvalidSettingException.class).isThrownBy(
				() -> CliSettings.of(Map.of("DATABASE_URL", "mysql://localhost/db"), this.directory).resolve(NO_FLAGS))
			.withMessageContaining("DATABASE_URL from environment");
	}

	@Test
	void noDatabaseAnywhereSaysWhereToPutOne() {
		assertThatExceptionOfType(CliSettings.SettingsException.class)
			.isThrownBy(() -> CliSettings.of(Map.of(), this.directory).resolve(NO_FLAGS))
			.withMessageContaining("--url")
			.withMessageContaining("DATABASE_URL")
			.withMessageContaining(".env.local");
	}

	@Test
	void hoistVariablesComeFromTheEnvironmentOrDotenv() throws IOException {
		Files.writeString(this.directory.resolve(".env"),
				"DATABASE_URL=postgres://a@h/db\nHOIST_SCHEMA=billing\nHOIST_LOCATIONS=sql/up,sql/more\n");

		CliSettings.Resolved resolved = CliSettings.of(Map.of(), this.directory).resolve(NO_FLAGS);

		assertThat(resolved.schema()).isEqualTo("billing");
		assertThat(resolved.locations()).containsExactly("filesystem:sql/up", "filesystem:sql/more");
		assertThat(CliSettings.of(Map.of(), Path.of("/nonexistent")).locations(List.of()))
			.containsExactly(CliSettings.DEFAULT_LOCATION);
	}

	@Test
	void anOptionalLocationKeepsItsPrefixInFrontOfTheFilesystemOne() {
		assertThat(CliSettings.of(Map.of(), this.directory).locations(List.of("optional:local/sql", "db/migration")))
			.containsExactly("optional:filesystem:local/sql", "filesystem:db/migration");
	}

	@Test
	void flagsPrintWithoutTheUrlsPassword() {
		assertThat(new CliSettings.Flags("postgres://u:s3cret@h/db", null, null, List.of(), null).toString())
			.doesNotContain("s3cret");
	}

}
