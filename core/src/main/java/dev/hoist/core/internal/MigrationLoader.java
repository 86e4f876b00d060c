package dev.hoist.core.internal;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.hoist.core.HoistConfiguration;
import dev.hoist.core.HoistException;
import dev.hoist.core.HoistStatus;
import dev.hoist.core.HoistStatus.Problem.Kind;
import dev.hoist.core.JavaMigration;
import dev.hoist.core.MigrationInfo;
import dev.hoist.core.MigrationVersion;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds this build's migrations in {@code classpath:} and {@code filesystem:} locations
 * and among the configured Java migrations, and reports files that cannot be used.
 */
public final class MigrationLoader {

	private static final Logger logger = LoggerFactory.getLogger(MigrationLoader.class);

	private static final Pattern VERSIONED = Pattern.compile("V([0-9]+(?:[._][0-9]+)*)__(.+)\\.sql");

	private static final Pattern REPEATABLE = Pattern.compile("R__(.+)\\.sql");

	/**
	 * The prefix of a location that may be absent, as Spring Boot's optional: imports.
	 */
	static final String OPTIONAL = "optional:";

	private static final String FILESYSTEM = "filesystem:";

	private static final String CLASSPATH = "classpath:";

	private final HoistConfiguration configuration;

	public MigrationLoader(HoistConfiguration configuration) {
		this.configuration = configuration;
	}

	/**
	 * Load every migration of the build.
	 * @return the migrations in the order they apply, and any problems with the files
	 */
	public Loaded load() {
		List<HoistStatus.Problem> problems = new ArrayList<>();
		List<ResolvedMigration> migrations = new ArrayList<>();
		for (String location : this.configuration.getLocations()) {
			for (SourceFile file : scan(location, problems)) {
				resolve(file, migrations, problems);
			}
		}
		for (JavaMigration java : this.configuration.getJavaMigrations()) {
			migrations.add(new ResolvedMigration(java.version(), java.description(), MigrationInfo.Type.JAVA,
					java.getClass().getName(), "class " + java.getClass().getName(), java.checksum(), null, java));
		}
		duplicates(migrations, problems);
		migrations.sort(ORDER);
		return new Loaded(migrations, problems);
	}

	static final Comparator<ResolvedMigration> ORDER = Comparator
		.comparing((ResolvedMigration migration) -> migration.isRepeatable())
		.thenComparing((migration) -> migration.version(), Comparator.nullsLast(Comparator.naturalOrder()))
		.thenComparing(ResolvedMigration::description);

	private void resolve(SourceFile file, List<ResolvedMigration> migrations, List<HoistStatus.Problem> problems) {
		String name = file.name();
		Named named = named(name);
		if (named == null) {
			problems.add(new HoistStatus.Problem(Kind.INVALID_FILE, badName(file), List.of(file.location())));
			return;
		}
		if (named.description().isEmpty()) {
			problems.add(new HoistStatus.Problem(Kind.INVALID_FILE,
					file.location() + ": the description after '__' is empty; name it like V1__create_shops.sql",
					List.of(file.location())));
			return;
		}
		MigrationInfo.Type type = named.type();
		FileContent.Loaded content = file.content();
		// splitting waits until a file is pending: most starts apply nothing
		migrations.add(new ResolvedMigration(named.version(), named.description(), type, name, file.location(),
				content.checksum(), new SqlSource(name, file.location(), content.content(), content.checksum(),
						type == MigrationInfo.Type.REPEATABLE),
				null));
	}

	/**
	 * Read a file name as a migration's.
	 * @param name the file name
	 * @return its version, description and type, or {@code null} when it is not a
	 * migration's name
	 */
	static @Nullable Named named(String name) {
		Matcher versioned = VERSIONED.matcher(name);
		if (versioned.matches()) {
			return new Named(MigrationVersion.parse(versioned.group(1)), versioned.group(2).replace('_', ' ').strip(),
					MigrationInfo.Type.SQL);
		}
		Matcher repeatable = REPEATABLE.matcher(name);
		if (repeatable.matches()) {
			return new Named(null, repeatable.group(1).replace('_', ' ').strip(), MigrationInfo.Type.REPEATABLE);
		}
		return null;
	}

