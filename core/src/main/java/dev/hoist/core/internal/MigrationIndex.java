package dev.hoist.core.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import dev.hoist.core.MigrationVersion;
import org.jspecify.annotations.Nullable;

/**
 * The build-time index of a classpath root's migration files, {@value #RESOURCE}: for
 * every {@code .sql} file under the root its path, size and CRC-32 (what a jar's
 * directory records for each entry, so the index is checked against a jar without opening
 * a file), the checksum Hoist records in history, and for migrations their type, version
 * and whether a down section can run. Written by the build
 * ({@link MigrationIndexProcessor}, or {@link #main(String[])}); read at startup so that
 * a start at the head neither reads nor hashes the files.
 * <p>
 * One line per file, tab-separated: path, size, CRC-32 in hex, checksum, type ({@code V},
 * {@code R}, or {@code -} for a file whose name is not a migration's), version ({@code -}
 * when none), down ({@code down}, {@code none}, or {@code ?} when the file could not be
 * read as a migration). Lines starting with {@code #} are comments; the first names the
 * format.
 */
public final class MigrationIndex {

	/** Where the index lies, relative to the classpath root it describes. */
	public static final String RESOURCE = "dev/hoist/migration.index";

	static final String HEADER = "# hoist migration index 1";

	private final Map<String, Entry> entries;

	private MigrationIndex(Map<String, Entry> entries) {
		this.entries = entries;
	}

	/**
	 * Write the index of a directory that holds a build's resources (such as
	 * {@code target/classes}) into that directory, or delete a left-over one when the
	 * directory holds no {@code .sql} file.
	 * @param args the directory
	 * @throws IOException if a file cannot be read or the index written
	 */
	public static void main(String[] args) throws IOException {
		if (args.length != 1) {
			System.err.println("Usage: java -cp hoist-core.jar " + MigrationIndex.class.getName() + " <classes-dir>");
			System.exit(2);
		}
		Path root = Path.of(args[0]);
		int files = write(root, root.resolve(RESOURCE));
		System.out.println("Hoist: indexed " + files + " migration files in " + root.resolve(RESOURCE));
	}

	/**
	 * Index every {@code .sql} file under a directory into a file, or delete the file
	 * when there are none.
	 * @param root the directory of resources, such as {@code target/classes}
	 * @param index where to write the index
	 * @return how many files the index lists
	 * @throws IOException if a file cannot be read or the index written
	 */
	public static int write(Path root, Path index) throws IOException {
		String text = build(root);
		if (text == null) {
			Files.deleteIfExists(index);
			return 0;
		}
		Files.createDirectories(index.getParent());
		Files.writeString(index, text, StandardCharsets.UTF_8);
		return (int) text.lines().filter((line) -> !line.startsWith("#")).count();
	}

	/**
	 * Return the index of every {@code .sql} file under a directory.
	 * @param root the directory
	 * @return the index's text, or {@code null} when there is no {@code .sql} file
	 * @throws IOException if a file cannot be read
	 */
	static @Nullable String build(Path root) throws IOException {
		if (!Files.isDirectory(root)) {
			return null;
		}
		List<Path> files;
		try (Stream<Path> paths = Files.walk(root)) {
			files = paths.filter(Files::isRegularFile)
				.filter((path) -> isSql(path.getFileName().toString()))
				.sorted()
				.toList();
		}
		StringBuilder text = new StringBuilder(HEADER).append(
				": path, size, crc32, checksum, type (V versioned, R repeatable, - not a migration), version, down\n");
		int count = 0;
		for (Path file : files) {
			String path = root.relativize(file).toString().replace('\\', '/');
			if (path.indexOf('\t') >= 0 || path.indexOf('\n') >= 0 || path.indexOf('\r') >= 0) {
				// unrepresentable: left out, so the index disagrees with the files and is
				// not used
				continue;
			}
			text.append(line(path, file)).append('\n');
			count++;
		}
		return (count > 0) ? text.toString() : null;
	}

	private static String line(String path, Path file) throws IOException {
		byte[] bytes = Files.readAllBytes(file);
		CRC32 crc = new CRC32();
		crc.update(bytes);
		String name = path.substring(path.lastIndexOf('/') + 1);
		MigrationLoader.Named named = MigrationLoader.named(name);
		String version = "-";
		String type = "-";
		String down = "-";
		if (named != null) {
			type = (named.version() != null) ? "V" : "R";
			version = (named.version() != null) ? named.version().toString() : "-";
			down = down(name, bytes);
		}
		return String.join("\t", path, Long.toString(bytes.length), Long.toHexString(crc.getValue()),
				Checksums.sha256(bytes), type, version, down);
	}

	private static String down(String name, byte[] bytes) {
		try {
			SqlMigrationParser.Parsed parsed = SqlMigrationParser.parse(name,
					Checksums.normalize(new String(bytes, StandardCharsets.UTF_8)));
			boolean runs = parsed.down() != null && parsed.downProblem() == null && parsed.down().hasStatements();
			return runs ? "down" : "none";
		}
		catch (RuntimeException ex) {
			// read again, with its error, when it is pending or downgraded
			return "?";
		}
	}

	/**
	 * Read an index.
	 * @param in the index's bytes
	 * @return the index, or {@code null} when it is not in a format this version reads
	 * @throws IOException if it cannot be read
	 */
	static @Nullable MigrationIndex read(InputStream in) throws IOException {
		BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
		String first = reader.readLine();
		if (first == null || !first.startsWith(HEADER)) {
			return null;
		}
		Map<String, Entry> entries = new HashMap<>();
		for (String line = reader.readLine(); line != null; line = reader.readLine()) {
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			String[] fields = line.split("\t", -1);
			if (fields.length != 7) {
				return null;
			}
			try {
				entries.put(fields[0], new Entry(fields[0], Long.parseLong(fields[1]), Long.parseLong(fields[2], 16),
						fields[3], fields[4], fields[5], fields[6]));
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		return new MigrationIndex(entries);
	}

	/**
	 * Return the entries under a directory of the root, such as {@code db/migration}.
	 * @param directory the directory, without leading or trailing slash; empty for the
	 * root
	 * @return the entries by path
	 */
	Map<String, Entry> under(String directory) {
		String prefix = directory.isEmpty() ? "" : directory + "/";
		Map<String, Entry> result = new HashMap<>();
		this.entries.forEach((path, entry) -> {
			if (path.startsWith(prefix)) {
				result.put(path, entry);
			}
		});
		return result;
	}

	static boolean isSql(String name) {
		return name.toLowerCase(Locale.ROOT).endsWith(".sql");
	}

	/**
	 * One indexed file.
	 *
	 * @param path the path relative to the root
	 * @param size the size in bytes
	 * @param crc the CRC-32 of the bytes
	 * @param checksum the checksum of the normalized text, as history records it
	 * @param type {@code V}, {@code R} or {@code -}
	 * @param version the version, or {@code -}
	 * @param down {@code down}, {@code none} or {@code ?}
	 */
	record Entry(String path, long size, long crc, String checksum, String type, String version, String down) {

		/**
		 * Return whether the entry says what the file's name says, as this version of
		 * Hoist reads names: an index written by a version with other naming rules is not
		 * used.
		 * @param name the file name
		 * @return whether they agree
		 */
		boolean agreesWith(String name) {
			MigrationLoader.Named named = MigrationLoader.named(name);
			if (named == null) {
				return this.type.equals("-");
			}
			MigrationVersion version = named.version();
			return (version != null) ? this.type.equals("V") && this.version.equals(version.toString())
					: this.type.equals("R");
		}

	}

}
