package dev.hoist.autoconfigure.env;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.hoist.core.DatabaseSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@ExtendWith(OutputCaptureExtension.class)
class DotenvEnvironmentPostProcessorTests {

	@TempDir
	Path directory;

	@Test
	void ranksFilesBelowTheEnvironmentAndAboveApplicationYaml() {
		TestApplication application = new TestApplication(this.directory).profiles("dev")
			.file(".env", "A=1\n")
			.file(".env.dev", "A=2\n")
			.file(".env.local", "A=3\n")
			.file(".env.dev.local", "A=4\n")
			.file("application.yml", "a: yaml\n");
		try (ConfigurableApplicationContext context = application.run()) {
			List<String> names = names(context.getEnvironment());
			int environment = names.indexOf("systemEnvironment");
			assertThat(names.subList(environment + 1, environment + 5)).containsExactly(
					DotenvPropertySource.nameFor(".env.dev.local"), DotenvPropertySource.nameFor(".env.local"),
					DotenvPropertySource.nameFor(".env.dev"), DotenvPropertySource.nameFor(".env"));
			assertThat(names.indexOf(DotenvPropertySource.nameFor(".env")))
				.isLessThan(indexOfContaining(names, "application.yml"));
			assertThat(context.getEnvironment().getProperty("A")).isEqualTo("4");
		}
	}

	@Test
	void letsTheRealEnvironmentWin() {
		TestApplication application = new TestApplication(this.directory).environmentVariable("A", "env")
			.file(".env.local", "A=file\n");
		try (ConfigurableApplicationContext context = application.run()) {
			assertThat(context.getEnvironment().getProperty("A")).isEqualTo("env");
		}
	}

	@Test
	void ranksTheLastActiveProfileHighest() {
		TestApplication application = new TestApplication(this.directory).profiles("dev", "eu")
			.file(".env.dev", "A=dev\n")
			.file(".env.eu", "A=eu\n");
		try (ConfigurableApplicationContext context = application.run()) {
			assertThat(context.getEnvironment().getProperty("A")).isEqualTo("eu");
		}
	}

	@Test
	void skipsDotenvLocalUnderTheTestProfileButReadsTheTestFiles() {
		TestApplication application = new TestApplication(this.directory).profiles("test")
			.file(".env", "A=env\nB=env\n")
			.file(".env.local", "A=developer\n")
			.file(".env.test.local", "B=test-local\n");
		try (ConfigurableApplicationContext context = application.run()) {
			assertThat(context.getEnvironment().getProperty("A")).isEqualTo("env");
			assertThat(context.getEnvironment().getProperty("B")).isEqualTo("test-local");
			assertThat(names(context.getEnvironment())).doesNotContain(DotenvPropertySource.nameFor(".env.local"));
		}
	}

	@Test
	void skipsDotenvLocalWhenStartedUnderATestFrameworkAndSaysWhy(CapturedOutput output) {
		TestApplication application = new TestApplication(this.directory)
			.defaultProperty("hoist.dotenv.local-in-tests", "false")
			.file(".env", "A=env\n")
			.file(".env.local", "A=developer\n");
		try (ConfigurableApplicationContext context = application.run()) {
			assertThat(context.getEnvironment().getProperty("A")).isEqualTo("env");
			assertThat(names(context.getEnvironment())).doesNotContain(DotenvPropertySource.nameFor(".env.local"));
		}
		assertThat(output).contains("Hoist: not loading .env.local: running under JUnit, and tests never use a"
				+ " developer's own database. Name the test database in the test's own properties or the environment,"
				+ " or set hoist.dotenv.local-in-tests=true to load .env.local anyway");
	}

	@Test
	void knowsATestRunFromTheStackAsDevToolsDoes() throws Exception {
		StandardEnvironment environment = new StandardEnvironment();
		assertThat(DotenvEnvironmentPostProcessor.testRun(environment, false)).isEqualTo("running under JUnit");
		assertThat(DotenvEnvironmentPostProcessor.testRun(environment, true)).isNull();
		// a thread started by hand, as main() is, is no test run
		String[] onItsOwn = new String[1];
		Thread thread = new Thread(() -> onItsOwn[0] = DotenvEnvironmentPostProcessor.testRun(environment, false));
		thread.start();
		thread.join();
		assertThat(onItsOwn[0]).isNull();
		environment.setActiveProfiles("test");
		assertThat(DotenvEnvironmentPostProcessor.testRun(environment, true)).isEqualTo("the 'test' profile is active");
	}

	@Test
	void loadsNothingWhenDisabled() {
		TestApplication application = new TestApplication(this.directory)
			.defaultProperty("hoist.dotenv.enabled", "false")
			.file(".env", "A=1\n");
		try (ConfigurableApplicationContext context = application.run()) {
			assertThat(context.getEnvironment().getProperty("A")).isNull();
		}
	}

	@Test
	void readsTheDirectoryFromApplicationYaml() throws Exception {
		Path elsewhere = Files.createDirectory(this.directory.resolve("config"));
		Files.writeString(elsewhere.resolve(".env"), "A=elsewhere\n");
		TestApplication application = new TestApplication(this.directory).file(".env", "A=here\n")
			.file("application.yml", "hoist.dotenv.directory: " + elsewhere + "\n");
		application.defaultProperty("hoist.dotenv.directory", "");
		try (ConfigurableApplicationContext context = application.run()) {
			assertThat(context.getEnvironment().getProperty("A")).isEqualTo("elsewhere");
		}
	}