	private static String badName(SourceFile file) {
		return file.location() + ": not a migration file name; " + MigrationFileName.advice(file.name());
	}

	private static void duplicates(List<ResolvedMigration> migrations, List<HoistStatus.Problem> problems) {
		Map<String, List<ResolvedMigration>> byKey = new LinkedHashMap<>();
		for (ResolvedMigration migration : migrations) {
			String key = (migration.version() != null) ? "V" + migration.version() : "R" + migration.description();
			byKey.computeIfAbsent(key, (k) -> new ArrayList<>()).add(migration);
		}
		for (List<ResolvedMigration> same : byKey.values()) {
			if (same.size() > 1) {
				List<String> locations = same.stream().map(ResolvedMigration::location).toList();
				ResolvedMigration first = same.get(0);
				String what = (first.version() != null) ? "version " + first.version()
						: "repeatable description '" + first.description() + "'";
				problems.add(new HoistStatus.Problem(Kind.DUPLICATE_VERSION,
						"Found " + same.size() + " migrations with " + what + ": " + String.join(", ", locations)
								+ ". Every version must be unique (two branches merged?): renumber one of them",
						locations));
			}
		}
		// keep the first of each duplicate so the rest of validation still
		// sees the version
		migrations.clear();
		byKey.values().forEach((same) -> migrations.add(same.get(0)));
	}

	private List<SourceFile> scan(String configured, List<HoistStatus.Problem> problems) {
		String trimmed = configured.strip();
		boolean optional = trimmed.startsWith(OPTIONAL);
		String location = optional ? trimmed.substring(OPTIONAL.length()).strip() : trimmed;
		if (location.startsWith(FILESYSTEM)) {
			Path directory = Paths.get(location.substring(FILESYSTEM.length()));
			if (!Files.isDirectory(directory)) {
				missing(location, optional, problems,
						(Files.exists(directory) ? "is not a directory (" : "does not exist (")
								+ directory.toAbsolutePath() + ")");
				return List.of();
			}
			return scanDirectory(directory, location);
		}
		String path = location.startsWith(CLASSPATH) ? location.substring(CLASSPATH.length()) : location;
		path = path.replaceAll("^/+", "").replaceAll("/+$", "");
		List<SourceFile> files = new ArrayList<>();
		try {
			Enumeration<URL> roots = this.configuration.getClassLoader().getResources(path);
			if (!roots.hasMoreElements()) {
				missing(CLASSPATH + path, optional, problems,
						"is not on the classpath: the build has no such directory (a jar built without its migrations?)");
			}
			while (roots.hasMoreElements()) {
				URL root = roots.nextElement();
				if ("file".equals(root.getProtocol())) {
					Path directory = Paths.get(root.toURI());
					List<SourceFile> indexed = IndexedFiles.inDirectory(directory, path, CLASSPATH + path);
					files.addAll((indexed != null) ? indexed : scanDirectory(directory, CLASSPATH + path));
				}
				else if ("resource".equals(root.getProtocol())) {
					// a native image's resources, fixed when the image was built from the
					// same build as the index
					List<SourceFile> indexed = IndexedFiles.atUrl(root, path, CLASSPATH + path);
					files.addAll((indexed != null) ? indexed : scanJar(root, path));
				}
				else {
					files.addAll(scanJar(root, path));
				}
			}
		}
		catch (IOException | URISyntaxException ex) {
			throw new HoistException("Cannot read migration location " + location + ": " + ex.getMessage(), ex);
		}
		return files;
	}

