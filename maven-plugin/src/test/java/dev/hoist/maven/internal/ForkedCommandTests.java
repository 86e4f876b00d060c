package dev.hoist.maven.internal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.hoist.core.command.HoistCommand;
import dev.hoist.maven.internal.ForkedCommand.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ForkedCommandTests {

	private static final String ANNOTATION = "Lorg/springframework/boot/autoconfigure/SpringBootApplication;";

	@TempDir
	Path classes;

	@Test
	void argumentsNameTheCommandThenPassOnHoistPropertiesButThePluginsOwn() {
		Map<String, String> user = Map.of("hoist.json", "true", "hoist.shadow.url", "jdbc:postgresql://h/s",
				"hoist.main-class", "com.example.App", "hoist.description", "x", "hoist.skip", "false",
				"other.property", "y", "hoist.command", "migrate");
		assertThat(ForkedCommand.arguments(HoistCommand.CHECK, user, List.of("--hoist.generate.description=a b")))
			.containsExactly("--hoist.command=check", "--hoist.json=true", "--hoist.shadow.url=jdbc:postgresql://h/s",
					"--hoist.generate.description=a b");
	}

	@Test
	void mainClassConfiguredWinsOverTheProjectsProperties() throws IOException {
		write("com/example/App.class", ANNOTATION);
		assertThat(ForkedCommand.mainClass(" com.example.Given ", Map.of("start-class", "com.example.Start"),
				this.classes))
			.isEqualTo("com.example.Given");
		assertThat(ForkedCommand.mainClass(null,
				Map.of("start-class", "com.example.Start", "spring-boot.run.main-class", "com.example.Run"),
				this.classes))
			.isEqualTo("com.example.Run");
		assertThat(ForkedCommand.mainClass("", Map.of("start-class", "com.example.Start"), this.classes))
			.isEqualTo("com.example.Start");
	}

	@Test
	void mainClassIsTheOneClassAnnotatedSpringBootApplication() throws IOException {
		write("com/example/App.class", "\u00ca\u00fe" + ANNOTATION + "rest");
		write("com/example/Other.class", "Lorg/springframework/stereotype/Service;");
		write("com/example/App.txt", ANNOTATION);
		assertThat(ForkedCommand.mainClass(null, Map.of(), this.classes)).isEqualTo("com.example.App");
	}

	@Test
	void noOrSeveralAnnotatedClassesAreRefusedNamingTheWayOut() throws IOException {
		assertThatIllegalStateException().isThrownBy(() -> ForkedCommand.mainClass(null, Map.of(), this.classes))
			.withMessageContaining("no class annotated @SpringBootApplication in " + this.classes)
			.withMessageContaining("<mainClass>");
		write("com/example/A.class", ANNOTATION);
		write("com/example/b/B.class", ANNOTATION);
		assertThatIllegalStateException().isThrownBy(() -> ForkedCommand.mainClass(null, Map.of(), this.classes))
			.withMessageContaining("several classes annotated @SpringBootApplication (com.example.A, com.example.b.B)")
			.withMessageContaining("-Dhoist.main-class=");
	}

	@Test
	void commandLineIsJavaTheJvmArgumentsTheClasspathTheMainClassAndTheArguments() {
		assertThat(ForkedCommand.commandLine("java", List.of("-Xmx64m"), List.of("a", "b"), "com.example.App",
				List.of("--hoist.command=status")))
			.containsExactly("java", "-Xmx64m", "-cp", "a" + File.pathSeparator + "b", "com.example.App",
					"--hoist.command=status");
	}

	@Test
	void reportLeavesOutTheBannerAndTheLogLinesAndKeepsTheCommandsErrors() {
		Result result = new Result(1,
				List.of("  .   ____  banner", "2026-12-02T04:00:00.000Z  INFO 1 --- [main] App : Starting",
						"Entities and migrations differ:", "  + column public.customer.nickname",
						"2026-12-02T04:00:01.000Z  INFO 1 --- [main] HikariPool-1 - Shutdown completed."),
				List.of("a warning", "hoist check: the shadow database cannot be reached"));
		assertThat(result.report()).isEqualTo("Entities and migrations differ:\n"
				+ "  + column public.customer.nickname\nhoist check: the shadow database cannot be reached");
		assertThat(result.message(HoistCommand.CHECK))
			.startsWith("hoist check exited with 1 (" + HoistCommand.ExitCode.FAILED.description() + "):\n")
			.endsWith("cannot be reached");
	}

	@Test
	void withoutLogLinesTheWholeOutputIsTheReport() {
		assertThat(new Result(64, List.of("usage"), List.of()).message(HoistCommand.STATUS))
			.isEqualTo("hoist status exited with 64 (" + HoistCommand.ExitCode.USAGE.description() + "):\nusage");
		assertThat(new Result(137, List.of(), List.of()).message(HoistCommand.STATUS))
			.isEqualTo("hoist status exited with 137");
	}

	private void write(String name, String content) throws IOException {
		Path file = this.classes.resolve(name);
		Files.createDirectories(file.getParent());
		Files.write(file, content.getBytes(StandardCharsets.ISO_8859_1));
	}

}
