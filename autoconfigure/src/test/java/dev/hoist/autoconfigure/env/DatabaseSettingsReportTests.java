package dev.hoist.autoconfigure.env;

import java.nio.file.Path;
import java.util.Map;

import dev.hoist.core.DatabaseSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseSettingsReportTests {

	@TempDir
	Path directory;

	@Test
	void reportsEachSettingWithItsOwnSource() {
		TestApplication application = new TestApplication(this.directory).profiles("prod")
			.file("application-prod.yml", "spring.datasource.url: jdbc:postgresql://prod-db:5432/shop\n")
			.environmentVariable("SPRING_DATASOURCE_USERNAME", "shop")
			.file(".env.local", "DATABASE_URL=postgres://shop:s3cret@local/shop\n");
		try (ConfigurableApplicationContext context = application.run()) {
			DatabaseSettings settings = DatabaseSettingsReport.from(context.getEnvironment());
			assertThat(settings.url().source()).isEqualTo("DATABASE_URL from .env.local");
			assertThat(settings.username().source()).isEqualTo("SPRING_DATASOURCE_USERNAME from environment");
			assertThat(settings.password().source()).isEqualTo("DATABASE_URL from .env.local");
			assertThat(settings.toString()).doesNotContain("s3cret");
		}
	}

	@Test
	void reportsApplicationYamlByFileName() {
		TestApplication application = new TestApplication(this.directory).profiles("prod")
			.file("application-prod.yml",
					"spring.datasource:\n  url: jdbc:postgresql://prod-db:5432/shop\n  username: shop\n");
		try (ConfigurableApplicationContext context = application.run()) {
			DatabaseSettings settings = DatabaseSettingsReport.from(context.getEnvironment());
			assertThat(settings.url().source()).isEqualTo("spring.datasource.url from application-prod.yml");
			assertThat(settings.sources())
				.isEqualTo("spring.datasource.url, spring.datasource.username from application-prod.yml");
			assertThat(settings.describe()).isEqualTo("shop@prod-db:5432/shop");
			assertThat(settings.password()).isNull();
		}
	}

	@Test
	void reportsTheVariableOfADotenvFile() {
		TestApplication application = new TestApplication(this.directory).file(".env",
				"SPRING_DATASOURCE_PASSWORD=s3cret\n");
		try (ConfigurableApplicationContext context = application.run()) {
			assertThat(DatabaseSettingsReport.from(context.getEnvironment()).password().source())
				.isEqualTo("SPRING_DATASOURCE_PASSWORD from .env");
		}
	}

	@Test
	void namesTheFileOfAnySettingFromADotenvFileNeverTheSourcesInternalName() {
		TestApplication application = new TestApplication(this.directory).file(".env.local",
				"HOIST_USER=shop_owner\nHOIST_PASSWORD=s3cret\n");
		try (ConfigurableApplicationContext context = application.run()) {
			assertThat(DatabaseSettingsReport.source(context.getEnvironment(), "hoist.user"))
				.isEqualTo("HOIST_USER from .env.local");
			assertThat(DatabaseSettingsReport.source(context.getEnvironment(), "hoist.password"))
				.isEqualTo("HOIST_PASSWORD from .env.local");
		}
	}

	@Test
	void namesTestPropertiesAsTestsSetThem() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("Dynamic Test Properties",
					Map.of("spring.datasource.url", "jdbc:postgresql://localhost/test")));
		environment.getPropertySources()
			.addFirst(new MapPropertySource("Inlined Test Properties", Map.of("hoist.mode", "off")));
		ConfigurationPropertySources.attach(environment);
		assertThat(DatabaseSettingsReport.from(environment).url().source())
			.isEqualTo("spring.datasource.url from @DynamicPropertySource");
		assertThat(DatabaseSettingsReport.source(environment, "hoist.mode"))
			.isEqualTo("hoist.mode from test properties");
	}

	@Test
	void resolvesPlaceholders() {
		TestApplication application = new TestApplication(this.directory)
			.file("application.yml", "spring.datasource.url: jdbc:postgresql://${DB_SERVER}:5432/app\n")
			.systemProperty("DB_SERVER", "db");
		try (ConfigurableApplicationContext context = application.run()) {
			assertThat(DatabaseSettingsReport.from(context.getEnvironment()).url().value())
				.isEqualTo("jdbc:postgresql://db:5432/app");
		}
	}

	@Test
	void reportsNothingWhenNothingIsConfigured() {
		try (ConfigurableApplicationContext context = new TestApplication(this.directory).run()) {
			DatabaseSettings settings = DatabaseSettingsReport.from(context.getEnvironment());
			assertThat(settings.isEmpty()).isTrue();
		}
	}

}
