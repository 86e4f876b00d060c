package dev.hoist.maven.internal;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.hoist.core.command.HoistCommand;
import dev.hoist.core.command.HoistCommand.ExitCode;
import org.jspecify.annotations.Nullable;

/**
 * Runs one Hoist command in the application's own JVM, forked: {@code java -cp <runtime
 * classpath> <main class> --hoist.command=<name> --hoist.*=...}, in the project's
 * directory, streaming its output and keeping it for the build's error message.
 */
public final class ForkedCommand {

	/** The plugin's own parameters, which are not passed on to the application. */
	public static final Set<String> PLUGIN_PROPERTIES = Set.of("hoist.main-class", "hoist.jvm-arguments", "hoist.skip",
			"hoist.description", "hoist.command");

	private static final String SPRING_BOOT_APPLICATION = "Lorg/springframework/boot/autoconfigure/SpringBootApplication;";

	// the start of a line Spring Boot's default console pattern logs
	private static final Pattern LOG_LINE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}.*");

	private ForkedCommand() {
	}

	/**
	 * Return the arguments of the application: the command, then every {@code hoist.*}
	 * property the user set for this build (in name order), then the goal's own.
	 * @param command the command
	 * @param userProperties the build's user properties ({@code -D...})
	 * @param extra the goal's arguments, such as {@code --hoist.generate.description=...}
	 * @return the arguments
	 */
	public static List<String> arguments(HoistCommand command, Map<String, String> userProperties, List<String> extra) {
		List<String> arguments = new ArrayList<>();
		arguments.add("--hoist.command=" + command.commandName());
		new TreeMap<>(userProperties).forEach((name, value) -> {
			if (name.startsWith("hoist.") && !PLUGIN_PROPERTIES.contains(name)) {
				arguments.add("--" + name + "=" + value);
			}
		});
		arguments.addAll(extra);
		return arguments;
	}

	/**
	 * Return the application's main class: the one configured, else the project's
	 * {@code spring-boot.run.main-class} or {@code start-class} property (as
	 * spring-boot-maven-plugin reads them), else the one class under the classes
	 * directory annotated {@code @SpringBootApplication}.
	 * @param configured the {@code mainClass} parameter, or {@code null}
	 * @param properties the project's properties, then the user's
	 * @param classes the classes directory
	 * @return the class name
	 * @throws IllegalStateException when there is none, or several
	 */
	public static String mainClass(@Nullable String configured, Map<String, String> properties, Path classes) {
		for (String candidate : new String[] { configured, properties.get("spring-boot.run.main-class"),
				properties.get("start-class") }) {
			if (candidate != null && !candidate.isBlank()) {
				return candidate.strip();
			}
		}
		List<String> found = annotated(classes);
		if (found.size() == 1) {
			return found.get(0);
		}
		String where = (found.isEmpty() ? "no class annotated @SpringBootApplication in "
				: "several classes annotated @SpringBootApplication (" + String.join(", ", found) + ") in ") + classes;
		throw new IllegalStateException("Hoist cannot tell which application to run: " + where
				+ ". Name it with <mainClass> in the plugin's configuration, -Dhoist.main-class=..., or the"
				+ " project property start-class");
	}

	private static List<String> annotated(Path classes) {
		if (!Files.isDirectory(classes)) {
			return List.of();
		}
		byte[] descriptor = SPRING_BOOT_APPLICATION.getBytes(Charset.forName("UTF-8"));
		try (Stream<Path> files = Files.walk(classes)) {
			return files.filter((file) -> file.toString().endsWith(".class"))
				.filter((file) -> contains(read(file), descriptor))
				.map((file) -> className(classes.relativize(file)))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Hoist cannot read the classes in " + classes + ": " + ex, ex);
		}
	}

	private static byte[] read(Path file) {
		try {
			return Files.readAllBytes(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Hoist cannot read " + file + ": " + ex, ex);
		}
	}

	private static boolean contains(byte[] bytes, byte[] wanted) {
		outer: for (int i = 0; i <= bytes.length - wanted.length; i++) {
			for (int j = 0; j < wanted.length; j++) {
				if (bytes[i + j] != wanted[j]) {
					continue outer;
				}
			}
			return true;
		}
		return false;
	}

	private static String className(Path relative) {
		String name = relative.toString().replace(File.separatorChar, '.');
		return name.substring(0, name.length() - ".class".length());
	}

	/**
	 * Return the command line of the forked JVM.
	 * @param java the {@code java} executable
	 * @param jvmArguments arguments for the JVM, such as {@code -Xmx512m}
	 * @param classpath the runtime classpath, classes directory included
	 * @param mainClass the main class
	 * @param arguments the application's arguments
	 * @return the command line
	 */
	public static List<String> commandLine(String java, List<String> jvmArguments, List<String> classpath,
			String mainClass, List<String> arguments) {
		List<String> line = new ArrayList<>();
		line.add(java);
		line.addAll(jvmArguments);
		line.add("-cp");
		line.add(String.join(File.pathSeparator, classpath));
		line.add(mainClass);
		line.addAll(arguments);
		return line;
	}

	/**
	 * Run a command line in a directory, copying its output to this process's as it
	 * comes, and ending it when this process ends first.
	 * @param commandLine the command line
	 * @param directory the working directory
	 * @param out where its standard output goes
	 * @param err where its standard error goes
	 * @return its exit code and what it printed
	 * @throws IOException when it cannot be started
	 * @throws InterruptedException when interrupted while it runs; it is then ended
	 */
	public static Result run(List<String> commandLine, Path directory, PrintStream out, PrintStream err)
			throws IOException, InterruptedException {
		Process process = new ProcessBuilder(commandLine).directory(directory.toFile()).start();
		Thread stopper = new Thread(process::destroy, "hoist-command-stopper");
		Runtime.getRuntime().addShutdownHook(stopper);
		List<String> output = new ArrayList<>();
		List<String> errors = new ArrayList<>();
		Thread outPump = pump(process.getInputStream(), out, output);
		Thread errPump = pump(process.getErrorStream(), err, errors);
		try {
			int code = process.waitFor();
			outPump.join();
			errPump.join();
			return new Result(code, List.copyOf(output), List.copyOf(errors));
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			throw ex;
		}
		finally {
			try {
				Runtime.getRuntime().removeShutdownHook(stopper);
			}
			catch (IllegalStateException ex) {
				// already shutting down: the hook ends the process
			}
		}
	}

	private static Thread pump(InputStream stream, PrintStream to, List<String> lines) {
		Thread thread = new Thread(() -> {
			try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, Charset.defaultCharset()))) {
				String line;
				while ((line = reader.readLine()) != null) {
					to.println(line);
					synchronized (lines) {
						lines.add(line);
					}
				}
			}
			catch (IOException ex) {
				to.println("hoist: lost the command's output: " + ex);
			}
		}, "hoist-command-output");
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	/**
	 * What a forked command did.
	 *
	 * @param exitCode its exit code
	 * @param output the lines of its standard output
	 * @param errors the lines of its standard error
	 */
	public record Result(int exitCode, List<String> output, List<String> errors) {

		/**
		 * Return the command's report: what it printed that is not a log line or the
		 * banner before the first log line, and its error lines.
		 * @return the report, or an empty string
		 */
		public String report() {
			List<String> report = new ArrayList<>();
			boolean logging = this.output.stream().anyMatch((line) -> LOG_LINE.matcher(line).matches());
			boolean started = !logging;
			for (String line : this.output) {
				boolean log = LOG_LINE.matcher(line).matches();
				started = started || log;
				if (started && !log) {
					report.add(line);
				}
			}
			this.errors.stream().filter((line) -> line.startsWith("hoist ")).forEach(report::add);
			return String.join("\n", report).strip();
		}

		/**
		 * Return what the exit code means for the command, as a message for the build.
		 * @param command the command
		 * @return the message
		 */
		public String message(HoistCommand command) {
			String meaning = meaning(this.exitCode);
			String report = report();
			return "hoist " + command.commandName() + " exited with " + this.exitCode
					+ ((meaning != null) ? " (" + meaning + ")" : "") + (report.isEmpty() ? "" : ":\n" + report);
		}

		private static @Nullable String meaning(int code) {
			for (ExitCode exitCode : ExitCode.values()) {
				if (exitCode.code() == code) {
					return exitCode.description();
				}
			}
			return null;
		}

	}

}
