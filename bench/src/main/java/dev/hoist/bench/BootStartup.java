package dev.hoist.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Spring Boot service's startup at the head: {@link BootApp} in a fresh JVM with
 * Hoist's starter, with Boot's Flyway module, or with no migration tool. Each mode's
 * classpath holds only its own tool's jars, so no mode pays for another's
 * auto-configuration.
 */
final class BootStartup {

	static final List<String> MODES = List.of("Hoist", "Flyway", "no tool");

	private static final Pattern RESULT = Pattern.compile("run_nanos=(\\d+) uptime_ms=(\\d+) tool_nanos=(\\d+)");

	private final Path classes;

	private final Path lib;

	private BootStartup(Path classes, Path lib) {
		this.classes = classes;
		this.lib = lib;
	}

	/** Found next to the running bench jar in the build tree, or {@code null}. */
	static BootStartup find() {
		try {
			Path jar = Path.of(Bench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			Path target = jar.getParent();
			Path classes = target.resolve("classes");
			Path lib = target.resolve("lib");
			return (Files.isDirectory(classes) && Files.isDirectory(lib)) ? new BootStartup(classes, lib) : null;
		}
		catch (Exception ex) {
			return null;
		}
	}

	/** One start, or an exception with the start of the service's output. */
	Start start(String mode, Path migrations, Server server, String database, Path workDirectory)
			throws IOException, InterruptedException {
		String javaCommand = ProcessHandle.current().info().command().orElse("java");
		String url = "jdbc:postgresql://" + server.host() + ":" + server.port() + "/" + database;
		List<String> command = new ArrayList<>(List.of(javaCommand, "-cp", classpath(mode), BootApp.class.getName(),
				"--spring.datasource.url=" + url, "--spring.datasource.username=" + server.user(),
				"--spring.datasource.password=" + server.password(), "--logging.level.root=warn",
				"--hoist.locations=filesystem:" + migrations.resolve("hoist"),
				"--spring.flyway.locations=filesystem:" + migrations.resolve("flyway")));
		Process process = new ProcessBuilder(command).directory(workDirectory.toFile())
			.redirectErrorStream(true)
			.start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		Matcher matcher = RESULT.matcher(out);
		if (process.waitFor() != 0 || !matcher.find()) {
			throw new IllegalStateException(mode + " service did not start: "
					+ out.lines().filter((line) -> !line.isBlank()).limit(12).reduce("", (a, b) -> a + "\n  " + b));
		}
		return new Start(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(3)));
	}

	private String classpath(String mode) throws IOException {
		Predicate<String> hoist = (name) -> name.startsWith("hoist-core-") || name.startsWith("hoist-spring-boot");
		Predicate<String> flyway = (name) -> name.startsWith("flyway-") || name.startsWith("spring-boot-flyway-");
		Predicate<String> excluded = switch (mode) {
			case "Hoist" -> flyway;
			case "Flyway" -> hoist;
			default -> hoist.or(flyway);
		};
		List<String> entries = new ArrayList<>();
		entries.add(this.classes.toString());
		try (Stream<Path> jars = Files.list(this.lib)) {
			jars.map((jar) -> jar.getFileName().toString())
				.filter((name) -> name.endsWith(".jar"))
				.filter((name) -> !name.startsWith("liquibase-") && !excluded.test(name))
				.sorted()
				.forEach((name) -> entries.add(this.lib.resolve(name).toString()));
		}
		return String.join(File.pathSeparator, entries);
	}

	/** What one start measured. */
	record Start(long runNanos, long toolNanos) {
	}

}
