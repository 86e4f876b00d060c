package dev.hoist.autoconfigure.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test a generated project starts with, a plain {@code @SpringBootTest}, run by
 * {@code mvn test} in a project whose {@code .env.local} names the developer's own
 * database: the test never sees that file, although no profile says it is a test.
 */
@SpringBootTest(properties = "hoist.dotenv.directory=" + GeneratedSpringBootTestTests.DIRECTORY)
class GeneratedSpringBootTestTests {

	// read before the context exists, so it cannot be a temporary directory of JUnit's
	static final String DIRECTORY = "target/generated-spring-boot-test";

	@Autowired
	ConfigurableEnvironment environment;

	@BeforeAll
	static void writeTheDevelopersFiles() throws IOException {
		Path directory = Files.createDirectories(Path.of(DIRECTORY));
		Files.writeString(directory.resolve(".env.local"),
				"DATABASE_URL=postgres://developer@developers-laptop:5432/own\nMARKER=developer\n");
		Files.writeString(directory.resolve(".env"), "MARKER=shared\n");
	}

	@Test
	void contextLoadsWithoutTheDevelopersDotenvLocal() {
		assertThat(this.environment.getProperty("MARKER")).isEqualTo("shared");
		assertThat(this.environment.getPropertySources().stream().map(PropertySource::getName))
			.doesNotContain(DotenvPropertySource.nameFor(".env.local"));
		assertThat(DatabaseSettingsReport.from(this.environment).sources()).doesNotContain(".env.local");
	}

	@SpringBootConfiguration
	static class Application {

	}

}