	// a mistyped location must not pass for one without migrations: a CI gate would pass
	// and a jar built without its migrations would start against any database
	private void missing(String location, boolean optional, List<HoistStatus.Problem> problems, String what) {
		if (optional) {
			logger.debug("Hoist: optional migration location {} {}", location, what);
			return;
		}
		problems.add(new HoistStatus.Problem(Kind.MISSING_LOCATION,
				"Migration location " + location + " " + what + ". Correct "
						+ SettingName.LOCATIONS.in(this.configuration)
						+ ", or mark a location that may be absent as optional: " + OPTIONAL + location,
				List.of(location)));
	}

	private static List<SourceFile> scanDirectory(Path directory, String location) {
		try (Stream<Path> paths = Files.walk(directory)) {
			return paths.filter(Files::isRegularFile)
				.filter((path) -> isSql(path.getFileName().toString()))
				.sorted()
				.map((path) -> new SourceFile(path.getFileName().toString(),
						location + "/" + directory.relativize(path).toString().replace('\\', '/'),
						load(path.toString(), () -> Files.newInputStream(path), () -> Files.newInputStream(path))))
				.toList();
		}
		catch (IOException ex) {
			throw new HoistException("Cannot read migration location " + location + ": " + ex.getMessage(), ex);
		}
	}

	private static List<SourceFile> scanJar(URL root, String path) throws IOException {
		URLConnection connection = root.openConnection();
		if (!(connection instanceof JarURLConnection jarConnection)) {
			throw new HoistException("Cannot list migration location classpath:" + path + " at " + root
					+ ": only directories and jar files are supported");
		}
		List<SourceFile> files = new ArrayList<>();
		JarFile jar = jarConnection.getJarFile();
		String entryPrefix = jarConnection.getEntryName();
		String prefix = (entryPrefix != null) ? entryPrefix.replaceAll("/+$", "") + "/" : path + "/";
		List<SourceFile> indexed = IndexedFiles.inJar(jar, root, prefix, "classpath:" + path);
		if (indexed != null) {
			if (!jarConnection.getUseCaches()) {
				jar.close();
			}
			return indexed;
		}
		Enumeration<JarEntry> entries = jar.entries();
		while (entries.hasMoreElements()) {
			JarEntry entry = entries.nextElement();
			String name = entry.getName();
			if (!entry.isDirectory() && name.startsWith(prefix) && isSql(name)) {
				String fileName = name.substring(name.lastIndexOf('/') + 1);
				// "/" + name: the entry's own URL in the same jar, opened again for a
				// large
				// file
				URL url = new URL(root, "/" + name);
				files.add(new SourceFile(fileName, "classpath:" + path + "/" + name.substring(prefix.length()),
						load(url.toString(), () -> jar.getInputStream(entry), url::openStream)));
			}
		}
		if (!jarConnection.getUseCaches()) {
			jar.close();
		}
		return files;
	}

	private static boolean isSql(String name) {
		return MigrationIndex.isSql(name);
	}

	private static FileContent.Loaded load(String where, FileContent.Source first, FileContent.Source again) {
		try {
			return FileContent.load(first, again);
		}
		catch (IOException ex) {
			throw new HoistException("Cannot read migration file " + where + ": " + ex, ex);
		}
	}

	record SourceFile(String name, String location, FileContent.Loaded content) {
	}

	/**
	 * What a migration's file name says.
	 *
	 * @param version the version, {@code null} for a repeatable
	 * @param description the description, possibly empty
	 * @param type SQL or REPEATABLE
	 */
	record Named(@Nullable MigrationVersion version, String description, MigrationInfo.Type type) {
	}

	/**
	 * What the build contains.
	 *
	 * @param migrations the usable migrations, versioned by version then repeatables by
	 * description
	 * @param problems the files that cannot be used and duplicate versions
	 */
	public record Loaded(List<ResolvedMigration> migrations, List<HoistStatus.Problem> problems) {

		public Loaded {
			migrations = List.copyOf(migrations);
			problems = List.copyOf(problems);
		}

	}

}
