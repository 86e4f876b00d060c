package dev.hoist.sample;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar as Spring's ahead-of-time processing built it ({@code process-aot}),
 * run with {@code -Dspring.aot.enabled=true}: it migrates at startup, and its command
 * mode runs with no web server and prints JSON alone.
 */
@PostgresTest
class AotJarIT {

	private static final Duration STARTUP = Duration.ofSeconds(120);

	private static final String AOT = "-Dspring.aot.enabled=true";

	@Test
	void theServiceMigratesAtStartupAndItsCommandModeRunsWithoutAWebServer(TestDatabase database,
			@TempDir Path directory) throws Exception {
		Map<String, String> environment = Map.of("DATABASE_URL", PackagedJarIT.url(database));
		try (RunningJar service = RunningJar.start(RunningJar.packagedJar(), List.of(AOT), directory, environment)
			.awaitReady(STARTUP)) {
			assertThat(service.output()).contains("Starting AOT-processed SampleApplication")
				.contains("revision (empty) -> 7");
		}

		Command status = run(directory, environment, "--hoist.command=status", "--hoist.json=true");

		assertThat(status.exitCode()).as(status.stdout() + status.stderr()).isZero();
		JsonNode report = JsonMapper.builder()
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.build()
			.readTree(status.stdout());
		assertThat(report.get("revision").asString()).isEqualTo("7");
		assertThat(report.get("state").asString()).isEqualTo("current");
		assertThat(status.stderr()).contains("hoist.command runs without the ahead-of-time generated context")
			.doesNotContain("Tomcat")
			.doesNotContain("No ServletContext set");
	}

	private static Command run(Path directory, Map<String, String> environment, String... arguments) throws Exception {
		List<String> command = new ArrayList<>(
				List.of(RunningJar.java(), AOT, "-jar", RunningJar.packagedJar().toString()));
		command.addAll(List.of(arguments));
		long id = System.nanoTime();
		File stdout = directory.resolve("out-" + id + ".log").toFile();
		File stderr = directory.resolve("err-" + id + ".log").toFile();
		ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
			.redirectOutput(stdout)
			.redirectError(stderr);
		RunningJar.withoutDatabaseVariables(builder.environment());
		builder.environment().putAll(environment);
		Process process = builder.start();
		if (!process.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("The command did not exit within " + STARTUP);
		}
		return new Command(process.exitValue(), Files.readString(stdout.toPath(), StandardCharsets.UTF_8),
				Files.readString(stderr.toPath(), StandardCharsets.UTF_8));
	}

	private record Command(int exitCode, String stdout, String stderr) {

	}

}
