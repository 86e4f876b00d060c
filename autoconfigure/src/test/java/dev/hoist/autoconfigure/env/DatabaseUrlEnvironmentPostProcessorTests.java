package dev.hoist.autoconfigure.env;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import dev.hoist.core.DatabaseSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@ExtendWith(OutputCaptureExtension.class)
class DatabaseUrlEnvironmentPostProcessorTests {

	@TempDir
	Path directory;

	/** Every place a database URL can come from, highest first. */
	enum Source {

		COMMAND_LINE("spring.datasource.url from command line",
				(app, url) -> app.arg("--spring.datasource.url=" + url)),

		SYSTEM_PROPERTY("spring.datasource.url from system properties",
				(app, url) -> app.systemProperty("spring.datasource.url", url)),

		OS_ENVIRONMENT("DATABASE_URL from environment", (app, url) -> app.environmentVariable("DATABASE_URL", url)),

		DOTENV_PROFILE_LOCAL("DATABASE_URL from .env.dev.local", (app, url) -> app.file(".env.dev.local", env(url))),

		DOTENV_LOCAL("DATABASE_URL from .env.local", (app, url) -> app.file(".env.local", env(url))),

		DOTENV_PROFILE("DATABASE_URL from .env.dev", (app, url) -> app.file(".env.dev", env(url))),

		DOTENV("DATABASE_URL from .env", (app, url) -> app.file(".env", env(url))),

		PROFILE_YAML("spring.datasource.url from application-dev.yml",
				(app, url) -> app.file("application-dev.yml", yaml(url))),

		YAML("spring.datasource.url from application.yml", (app, url) -> app.file("application.yml", yaml(url)));

		private final String reported;

		private final BiConsumer<TestApplication, String> setter;

		Source(String reported, BiConsumer<TestApplication, String> setter) {
			this.reported = reported;
			this.setter = setter;
		}

		String host() {
			return name().toLowerCase().replace('_', '-');
		}

		String jdbcUrl() {
			return "jdbc:postgresql://" + host() + ":5432/app";
		}

		void apply(TestApplication application) {
			// URLs read as environment variables go in postgres:// form, the others
			// in JDBC form
			boolean variable = this.reported.startsWith("DATABASE_URL");
			this.setter.accept(application, variable ? "postgres://app:pw@" + host() + "/app" : jdbcUrl());
		}

		private static String env(String url) {
			return "DATABASE_URL=" + url + "\n";
		}

		private static String yaml(String url) {
			return "spring:\n  datasource:\n    url: " + url + "\n";
		}

	}

	static Stream<Arguments> pairs() {
		List<Arguments> pairs = new ArrayList<>();
		Source[] sources = Source.values();
		for (int i = 0; i < sources.length; i++) {
			for (int j = i + 1; j < sources.length; j++) {
				pairs.add(Arguments.of(sources[i], sources[j]));
			}
		}
		return pairs.stream();
	}

	@ParameterizedTest(name = "{0} beats {1}")
	@MethodSource("pairs")
	void higherSourceWinsAndIsReported(Source higher, Source lower) {
		TestApplication application = new TestApplication(this.directory).profiles("dev");
		lower.apply(application);
		higher.apply(application);
		try (ConfigurableApplicationContext context = application.run()) {
			ConfigurableEnvironment environment = context.getEnvironment();
			assertThat(bound(environment, "spring.datasource.url")).isEqualTo(higher.jdbcUrl());
			assertThat(DatabaseSettingsReport.from(environment).url().source()).isEqualTo(higher.reported);
		}
	}

	@ParameterizedTest(name = "{0} alone")
	@MethodSource("sources")
	void eachSourceAloneIsUsedAndReported(Source source) {
		TestApplication application = new TestApplication(this.directory).profiles("dev");
		source.apply(application);
		try (ConfigurableApplicationContext context = application.run()) {
			assertThat(bound(context.getEnvironment(), "spring.datasource.url")).isEqualTo(source.jdbcUrl());
			assertThat(DatabaseSettingsReport.from(context.getEnvironment()).url().source()).isEqualTo(source.reported);
		}
	}

	static Stream<Source> sources() {
		return Stream.of(Source.values());
	}

