package dev.hoist.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Where the CLI finds its database: flags, then the environment, then {@code .env.local}
 * and {@code .env}.
 */
class CliSettingsTests {

	@TempDir
	Path directory;

	private static final CliSettings.Flags NO_FLAGS = new CliSettings.Flags(null, null, null, List.of(), null);

	@Test
	void aPostgresUrlBecomesAJdbcUrlWithDecodedCredentials() {
		CliSettings.Connection connection = CliSettings
			.parseUrl("postgres://shop%40app:p%2Bss%3Aword@db.example.com/shop?sslmode=require", "test");

		assertThat(connection.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com/shop?sslmode=require");
		assertThat(connection.user()).isEqualTo("shop@app");
		assertThat(connection.password()).isEqualTo("p+ss:word");
	}

	@Test
	void ipv6AndSeveralHostsPassThrough() {
		assertThat(CliSettings.parseUrl("postgresql://u@[::1]:5433/db", "test").jdbcUrl())
			.isEqualTo("jdbc:postgresql://[::1]:5433/db");
		assertThat(CliSettings.parseUrl("postgresql://u:p@h1:5432,h2:5432/db", "test").jdbcUrl())
			.isEqualTo("jdbc:postgresql://h1:5432,h2:5432/db");
	}

	@Test
	void aJdbcUrlIsUsedAsItIs() {
		assertThat(CliSettings.parseUrl("jdbc:postgresql://localhost/db?user=x", "test").jdbcUrl())
			.isEqualTo("jdbc:postgresql://localhost/db?user=x");
	}

	@Test
	void anUnknownSchemeIsRefusedNamingTheSource() {
		assertThatExceptionOfType(CliSettings.SettingsException.class)
			.isThrownBy(() -> CliSettings.parseUrl("mysql://localhost/db", "DATABASE_URL from .env"))
			.withMessageContaining("DATABASE_URL from .env");
	}

	@Test
	void theEnvironmentBeatsDotenvLocalWhichBeatsDotenv() throws IOException {
		Files.writeString(this.directory.resolve(".env"), "DATABASE_URL=postgres://a@from-env-file/db\n");
		Files.writeString(this.directory.resolve(".env.local"), "DATABASE_URL=postgres://b@from-env-local/db\n");

		assertThat(CliSettings.of(Map.of(), this.directory).resolve(NO_FLAGS).source())
			.isEqualTo("DATABASE_URL from .env.local");
		assertThat(CliSettings.of(Map.of("DATABASE_URL", "postgres://c@real/db"), this.directory)
			.resolve(NO_FLAGS)
			.jdbcUrl()).isEqualTo("jdbc:postgresql://real/db");
	}

	@Test
	void componentVariablesInTheEnvironmentBeatADatabaseUrlInDotenv() throws IOException {
		Files.writeString(this.directory.resolve(".env"), "DATABASE_URL=postgres://a@from-env-file/db\n");

		CliSettings.Resolved resolved = CliSettings.of(Map.of("PGHOST", "pg.internal", "PGPORT", "6432", "PGDATABASE",
				"orders", "PGUSER", "app", "PGPASSWORD", "secret", "PGSSLMODE", "verify-full"), this.directory)
			.resolve(NO_FLAGS);

		assertThat(resolved.jdbcUrl()).isEqualTo("jdbc:postgresql://pg.internal:6432/orders?sslmode=verify-full");
		assertThat(resolved.user()).isEqualTo("app");
		assertThat(resolved.password()).isEqualTo("secret");
		assertThat(resolved.describe()).isEqualTo(
				"PostgreSQL app@pg.internal:6432/orders sslmode=verify-full (PGHOST, PGDATABASE from environment)");
	}

	@Test
	void flagsBeatEverythingAndThePasswordComesFromAFileWithoutItsNewline() throws IOException {
		Path passwordFile = this.directory.resolve("password");
		Files.writeString(passwordFile, "from-file\n");

		CliSettings.Resolved resolved = CliSettings
			.of(Map.of("DATABASE_URL", "postgres://env:envpass@env-host/db"), this.directory)
			.resolve(new CliSettings.Flags("postgres://flag@flag-host/db", "operator", passwordFile,
					List.of("db/migration", "classpath:db/more"), "billing"));

		assertThat(resolved.jdbcUrl()).isEqualTo("jdbc:postgresql://flag-host/db");
		assertThat(resolved.user()).isEqualTo("operator");
		assertThat(resolved.password()).isEqualTo("from-file");
		assertThat(resolved.locations()).containsExactly("filesystem:db/migration", "classpath:db/more");
		assertThat(resolved.schema()).isEqualTo("billing");
		assertThat(resolved.source()).isEqualTo("--url");
	}

	@Test
	void neitherDescribeNorToStringShowThePassword() {
		CliSettings.Resolved resolved = CliSettings
			.of(Map.of("DATABASE_URL", "postgres://app:hunter2@db/shop"), this.directory)
			.resolve(NO_FLAGS);

		assertThat(resolved.password()).isEqualTo("hunter2");
		assertThat(resolved.describe()).isEqualTo("PostgreSQL app@db/shop (DATABASE_URL from environment)")
			.doesNotContain("hunter2");
		assertThat(resolved.toString()).doesNotContain("hunter2");
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
	void dotenvReadsCommentsExportsAndQuotes() {
		assertThat(CliSettings.Dotenv.parse("""
				# local database
				export DATABASE_URL="postgres://u:p#1@h/db"
				HOIST_SCHEMA=billing # the service's schema
				EMPTY=
				QUOTED='a b'
				not a line
				""")).containsExactly(Map.entry("DATABASE_URL", "postgres://u:p#1@h/db"),
				Map.entry("HOIST_SCHEMA", "billing"), Map.entry("EMPTY", ""), Map.entry("QUOTED", "a b"));
	}

}
