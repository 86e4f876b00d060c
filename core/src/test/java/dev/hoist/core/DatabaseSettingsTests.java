package dev.hoist.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseSettingsTests {

	private static final DatabaseSettings.Setting URL = new DatabaseSettings.Setting(
			"jdbc:postgresql://db.example.com:5432/ecomdash?sslmode=require", "DATABASE_URL", ".env.local");

	private static final DatabaseSettings.Setting USER = new DatabaseSettings.Setting("ecomdash", "DATABASE_URL",
			".env.local");

	private static final DatabaseSettings.Setting PASSWORD = new DatabaseSettings.Setting("s3cret", "DATABASE_URL",
			".env.local");

	@Test
	void describesTheDatabaseAndOneSource() {
		DatabaseSettings settings = new DatabaseSettings(URL, USER, PASSWORD);
		assertThat(settings.describe()).isEqualTo("ecomdash@db.example.com:5432/ecomdash sslmode=require");
		assertThat(settings.sources()).isEqualTo("DATABASE_URL from .env.local");
		assertThat(settings).hasToString(
				"DatabaseSettings[ecomdash@db.example.com:5432/ecomdash sslmode=require (DATABASE_URL from .env.local)]");
	}

	@Test
	void namesEachSettingWhenTheyComeFromDifferentPlaces() {
		DatabaseSettings settings = new DatabaseSettings(
				new DatabaseSettings.Setting("jdbc:postgresql://h/db", "SPRING_DATASOURCE_URL", "environment"), USER,
				PASSWORD);
		assertThat(settings.sources())
			.isEqualTo("url: SPRING_DATASOURCE_URL from environment; username, password: DATABASE_URL from .env.local");
	}

	@Test
	void neverShowsThePassword() {
		DatabaseSettings settings = new DatabaseSettings(URL, USER, PASSWORD);
		assertThat(settings.toString()).doesNotContain("s3cret");
		assertThat(PASSWORD.toString()).isEqualTo("DATABASE_URL from .env.local");
		DatabaseSettings inUrl = new DatabaseSettings(new DatabaseSettings.Setting(
				"jdbc:postgresql://h/db?password=s3cret", "spring.datasource.url", "application.yml"), null, null);
		assertThat(inUrl.toString()).doesNotContain("s3cret");
	}

	@Test
	void usesTheSeparateUserWhenTheUrlNamesNone() {
		DatabaseSettings settings = new DatabaseSettings(
				new DatabaseSettings.Setting("jdbc:postgresql://h:5432/db", "spring.datasource.url", "application.yml"),
				new DatabaseSettings.Setting("app", "DB_USER", "environment"), null);
		assertThat(settings.describe()).isEqualTo("app@h:5432/db");
	}

	@Test
	void showsAnotherDatabaseMasked() {
		DatabaseSettings settings = new DatabaseSettings(
				new DatabaseSettings.Setting("jdbc:h2:mem:test", "spring.datasource.url", "application.yml"), null,
				null);
		assertThat(settings.databaseUrl()).isNull();
		assertThat(settings.describe()).isEqualTo("jdbc:h2:mem:test");
	}

	@Test
	void describesNoSettingsAtAll() {
		assertThat(DatabaseSettings.NONE.isEmpty()).isTrue();
		assertThat(DatabaseSettings.NONE.describe()).isEqualTo("no database URL");
		assertThat(DatabaseSettings.NONE.sources()).isEqualTo("nothing configured");
	}

}