	@Test
	void dotenvLocalPointingElsewhereBeatsDotenvPointingAtLocalDocker(CapturedOutput output) {
		TestApplication application = new TestApplication(this.directory)
			.file(".env", "DATABASE_URL=postgresql://postgres:postgres@localhost:5432/ecomdash\n")
			.file(".env.local",
					"RENDER_API_KEY=rnd_x\nDATABASE_URL=postgresql://ecomdash:s3cret-render@db.example.com/ecomdash?sslmode=require\n");
		try (ConfigurableApplicationContext context = application.run()) {
			ConfigurableEnvironment environment = context.getEnvironment();
			assertThat(bound(environment, "spring.datasource.url"))
				.isEqualTo("jdbc:postgresql://db.example.com:5432/ecomdash?sslmode=require");
			assertThat(bound(environment, "spring.datasource.username")).isEqualTo("ecomdash");
			assertThat(bound(environment, "spring.datasource.password")).isEqualTo("s3cret-render");
		}
		assertThat(output).contains(
				"Hoist: PostgreSQL ecomdash@db.example.com:5432/ecomdash sslmode=require (DATABASE_URL from .env.local)");
		assertThat(output).doesNotContain("s3cret-render");
	}

	@Test
	void explicitSpringDatasourceUrlBeatsDatabaseUrlOfTheSameRankWithoutItsCredentials() {
		TestApplication application = new TestApplication(this.directory)
			.environmentVariable("SPRING_DATASOURCE_URL", "jdbc:postgresql://explicit:5432/app")
			.environmentVariable("DATABASE_URL", "postgres://app:pw@other/app");
		try (ConfigurableApplicationContext context = application.run()) {
			DatabaseSettings settings = DatabaseSettingsReport.from(context.getEnvironment());
			assertThat(settings.url().value()).isEqualTo("jdbc:postgresql://explicit:5432/app");
			assertThat(settings.url().source()).isEqualTo("SPRING_DATASOURCE_URL from environment");
			assertThat(settings.username()).isNull();
			assertThat(settings.password()).isNull();
		}
	}

	@Test
	void partialLibpqVariablesInTheEnvironmentDoNotBeatACompleteDatabaseUrlInDotenvLocal(CapturedOutput output) {
		TestApplication application = new TestApplication(this.directory).environmentVariable("PGHOST", "127.0.0.1")
			.environmentVariable("PGUSER", "postgres")
			.environmentVariable("PGPASSWORD", "shell-pw")
			.file(".env.local", "DATABASE_URL=postgres://shop:s3cret@db.example.com/shop\n");
		try (ConfigurableApplicationContext context = application.run()) {
			ConfigurableEnvironment environment = context.getEnvironment();
			assertThat(bound(environment, "spring.datasource.url"))
				.isEqualTo("jdbc:postgresql://db.example.com:5432/shop");
			assertThat(bound(environment, "spring.datasource.username")).isEqualTo("shop");
			assertThat(bound(environment, "spring.datasource.password")).isEqualTo("s3cret");
		}
		assertThat(output).contains("Hoist: PostgreSQL shop@db.example.com:5432/shop (DATABASE_URL from .env.local)")
			.contains("WARN")
			.contains("Hoist: PGHOST, PGUSER, PGPASSWORD from environment name a host but no database and were not"
					+ " used: DATABASE_URL from .env.local names a complete database, which wins")
			.doesNotContain("s3cret")
			.doesNotContain("shell-pw");
	}

	@Test
	void anExplicitUserElsewhereNeverGetsThePasswordWrittenForAnotherUser(CapturedOutput output) {
		TestApplication application = new TestApplication(this.directory)
			.environmentVariable("SPRING_DATASOURCE_USERNAME", "readonly")
			.file(".env.local", "DATABASE_URL=postgres://app:s3cret@db/app\n")
			.file("application.yml", "spring.datasource.password: \"\"\n");
		try (ConfigurableApplicationContext context = application.run()) {
			ConfigurableEnvironment environment = context.getEnvironment();
			assertThat(bound(environment, "spring.datasource.url")).isEqualTo("jdbc:postgresql://db:5432/app");
			assertThat(bound(environment, "spring.datasource.username")).isEqualTo("readonly");
			assertThat(bound(environment, "spring.datasource.password")).isNullOrEmpty();
		}
		assertThat(output)
			.contains("Hoist: PostgreSQL readonly@db:5432/app (url: DATABASE_URL from .env.local;"
					+ " username: SPRING_DATASOURCE_USERNAME from environment)")
			.contains("Hoist: The password of DATABASE_URL from .env.local was written for user 'app' and is not sent"
					+ " for user 'readonly'")
			.doesNotContain("s3cret");
	}

