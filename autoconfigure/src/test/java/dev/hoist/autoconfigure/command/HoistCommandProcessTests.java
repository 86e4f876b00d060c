package dev.hoist.autoconfigure.command;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.hoist.testsupport.PostgresTest;
import dev.hoist.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command mode as an operator runs it: a real JVM with a web server on the classpath,
 * {@code --hoist.command=...}, and the process's exit code.
 */
@PostgresTest
class HoistCommandProcessTests {

	@Test
	void commandRunsInItsOwnProcessExitsWithItsCodeAndStartsNoWebServer(TestDatabase database,
			@TempDir Path workingDirectory) throws Exception {
		database.resetPublicSchema();
		// the child runs on this classpath: a web server would start without command mode
		assertThat(Class.forName("org.apache.catalina.startup.Tomcat")).isNotNull();

		Result check = run(database, workingDirectory, "--hoist.command=check");
		Result migrate = run(database, workingDirectory, "--hoist.command=migrate");
		Result status = run(database, workingDirectory, "--hoist.command=status", "--hoist.json=true");

		assertThat(check.exitCode()).as(check.output()).isEqualTo(1);
		assertThat(check.output()).contains("Pending: 2 migrations");
		assertThat(migrate.exitCode()).as(migrate.output()).isZero();
		assertThat(status.exitCode()).as(status.output()).isZero();
		assertThat(status.stdout()).contains("\"revision\": \"2\"");
		for (Result result : List.of(check, migrate, status)) {
			assertThat(result.output()).doesNotContain("Tomcat started").doesNotContain("Tomcat initialized");
		}
		assertThat(database.queryForList("SELECT version FROM hoist_schema_history")).containsExactly("1", "2");
	}

	@Test
	void inJsonModeStandardOutputCarriesTheReportAloneAndTheLogsGoToStandardError(TestDatabase database,
			@TempDir Path workingDirectory) throws Exception {
		database.resetPublicSchema();
		assertThat(run(database, workingDirectory, "--hoist.command=migrate").exitCode()).isZero();

		Result status = run(database, workingDirectory, "--hoist.command=status", "--hoist.json=true");

		assertThat(status.exitCode()).as(status.output()).isZero();
		// what json.load or jq would do with the whole of stdout
		JsonNode report = JsonMapper.builder()
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.build()
			.readTree(status.stdout());
		assertThat(report.get("revision").asString()).isEqualTo("2");
		assertThat(status.stdout()).doesNotContain(":: Spring Boot ::").doesNotContain("INFO");
		assertThat(status.stderr()).contains("Hoist: connected to PostgreSQL").doesNotContain(":: Spring Boot ::");
	}

	private static Result run(TestDatabase database, Path workingDirectory, String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), CommandModeApplication.class.getName(),
				"--spring.datasource.url=" + database.jdbcUrl(), "--spring.datasource.username=" + database.user(),
				"--spring.datasource.password=" + database.password(), "--hoist.locations=classpath:hoist/shop",
				"--spring.flyway.enabled=false", "--management.endpoints.web.exposure.include=health",
				"--spring.autoconfigure.exclude="
						+ "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration,"
						+ "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration"));
		command.addAll(List.of(args));
		long id = System.nanoTime();
		File stdout = workingDirectory.resolve("out-" + id + ".log").toFile();
		File stderr = workingDirectory.resolve("err-" + id + ".log").toFile();
		Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
			.redirectOutput(stdout)
			.redirectError(stderr)
			.start();
		if (!process.waitFor(120, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("Command mode did not exit within 120 s: " + read(stdout) + read(stderr));
		}
		return new Result(process.exitValue(), read(stdout), read(stderr));
	}

	private static String read(File file) throws IOException {
		return Files.readString(file.toPath(), StandardCharsets.UTF_8);
	}

	record Result(int exitCode, String stdout, String stderr) {

		String output() {
			return this.stdout + this.stderr;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	public static class CommandModeApplication {

		public static void main(String[] args) {
			SpringApplication.run(CommandModeApplication.class, args);
		}

	}

}
