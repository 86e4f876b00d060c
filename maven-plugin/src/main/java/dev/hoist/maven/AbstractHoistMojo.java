package dev.hoist.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import dev.hoist.core.command.HoistCommand;
import dev.hoist.maven.internal.ForkedCommand;
import dev.hoist.maven.internal.ForkedCommand.Result;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.jspecify.annotations.Nullable;

/**
 * Runs one of Hoist's commands in the application: forks
 * {@code java -cp <runtime classpath> <main class> --hoist.command=<name>} in the
 * project's directory, as {@code --hoist.command} does in a packaged jar. Every
 * {@code hoist.*} user property of the build ({@code -Dhoist.json=true}) is passed on as
 * {@code --hoist.*}. The build fails when the command exits non-zero: with 1 (for
 * {@code check}: entities and migrations differ, or migrations are pending; for
 * {@code drift}: drifted) as a failure, with 2 or more as an error.
 */
public abstract class AbstractHoistMojo extends AbstractMojo {

	private final HoistCommand command;

	/** The project. */
	@Parameter(defaultValue = "${project}", readonly = true, required = true)
	private MavenProject project;

	/** The build's session, for its user properties. */
	@Parameter(defaultValue = "${session}", readonly = true, required = true)
	private MavenSession session;

	/**
	 * The application's main class; by default the project's
	 * {@code spring-boot.run.main-class} or {@code start-class} property, else the one
	 * class annotated {@code @SpringBootApplication} in the classes directory.
	 */
	@Parameter(property = "hoist.main-class")
	private @Nullable String mainClass;

	/** Arguments of the forked JVM, such as {@code -Xmx512m}, separated by blanks. */
	@Parameter(property = "hoist.jvm-arguments")
	private @Nullable String jvmArguments;

	/**
	 * More arguments of the application, such as {@code --spring.profiles.active=dev}.
	 */
	@Parameter
	private List<String> arguments = new ArrayList<>();

	/** The directory the command runs in. */
	@Parameter(defaultValue = "${project.basedir}", required = true)
	private File workingDirectory;

	/** The classes directory, searched for the main class. */
	@Parameter(defaultValue = "${project.build.outputDirectory}", readonly = true, required = true)
	private File classesDirectory;

	/** Skip the command. */
	@Parameter(property = "hoist.skip", defaultValue = "false")
	private boolean skip;

	/**
	 * Create the goal of a command.
	 * @param command the command it runs
	 */
	protected AbstractHoistMojo(HoistCommand command) {
		this.command = command;
	}

	/**
	 * Return the goal's own arguments of the application, after the passed-on properties;
	 * none by default.
	 * @return the arguments
	 */
	protected List<String> commandArguments() {
		return List.of();
	}

	@Override
	public void execute() throws MojoExecutionException, MojoFailureException {
		if (this.skip) {
			getLog().info("Skipping hoist " + this.command.commandName());
			return;
		}
		Map<String, String> properties = new LinkedHashMap<>();
		copy(this.project.getProperties(), properties);
		copy(this.session.getUserProperties(), properties);
		Map<String, String> userProperties = new LinkedHashMap<>();
		copy(this.session.getUserProperties(), userProperties);
		List<String> commandLine;
		try {
			String main = ForkedCommand.mainClass(this.mainClass, properties, this.classesDirectory.toPath());
			List<String> applicationArguments = new ArrayList<>(
					ForkedCommand.arguments(this.command, userProperties, commandArguments()));
			applicationArguments.addAll(this.arguments);
			commandLine = ForkedCommand.commandLine(java(), jvmArguments(), this.project.getRuntimeClasspathElements(),
					main, applicationArguments);
			getLog().info("Running hoist " + this.command.commandName() + " in " + main);
		}
		catch (IllegalStateException | DependencyResolutionRequiredException ex) {
			throw new MojoExecutionException(ex.getMessage(), ex);
		}
		getLog().debug("Command line: " + commandLine);
		Result result;
		try {
			result = ForkedCommand.run(commandLine, this.workingDirectory.toPath(), System.out, System.err);
		}
		catch (IOException ex) {
			throw new MojoExecutionException("Hoist cannot start " + commandLine.get(0) + ": " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MojoExecutionException("Interrupted while hoist " + this.command.commandName() + " ran", ex);
		}
		verify(this.command, result);
	}

	/**
	 * Fail the build as the command's exit code says: nothing for 0, a failure for 1
	 * (what the command found), an error for anything else.
	 * @param command the command
	 * @param result what it did
	 * @throws MojoFailureException for exit code 1
	 * @throws MojoExecutionException for any other code but 0
	 */
	static void verify(HoistCommand command, Result result) throws MojoFailureException, MojoExecutionException {
		if (result.exitCode() == 0) {
			return;
		}
		if (result.exitCode() == HoistCommand.ExitCode.FAILED.code()) {
			throw new MojoFailureException(result.message(command));
		}
		throw new MojoExecutionException(result.message(command));
	}

	private List<String> jvmArguments() {
		String given = this.jvmArguments;
		return (given != null && !given.isBlank()) ? List.of(given.strip().split("\\s+")) : List.of();
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static void copy(Properties from, Map<String, String> to) {
		for (String name : from.stringPropertyNames()) {
			to.put(name, from.getProperty(name));
		}
	}

}