	@Test
	void aPostgresUrlInSpringDatasourceUrlIsBoundAsTheJdbcUrlItMeans() {
		TestApplication application = new TestApplication(this.directory).environmentVariable("SPRING_DATASOURCE_URL",
				"postgres://app:s3cret@db/app?sslmode=require");
		try (ConfigurableApplicationContext context = application.run()) {
			ConfigurableEnvironment environment = context.getEnvironment();
			assertThat(bound(environment, "spring.datasource.url"))
				.isEqualTo("jdbc:postgresql://db:5432/app?sslmode=require");
			assertThat(bound(environment, "spring.datasource.username")).isEqualTo("app");
			assertThat(bound(environment, "spring.datasource.password")).isEqualTo("s3cret");
			assertThat(DatabaseSettingsReport.from(environment).sources())
				.isEqualTo("SPRING_DATASOURCE_URL from environment");
		}
	}

	@Test
	void stopsTheStartOnAMistypedUrlWithoutShowingThePasswordInTheTrace(CapturedOutput output) {
		for (String url : List.of("postgres:usr:s3cret-typo@h/db", "postgres//usr:s3cret-typo@h/db",
				"jdbc:postgresql://h/db;password=s3cret-typo")) {
			TestApplication application = new TestApplication(this.directory)
				.environmentVariable("SPRING_DATASOURCE_URL", url);
			assertThatExceptionOfType(DatabaseSettings.InvalidSettingException.class).isThrownBy(application::run)
				.withMessageStartingWith("SPRING_DATASOURCE_URL from environment: Invalid database URL '")
				.satisfies((ex) -> {
					for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
						assertThat(cause.getMessage()).doesNotContain("s3cret-typo");
					}
				});
		}
		// the failure analyzer's Description/Action, not a raw trace
		assertThat(output).contains("APPLICATION FAILED TO START").doesNotContain("s3cret-typo");
	}

	@Test
	void explicitSpringDatasourceUrlInADotenvFileBeatsItsDatabaseUrl() {
		TestApplication application = new TestApplication(this.directory).file(".env",
				"DATABASE_URL=postgres://other/app\nSPRING_DATASOURCE_URL=jdbc:postgresql://explicit:5432/app\n");
		try (ConfigurableApplicationContext context = application.run()) {
			assertThat(bound(context.getEnvironment(), "spring.datasource.url"))
				.isEqualTo("jdbc:postgresql://explicit:5432/app");
			assertThat(DatabaseSettingsReport.from(context.getEnvironment()).url().source())
				.isEqualTo("SPRING_DATASOURCE_URL from .env");
		}
	}

	@Test
	void databaseUrlBeatsComponentVariablesOfTheSameRankButComponentsOfAHigherRankWin() {
		TestApplication sameRank = new TestApplication(this.directory).environmentVariable("DB_HOST", "component")
			.environmentVariable("DATABASE_URL", "postgres://app@url/app");
		try (ConfigurableApplicationContext context = sameRank.run()) {
			assertThat(bound(context.getEnvironment(), "spring.datasource.url"))
				.isEqualTo("jdbc:postgresql://url:5432/app");
		}
		TestApplication higherRank = new TestApplication(this.directory).environmentVariable("DB_HOST", "component")
			.environmentVariable("DB_NAME", "app")
			.file(".env", "DATABASE_URL=postgres://app@url/app\n");
		try (ConfigurableApplicationContext context = higherRank.run()) {
			assertThat(bound(context.getEnvironment(), "spring.datasource.url"))
				.isEqualTo("jdbc:postgresql://component:5432/app");
			assertThat(DatabaseSettingsReport.from(context.getEnvironment()).url().source())
				.isEqualTo("DB_HOST, DB_NAME from environment");
		}
	}

	@Test
	void resolvesTheComposeCase(CapturedOutput output) {
		TestApplication application = new TestApplication(this.directory).environmentVariable("DB_HOST", "db")
			.environmentVariable("POSTGRES_DB", "shop")
			.environmentVariable("POSTGRES_USER", "shop")
			.environmentVariable("POSTGRES_PASSWORD", "compose-s3cret");
		try (ConfigurableApplicationContext context = application.run()) {
			assertThat(bound(context.getEnvironment(), "spring.datasource.url"))
				.isEqualTo("jdbc:postgresql://db:5432/shop");
			assertThat(bound(context.getEnvironment(), "spring.datasource.password")).isEqualTo("compose-s3cret");
		}
		assertThat(output).contains("Hoist: PostgreSQL shop@db:5432/shop"
				+ " (DB_HOST, POSTGRES_DB, POSTGRES_USER, POSTGRES_PASSWORD from environment)");
	}

	@Test
	void neverPutsADatabaseTogetherFromTwoPlaces(CapturedOutput output) {
		TestApplication application = new TestApplication(this.directory).environmentVariable("DB_HOST", "db")
			.file(".env", "POSTGRES_DB=shop\nPOSTGRES_USER=shop\nPOSTGRES_PASSWORD=compose-s3cret\n");
		try (ConfigurableApplicationContext context = application.run()) {
			assertThat(bound(context.getEnvironment(), "spring.datasource.url"))
				.isEqualTo("jdbc:postgresql://db:5432/postgres");
			assertThat(bound(context.getEnvironment(), "spring.datasource.password")).isNull();
		}
		assertThat(output).contains("Hoist: PostgreSQL db:5432/postgres (DB_HOST from environment)")
			.contains("Hoist: POSTGRES_DB, POSTGRES_USER, POSTGRES_PASSWORD from .env name a database but no host and"
					+ " were not used: DB_HOST from environment ranks higher");
	}

	@Test
	void logsTheStartupLineOnce(CapturedOutput output) {
		TestApplication application = new TestApplication(this.directory).environmentVariable("DATABASE_URL",
				"postgres://ecomdash:s3cret@db.example.com/ecomdash?ssl=true");
		application.run().close();
		assertThat(output.getAll().split("Hoist: PostgreSQL ", -1)).hasSize(2);
		assertThat(output).contains(
				"Hoist: PostgreSQL ecomdash@db.example.com:5432/ecomdash sslmode=require (DATABASE_URL from environment)");
	}

	@Test
	void saysWhenTheUrlIsNotPostgres(CapturedOutput output) {
		new TestApplication(this.directory).file("application.yml", "spring.datasource.url: jdbc:h2:mem:test\n")
			.run()
			.close();
		assertThat(output).contains(
				"Hoist: database jdbc:h2:mem:test is not a PostgreSQL URL (spring.datasource.url from application.yml)");
	}

	@Test
	void stopsTheStartOnAnInvalidDatabaseUrlWithoutShowingThePassword() {
		TestApplication application = new TestApplication(this.directory).file(".env.local",
				"DATABASE_URL=postgres://app:s3cret@db:port/app\n");
		assertThatExceptionOfType(DatabaseSettings.InvalidSettingException.class).isThrownBy(application::run)
			.withMessage("DATABASE_URL from .env.local: Invalid database URL 'postgres://app:****@db:port/app':"
					+ " the port 'port' is not a number from 1 to 65535");
	}

	@Test
	void ignoresAnInvalidDatabaseUrlWhenAHigherSourceSetsTheUrl() {
		TestApplication application = new TestApplication(this.directory)
			.systemProperty("spring.datasource.url", "jdbc:postgresql://explicit:5432/app")
			.file(".env", "DATABASE_URL=mysql://legacy/app\n");
		try (ConfigurableApplicationContext context = application.run()) {
			assertThat(bound(context.getEnvironment(), "spring.datasource.url"))
				.isEqualTo("jdbc:postgresql://explicit:5432/app");
		}
	}

	@Test
	void stopsTheStartOnAnInvalidDatabaseUrlEvenWhenALowerSourceSetsTheUrl() {
		TestApplication application = new TestApplication(this.directory)
			.environmentVariable("DATABASE_URL", "mysql://app:s3cret@legacy/app")
			.file("application.yml", "spring.datasource.url: jdbc:postgresql://yaml:5432/app\n");
		assertThatExceptionOfType(DatabaseSettings.InvalidSettingException.class).isThrownBy(application::run)
			.withMessageStartingWith(
					"DATABASE_URL from environment: Invalid database URL 'mysql://app:****@legacy/app':")
			.withMessageNotContaining("s3cret");
	}

	@Test
	void publishesWhatItDecidedInOneSourceRankedFirstWhoseNameHoldsNoValue() {
		TestApplication application = new TestApplication(this.directory)
			.environmentVariable("DATABASE_URL", "postgres://app:s3cret-env@db/app")
			.file(".env", "DB_HOST=db\nDB_PASSWORD=s3cret-file\n");
		try (ConfigurableApplicationContext context = application.run()) {
			List<PropertySource<?>> sources = context.getEnvironment().getPropertySources().stream().toList();
			List<String> names = sources.stream().map(PropertySource::getName).toList();
			assertThat(names).containsOnlyOnce("hoist.datasource");
			assertThat(names.indexOf("hoist.datasource")).isLessThanOrEqualTo(1);
			assertThat(String.join(" ", names)).doesNotContain("s3cret");
			assertThat(sources.get(names.indexOf("hoist.datasource")).toString()).doesNotContain("s3cret");
		}
	}

	private static String bound(ConfigurableEnvironment environment, String name) {
		return Binder.get(environment).bind(name, String.class).orElse(null);
	}

}
