package dev.hoist.maven;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import dev.hoist.core.command.HoistCommand;
import dev.hoist.maven.internal.ForkedCommand;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.DefaultMavenExecutionResult;
import org.apache.maven.execution.MavenExecutionRequest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The goals as Maven runs them, against a tiny application compiled here: its main class
 * is found by its {@code @SpringBootApplication} (a stand-in annotation of that name, on
 * the runtime classpath as a dependency would be), it runs forked in the project's
 * directory with the arguments the goal builds, and its exit code fails the build. One
 * JVM start per test; no Spring, no database: the command mode itself is proven in
 * autoconfigure.
 */
class HoistMojoTests {

	@TempDir
	static Path root;

	static Path classes;

	static Path library;

	@BeforeAll
	static void compileTheApplication() throws IOException {
		Path sources = Path.of("src/test/resources/demo-application");
		Path annotation = sources.resolve("org/springframework/boot/autoconfigure/SpringBootApplication.java");
		Path application = sources.resolve("com/example/DemoApplication.java");
		library = Files.createDirectories(root.resolve("library"));
		classes = Files.createDirectories(root.resolve("classes"));
		compile(library, annotation);
		compile(classes, application, "-cp", library.toString());
	}

	@Test
	void everyGoalIsACommandOfHoistCommandUnderItsName() throws IOException {
		String descriptor = Files.readString(Path.of("target/classes/META-INF/maven/plugin.xml"));
		List<String> goals = new ArrayList<>();
		Matcher goal = Pattern.compile("<goal>([a-z]+)</goal>").matcher(descriptor);
		while (goal.find()) {
			goals.add(goal.group(1));
		}
		// new needs a directory and clean a deliberate person: both stay with the CLI
		// and --hoist.command
		List<String> expected = Arrays.stream(HoistCommand.values())
			.filter((command) -> command != HoistCommand.NEW && command != HoistCommand.CLEAN)
			.map(HoistCommand::commandName)
			.sorted()
			.toList();
		assertThat(goals).containsExactlyInAnyOrderElementsOf(expected);
		assertThat(descriptor).contains("<goalPrefix>hoist</goalPrefix>");
		assertThat(descriptor.split("<requiresDependencyResolution>runtime</requiresDependencyResolution>"))
			.hasSize(goals.size() + 1);
		assertThat(descriptor.split("<executePhase>compile</executePhase>")).hasSize(goals.size() + 1);
		// Maven 3.8 (the oldest the build allows) cannot inject a Path parameter
		assertThat(descriptor).doesNotContain("java.nio.file.Path");
		Matcher property = Pattern.compile("\\$\\{(hoist\\.[^}]+)}").matcher(descriptor);
		List<String> properties = new ArrayList<>();
		while (property.find()) {
			properties.add(property.group(1));
		}
		assertThat(ForkedCommand.PLUGIN_PROPERTIES).as("not passed on").containsAll(properties);
	}

	@Test
	void generateRunsTheApplicationInCommandModeInTheProjectsDirectory(@TempDir Path project) throws Exception {
		Properties user = new Properties();
		user.setProperty("hoist.description", "add loyalty points");
		user.setProperty("hoist.json", "true");
		user.setProperty("maven.test.skip", "true");
		GenerateMojo mojo = configure(new GenerateMojo(), project, user);
		String printed = capture(mojo);
		assertThat(Files.readAllLines(project.resolve("arguments.txt"))).containsExactly("--hoist.command=generate",
				"--hoist.json=true", "--hoist.generate.description=add loyalty points");
		assertThat(printed).contains("  + column public.customer.nickname");
	}

	@Test
	void exitOneOfCheckFailsTheBuildWithTheReport(@TempDir Path project) throws Exception {
		Properties user = new Properties();
		user.setProperty("hoist.test-exit", "1");
		CheckMojo mojo = configure(new CheckMojo(), project, user);
		assertThatExceptionOfType(MojoFailureException.class).isThrownBy(() -> capture(mojo))
			.withMessage("hoist check exited with 1 (" + HoistCommand.ExitCode.FAILED.description() + "):\n"
					+ "Entities and migrations differ:\n  + column public.customer.nickname");
		assertThat(Files.readAllLines(project.resolve("arguments.txt"))).containsExactly("--hoist.command=check",
				"--hoist.test-exit=1");
	}

	@Test
	void exitThreeIsAnErrorOfTheBuild(@TempDir Path project) throws Exception {
		Properties user = new Properties();
		user.setProperty("hoist.test-exit", "3");
		DriftMojo mojo = configure(new DriftMojo(), project, user);
		assertThatExceptionOfType(MojoExecutionException.class).isThrownBy(() -> capture(mojo))
			.withMessage("hoist drift exited with 3 (" + HoistCommand.ExitCode.NO_DATABASE.description() + "):\n"
					+ "hoist drift: the database cannot be reached");
	}

	@Test
	void aMissingMainClassIsAnErrorNamingTheWayOut(@TempDir Path project) throws Exception {
		StatusMojo mojo = configure(new StatusMojo(), project, new Properties());
		set(mojo, "classesDirectory", project.toFile());
		assertThatExceptionOfType(MojoExecutionException.class).isThrownBy(mojo::execute)
			.withMessageContaining("no class annotated @SpringBootApplication in " + project)
			.withMessageContaining("<mainClass>");
	}

	private static String capture(AbstractHoistMojo mojo) throws Exception {
		PrintStream out = System.out;
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
		try {
			mojo.execute();
		}
		finally {
			System.setOut(out);
		}
		return buffer.toString(StandardCharsets.UTF_8);
	}

	private static <T extends AbstractHoistMojo> T configure(T mojo, Path project, Properties user) throws Exception {
		MavenProject mavenProject = new MavenProject() {

			@Override
			public List<String> getRuntimeClasspathElements() {
				return List.of(classes.toString(), library.toString());
			}

		};
		MavenExecutionRequest request = new DefaultMavenExecutionRequest().setUserProperties(user);
		set(mojo, "project", mavenProject);
		set(mojo, "session", new MavenSession(null, request, new DefaultMavenExecutionResult(), mavenProject));
		set(mojo, "workingDirectory", project.toFile());
		set(mojo, "classesDirectory", classes.toFile());
		if (mojo instanceof GenerateMojo) {
			Field description = GenerateMojo.class.getDeclaredField("description");
			description.setAccessible(true);
			description.set(mojo, user.getProperty("hoist.description"));
		}
		return mojo;
	}

	private static void set(AbstractHoistMojo mojo, String name, Object value) throws Exception {
		Field field = AbstractHoistMojo.class.getDeclaredField(name);
		field.setAccessible(true);
		field.set(mojo, value);
	}

	private static void compile(Path into, Path source, String... options) {
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		List<String> arguments = new ArrayList<>(List.of(options));
		arguments.addAll(List.of("-d", into.toString(), source.toString()));
		assertThat(compiler.run(null, null, null, arguments.toArray(String[]::new))).as("javac " + source).isZero();
	}

}