	@Test
	void bindsEnvironmentStyleNamesFromFiles() {
		TestApplication application = new TestApplication(this.directory).file(".env",
				"SPRING_DATASOURCE_USERNAME=app\nHOIST_SAMPLE_VALUE=x\n");
		try (ConfigurableApplicationContext context = application.run()) {
			Binder binder = Binder.get(context.getEnvironment());
			assertThat(binder.bind("spring.datasource.username", String.class).get()).isEqualTo("app");
			assertThat(binder.bind("hoist.sample-value", String.class).get()).isEqualTo("x");
		}
	}

	@Test
	void resolvesReferencesAgainstTheEnvironmentAndLowerFiles() {
		TestApplication application = new TestApplication(this.directory).environmentVariable("DB_USER", "app")
			.file(".env", "DB_HOST=localhost\n")
			.file(".env.local", "DATABASE_URL=postgres://${DB_USER}@${DB_HOST}/${DB_NAME:-app}\n");
		try (ConfigurableApplicationContext context = application.run()) {
			assertThat(context.getEnvironment().getProperty("DATABASE_URL")).isEqualTo("postgres://app@localhost/app");
		}
	}

	@Test
	void warnsWhenAReferenceIsSetNowhere(CapturedOutput output) {
		TestApplication application = new TestApplication(this.directory).file(".env.local",
				"DATABASE_URL=postgres://app:${DB_PASSWORD}@localhost/app\n");
		try (ConfigurableApplicationContext context = application.run()) {
			assertThat(context.getEnvironment().getProperty("DATABASE_URL")).isEqualTo("postgres://app:@localhost/app");
		}
		assertThat(output).contains("WARN")
			.contains("Hoist: " + this.directory.resolve(".env.local") + " line 1: ${DB_PASSWORD} is set nowhere");
	}

	@Test
	void leavesProfilesInADotenvFileOutWithAWarning(CapturedOutput output) {
		// Spring Boot would read them again when no profile is active: @Profile beans on,
		// application-staging.yml not loaded
		TestApplication application = new TestApplication(this.directory).file(".env",
				"SPRING_PROFILES_ACTIVE=staging\nA=1\n");
		try (ConfigurableApplicationContext context = application.run()) {
			assertThat(context.getEnvironment().getActiveProfiles()).isEmpty();
			assertThat(context.getEnvironment().getProperty("A")).isEqualTo("1");
		}
		assertThat(output).contains("Hoist: .env line 1: SPRING_PROFILES_ACTIVE is ignored: Spring Boot decides the"
				+ " profiles before .env files are read");
	}

	@Test
	void tellsTheFileAndLineOfEachValue() {
		TestApplication application = new TestApplication(this.directory).file(".env", "# settings\nA=1\n");
		try (ConfigurableApplicationContext context = application.run()) {
			PropertySource<?> source = context.getEnvironment()
				.getPropertySources()
				.get(DotenvPropertySource.nameFor(".env"));
			TextResourceOrigin origin = (TextResourceOrigin) ((OriginLookup<String>) source).getOrigin("A");
			assertThat(origin.getResource().getFilename()).isEqualTo(".env");
			assertThat(origin.getLocation().getLine()).isEqualTo(1);
		}
	}

	@Test
	void stopsTheStartOnAMalformedFileWithADescriptionAndAnAction(CapturedOutput output) {
		TestApplication application = new TestApplication(this.directory).file(".env.local",
				"# remote database\npostgresql://ecomdash:s3cret@db.example.com/ecomdash\n");
		assertThatExceptionOfType(DatabaseSettings.InvalidSettingException.class).isThrownBy(application::run)
			.withMessageStartingWith(this.directory.resolve(".env.local") + " line 2: expected KEY=value")
			.withMessageNotContaining("s3cret");
		assertThat(output)
			.contains("APPLICATION FAILED TO START", "Description:", "Action:",
					"Correct line 2 of " + this.directory.resolve(".env.local"))
			.doesNotContain("s3cret")
			.doesNotContain("\tat ");
	}

	@Test
	void readsTheRealEnvironmentWhenNothingIsSubstituted() {
		StandardEnvironment environment = new StandardEnvironment();
		assertThat(DotenvEnvironmentPostProcessor.environmentVariables(environment)).isEqualTo(System.getenv());
	}

	@Test
	void replacesItsSourcesWhenRunTwice() {
		StandardEnvironment environment = new TestApplication(this.directory).file(".env", "A=1\n").environment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("test", Map.of("hoist.dotenv.directory", this.directory.toString())));
		DotenvEnvironmentPostProcessor processor = new DotenvEnvironmentPostProcessor((log) -> log.get());
		processor.postProcessEnvironment(environment, new SpringApplication());
		processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(names(environment)).containsOnlyOnce(DotenvPropertySource.nameFor(".env"));
	}

	private static List<String> names(ConfigurableEnvironment environment) {
		return environment.getPropertySources().stream().map(PropertySource::getName).toList();
	}

	private static int indexOfContaining(List<String> names, String text) {
		for (int i = 0; i < names.size(); i++) {
			if (names.get(i).contains(text)) {
				return i;
			}
		}
		throw new AssertionError("No property source named like " + text + " in " + names);
	}

}
